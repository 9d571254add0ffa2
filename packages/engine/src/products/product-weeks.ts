import { planIssue, type Plan, type PlanIssue } from '@shopplan/schema';
import { PlanModel, readModelSheetValues } from '../plan-model.ts';
import { dayCol, DAYS_SHEET, phasedMeasure } from '../calendar/days-sheet.ts';
import { dayNumber, phasingInputs, splitFen, type Placements } from '../calendar/phasing.ts';

/**
 * The week facts of the product plan (DOMAIN.md §5 "Products", design of
 * issue 12): each week's GMV in whole fen, each product-week's status from
 * lifecycle and season, and the activity a product joins in a week from the
 * promotion calendar's peaks. Everything the product × week grid reads that
 * is not a product input.
 */

/** A lifecycle stage of a product (上市 / 成长 / 成熟 / 衰退). */

/** Status of a product in a week: off sale, or on sale in a lifecycle stage. */
export type ProductStatus = 'off' | LifecycleStage;

// the lifecycle stages are the schema's (one list, in the order they follow each other)
import { LIFECYCLE_STAGES, type LifecycleStage } from '@shopplan/schema';
export { LIFECYCLE_STAGES, type LifecycleStage };

/**
 * The product fields of plan v4 the week facts read (names of the shared
 * design; the schema's own type replaces this once plan v4 lands).
 */
export interface ProductTimeFields {
  id: string;
  lifecycle?: { launch: string; growth?: string; maturity?: string; decline?: string; end?: string } | undefined;
  season?: { start: string; end: string } | undefined;
  decoy?: boolean | undefined;
  promotions?: ReadonlyArray<{ activity: string }> | undefined;
}

/** One week of the plan: its first and last day (day numbers, inclusive), clipped to nothing. */
export interface PlanWeekSpan {
  /** Position in plan.weeks. */
  index: number;
  /** YYYY-MM-DD of the week's first day (plan.weeks[index].start). */
  start: string;
  /** Day number of the first day. */
  first: number;
  /**
   * Day number of the last day: 6 days on, or the day before the next
   * week's start when that is sooner (as daily phasing counts it).
   */
  last: number;
}

/**
 * The plan's weeks as day spans, as daily phasing spreads a week's weight:
 * a week runs seven days or up to the next week's start, whichever is sooner.
 * A week whose start is not a real day is left out of nothing: it gets an
 * empty span (last < first), so indexes keep matching plan.weeks.
 * @example planWeekSpans(plan)[0] // { index: 0, start: '2027-01-04', first: 20822, last: 20828 }
 */
export function planWeekSpans(plan: Pick<Plan, 'weeks'>): PlanWeekSpan[] {
  const weeks = plan.weeks ?? [];
  const starts = weeks.map((w) => dayNumber(w.start));
  return weeks.map((w, index) => {
    const first = starts[index];
    if (first === null || first === undefined) return { index, start: w.start, first: 0, last: -1 };
    let next = first + 7;
    for (const s of starts) if (s !== null && s !== undefined && s > first && s < next) next = s;
    return { index, start: w.start, first, last: next - 1 };
  });
}

/** The peak of a placed activity: its first and last peak day (day numbers). */
export interface ActivityPeak {
  activity: string;
  first: number;
  last: number;
}

/** Week GMV in whole fen and where it comes from, or the issues that stop it. */
export type WeekGmvOutcome =
  | { ok: true; fen: number[]; source: 'days' | 'weeks'; peaks: ActivityPeak[] }
  | { ok: false; issues: PlanIssue[] };

/** Whether the plan phases its GMV day by day (activities or calendar settings), as the Days sheet does. */
export function phasesDaily(plan: Plan): boolean {
  return (plan.activities?.length ?? 0) > 0 || plan.calendar !== undefined;
}

/**
 * Where every activity's peak sits, from the same placements daily phasing
 * uses (the scheduler's when the plan has resources). An activity the
 * scheduler could not place has no peak: it lifts no product.
 */
export function activityPeaks(plan: Plan, placements?: Placements): { ok: true; peaks: ActivityPeak[] } | { ok: false; issues: PlanIssue[] } {
  if ((plan.activities?.length ?? 0) === 0) return { ok: true, peaks: [] };
  const inputs = phasingInputs(plan, placements ? { placements } : {});
  if (!inputs.ok) return inputs;
  const peaks: ActivityPeak[] = [];
  for (const p of inputs.inputs.placed) {
    const peak = p.phases.find((ph) => ph.kind === 'peak');
    if (peak) peaks.push({ activity: p.activity.id, first: peak.start, last: peak.end });
  }
  return { ok: true, peaks };
}

/**
 * Adds up whole fen of days into the plan's weeks. Days in no week carry no
 * weight in phasing (their fen is 0), so the weeks sum to the days' total.
 */
export function sumDaysIntoWeeks(spans: readonly PlanWeekSpan[], periodFirst: number, dayFen: ArrayLike<number>): number[] {
  return spans.map((s) => {
    let fen = 0;
    for (let d = Math.max(s.first, periodFirst); d <= s.last && d - periodFirst < dayFen.length; d++) fen += dayFen[d - periodFirst] ?? 0;
    return fen;
  });
}

/**
 * Week GMV from a model built with daily phasing (its Days sheet): for a
 * target plan, the whole fen the days book; for a budget or channels plan
 * (the days split spend), the days' GMV summed per week and split in whole
 * fen over the weeks by those sums, so the weeks still add up to the GMV.
 */
export function weekGmvFromDays(model: PlanModel): { ok: true; fen: number[] } | { ok: false; issues: PlanIssue[] } {
  const plan = model.plan;
  const values = readModelSheetValues(model, model.sheetId(DAYS_SHEET.days));
  const count = values.length - 2; // header and total rows
  const measure = phasedMeasure(plan);
  const dayValue = new Float64Array(count);
  const column = measure === 'gmv' ? dayCol('fen') : dayCol('gmv');
  for (let row = 1; row <= count; row++) {
    const v = values[row]?.[column];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      const date = String(values[row]?.[dayCol('date')] ?? row);
      return { ok: false, issues: [planIssue(`days.${date}.gmv`, 'not_computable', `${date} 的成交额无法计算`, `the GMV of ${date} cannot be computed`)] };
    }
    dayValue[row - 1] = v;
  }
  const spans = planWeekSpans(plan);
  const first = dayNumber(plan.period.start) ?? 0;
  if (measure === 'gmv') return { ok: true, fen: sumDaysIntoWeeks(spans, first, dayValue) };
  const weekReal = sumDaysIntoWeeks(spans, first, dayValue);
  const totalFen = Math.round(weekReal.reduce((a, b) => a + b, 0) * 100);
  if (!(totalFen > 0)) return { ok: true, fen: weekReal.map(() => 0) };
  return { ok: true, fen: splitFen(totalFen, weekReal) };
}

/**
 * Week GMV without daily phasing: the plan's GMV (the target, or the
 * computed GMV of a budget plan) split over the weeks by their weights in
 * whole fen, the largest remainders taking the leftover fen.
 * @example weekGmvFromWeights(100, [1, 1, 1]) // [3334, 3333, 3333]
 */
export function weekGmvFromWeights(planGmv: number, weights: readonly number[]): number[] {
  const totalFen = Math.round(planGmv * 100);
  if (weights.length === 0) return [];
  if (!(weights.reduce((a, b) => a + b, 0) > 0) || totalFen <= 0) return weights.map(() => 0);
  return splitFen(totalFen, weights);
}

/**
 * Each week's GMV in whole fen, summing exactly to the plan's GMV (design of
 * issue 12): the phased daily GMV of the Days sheet when the plan phases
 * daily (activities or calendar settings), else the plan's weekly split.
 * Also returns where each activity's peak sits (the same placements).
 * Builds and disposes a model of its own; `weekGmvFromDays` reads a live one.
 * @example planWeekGmv(plan).ok && planWeekGmv(plan).fen.length // plan.weeks.length
 */
export function planWeekGmv(plan: Plan, options: { placements?: Placements } = {}): WeekGmvOutcome {
  const peaks = activityPeaks(plan, options.placements);
  if (!peaks.ok) return peaks;
  const daily = phasesDaily(plan);
  // the week GMV is the budget model's: the old product calendar sheets are not needed for it
  const { products: _products, ...budget } = plan;
  const model = PlanModel.build(budget, { days: daily ? 'always' : 'never', ...(options.placements ? { placements: options.placements } : {}) });
  try {
    const result = model.result();
    if (result.issues.length > 0) return { ok: false, issues: result.issues };
    if (daily) {
      const fen = weekGmvFromDays(model);
      return fen.ok ? { ok: true, fen: fen.fen, source: 'days', peaks: peaks.peaks } : fen;
    }
    const gmv = plan.objective.kind === 'target' ? plan.objective.gmv : result.total.gmv;
    return { ok: true, fen: weekGmvFromWeights(gmv, (plan.weeks ?? []).map((w) => w.weight)), source: 'weeks', peaks: peaks.peaks };
  } finally {
    model.dispose();
  }
}

/**
 * The dates of a product's status as day numbers, read once: a plan's build
 * asks for the status of every product in every week (520,000 times at
 * 10,000 × 52), and reading the dates of each again was a fifth of it.
 * A date that is not a real day is null (as productWeekStatus treats it).
 */
export interface ProductStatusDays {
  /** The season's first and last day; undefined when the product has none. */
  season?: { from: number | null; to: number | null };
  /** The lifecycle's dates; undefined when the product has none (in maturity all year). */
  lifecycle?: { launch: number | null; end: number | null; stages: ReadonlyArray<{ stage: LifecycleStage; at: number | null }> };
}

/**
 * Reads a product's status dates (see ProductStatusDays).
 * @example productStatusDays({ id: 'p', lifecycle: { launch: '2027-03-01' } }).lifecycle?.launch // 20878
 */
export function productStatusDays(product: ProductTimeFields): ProductStatusDays {
  const out: ProductStatusDays = {};
  if (product.season) out.season = { from: dayNumber(product.season.start), to: dayNumber(product.season.end) };
  const life = product.lifecycle;
  if (life) {
    const launch = dayNumber(life.launch);
    out.lifecycle = {
      launch,
      end: life.end !== undefined ? dayNumber(life.end) : null,
      stages: LIFECYCLE_STAGES.map((stage) => ({ stage, at: stage === 'launch' ? launch : life[stage] !== undefined ? dayNumber(life[stage]) : null })),
    };
  }
  return out;
}

/**
 * Status of a product in the week starting on `weekFirst` (a day number),
 * through `weekLast`: off before launch (launch after the week's start),
 * after its end (end before the week's start) or when a seasonal product's
 * window does not overlap the week; otherwise the lifecycle stage whose
 * start is the latest on or before the week's start. Decisions where the
 * design is silent: a product without a lifecycle is in maturity all year
 * (a steady seller); `end` is its last day on sale; a season counts when it
 * overlaps the week at all (a short fruit season need not contain a Monday).
 * A decoy is on sale (its weight is 0 elsewhere, not its status).
 * @example productWeekStatus({ id: 'p', lifecycle: { launch: '2027-03-01', decline: '2027-09-06' } }, dayNumber('2027-09-06')!, dayNumber('2027-09-12')!) // 'decline'
 */
export function productWeekStatus(product: ProductTimeFields, weekFirst: number, weekLast: number): ProductStatus {
  return statusOnDays(productStatusDays(product), weekFirst, weekLast);
}

/**
 * productWeekStatus of a product whose dates were read by productStatusDays.
 * @example statusOnDays(productStatusDays(p), span.first, span.last) // as productWeekStatus(p, span.first, span.last)
 */
export function statusOnDays(days: ProductStatusDays, weekFirst: number, weekLast: number): ProductStatus {
  if (days.season) {
    const { from, to } = days.season;
    if (from === null || to === null || to < weekFirst || from > weekLast) return 'off';
  }
  const life = days.lifecycle;
  if (!life) return 'maturity';
  const launch = life.launch;
  if (launch === null || launch > weekFirst) return 'off';
  if (life.end !== null && life.end < weekFirst) return 'off';
  let stage: LifecycleStage = 'launch';
  let latest = launch;
  for (const { stage: s, at } of life.stages) {
    if (at !== null && at <= weekFirst && at >= latest) {
      stage = s;
      latest = at;
    }
  }
  return stage;
}

/**
 * The promotion a product joins in a week: the first of its promotions whose
 * activity's peak overlaps the week (warm-up and tail weeks keep the list
 * price), as its position in product.promotions, or -1.
 * @example productWeekPromotion(p, span, peaks) // 0 when p's first promotion peaks that week
 */
export function productWeekPromotion(product: ProductTimeFields, week: Pick<PlanWeekSpan, 'first' | 'last'>, peaks: readonly ActivityPeak[]): number {
  const promotions = product.promotions ?? [];
  for (let i = 0; i < promotions.length; i++) {
    const id = promotions[i]!.activity;
    for (const peak of peaks) {
      if (peak.activity === id && peak.first <= week.last && peak.last >= week.first) return i;
    }
  }
  return -1;
}

/**
 * Whether some activity's peak overlaps the week: a stock-out there is a
 * stock-out in a promotion's peak (alert `stockOutInPeak`).
 */
export function weekHasPeak(week: Pick<PlanWeekSpan, 'first' | 'last'>, peaks: readonly ActivityPeak[]): boolean {
  return peaks.some((p) => p.first <= week.last && p.last >= week.first);
}
