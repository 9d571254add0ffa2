import type { Confidence, CostModelName, HistoryRow, Plan } from '@shopplan/schema';
import { schedulePlan } from '../calendar/schedule.ts';
import { fitHill, type HillFit, type NoCurveReason } from './hill-fit.ts';

/**
 * Calibration (DOMAIN.md sections 1 and 5): a channel's rates from its own
 * history, each a ratio of sums over the chosen days (Σorders / Σvisitors),
 * never a mean of daily ratios, which would give a quiet day's 50% the same
 * say as a busy day's 5%. Promotion days are left out of the baseline unless
 * asked for: their rates are the promotion's, not the channel's.
 */

/** Thrown when calibration is called with rows of a channel the plan does not have (the importer never returns such rows). */
export class CalibrationUsageError extends Error {
  override name = 'CalibrationUsageError';
}

/** Under this many days of data a channel's rates are `untested`. */
export const UNTESTED_DAYS = 30;
/** From this many days on, a channel's rates have `high` confidence; in between `medium`. */
export const HIGH_CONFIDENCE_DAYS = 90;

/** The sums of one channel's rows over the days used. */
export interface ChannelTotals {
  spend: number | null;
  impressions: number | null;
  clicks: number | null;
  visitors: number;
  addToCart: number | null;
  orders: number;
  gmv: number;
  refunds: number | null;
}

/**
 * One channel's calibrated figures. A figure that does not apply to the
 * channel's cost model, or that the data cannot give (no visitors, no spend
 * column), is null, never NaN.
 */
export interface ChannelCalibration {
  id: string;
  model: CostModelName;
  /** Distinct days used (after promotion days were left out). */
  days: number;
  /** Rows used. */
  rows: number;
  /** Days of this channel left out of the baseline as promotion days. */
  excludedDays: number;
  cvr: number | null;
  aov: number | null;
  /** Σspend / Σclicks (a click is a visit where the file has no clicks): cpc channels. */
  cpc: number | null;
  /** Σspend / Σimpressions × 1000: cpm channels. */
  cpm: number | null;
  /** Σclicks / Σimpressions: cpm channels. */
  ctr: number | null;
  addToCartRate: number | null;
  /** Σrefunds / ΣGMV. */
  refundRate: number | null;
  confidence: Confidence;
  /** The fitted Hill curve of a channel that buys visitors with spend, or null. */
  curve: HillFit | null;
  /** Why there is no curve: too few days, flat spend, or a channel that does not buy visitors with spend. */
  curveNote: NoCurveReason | 'not_spend_bought' | null;
  totals: ChannelTotals;
  /** First and last day used, or null without data. */
  firstDay: string | null;
  lastDay: string | null;
}

/** What to calibrate over. */
export interface CalibrationOptions {
  /** First and last day to use (inclusive); the whole history when left out. */
  from?: string;
  to?: string;
  /** Promotion days (YYYY-MM-DD) to leave out of the baseline. */
  promotionDays?: readonly string[];
  /**
   * Also leave out, in every year of the history, the calendar days of the
   * plan's own placed activities, warm-up to encore (618 and 11.11 recur on
   * their dates; a warm-up moves CVR as much as a peak, DOMAIN.md section 5).
   * Default true.
   */
  planPromotions?: boolean;
  /** Keep promotion days in the baseline after all. Default false. */
  includePromotions?: boolean;
}

/**
 * The month-days (MM-DD) of every phase of the plan's placed activities;
 * empty when the plan has none or its calendar cannot be scheduled.
 */
export function planPromotionMonthDays(plan: Plan): Set<string> {
  const out = new Set<string>();
  if (!plan.activities || plan.activities.length === 0) return out;
  const scheduled = schedulePlan(plan);
  if (!scheduled.ok) return out;
  const DAY = 86_400_000;
  for (const a of scheduled.schedule.activities) {
    for (const p of a.phases) {
      for (let t = Date.parse(`${p.start}T00:00:00Z`); t <= Date.parse(`${p.end}T00:00:00Z`); t += DAY) {
        out.add(new Date(t).toISOString().slice(5, 10));
      }
    }
  }
  return out;
}

/** A channel's confidence from its days of data. */
export function confidenceOf(days: number): Confidence {
  return days < UNTESTED_DAYS ? 'untested' : days < HIGH_CONFIDENCE_DAYS ? 'medium' : 'high';
}

const ratio = (num: number | null, den: number | null, scale = 1): number | null =>
  num === null || den === null || den <= 0 ? null : (num / den) * scale;

function sumOf(rows: readonly HistoryRow[], key: 'spend' | 'impressions' | 'clicks' | 'addToCart' | 'refunds'): number | null {
  let total = 0;
  for (const r of rows) {
    const v = r[key];
    if (v === null) return null; // a column missing from any row: the figure is unknown, not zero
    total += v;
  }
  return total;
}

/** Calibrates one channel from its rows (already limited to the baseline days). */
function calibrateChannel(id: string, model: CostModelName, rows: readonly HistoryRow[], excludedDays: number): ChannelCalibration {
  const sorted = [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const days = new Set(sorted.map((r) => r.date)).size;
  const totals: ChannelTotals = {
    spend: sumOf(sorted, 'spend'),
    impressions: sumOf(sorted, 'impressions'),
    clicks: sumOf(sorted, 'clicks'),
    visitors: sorted.reduce((s, r) => s + r.visitors, 0),
    addToCart: sumOf(sorted, 'addToCart'),
    orders: sorted.reduce((s, r) => s + r.orders, 0),
    gmv: sorted.reduce((s, r) => s + r.gmv, 0),
    refunds: sumOf(sorted, 'refunds'),
  };
  const spendBought = model === 'cpc' || model === 'cpm' || model === 'crm';
  let curve: HillFit | null = null;
  let curveNote: ChannelCalibration['curveNote'] = spendBought ? null : 'not_spend_bought';
  if (spendBought && totals.spend !== null) {
    const fitted = fitHill(sorted.map((r) => ({ spend: r.spend ?? 0, visitors: r.visitors })));
    if (fitted.ok) curve = fitted.fit;
    else curveNote = fitted.reason;
  } else if (spendBought) {
    curveNote = 'too_few_days';
  }
  const clicks = totals.clicks ?? (sorted.length > 0 ? totals.visitors : null);
  return {
    id,
    model,
    days,
    rows: sorted.length,
    excludedDays,
    cvr: ratio(totals.orders, totals.visitors),
    aov: ratio(totals.gmv, totals.orders),
    cpc: model === 'cpc' ? ratio(totals.spend, clicks) : null,
    cpm: model === 'cpm' ? ratio(totals.spend, totals.impressions, 1000) : null,
    ctr: model === 'cpm' ? ratio(totals.clicks, totals.impressions) : null,
    addToCartRate: ratio(totals.addToCart, totals.visitors),
    refundRate: ratio(totals.refunds, totals.gmv),
    confidence: confidenceOf(days),
    curve,
    curveNote,
    totals,
    firstDay: sorted[0]?.date ?? null,
    lastDay: sorted[sorted.length - 1]?.date ?? null,
  };
}

/**
 * Calibrates every channel of the plan from history rows (matched to plan
 * channel ids by the importer). Rows outside from–to are not used; promotion
 * days (given, and the days of the plan's activities) are left out unless
 * `includePromotions`. A plan channel without rows comes back `untested`
 * with null figures. Pure: no files, no clock.
 * @throws CalibrationUsageError for a row whose channel is not in the plan.
 * @example calibrateHistory(plan, rows, { from: '2026-01-01', to: '2026-12-31' }).find((c) => c.id === 'search')?.cvr
 */
export function calibrateHistory(plan: Plan, rows: readonly HistoryRow[], options: CalibrationOptions = {}): ChannelCalibration[] {
  const given = new Set(options.promotionDays ?? []);
  const peaks = options.planPromotions === false ? new Set<string>() : planPromotionMonthDays(plan);
  const isPromotion = (date: string): boolean => !options.includePromotions && (given.has(date) || peaks.has(date.slice(5)));
  const byChannel = new Map<string, { used: HistoryRow[]; excluded: Set<string> }>();
  for (const c of plan.channels) byChannel.set(c.id, { used: [], excluded: new Set() });
  for (const r of rows) {
    if ((options.from && r.date < options.from) || (options.to && r.date > options.to)) continue;
    const bucket = byChannel.get(r.channel);
    // the importer refuses rows of unknown channels, so one here is a caller's bug
    if (!bucket) throw new CalibrationUsageError(`history row ${r.date} names channel "${r.channel}", which is not in the plan`);
    if (isPromotion(r.date)) bucket.excluded.add(r.date);
    else bucket.used.push(r);
  }
  return plan.channels.map((c) => {
    const bucket = byChannel.get(c.id)!;
    return calibrateChannel(c.id, c.cost.model, bucket.used, bucket.excluded.size);
  });
}
