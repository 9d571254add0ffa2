import { useMemo } from 'react';
import type { LocalizedText } from '@shopplan/schema';
import { formatNumber } from '../number/index.ts';
import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { compareScenarios } from '../session/scenario-diff.ts';
import { t } from '../i18n/index.ts';
import { ScenarioChart } from './chart-adapters.tsx';

/** Metrics where more is better (a rise is good news); for spend a rise is shown as a cost. */
const HIGHER_IS_BETTER = (key: string) => !key.endsWith('spend');

/**
 * Scenarios side by side against the baseline: each figure, its difference
 * (absolute and %), highlighted when it moves; a chart of GMV / spend / ROI.
 */
export function CompareView({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const { session } = snap;
  const lang = session.lang;
  const channelNames = useMemo(() => {
    const names = new Map<string, LocalizedText>();
    for (const s of session.scenarios) for (const c of s.plan.channels) if (!names.has(c.id)) names.set(c.id, c.name);
    return names;
  }, [session.scenarios]);
  const rows = compareScenarios(
    session.scenarios.map((s) => ({ scenarioId: s.id, result: snap.figures[s.id]?.result })),
    session.baselineScenarioId,
    channelNames,
  );
  const baseline = session.scenarios.find((s) => s.id === session.baselineScenarioId);

  return (
    <div className="compare-view">
      <section className="panel">
        <h2>
          {t('viewCompare', lang)} · {lang === 'zh' ? `与“${baseline?.name.zh ?? ''}”相比（差额与百分比）` : `against “${baseline?.name.en ?? ''}” (difference and %)`}
        </h2>
        {session.scenarios.length < 2 && (
          <p className="hint">{lang === 'zh' ? '只有一个方案。点击“＋ 复制方案”做出保守 / 激进方案，再来对比。' : 'There is one scenario. Use “＋ Duplicate” to make a conservative or aggressive one, then compare.'}</p>
        )}
        <div className="table-wrap">
          <table className="compare" data-testid="compare-table">
            <thead>
              <tr>
                <th>{t('metric', lang)}</th>
                {session.scenarios.map((s) => (
                  <th key={s.id} colSpan={s.id === session.baselineScenarioId ? 1 : 2} className={s.id === session.baselineScenarioId ? 'base' : ''}>
                    <button type="button" className="link" onClick={() => controller.activate(s.id)}>{s.name[lang]}</button>
                    {s.id === session.baselineScenarioId ? <span className="badge">{t('baseline', lang)}</span> : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-testid={`compare-row-${row.key}`}>
                  <th>{row.label[lang]}</th>
                  {row.cells.flatMap((c) => {
                    const isBase = c.scenarioId === session.baselineScenarioId;
                    const value = <td key={`${c.scenarioId}-v`} className="num" data-testid={`compare-${row.key}-${c.scenarioId}`} data-value={c.value ?? ''}>{formatNumber(c.value, row.unit, lang)}</td>;
                    if (isBase) return [value];
                    const moved = c.delta !== null && Math.abs(c.deltaPct ?? (c.delta === 0 ? 0 : 1)) > 1e-9;
                    const good = c.delta !== null && (c.delta > 0) === HIGHER_IS_BETTER(row.key);
                    const cls = moved ? (good ? 'delta good' : 'delta bad') : 'delta';
                    return [
                      value,
                      <td key={`${c.scenarioId}-d`} className={cls} data-testid={`compare-delta-${row.key}-${c.scenarioId}`} data-delta={c.delta ?? ''} data-delta-pct={c.deltaPct ?? ''}>
                        {moved ? `${formatNumber(c.delta, row.unit, lang, { signed: true })} (${c.deltaPct === null ? '—' : formatNumber(c.deltaPct, 'rate', lang, { signed: true, decimals: 1 })})` : '='}
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
