import { listAssumptions, type AssumptionUnit, type LocalizedText, type Plan } from '@shopplan/schema';
import type { PlanResult } from '@shopplan/engine';

/**
 * Which way a figure is good news for the planner: more GMV, orders,
 * visitors or ROI is good; more spend or a dearer order is bad. Compare
 * colours a change by this, never by its sign alone (more spend is not green).
 */
export type Better = 'higher' | 'lower';

/** A figure compared across scenarios. */
export interface ComparedMetric {
  key: string;
  label: LocalizedText;
  unit: 'money' | 'count' | 'ratio';
  /** Which way is good news for the planner. */
  better: Better;
  /** Per scenario, in the order given: value, difference to the baseline (absolute and relative). */
  cells: Array<{ scenarioId: string; value: number | null; delta: number | null; deltaPct: number | null }>;
}

/** One scenario's computed result for comparison. */
export interface ScenarioFigures {
  scenarioId: string;
  result: PlanResult | undefined;
  /** The total row's cost per order as HyperFormula computed it (null where blank). */
  totalCostPerOrder?: number | null;
}

const TOTALS: Array<{ key: 'gmv' | 'spend' | 'roi' | 'orders' | 'visitors'; label: LocalizedText; unit: ComparedMetric['unit']; better: Better }> = [
  { key: 'gmv', label: { zh: '总成交额', en: 'Total GMV' }, unit: 'money', better: 'higher' },
  { key: 'spend', label: { zh: '总花费', en: 'Total spend' }, unit: 'money', better: 'lower' },
  { key: 'roi', label: { zh: '投产比', en: 'ROI' }, unit: 'ratio', better: 'higher' },
  { key: 'orders', label: { zh: '订单数', en: 'Orders' }, unit: 'count', better: 'higher' },
  { key: 'visitors', label: { zh: '访客数', en: 'Visitors' }, unit: 'count', better: 'higher' },
];

/**
 * Whether a change to the baseline is good news, bad news or no change:
 * a rise of a figure where higher is better is good, a rise of spend is bad.
 * @example judgeChange(1200, 'lower') // 'bad' (more spend)
 */
export function judgeChange(delta: number | null, better: Better): 'good' | 'bad' | 'same' | 'unknown' {
  if (delta === null) return 'unknown';
  if (Math.abs(delta) < 1e-9) return 'same';
  return (delta > 0) === (better === 'higher') ? 'good' : 'bad';
}

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
  const baseFigures = scenarios.find((s) => s.scenarioId === baselineId);
  const row = (key: string, label: LocalizedText, unit: ComparedMetric['unit'], better: Better, pick: (r: PlanResult, s: ScenarioFigures) => number | null) => {
    const baseValue = base && baseFigures ? pick(base, baseFigures) : null;
    rows.push({
      key,
      label,
      unit,
      better,
      cells: scenarios.map((s) => {
        const value = s.result ? pick(s.result, s) : null;
        return { scenarioId: s.scenarioId, value, ...difference(value, baseValue) };
      }),
    });
  };
  for (const m of TOTALS) row(`total.${m.key}`, m.label, m.unit, m.better, (r) => r.total[m.key]);
  if (scenarios.some((s) => s.totalCostPerOrder !== undefined)) {
    row('total.costPerOrder', { zh: '单笔订单成本', en: 'Cost per order' }, 'money', 'lower', (_r, s) => s.totalCostPerOrder ?? null);
  }
  for (const [id, name] of channelNames) {
    row(`${id}.spend`, { zh: `${name.zh} 花费`, en: `${name.en} spend` }, 'money', 'lower', (r) => r.channels.find((c) => c.id === id)?.spend ?? null);
    row(`${id}.gmv`, { zh: `${name.zh} 成交额`, en: `${name.en} GMV` }, 'money', 'higher', (r) => r.channels.find((c) => c.id === id)?.gmv ?? null);
  }
  return rows;
}

/** An input (assumption) that differs between scenarios, with each scenario's value. */
export interface ComparedInput {
  /** The assumption's plan path (`channels.search.cpc`). */
  path: string;
  label: LocalizedText;
  unit: AssumptionUnit;
  /** Per scenario, in the order given: its value (null where the scenario has no such input) and the change from the baseline. */
  cells: Array<{ scenarioId: string; value: number | null; delta: number | null; deltaPct: number | null }>;
}

/**
 * The inputs that differ between scenarios: every numeric assumption
 * (objective, channels, products) whose value is not the same in all of
 * them, or that some scenario lacks (a channel added in one scenario).
 * Rows keep the plans' reading order, the baseline's first.
 * @example compareInputs([{ scenarioId: 'a', plan: base }, { scenarioId: 'b', plan: cheaperClicks }], 'a')
 *   // [{ path: 'channels.search.cpc', cells: [{ value: 1.2 }, { value: 1.0, delta: -0.2 }] }]
 */
export function compareInputs(scenarios: ReadonlyArray<{ scenarioId: string; plan: Plan }>, baselineId: string): ComparedInput[] {
  const byScenario = scenarios.map((s) => new Map(listAssumptions(s.plan).map((a) => [a.path, a])));
  const ordered = [...scenarios].sort((a, b) => Number(b.scenarioId === baselineId) - Number(a.scenarioId === baselineId));
  const baseIndex = Math.max(0, scenarios.findIndex((s) => s.scenarioId === baselineId));
  const paths = new Map<string, { label: LocalizedText; unit: AssumptionUnit }>();
  for (const s of ordered) {
    const plan = s.plan;
    for (const a of listAssumptions(plan)) {
      if (paths.has(a.path)) continue;
      const owner = a.owner?.kind === 'channel' ? plan.channels.find((c) => c.id === a.owner?.id)?.name
        : a.owner?.kind === 'product' ? plan.products?.find((p) => p.id === a.owner?.id)?.name : undefined;
      paths.set(a.path, { label: owner ? { zh: `${owner.zh} · ${a.label.zh}`, en: `${owner.en} · ${a.label.en}` } : a.label, unit: a.unit });
    }
  }
  const out: ComparedInput[] = [];
  for (const [path, { label, unit }] of paths) {
    const values = byScenario.map((m) => m.get(path)?.value ?? null);
    const first = values[0] ?? null;
    if (values.every((v) => v === first)) continue;
    const baseValue = values[baseIndex] ?? null;
    out.push({
      path,
      label,
      unit,
      cells: scenarios.map((s, i) => {
        const value = values[i] ?? null;
        return { scenarioId: s.scenarioId, value, ...difference(value, baseValue) };
      }),
    });
  }
  return out;
}
