import type { ChannelCalibration, ReviewPeriod } from '@shopplan/engine';
import type { HistoryField } from '@shopplan/history';
import type { Channel, Confidence, LocalizedText, Plan } from '@shopplan/schema';
import type { NumberUnit } from '../../number/index.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * The Calibration view's figures, React-free: calibrated rates beside the
 * plan's, the days a planner leaves out, the review summed over its periods
 * and the bars of the gap's waterfall. Every figure here comes from the
 * worker's answer; this only arranges it for the page (in whole fen where
 * money is added up).
 */

/** One figure a calibration may set. */
export interface RateFigure {
  key: 'cvr' | 'aov' | 'cpc' | 'cpm' | 'ctr' | 'addToCartRate' | 'refundRate';
  label: MessageKey;
  unit: NumberUnit;
  /** Whether the channel's cost model has the figure. */
  applies(channel: Channel): boolean;
  /** The plan's value (null: the plan does not say). */
  plan(channel: Channel): number | null;
}

/** The figures in the order of the rates table. */
export const RATE_FIGURES: readonly RateFigure[] = [
  { key: 'cvr', label: 'rateCvr', unit: 'rate', applies: () => true, plan: (c) => c.cvr },
  { key: 'aov', label: 'rateAov', unit: 'money', applies: () => true, plan: (c) => c.aov },
  { key: 'cpc', label: 'rateCpc', unit: 'money', applies: (c) => c.cost.model === 'cpc', plan: (c) => (c.cost.model === 'cpc' ? c.cost.cpc : null) },
  { key: 'cpm', label: 'rateCpm', unit: 'money', applies: (c) => c.cost.model === 'cpm', plan: (c) => (c.cost.model === 'cpm' ? c.cost.cpm : null) },
  { key: 'ctr', label: 'rateCtr', unit: 'rate', applies: (c) => c.cost.model === 'cpm', plan: (c) => (c.cost.model === 'cpm' ? c.cost.ctr : null) },
  { key: 'addToCartRate', label: 'rateAddToCart', unit: 'rate', applies: () => true, plan: (c) => c.addToCartRate ?? null },
  { key: 'refundRate', label: 'rateRefund', unit: 'rate', applies: () => true, plan: (c) => c.refundRate ?? null },
];

/** One figure of one channel: the plan's value, the calibrated one and, for an untested channel, its wide range. */
export interface RateCell {
  key: RateFigure['key'];
  unit: NumberUnit;
  applies: boolean;
  plan: number | null;
  calibrated: number | null;
  /** The low–high range the risk simulation draws from (untested channels). */
  range: { low: number; high: number } | null;
}

/** One channel's row of the rates table. */
export interface RateRow {
  id: string;
  name: LocalizedText;
  confidence: Confidence;
  days: number;
  rows: number;
  excludedDays: number;
  cells: RateCell[];
}

/**
 * The rates table: per plan channel, each figure as the plan has it and as
 * calibrated (the value the calibrated plan took), with the untested range.
 * @example rateRows(plan, outcome.channels, outcome.calibrated)[0]?.cells[0] // { key: 'cvr', plan: 0.02, calibrated: 0.0211, … }
 */
export function rateRows(plan: Plan, channels: readonly ChannelCalibration[], calibrated: Plan): RateRow[] {
  const byId = new Map(channels.map((c) => [c.id, c]));
  return plan.channels.flatMap((channel): RateRow[] => {
    const cal = byId.get(channel.id);
    if (!cal) return [];
    const cells = RATE_FIGURES.map((f): RateCell => {
      const applies = f.applies(channel);
      const value = applies ? cal[f.key] : null;
      const range = calibrated.uncertainty?.[`channels.${channel.id}.${f.key}`];
      return { key: f.key, unit: f.unit, applies, plan: applies ? f.plan(channel) : null, calibrated: value, range: range && value !== null ? { low: range.low, high: range.high } : null };
    });
    return [{ id: channel.id, name: channel.name, confidence: cal.confidence, days: cal.days, rows: cal.rows, excludedDays: cal.excludedDays, cells }];
  });
}

/** The message key of each history field's name. */
export const FIELD_LABEL: Record<HistoryField, MessageKey> = {
  date: 'fieldDate', channel: 'fieldChannel', spend: 'fieldSpend', impressions: 'fieldImpressions', clicks: 'fieldClicks',
  visitors: 'fieldVisitors', addToCart: 'fieldAddToCart', orders: 'fieldOrders', gmv: 'fieldGmv', refunds: 'fieldRefunds',
};

/** The message key of each confidence level. */
export const CONFIDENCE_LABEL: Record<Confidence, MessageKey> = { untested: 'confUntested', medium: 'confMedium', high: 'confHigh' };

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;
const validDay = (s: string): boolean => ISO.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/**
 * The extra days a planner leaves out, typed as dates and ranges separated
 * by commas, spaces or 、: `2026-03-08, 2026-09-01..2026-09-03` (also `~`).
 * What is not a date, or a range backwards or over a year, comes back in `bad`.
 * @example parseDayList('2026-03-08, 2026-09-01..2026-09-02') // { days: ['2026-03-08', '2026-09-01', '2026-09-02'], bad: [] }
 */
export function parseDayList(text: string): { days: string[]; bad: string[] } {
  const days = new Set<string>();
  const bad: string[] = [];
  for (const token of text.split(/[\s,，;；、]+/).filter((t) => t !== '')) {
    const [a, b, ...rest] = token.split(/\.\.|~|～/);
    if (rest.length > 0 || a === undefined || !validDay(a) || (b !== undefined && !validDay(b))) {
      bad.push(token);
      continue;
    }
    const first = Date.parse(`${a}T00:00:00Z`);
    const last = b === undefined ? first : Date.parse(`${b}T00:00:00Z`);
    if (last < first || (last - first) / DAY > 366) {
      bad.push(token);
      continue;
    }
    for (let t = first; t <= last; t += DAY) days.add(new Date(t).toISOString().slice(0, 10));
  }
  return { days: [...days].sort(), bad };
}

/**
 * Month-days (MM-DD, sorted) folded into runs for reading: `05-27–06-20`.
 * @example monthDayRuns(['06-01', '06-02', '06-03', '11-11']) // ['06-01–06-03', '11-11']
 */
export function monthDayRuns(monthDays: readonly string[]): string[] {
  const ordinal = (md: string) => Date.parse(`2024-${md}T00:00:00Z`) / DAY; // a leap year holds every month-day
  const sorted = [...monthDays].sort();
  const runs: string[] = [];
  let start: string | undefined;
  let prev: string | undefined;
  for (const md of sorted) {
    if (start !== undefined && prev !== undefined && ordinal(md) === ordinal(prev) + 1) {
      prev = md;
      continue;
    }
    if (start !== undefined) runs.push(start === prev ? start : `${start}–${prev}`);
    start = md;
    prev = md;
  }
  if (start !== undefined) runs.push(start === prev ? start : `${start}–${prev}`);
  return runs;
}

const toFen = (x: number): number => Math.round(x * 100);

/**
 * The review's periods summed into one, to date: each channel's plan,
 * actual and parts added in whole fen (the parts still add up to the gap,
 * since they do in every period).
 * @example sumPeriods(review.periods, 'all').total.gap
 */
export function sumPeriods(periods: readonly ReviewPeriod[], name: string): ReviewPeriod {
  const channels = new Map<string, { plan: number; actual: number; gap: number; traffic: number; conversion: number; orderValue: number }>();
  for (const p of periods) {
    for (const c of p.channels) {
      const s = channels.get(c.id) ?? { plan: 0, actual: 0, gap: 0, traffic: 0, conversion: 0, orderValue: 0 };
      s.plan += toFen(c.planGmv);
      s.actual += toFen(c.actualGmv);
      s.gap += toFen(c.gap);
      s.traffic += toFen(c.traffic);
      s.conversion += toFen(c.conversion);
      s.orderValue += toFen(c.orderValue);
      channels.set(c.id, s);
    }
  }
  const list = [...channels.entries()].map(([id, s]) => ({
    id,
    planGmv: s.plan / 100,
    actualGmv: s.actual / 100,
    attainment: s.plan > 0 ? s.actual / s.plan : null,
    gap: s.gap / 100,
    traffic: s.traffic / 100,
    conversion: s.conversion / 100,
    orderValue: s.orderValue / 100,
  }));
  const plan = [...channels.values()].reduce((t, s) => t + s.plan, 0);
  const actual = [...channels.values()].reduce((t, s) => t + s.actual, 0);
  return { period: name, channels: list, total: { planGmv: plan / 100, actualGmv: actual / 100, attainment: plan > 0 ? actual / plan : null, gap: (actual - plan) / 100 } };
}

/** A period's gap parts summed over its channels. */
export function periodParts(period: ReviewPeriod): { traffic: number; conversion: number; orderValue: number } {
  const sum = (k: 'traffic' | 'conversion' | 'orderValue') => period.channels.reduce((t, c) => t + toFen(c[k]), 0) / 100;
  return { traffic: sum('traffic'), conversion: sum('conversion'), orderValue: sum('orderValue') };
}

/** The gap's factors, in the waterfall's order. */
export const GAP_FACTORS = ['traffic', 'conversion', 'orderValue'] as const;
/** A factor of the gap. */
export type GapFactorKey = (typeof GAP_FACTORS)[number];
/** The message key naming each factor. */
export const FACTOR_LABEL: Record<GapFactorKey, MessageKey> = { traffic: 'calTraffic', conversion: 'calConversion', orderValue: 'calOrderValue' };

/** One bar of the gap's waterfall: from `start` to `end` (yuan); plan and actual stand on 0. */
export interface WaterfallBar {
  kind: 'plan' | 'actual' | GapFactorKey;
  channel: string | null;
  value: number;
  start: number;
  end: number;
}

/**
 * The waterfall of a period's gap: plan GMV, then each channel's traffic,
 * conversion and order-value parts (those not zero to the fen) stacked on
 * from there, then actual GMV, where the last part ends exactly (whole fen).
 * @example waterfallBars(period).at(-1) // { kind: 'actual', start: 0, end: period.total.actualGmv, … }
 */
export function waterfallBars(period: ReviewPeriod): WaterfallBar[] {
  const planFen = toFen(period.total.planGmv);
  const bars: WaterfallBar[] = [{ kind: 'plan', channel: null, value: planFen / 100, start: 0, end: planFen / 100 }];
  let running = planFen;
  for (const c of period.channels) {
    for (const factor of GAP_FACTORS) {
      const v = toFen(c[factor]);
      if (v === 0) continue;
      bars.push({ kind: factor, channel: c.id, value: v / 100, start: running / 100, end: (running + v) / 100 });
      running += v;
    }
  }
  const actualFen = toFen(period.total.actualGmv);
  bars.push({ kind: 'actual', channel: null, value: actualFen / 100, start: 0, end: actualFen / 100 });
  return bars;
}
