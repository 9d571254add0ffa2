import type { LocalizedText } from '@shopplan/schema';
import type { PlanResult } from '@shopplan/engine';

/** A figure compared across scenarios. */
export interface ComparedMetric {
  key: string;
  label: LocalizedText;
  unit: 'money' | 'count' | 'ratio';
  /** Per scenario, in the order given: value, difference to the baseline (absolute and relative). */
  cells: Array<{ scenarioId: string; value: number | null; delta: number | null; deltaPct: number | null }>;
}

/** One scenario's computed result for comparison. */
export interface ScenarioFigures {
  scenarioId: string;
  result: PlanResult | undefined;
}

const TOTALS: Array<{ key: 'gmv' | 'spend' | 'roi' | 'orders' | 'visitors'; label: LocalizedText; unit: ComparedMetric['unit'] }> = [
  { key: 'gmv', label: { zh: '总成交额', en: 'Total GMV' }, unit: 'money' },
  { key: 'spend', label: { zh: '总花费', en: 'Total spend' }, unit: 'money' },
  { key: 'roi', label: { zh: '投产比', en: 'ROI' }, unit: 'ratio' },
  { key: 'orders', label: { zh: '订单数', en: 'Orders' }, unit: 'count' },
  { key: 'visitors', label: { zh: '访客数', en: 'Visitors' }, unit: 'count' },
];

/**
 * Differences of a number to the baseline's: absolute, and relative to the
 * baseline (null where the baseline is 0 or missing, never NaN or Infinity).
 * @example difference(110, 100) // { delta: 10, deltaPct: 0.1 }
 */
export function difference(value: number | null, base: number | null): { delta: number | null; deltaPct: number | null } {
  if (value === null || base === null || !Number.isFinite(value) || !Number.isFinite(base)) return { delta: null, deltaPct: null };
  const delta = value - base;
  return { delta, deltaPct: base === 0 ? null : delta / Math.abs(base) };
}

/**
 * The comparison table of scenarios against a baseline: totals first, then
 * each channel's spend and GMV (channels matched by id; a channel missing in
 * a scenario shows null).
 */
export function compareScenarios(
  scenarios: readonly ScenarioFigures[],
  baselineId: string,
  channelNames: ReadonlyMap<string, LocalizedText>,
): ComparedMetric[] {
  const base = scenarios.find((s) => s.scenarioId === baselineId)?.result;
  const rows: ComparedMetric[] = [];
  const row = (key: string, label: LocalizedText, unit: ComparedMetric['unit'], pick: (r: PlanResult) => number | null) => {
    const baseValue = base ? pick(base) : null;
    rows.push({
      key,
      label,
      unit,
      cells: scenarios.map((s) => {
        const value = s.result ? pick(s.result) : null;
        return { scenarioId: s.scenarioId, value, ...difference(value, baseValue) };
      }),
    });
  };
  for (const m of TOTALS) row(`total.${m.key}`, m.label, m.unit, (r) => r.total[m.key]);
  for (const [id, name] of channelNames) {
    row(`${id}.spend`, { zh: `${name.zh} 花费`, en: `${name.en} spend` }, 'money', (r) => r.channels.find((c) => c.id === id)?.spend ?? null);
    row(`${id}.gmv`, { zh: `${name.zh} 成交额`, en: `${name.en} GMV` }, 'money', (r) => r.channels.find((c) => c.id === id)?.gmv ?? null);
  }
  return rows;
}
