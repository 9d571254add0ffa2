import type { Lang } from '@shopplan/schema';
import { formatNumber } from '../number/index.ts';
import type { NumberUnit } from '../number/index.ts';
import { t } from '../i18n/index.ts';
import type { FormulaRef } from '../worker/formula-text.ts';
import type { Intermediates } from '../worker/protocol.ts';
import { FormulaText } from './FormulaText.tsx';

/** The engine's Summary labels in Chinese (the sheet keeps English; the labels are fixed by the engine). */
const NAMED_ZH: Record<string, string> = {
  'GMV of free channels': '免费渠道成交额',
  'Fixed fees': '固定费用合计',
  'GMV the paid channels must bring': '付费渠道需贡献成交额',
  'GMV per paid visitor': '付费访客平均UV价值',
  'Paid visitors needed': '所需付费访客数',
  'Cost per paid visitor': '付费访客平均成本',
  'Paid visitors the budget buys': '预算可买付费访客数',
  'Cost per ¥ of paid GMV': '付费成交单位成本',
  'Paid GMV the budget reaches': '预算可达付费成交额',
  'GMV the product calendar splits': '商品日历分配的成交额',
};

/** The unit of a named figure, from its name (a count of visitors, a ratio, otherwise money). */
function namedUnit(name: string): NumberUnit {
  if (name.endsWith('visitors')) return 'count';
  if (name.endsWith('per_gmv')) return 'ratio';
  return 'money';
}

/** Unit of a Channels-sheet column from its spreadsheet format. */
function columnUnit(format: string): NumberUnit {
  return format === 'rate' ? 'rate' : format === 'money' ? 'money' : format === 'ratio' ? 'ratio' : 'count';
}

/** The element id of an intermediate figure, for links from formulas. */
export function figureElementId(ref: FormulaRef): string {
  return ref.kind === 'name' ? `figure-name-${ref.name}` : `figure-cell-${ref.rowId}-${ref.column}`;
}

/**
 * The figures between the planner's inputs and the results, where formulas
 * can lead: the plan-level named cells (paid visitors needed, cost per paid
 * visitor, …) with their own formulas, and the channel figures the results
 * grid does not show (GMV per visitor, cost per visitor, fixed fee, …).
 */
export function IntermediateFigures({ data, hiddenColumns, lang, onFollow }: { data: Intermediates | undefined; hiddenColumns: ReadonlySet<string>; lang: Lang; onFollow(ref: FormulaRef): void }) {
  if (!data) return null;
  const columns = data.columns.filter((c) => !hiddenColumns.has(c.key) && data.channels.some((r) => typeof r.values[c.key] === 'number'));
  const channelName = (rowId: string) => (rowId === 'total' ? t('total', lang) : rowId);
  return (
    <section className="panel intermediate" data-testid="intermediate-figures">
      <h2>{t('intermediateFigures', lang)}</h2>
      <p className="hint">{t('intermediateHint', lang)}</p>
      <table className="figures">
        <tbody>
          {data.named.map((n) => (
            <tr key={n.name} id={figureElementId({ kind: 'name', name: n.name })} tabIndex={-1} data-testid={`figure-name-${n.name}`} data-value={typeof n.value === 'number' ? n.value : ''}>
              <th>{lang === 'zh' ? (NAMED_ZH[n.label] ?? n.label) : n.label} <span className="figure-name-code">{n.name}</span></th>
              <td className="num">{typeof n.value === 'number' ? formatNumber(n.value, namedUnit(n.name), lang, { compact: false }) : '—'}</td>
              <td>{n.formula ? <FormulaText parts={n.formula.parts} fallback={n.formula.raw} lang={lang} onFollow={onFollow} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {columns.length > 0 && (
        <div className="table-wrap">
          <table className="figures channel-figures" data-testid="channel-figures">
            <thead>
              <tr>
                <th>{t('channel', lang)}</th>
                {columns.map((c) => <th key={c.key}>{c.header[lang]}</th>)}
              </tr>
            </thead>
            <tbody>
              {data.channels.map((r) => (
                <tr key={r.rowId}>
                  <th>{r.names?.[lang] ?? channelName(r.rowId)}</th>
                  {columns.map((c) => {
                    const v = r.values[c.key];
                    const f = r.formulas[c.key];
                    return (
                      <td
                        key={c.key}
                        className="num"
                        id={figureElementId({ kind: 'cell', rowId: r.rowId, column: c.key })}
                        tabIndex={-1}
                        data-testid={`figure-cell-${r.rowId}-${c.key}`}
                        data-value={typeof v === 'number' ? v : ''}
                        title={f ? f.readable[lang] : undefined}
                      >
                        {typeof v === 'number' ? formatNumber(v, columnUnit(c.format), lang, { compact: false }) : '—'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
