import { historyDay, historyTableOf, type ChannelHistory, type Confidence, type CostModelName, type HistoryRow, type HistoryTable, type Plan } from '@shopplan/schema';
import { schedulePlan } from '../calendar/schedule.ts';
import { fitHillSeries, type HillFit, type NoCurveReason } from './hill-fit.ts';

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

const DAY_MS = 86_400_000;

/**
 * History as calibration and review read it: the columnar table, or rows
 * (turned into one). A row of a channel the plan does not have is a caller's
 * bug (the importer never returns one).
 * @throws CalibrationUsageError for a row or table channel not in the plan.
 */
export function historyTableFor(plan: Plan, history: HistoryTable | readonly HistoryRow[]): Map<string, ChannelHistory> {
  const ids = plan.channels.map((c) => c.id);
  let table: HistoryTable;
  if (Array.isArray(history)) {
    const built = historyTableOf(history as readonly HistoryRow[], ids);
    const stray = built.unknown[0];
    if (stray) throw new CalibrationUsageError(`history row ${stray.date} names channel "${stray.channel}", which is not in the plan`);
    table = built.table;
  } else table = history as HistoryTable;
  const out = new Map<string, ChannelHistory>();
  for (const c of table.channels) {
    if (!ids.includes(c.channel)) throw new CalibrationUsageError(`history names channel "${c.channel}", which is not in the plan`);
    out.set(c.channel, c);
  }
  return out;
}

/** Sums one pass over a channel's columns makes. */
class Sums {
  rows = 0;
  days = 0;
  excludedDays = 0;
  spend = 0;
  impressions = 0;
  clicks = 0;
  visitors = 0;
  addToCart = 0;
  orders = 0;
  gmv = 0;
  refunds = 0;
  firstDay: number | null = null;
  lastDay: number | null = null;
}

/**
 * Calibrates one channel in one pass over its columns (days ascending):
 * rows outside from–to skipped, promotion days counted out, the rest summed,
 * and the spend and visitors of the days used kept for the curve fit.
 */
function calibrateChannel(id: string, model: CostModelName, h: ChannelHistory | undefined, from: number, to: number, isPromotion: (day: number) => boolean): ChannelCalibration {
  const n = h?.length ?? 0;
  const t = new Sums();
  const spendBought = model === 'cpc' || model === 'cpm' || model === 'crm';
  const keepPoints = spendBought && h !== undefined && h.spend !== null;
  const spendSeries = keepPoints ? new Float64Array(n) : null;
  const visitorSeries = keepPoints ? new Float64Array(n) : null;
  let lastUsed = NaN;
  let lastExcluded = NaN;
  for (let i = 0; i < n; i += 1) {
    const day = h!.day[i]!;
    if (day < from || day > to) continue;
    if (isPromotion(day)) {
      if (day !== lastExcluded) t.excludedDays += 1;
      lastExcluded = day;
      continue;
    }
    if (day !== lastUsed) t.days += 1;
    lastUsed = day;
    if (t.firstDay === null) t.firstDay = day;
    t.lastDay = day;
    const visitors = h!.visitors[i]!;
    if (spendSeries) {
      spendSeries[t.rows] = h!.spend![i]!;
      visitorSeries![t.rows] = visitors;
    }
    t.rows += 1;
    t.visitors += visitors;
    t.orders += h!.orders[i]!;
    t.gmv += h!.gmv[i]!;
    if (h!.spend) t.spend += h!.spend[i]!;
    if (h!.impressions) t.impressions += h!.impressions[i]!;
    if (h!.clicks) t.clicks += h!.clicks[i]!;
    if (h!.addToCart) t.addToCart += h!.addToCart[i]!;
    if (h!.refunds) t.refunds += h!.refunds[i]!;
  }
  // a column the file did not have is unknown, not zero
  const known = (col: Float64Array | null | undefined, sum: number): number | null => (col ? sum : t.rows === 0 ? 0 : null);
  const totals: ChannelTotals = {
    spend: known(h?.spend, t.spend),
    impressions: known(h?.impressions, t.impressions),
    clicks: known(h?.clicks, t.clicks),
    visitors: t.visitors,
    addToCart: known(h?.addToCart, t.addToCart),
    orders: t.orders,
    gmv: t.gmv,
    refunds: known(h?.refunds, t.refunds),
  };
  let curve: HillFit | null = null;
  let curveNote: ChannelCalibration['curveNote'] = spendBought ? null : 'not_spend_bought';
  if (spendSeries && visitorSeries) {
    const fitted = fitHillSeries(spendSeries.subarray(0, t.rows), visitorSeries.subarray(0, t.rows));
    if (fitted.ok) curve = fitted.fit;
    else curveNote = fitted.reason;
  } else if (spendBought) {
    curveNote = 'too_few_days';
  }
  const clicks = totals.clicks ?? (t.rows > 0 ? totals.visitors : null);
  const iso = (day: number | null): string | null => (day === null ? null : new Date(day * DAY_MS).toISOString().slice(0, 10));
  return {
    id,
    model,
    days: t.days,
    rows: t.rows,
    excludedDays: t.excludedDays,
    cvr: ratio(totals.orders, totals.visitors),
    aov: ratio(totals.gmv, totals.orders),
    cpc: model === 'cpc' ? ratio(totals.spend, clicks) : null,
    cpm: model === 'cpm' ? ratio(totals.spend, totals.impressions, 1000) : null,
    ctr: model === 'cpm' ? ratio(totals.clicks, totals.impressions) : null,
    addToCartRate: ratio(totals.addToCart, totals.visitors),
    refundRate: ratio(totals.refunds, totals.gmv),
    confidence: confidenceOf(t.days),
    curve,
    curveNote,
    totals,
    firstDay: iso(t.firstDay),
    lastDay: iso(t.lastDay),
  };
}

/**
 * Calibrates every channel of the plan from its history: the importer's
 * columnar table (or rows, matched to plan channel ids). Rows outside
 * from–to are not used; promotion days (given, and the days of the plan's
 * activities) are left out unless `includePromotions`. A plan channel
 * without rows comes back `untested` with null figures. One pass per
 * channel; pure: no files, no clock.
 * @throws CalibrationUsageError for history of a channel the plan does not have.
 * @example calibrateHistory(plan, imported.history, { from: '2026-01-01', to: '2026-12-31' }).find((c) => c.id === 'search')?.cvr
 */
export function calibrateHistory(plan: Plan, history: HistoryTable | readonly HistoryRow[], options: CalibrationOptions = {}): ChannelCalibration[] {
  const byChannel = historyTableFor(plan, history);
  const given = new Set<number>();
  for (const d of options.promotionDays ?? []) given.add(historyDay(d));
  const peaks = options.planPromotions === false ? new Set<string>() : planPromotionMonthDays(plan);
  // one flag per day of the history's span, worked out once for every channel
  let first = Infinity;
  let last = -Infinity;
  for (const c of byChannel.values()) {
    if (c.length === 0) continue;
    first = Math.min(first, c.day[0]!);
    last = Math.max(last, c.day[c.length - 1]!);
  }
  const flags = new Uint8Array(options.includePromotions || last < first ? 0 : last - first + 1);
  for (let i = 0; i < flags.length; i += 1) {
    const day = first + i;
    if (given.has(day) || (peaks.size > 0 && peaks.has(new Date(day * DAY_MS).toISOString().slice(5, 10)))) flags[i] = 1;
  }
  const isPromotion = (day: number): boolean => flags.length > 0 && flags[day - first] === 1;
  const from = options.from ? historyDay(options.from) : -Infinity;
  const to = options.to ? historyDay(options.to) : Infinity;
  return plan.channels.map((c) => calibrateChannel(c.id, c.cost.model, byChannel.get(c.id), from, to, isPromotion));
}
