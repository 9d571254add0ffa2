import type { HistoryRow, HistoryTable, Plan, PlanIssue } from '@shopplan/schema';
import { phasePlan } from '../calendar/phase-report.ts';
import { splitFen } from '../calendar/phasing.ts';
import { schedulePlacements, schedulePlan } from '../calendar/schedule.ts';
import type { ChannelResult } from '../results.ts';
import { splitGap } from './gap-split.ts';
import { historyTableFor } from './rates.ts';

/**
 * Plan versus actual (复盘, DOMAIN.md sections 1 and 5): 达成率 = actual ÷ plan
 * per channel and in total, by day, week, month or promotion, with each
 * channel's GMV gap split into traffic, conversion and order value (LMDI,
 * see gap-split.ts).
 *
 * The plan side of a period is the plan's daily phasing (dailyPlan): the
 * days' planned visitors and GMV per channel as the Days sheet phases them,
 * so a promotion's peak is judged against the peak the plan expected, not a
 * flat share of the period. The review runs "to date": only days up to the
 * last day with actuals count, so a week half gone is judged on its first half.
 */

/** How the review groups days. Promotion: one period per placed activity, the rest `baseline`. */
export type ReviewBy = 'day' | 'week' | 'month' | 'promotion';
/** The groupings, as the CLI accepts them. */
export const REVIEW_BY: readonly ReviewBy[] = ['day', 'week', 'month', 'promotion'];

/** One channel in one period. Money in yuan, whole fen; attainment null where the plan is 0. */
export interface ReviewChannel {
  id: string;
  planGmv: number;
  actualGmv: number;
  attainment: number | null;
  gap: number;
  /** The parts of the gap due to visitors, CVR and AOV; they sum to `gap` exactly (in fen). */
  traffic: number;
  conversion: number;
  orderValue: number;
}

/** One period of the review. */
export interface ReviewPeriod {
  period: string;
  channels: ReviewChannel[];
  total: { planGmv: number; actualGmv: number; attainment: number | null; gap: number };
}

/** The review: its grouping and its periods in time order. */
export interface Review {
  by: ReviewBy;
  periods: ReviewPeriod[];
}

const DAY = 86_400_000;
const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (n: number): string => new Date(n * DAY).toISOString().slice(0, 10);

/** ISO 8601 week label (2027-W23): weeks run Monday to Sunday, week 1 holds the year's first Thursday. */
export function isoWeek(iso: string): string {
  const d = dayNumber(iso);
  const weekday = (((d + 3) % 7) + 7) % 7; // 0 Monday (1970-01-01 was a Thursday)
  const thursday = d - weekday + 3;
  const year = new Date(thursday * DAY).getUTCFullYear();
  const firstJan = Date.UTC(year, 0, 1) / DAY;
  return `${year}-W${String(Math.floor((thursday - firstJan) / 7) + 1).padStart(2, '0')}`;
}

/** The periods a day belongs to (several for overlapping promotions). */
function periodsOf(by: ReviewBy, date: string, promotions: readonly { id: string; start: string; end: string }[]): string[] {
  if (by === 'day') return [date];
  if (by === 'week') return [isoWeek(date)];
  if (by === 'month') return [date.slice(0, 7)];
  const hit = promotions.filter((p) => p.start <= date && date <= p.end).map((p) => p.id);
  return hit.length > 0 ? hit : ['baseline'];
}

/**
 * The plan side of a review: each channel's planned visitors and GMV on each
 * day of the plan's period, as daily phasing puts them (weekday and season
 * weights, promotion phases, hangover). GMV is whole fen: over the days it
 * sums exactly to the channel's planned GMV, and over the channels to the
 * plan's GMV.
 */
export interface DailyPlan {
  /** The plan's first day (days since 1970-01-01). */
  firstDay: number;
  /** Days in the period. */
  days: number;
  /** Per channel, in plan order. */
  channels: {
    id: string;
    /** Planned visitors per day (a fraction of a visitor is a planning figure, kept). */
    visitors: Float64Array;
    /** Planned GMV per day, whole fen. */
    gmvFen: Float64Array;
    /** The channel's planned order value (GMV ÷ orders), which phases do not move. */
    aov: number;
    /** The channel's planned CVR, used where a period plans no visitors. */
    cvr: number;
  }[];
}

/**
 * A split of a whole number of fen by weights that sums exactly; all-zero
 * weights split evenly (a channel planned to sell but phased to nothing is
 * still reviewed against its plan, never dropped).
 */
function splitByWeights(totalFen: number, weights: readonly number[]): number[] {
  if (totalFen === 0 || weights.length === 0) return weights.map(() => 0);
  const sum = weights.reduce((a, b) => a + b, 0);
  return splitFen(totalFen, sum > 0 ? weights : weights.map(() => 1));
}

/**
 * The plan per channel and day, from the plan's daily phasing (phasePlan,
 * the Days sheet's figures computed by HyperFormula, with the activities
 * where the scheduler places them). Each channel's planned GMV (whole fen,
 * the plan's GMV split over channels exactly) is split over the days by the
 * phased day GMV of that channel; its planned visitors by the phased day
 * visitors. So a promotion's peak day carries its phased share of the plan,
 * not 1/365 of it. Returns the phasing's issues (zh + en) when the plan
 * cannot be phased (e.g. a period over two years).
 * @example dailyPlan(plan, computePlan(plan).result.channels)
 */
export function dailyPlan(plan: Plan, results: readonly ChannelResult[]): { ok: true; daily: DailyPlan } | { ok: false; issues: PlanIssue[] } {
  let placements: Record<string, string | null> | undefined;
  if (plan.activities && plan.activities.length > 0) {
    const scheduled = schedulePlan(plan);
    if (!scheduled.ok) return scheduled;
    placements = schedulePlacements(scheduled.schedule);
  }
  const phased = phasePlan(plan, { by: 'day', ...(placements ? { placements } : {}) });
  if (!phased.ok) return phased;
  const periods = phased.result.periods;
  const firstDay = dayNumber(plan.period.start);
  const resultOf = new Map(results.map((r) => [r.id, r]));
  const planned = plan.channels.map((c) => resultOf.get(c.id)?.gmv ?? 0);
  const totalFen = Math.round(planned.reduce((a, b) => a + b, 0) * 100);
  const channelFen = splitByWeights(totalFen, planned);
  const channels = plan.channels.map((c, i) => {
    const res = resultOf.get(c.id);
    const dayGmv = periods.map((p) => Math.max(0, p.channels[i]?.gmv ?? 0));
    const dayVisitors = periods.map((p) => Math.max(0, p.channels[i]?.visitors ?? 0));
    const visitorSum = dayVisitors.reduce((a, b) => a + b, 0);
    const visitors = res?.visitors ?? 0;
    return {
      id: c.id,
      visitors: Float64Array.from(dayVisitors, (v) => (visitorSum > 0 ? (visitors * v) / visitorSum : visitors / periods.length)),
      gmvFen: Float64Array.from(splitByWeights(channelFen[i]!, dayGmv)),
      aov: res && res.orders > 0 ? res.gmv / res.orders : c.aov,
      cvr: res && res.visitors > 0 ? res.orders / res.visitors : c.cvr,
    };
  });
  return { ok: true, daily: { firstDay, days: periods.length, channels } };
}

/**
 * Reviews a plan against its actuals: the importer's columnar table (or
 * rows), matched to plan channels. The plan side is `daily` (dailyPlan),
 * summed over each period's days up to the last day with actuals ("to
 * date": a week half gone is judged on its first half). Actuals outside the
 * plan's period are not part of its review (the importer refuses them).
 * Periods with no actual rows are left out.
 * @example reviewPlan(plan, daily, imported.history, 'month').periods[0]?.total.attainment
 */
export function reviewPlan(plan: Plan, daily: DailyPlan, actuals: HistoryTable | readonly HistoryRow[], by: ReviewBy): Review {
  const history = historyTableFor(plan, actuals);
  const first = daily.firstDay;
  const planDays = daily.days;
  let lastActual = -Infinity;
  for (const h of history.values()) {
    for (let i = h.length - 1; i >= 0; i -= 1) {
      const d = h.day[i]!;
      if (d >= first && d < first + planDays) {
        lastActual = Math.max(lastActual, d);
        break;
      }
    }
  }
  if (lastActual === -Infinity) return { by, periods: [] };
  const promotions: { id: string; start: string; end: string }[] = [];
  if (by === 'promotion' && plan.activities && plan.activities.length > 0) {
    const scheduled = schedulePlan(plan);
    if (scheduled.ok) for (const a of scheduled.schedule.activities) if (a.placed) promotions.push({ id: a.id, ...a.placed });
  }
  // the periods of each plan day up to the last actual day, and the order periods first appear in
  const n = plan.channels.length;
  const order: string[] = [];
  const periodsOfDay: number[][] = [];
  const indexOf = new Map<string, number>();
  for (let d = first; d <= lastActual; d += 1) {
    periodsOfDay.push(periodsOf(by, isoOf(d), promotions).map((p) => {
      let k = indexOf.get(p);
      if (k === undefined) {
        k = order.length;
        indexOf.set(p, k);
        order.push(p);
      }
      return k;
    }));
  }
  // plan and actual sums per period × channel, in flat arrays
  const cells = order.length * n;
  const planVisitors = new Float64Array(cells);
  const planFen = new Float64Array(cells);
  const actualVisitors = new Float64Array(cells);
  const actualOrders = new Float64Array(cells);
  const actualGmv = new Float64Array(cells);
  const hasActual = new Uint8Array(order.length);
  daily.channels.forEach((c, ci) => {
    for (let d = 0; d < periodsOfDay.length; d += 1) {
      for (const k of periodsOfDay[d]!) {
        planVisitors[k * n + ci] = planVisitors[k * n + ci]! + c.visitors[d]!;
        planFen[k * n + ci] = planFen[k * n + ci]! + c.gmvFen[d]!;
      }
    }
  });
  plan.channels.forEach((c, ci) => {
    const h = history.get(c.id);
    if (!h) return;
    for (let i = 0; i < h.length; i += 1) {
      const d = h.day[i]! - first;
      if (d < 0 || d >= periodsOfDay.length) continue;
      for (const k of periodsOfDay[d]!) {
        hasActual[k] = 1;
        actualVisitors[k * n + ci] = actualVisitors[k * n + ci]! + h.visitors[i]!;
        actualOrders[k * n + ci] = actualOrders[k * n + ci]! + h.orders[i]!;
        actualGmv[k * n + ci] = actualGmv[k * n + ci]! + h.gmv[i]!;
      }
    }
  });
  const periods: ReviewPeriod[] = [];
  order.forEach((period, k) => {
    if (!hasActual[k]) return;
    const channels = plan.channels.map((c, ci): ReviewChannel => {
      const plannedFen = planFen[k * n + ci]!;
      const v0 = planVisitors[k * n + ci]!;
      const a0 = daily.channels[ci]!.aov;
      // the period's planned CVR: what makes visitors × CVR × AOV its planned GMV (phases move CVR, not AOV)
      const c0 = v0 > 0 && a0 > 0 ? plannedFen / 100 / (a0 * v0) : daily.channels[ci]!.cvr;
      const v1 = actualVisitors[k * n + ci]!;
      const o1 = actualOrders[k * n + ci]!;
      // With no visitors (or no orders) the rate behind them was not observed: keep the plan's, so the gap is all traffic (or conversion).
      const c1 = v1 > 0 ? o1 / v1 : c0;
      const a1 = o1 > 0 ? actualGmv[k * n + ci]! / o1 : a0;
      const split = splitGap([
        { name: 'traffic', plan: v0, actual: v1 },
        { name: 'conversion', plan: c0, actual: c1 },
        { name: 'orderValue', plan: a0, actual: a1 },
      ]);
      const planGmv = plannedFen / 100;
      // + 0: a gap of exactly the plan leaves -0, which would print as ¥-0.00
      const actual = Math.round(plannedFen + split.gap * 100) / 100 + 0;
      return {
        id: c.id,
        planGmv,
        actualGmv: actual,
        attainment: planGmv > 0 ? actual / planGmv : null,
        gap: split.gap,
        traffic: split.parts.traffic!,
        conversion: split.parts.conversion!,
        orderValue: split.parts.orderValue!,
      };
    });
    const planTotal = channels.reduce((t, c) => t + Math.round(c.planGmv * 100), 0);
    const actualTotal = channels.reduce((t, c) => t + Math.round(c.actualGmv * 100), 0);
    periods.push({
      period,
      channels,
      total: { planGmv: planTotal / 100, actualGmv: actualTotal / 100, attainment: planTotal > 0 ? actualTotal / planTotal : null, gap: (actualTotal - planTotal) / 100 },
    });
  });
  return { by, periods };
}
