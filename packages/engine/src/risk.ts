import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { isCommissionChannel, isPaid, listAssumptions, parsePlan, planIssue, RATE_FIELDS, type Plan, type PlanIssue } from '@shopplan/schema';
import { channelCol, SHEET, type ChannelColumnKey } from './channel-model.ts';
import { PlanModel, writeModelCells } from './plan-model.ts';
import { WorkbookDriver, withPlanModel } from './workbook-driver.ts';

/** How many draws and which seed; the same seed gives the same numbers. */
export interface RiskOptions {
  /** Number of draws (default 10,000). */
  draws?: number;
  /** Seed of the xoroshiro128+ generator (default 1). */
  seed?: number;
  /** The GMV to reach; defaults to the plan's target objective. */
  target?: number;
  /**
   * Called as draws complete (about every 1% of them, at least every 100
   * draws, and once at the end) with the draws done and the total: a long
   * run can show that it is alive. Synchronous; the engine keeps no clock.
   */
  onProgress?: (done: number, total: number) => void;
}

/** The most draws one simulation takes: 100,000 already pins P10 / P90 to well under 1%. */
export const MAX_RISK_DRAWS = 100_000;

/** P10 / P50 / P90 of one figure over the draws. */
export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
}

/** One uncertain assumption as sampled: where its range came from. */
export interface RiskRange {
  driver: string;
  low: number;
  base: number;
  high: number;
  /** `plan`: the plan's `uncertainty`; `untested`: the wide default of an untested channel. */
  source: 'plan' | 'untested';
}

/** The risk of a plan: percentiles, the chance of reaching the target, and what moves GMV most. */
export interface RiskResult {
  draws: number;
  seed: number;
  gmv: Percentiles;
  spend: Percentiles;
  roi: Percentiles;
  /** Share of draws whose GMV reaches the target; null when the plan has no target. */
  probabilityOfTarget: number | null;
  /** GMV with one assumption at its low and at its high (others at base), biggest swing first. */
  tornado: Array<{ driver: string; low: number; high: number }>;
  /** The plan's own figures (every assumption at base). */
  base: { gmv: number; spend: number; roi: number | null };
  ranges: RiskRange[];
  /** Draws HyperFormula could not compute (left out of the percentiles). */
  failedDraws: number;
  /** The GMV draws as a histogram, for the risk chart (sending every draw to a page is wasteful). */
  gmvHistogram: RiskHistogramBin[];
}

/** One bar of the GMV histogram: draws in [from, to) (the last bar includes `to`). */
export interface RiskHistogramBin {
  from: number;
  to: number;
  count: number;
}

/** How many bars the GMV histogram has: enough to show the shape, few enough to read. */
export const RISK_HISTOGRAM_BINS = 30;

/**
 * Counts values into equal-width bins between their minimum and maximum.
 * @example riskHistogram(new Float64Array([1, 2, 2, 3]), 2) // [{from:1,to:2,count:1},{from:2,to:3,count:3}]
 */
export function riskHistogram(values: Float64Array, bins: number = RISK_HISTOGRAM_BINS): RiskHistogramBin[] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // every draw equal (ranges collapsed): one bar holding them all
  if (!(max > min)) return [{ from: min, to: max, count: values.length }];
  const width = (max - min) / bins;
  const out = Array.from({ length: bins }, (_, i) => ({ from: min + i * width, to: i === bins - 1 ? max : min + (i + 1) * width, count: 0 }));
  for (const v of values) out[Math.min(bins - 1, Math.floor((v - min) / width))]!.count++;
  return out;
}

/** Risk outcome: a result, or the issues that stop the simulation. */
export type RiskOutcome = { ok: true; result: RiskResult } | { ok: false; issues: PlanIssue[] };

/**
 * The wide default range of an untested channel (no history), as multiples of
 * the base value. Commission and fees are contracts, not guesses, so they are
 * not varied; rates are capped at 100%.
 */
export const UNTESTED_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  cvr: [0.5, 1.5],
  aov: [0.85, 1.15],
  cpc: [0.75, 1.5],
  cpm: [0.75, 1.5],
  ctr: [0.5, 1.5],
  responseRate: [0.5, 1.5],
  forecastVisitors: [0.6, 1.3],
  beta: [0.5, 1.5],
  kappa: [0.7, 1.5],
};

/** The ranges a plan's risk samples: the plan's own, then untested channels' defaults. */
export function riskRanges(plan: Plan): RiskRange[] {
  const out: RiskRange[] = [];
  const assumptions = listAssumptions(plan);
  for (const [driver, range] of Object.entries(plan.uncertainty ?? {})) {
    const a = assumptions.find((x) => x.path === driver);
    if (a) out.push({ driver, low: range.low, base: a.value, high: range.high, source: 'plan' });
  }
  for (const ch of plan.channels) {
    if (!ch.untested) continue;
    for (const a of assumptions) {
      if (a.owner?.kind !== 'channel' || a.owner.id !== ch.id || out.some((r) => r.driver === a.path)) continue;
      const factor = UNTESTED_RANGE[a.field];
      if (!factor) continue;
      const cap = RATE_FIELDS.has(a.field) ? 1 : Infinity;
      out.push({ driver: a.path, low: a.value * factor[0], base: a.value, high: Math.min(cap, a.value * factor[1]), source: 'untested' });
    }
  }
  return out;
}

/** A draw from the triangular distribution (low, mode = base, high) by its inverse CDF. */
function triangular(u: number, r: RiskRange): number {
  const { low, base, high } = r;
  if (high <= low) return base;
  const cut = (base - low) / (high - low);
  return u < cut ? low + Math.sqrt(u * (high - low) * (base - low)) : high - Math.sqrt((1 - u) * (high - low) * (high - base));
}

/** Percentile by linear interpolation between order statistics (Excel PERCENTILE.INC). */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * p;
  const i = Math.floor(h);
  const a = sorted[i]!;
  const b = sorted[Math.min(i + 1, sorted.length - 1)]!;
  return a + (h - i) * (b - a);
}

function percentiles(values: Float64Array): Percentiles {
  const sorted = values.slice().sort();
  return { p10: percentile(sorted, 0.1), p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9) };
}

/**
 * The plan as it is committed: each paid channel's lever at the base plan's
 * figures (spend for channels that buy visitors, visitors for commission
 * channels). Uncertain rates then move what that money brings.
 */
function committedPlan(plan: Plan, model: PlanModel): Plan {
  if (plan.objective.kind === 'channels') return plan;
  const result = model.result();
  const spend: Record<string, number> = {};
  const visitors: Record<string, number> = {};
  plan.channels.forEach((ch, i) => {
    if (!isPaid(ch.cost)) return;
    const c = result.channels[i]!;
    if (isCommissionChannel(ch.cost)) visitors[ch.id] = c.visitors;
    else spend[ch.id] = c.spend;
  });
  return { ...structuredClone(plan), objective: { kind: 'channels', spend, visitors } };
}

/**
 * Monte Carlo risk of a plan. Every uncertain assumption (the plan's
 * `uncertainty`, and the wide defaults of untested channels) is drawn from a
 * triangular distribution low / base / high with a seeded xoroshiro128+
 * generator (pure-rand), so a seed reproduces the numbers. The plan's spend
 * is committed as in the base plan (per-channel levers); each draw writes
 * the sampled assumption cells in one HyperFormula batch on a model built
 * once and reads back total GMV, spend and ROI. Returns P10 / P50 / P90, the
 * probability of reaching the target, and a tornado of GMV at each
 * assumption's low and high.
 * @example simulateRisk(plan, { draws: 10_000, seed: 7 }).result.gmv.p50
 */
export function simulateRisk(plan: Plan, options: RiskOptions = {}): RiskOutcome {
  const draws = options.draws ?? 10_000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(draws) || draws < 1 || draws > MAX_RISK_DRAWS) {
    return { ok: false, issues: [planIssue('draws', 'invalid_draws', '抽样次数必须是 1 到 100,000 之间的整数', 'draws must be a whole number from 1 to 100,000')] };
  }
  if (!Number.isInteger(seed)) {
    return { ok: false, issues: [planIssue('seed', 'invalid_seed', '随机种子必须是整数', 'the seed must be a whole number')] };
  }
  const target = options.target ?? (plan.objective.kind === 'target' ? plan.objective.gmv : undefined);
  const committed = withPlanModel(plan, ({ model: baseModel }): Plan | PlanIssue[] => {
    const base = baseModel.result();
    return base.issues.length > 0 ? base.issues : committedPlan(plan, baseModel);
  });
  if (Array.isArray(committed)) return { ok: false, issues: committed };
  const parsed = parsePlan(committed);
  if (!parsed.ok) return parsed;
  // Its own model, not the shared one: the draws run on a slim copy (below).
  const { products: _products, weeks: _weeks, ...channelPlan } = parsed.plan;
  const model = PlanModel.build(channelPlan, { days: 'never' });
  try {
    const baseResult = model.result();
    if (baseResult.issues.length > 0) return { ok: false, issues: baseResult.issues };
    slimForTotals(model);
    const drv = new WorkbookDriver(model);
    const ranges = riskRanges(parsed.plan).filter((r) => drv.has(r.driver));
    const cells = ranges.map((r) => drv.address(r.driver));
    const baseEdits = ranges.map((r, i) => [cells[i]!, r.base] as const);

    // Tornado first: one assumption at its low, then its high, the others at base.
    const swings = ranges.map((r, i) => {
      const at = (value: number) => {
        drv.set([[cells[i]!, value]]);
        const t = drv.totals();
        drv.set([[cells[i]!, r.base]]);
        return t;
      };
      return { range: r, cell: cells[i]!, low: at(r.low), high: at(r.high) };
    });
    const tornado = swings
      .map((s) => ({ driver: s.range.driver, low: s.low.gmv ?? 0, high: s.high.gmv ?? 0 }))
      .sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
    // An assumption that moves neither GMV nor spend at its low or its high
    // (a CPM under a response curve, say) is not written per draw: it would
    // only cost HyperFormula a recomputation of cells nobody reads here.
    const base0 = drv.totals();
    const active = swings.filter((s) => [s.low, s.high].some((t) => t.gmv !== base0.gmv || t.spend !== base0.spend));

    const gmv = new Float64Array(draws);
    const spend = new Float64Array(draws);
    const roi = new Float64Array(draws);
    const rng = xoroshiro128plus(seed);
    let kept = 0;
    let keptRoi = 0;
    let reached = 0;
    const edits: Array<readonly [(typeof cells)[number], number]> = active.map((s) => [s.cell, s.range.base] as const);
    const progressEvery = Math.max(100, Math.ceil(draws / 100));
    for (let d = 0; d < draws; d++) {
      if (options.onProgress && d > 0 && d % progressEvery === 0) options.onProgress(d, draws);
      for (let i = 0; i < active.length; i++) edits[i] = [active[i]!.cell, triangular(uniformFloat64(rng), active[i]!.range)];
      drv.set(edits);
      const t = drv.totals();
      if (t.gmv === null || t.spend === null) continue;
      gmv[kept] = t.gmv;
      spend[kept] = t.spend;
      // a draw without spend has no ROI: it is left out of the ROI percentiles, not counted as 0
      if (t.roi !== null) roi[keptRoi++] = t.roi;
      if (target !== undefined && t.gmv >= target * (1 - 1e-9)) reached++;
      kept++;
    }
    drv.set(baseEdits);
    options.onProgress?.(draws, draws);
    // Percentiles of no draws would read as P10 = P50 = P90 = 0: refuse, and
    // name the range that breaks the model at its low or high when there is one.
    if (kept === 0) return { ok: false, issues: [noDrawComputed(draws, swings.find((s) => s.low.gmv === null || s.high.gmv === null)?.range.driver)] };

    return {
      ok: true,
      result: {
        draws,
        seed,
        gmv: percentiles(gmv.subarray(0, kept)),
        spend: percentiles(spend.subarray(0, kept)),
        roi: percentiles(roi.subarray(0, keptRoi)),
        probabilityOfTarget: target === undefined || kept === 0 ? null : reached / kept,
        tornado,
        base: { gmv: baseResult.total.gmv, spend: baseResult.total.spend, roi: baseResult.total.roi },
        ranges,
        failedDraws: draws - kept,
        gmvHistogram: riskHistogram(gmv.subarray(0, kept)),
      },
    };
  } finally {
    model.dispose();
  }
}

/** The issue when not one draw could be computed. */
function noDrawComputed(draws: number, driver: string | undefined): PlanIssue {
  const n = draws.toLocaleString('en-US');
  const at = driver === undefined ? '' : driver;
  return planIssue(driver === undefined ? 'uncertainty' : `uncertainty.${driver}`, 'no_draw_computed',
    `${n} 次抽样全部无法计算，得不到风险分布${at ? `：假设“${at}”取低值或高值时模型无法计算，请收窄它的范围` : '；请检查不确定范围'}`,
    `none of the ${n} draws could be computed, so there is no risk distribution${at ? `: the model cannot be computed with "${at}" at its low or high; narrow its range` : '; check the uncertainty ranges'}`);
}

/** Channel columns the totals of GMV, spend and ROI do not read: shown to planners, not needed per draw. */
const PRESENTATION_COLUMNS: readonly ChannelColumnKey[] = [
  'costPerGmv', 'clicks', 'impressions', 'messages', 'addToCart', 'roi', 'costPerOrder', 'visitorValue', 'profit', 'breakevenRoi', 'marginalRoi',
];

/**
 * Empties the cells of a risk model that the total GMV, spend and ROI do not
 * depend on, so each draw recomputes ~40% fewer cells. The totals keep the
 * very formulas of the plan's model; this model is the simulation's own and
 * is disposed after it.
 */
function slimForTotals(model: PlanModel): void {
  const sheet = model.sheetId(SHEET.channels);
  const totalRow = model.plan.channels.length + 1;
  const cells: Array<[{ sheet: number; col: number; row: number }, null]> = [];
  for (const key of PRESENTATION_COLUMNS) {
    for (let row = 1; row <= totalRow; row++) {
      if (key === 'roi' && row === totalRow) continue; // the total ROI is a figure we read
      cells.push([{ sheet, col: channelCol(key), row }, null]);
    }
  }
  writeModelCells(model, cells);
}
