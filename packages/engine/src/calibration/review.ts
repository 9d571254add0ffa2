import type { HistoryRow, Plan } from '@shopplan/schema';
import { schedulePlan } from '../calendar/schedule.ts';
import type { ChannelResult } from '../results.ts';
import { splitGap } from './gap-split.ts';

/**
 * Plan versus actual (复盘, DOMAIN.md sections 1 and 5): 达成率 = actual ÷ plan
 * per channel and in total, by day, week, month or promotion, with each
 * channel's GMV gap split into traffic, conversion and order value (LMDI,
 * see gap-split.ts).
 *
 * The plan side of a period: the engine has no daily phasing yet, so each
 * channel's planned visitors, orders and GMV are spread flat over the plan's
 * days, and a period's plan is its share of days. The review runs "to date":
 * only days up to the last day with actuals count, so a week half gone is
 * judged on its first half.
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

const fen = (x: number): number => Math.round(x * 100) / 100;

/**
 * Reviews a plan against actual rows (matched to plan channels, inside the
 * plan's period: the importer checks both). `results` are the plan's
 * computed channels (computePlan). Periods with no actual rows are left out.
 * @example reviewPlan(plan, computed.result.channels, rows, 'month').periods[0]?.total.attainment
 */
export function reviewPlan(plan: Plan, results: readonly ChannelResult[], actuals: readonly HistoryRow[], by: ReviewBy): Review {
  const first = dayNumber(plan.period.start);
  const planDays = dayNumber(plan.period.end) - first + 1;
  const lastActual = actuals.reduce((m, r) => (r.date > m ? r.date : m), '');
  if (lastActual === '') return { by, periods: [] };
  const promotions: { id: string; start: string; end: string }[] = [];
  if (by === 'promotion' && plan.activities && plan.activities.length > 0) {
    const scheduled = schedulePlan(plan);
    if (scheduled.ok) for (const a of scheduled.schedule.activities) if (a.placed) promotions.push({ id: a.id, ...a.placed });
  }
  // plan days per period (to date), and the order periods first appear in
  const order: string[] = [];
  const daysIn = new Map<string, number>();
  for (let d = first; d < first + planDays && isoOf(d) <= lastActual; d += 1) {
    for (const p of periodsOf(by, isoOf(d), promotions)) {
      if (!daysIn.has(p)) order.push(p);
      daysIn.set(p, (daysIn.get(p) ?? 0) + 1);
    }
  }
  type Sums = { visitors: number; orders: number; gmv: number };
  const actual = new Map<string, Map<string, Sums>>();
  for (const r of actuals) {
    for (const p of periodsOf(by, r.date, promotions)) {
      const inPeriod = actual.get(p) ?? new Map<string, Sums>();
      actual.set(p, inPeriod);
      const s = inPeriod.get(r.channel) ?? { visitors: 0, orders: 0, gmv: 0 };
      s.visitors += r.visitors;
      s.orders += r.orders;
      s.gmv += r.gmv;
      inPeriod.set(r.channel, s);
    }
  }
  const resultOf = new Map(results.map((r) => [r.id, r]));
  const periods: ReviewPeriod[] = [];
  for (const period of order) {
    const sums = actual.get(period);
    if (!sums) continue;
    const share = daysIn.get(period)! / planDays;
    const channels = plan.channels.map((c): ReviewChannel => {
      const res = resultOf.get(c.id);
      const v0 = (res?.visitors ?? 0) * share;
      const c0 = res && res.visitors > 0 ? res.orders / res.visitors : c.cvr;
      const a0 = res && res.orders > 0 ? res.gmv / res.orders : c.aov;
      const s = sums.get(c.id) ?? { visitors: 0, orders: 0, gmv: 0 };
      // With no visitors (or no orders) the rate behind them was not observed: keep the plan's, so the gap is all traffic (or conversion).
      const c1 = s.visitors > 0 ? s.orders / s.visitors : c0;
      const a1 = s.orders > 0 ? s.gmv / s.orders : a0;
      const split = splitGap([
        { name: 'traffic', plan: v0, actual: s.visitors },
        { name: 'conversion', plan: c0, actual: c1 },
        { name: 'orderValue', plan: a0, actual: a1 },
      ]);
      const planGmv = fen(v0 * c0 * a0);
      const actualGmv = fen(planGmv + split.gap);
      return {
        id: c.id,
        planGmv,
        actualGmv,
        attainment: planGmv > 0 ? actualGmv / planGmv : null,
        gap: split.gap,
        traffic: split.parts.traffic!,
        conversion: split.parts.conversion!,
        orderValue: split.parts.orderValue!,
      };
    });
    const planFen = channels.reduce((t, c) => t + Math.round(c.planGmv * 100), 0);
    const actualFen = channels.reduce((t, c) => t + Math.round(c.actualGmv * 100), 0);
    periods.push({
      period,
      channels,
      total: { planGmv: planFen / 100, actualGmv: actualFen / 100, attainment: planFen > 0 ? actualFen / planFen : null, gap: (actualFen - planFen) / 100 },
    });
  }
  return { by, periods };
}
