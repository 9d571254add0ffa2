import { useMemo } from 'react';
import type { LocalizedText } from '@shopplan/schema';
import { formatNumber } from '../number/index.ts';
import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { compareInputs, compareScenarios, judgeChange } from '../session/scenario-diff.ts';
import { t } from '../i18n/index.ts';
import { ScenarioChart } from './chart-adapters.tsx';

/**
 * Scenarios side by side against the baseline: first the inputs that
 * differ (what the planner changed), then each result with its difference
 * (absolute and %), coloured by what it means for the plan (more GMV or a
 * cheaper order is good and green; more spend is bad and amber), with a
 * legend; a chart of GMV / spend / ROI. The table scrolls sideways with the
 * figure names kept in view, so seven scenarios read as well as two.
 */
export function CompareView({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const { session } = snap;
  const lang = session.lang;
  const baselineId = session.baselineScenarioId;
  const channelNames = useMemo(() => {
    const names = new Map<string, LocalizedText>();
    for (const s of session.scenarios) for (const c of s.plan.channels) if (!names.has(c.id)) names.set(c.id, c.name);
    return names;
  }, [session.scenarios]);
  const rows = compareScenarios(
    session.scenarios.map((s) => {
      const f = snap.figures[s.id];
      return f?.totalExtra ? { scenarioId: s.id, result: f.result, totalCostPerOrder: f.totalExtra.costPerOrder } : { scenarioId: s.id, result: f?.result };
    }),
    baselineId,
    channelNames,
  );
  const inputs = useMemo(() => compareInputs(session.scenarios.map((s) => ({ scenarioId: s.id, plan: s.plan })), baselineId), [session.scenarios, baselineId]);
  const baseline = session.scenarios.find((s) => s.id === baselineId);

  const head = (
    <tr>
      <th className="sticky-col">{t('metric', lang)}</th>
      {session.scenarios.map((s) => (
        <th key={s.id} colSpan={s.id === baselineId ? 1 : 2} className={s.id === baselineId ? 'base' : ''}>
          <button type="button" className="link" onClick={() => controller.activate(s.id)}>{s.name[lang]}</button>
          {s.id === baselineId ? <span className="badge">{t('baseline', lang)}</span> : null}
        </th>
      ))}
    </tr>
  );
  const deltaText = (delta: number | null, deltaPct: number | null, unit: Parameters<typeof formatNumber>[1]) =>
    `${formatNumber(delta, unit, lang, { signed: true })} (${deltaPct === null ? '—' : formatNumber(deltaPct, 'rate', lang, { signed: true, decimals: 1 })})`;

  return (
    <div className="compare-view">
      <section className="panel">
        <h2>
          {t('viewCompare', lang)} · {lang === 'zh' ? `与“${baseline?.name.zh ?? ''}”相比（差额与百分比）` : `against “${baseline?.name.en ?? ''}” (difference and %)`}
        </h2>
        {session.scenarios.length < 2 && (
          <p className="hint">{lang === 'zh' ? '只有一个方案。点击“＋ 复制方案”做出保守 / 激进方案，再来对比。' : 'There is one scenario. Use “＋ Duplicate” to make a conservative or aggressive one, then compare.'}</p>
        )}
        <ul className="compare-legend" data-testid="compare-legend">
          <li><span className="swatch good" />{t('legendGood', lang)}</li>
          <li><span className="swatch bad" />{t('legendBad', lang)}</li>
          <li><span className="swatch changed" />{t('legendChanged', lang)}</li>
          <li><span className="swatch" />{t('legendSame', lang)}</li>
        </ul>
        {session.scenarios.length >= 2 && (
          <>
            <h3>{t('compareInputs', lang)}</h3>
            {inputs.length === 0 ? (
              <p className="hint" data-testid="compare-inputs-none">{t('compareInputsNone', lang)}</p>
            ) : (
              <div className="table-wrap">
                <table className="compare" data-testid="compare-inputs">
                  <thead>{head}</thead>
                  <tbody>
                    {inputs.map((row) => (
                      <tr key={row.path} data-testid={`compare-input-${row.path}`}>
                        <th className="sticky-col">{row.label[lang]}</th>
                        {row.cells.flatMap((c) => {
                          const value = <td key={`${c.scenarioId}-v`} className="num" data-testid={`compare-input-${row.path}-${c.scenarioId}`} data-value={c.value ?? ''}>{c.value === null ? '—' : formatNumber(c.value, row.unit, lang, { compact: false })}</td>;
                          if (c.scenarioId === baselineId) return [value];
                          const moved = c.value !== (row.cells.find((b) => b.scenarioId === baselineId)?.value ?? null);
                          return [
                            value,
                            <td key={`${c.scenarioId}-d`} className={moved ? 'delta changed' : 'delta'} data-delta={c.delta ?? ''}>
                              {moved ? (c.delta === null ? '≠' : deltaText(c.delta, c.deltaPct, row.unit)) : '='}
                            </td>,
                          ];
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <h3>{t('compareOutputs', lang)}</h3>
          </>
        )}
        <div className="table-wrap">
          <table className="compare" data-testid="compare-table">
            <thead>{head}</thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-testid={`compare-row-${row.key}`}>
                  <th className="sticky-col">{row.label[lang]}</th>
                  {row.cells.flatMap((c) => {
                    const isBase = c.scenarioId === baselineId;
                    const value = <td key={`${c.scenarioId}-v`} className="num" data-testid={`compare-${row.key}-${c.scenarioId}`} data-value={c.value ?? ''}>{formatNumber(c.value, row.unit, lang)}</td>;
                    if (isBase) return [value];
                    const judged = judgeChange(c.delta, row.better);
                    const moved = judged === 'good' || judged === 'bad';
                    return [
                      value,
                      <td key={`${c.scenarioId}-d`} className={moved ? `delta ${judged}` : 'delta'} data-testid={`compare-delta-${row.key}-${c.scenarioId}`} data-judged={judged} data-delta={c.delta ?? ''} data-delta-pct={c.deltaPct ?? ''}>
                        {moved ? deltaText(c.delta, c.deltaPct, row.unit) : judged === 'same' ? '=' : '—'}
                      </td>,
                    ];
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel">
        <h2>{t('scenarioChart', lang)}</h2>
        <ScenarioChart snap={snap} />
      </section>
    </div>
  );
}
