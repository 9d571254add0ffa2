import type { CostModelName, HistoryRow } from '@shopplan/schema';

/**
 * A seeded generator of a year of daily shop history for six channels, so
 * calibration can be checked against known truth (issue 14).
 *
 * How a day is made:
 * - demand = weekday pattern × month season × promotion phase × post-peak dip × noise (±5%);
 * - free channels (organic, recommend): visitors = base × demand;
 * - linear paid channels (brand search CPC, affiliate CPS): visitors = base × demand,
 *   spend = clicks × CPC (dearer on peak days) or GMV × commission;
 * - saturating channels (search, display): the day's budget = base spend ×
 *   weekday × season × a random factor 0.3–2.0 (planners move budgets), and
 *   visitors = the channel's true Hill curve of that spend × noise (±3%);
 * - orders = visitors × CVR (× the phase's CVR multiplier), rounded;
 *   add-to-cart = visitors × add-to-cart rate; GMV = orders × AOV × noise (±2%)
 *   (× the phase's AOV multiplier: discounts); refunds = GMV × refund rate.
 *
 * Promotions: 618 (warm-up 06-01–06-15, peak 06-16–06-20) and Double 11
 * (warm-up 10-20–11-09, peak 11-10–11-12) move traffic, CVR, AOV and CPC;
 * those days are listed in `promotionDays`. After each peak a 7-day dip
 * lowers demand (×0.7 back to 1) but leaves every rate alone, so a baseline
 * without the promotion days has exactly the true rates.
 */

/** A channel's true parameters. */
export interface TrueChannel {
  id: string;
  name: { zh: string; en: string };
  model: CostModelName;
  cvr: number;
  aov: number;
  addToCartRate: number;
  /** Clicks / impressions (every paid channel shows ads; free channels have none). */
  ctr: number | null;
  cpc: number | null;
  commission: number | null;
  refundRate: number;
  /** Daily visitors at demand 1 (linear channels). */
  baseVisitors: number | null;
  /** The Hill curve of a saturating channel: daily visitors from daily spend. */
  hill: { beta: number; alpha: number; kappa: number } | null;
  /** Daily spend at demand 1 (saturating channels). */
  baseSpend: number | null;
}

/** The six channels and their true rates. */
export const HISTORY_CHANNELS: readonly TrueChannel[] = [
  { id: 'organic', name: { zh: '自然搜索', en: 'Organic search' }, model: 'free', cvr: 0.021, aov: 152, addToCartRate: 0.085, ctr: null, cpc: null, commission: null, refundRate: 0.06, baseVisitors: 12_000, hill: null, baseSpend: null },
  { id: 'recommend', name: { zh: '猜你喜欢', en: 'Recommendation' }, model: 'free', cvr: 0.012, aov: 118, addToCartRate: 0.06, ctr: null, cpc: null, commission: null, refundRate: 0.08, baseVisitors: 8_000, hill: null, baseSpend: null },
  { id: 'search', name: { zh: '直通车', en: 'Paid search' }, model: 'cpc', cvr: 0.025, aov: 160, addToCartRate: 0.1, ctr: 0.032, cpc: null, commission: null, refundRate: 0.05, baseVisitors: null, hill: { beta: 9_000, alpha: 1.2, kappa: 4_000 }, baseSpend: 3_500 },
  { id: 'display', name: { zh: '引力魔方', en: 'Display' }, model: 'cpm', cvr: 0.012, aov: 140, addToCartRate: 0.07, ctr: 0.015, cpc: null, commission: null, refundRate: 0.07, baseVisitors: null, hill: { beta: 14_000, alpha: 1, kappa: 7_000 }, baseSpend: 8_000 },
  { id: 'brand', name: { zh: '品牌专区', en: 'Brand search' }, model: 'cpc', cvr: 0.045, aov: 175, addToCartRate: 0.14, ctr: 0.08, cpc: 0.8, commission: null, refundRate: 0.04, baseVisitors: 2_500, hill: null, baseSpend: null },
  { id: 'affiliate', name: { zh: '淘宝客', en: 'Affiliate' }, model: 'cps', cvr: 0.03, aov: 130, addToCartRate: 0.09, ctr: null, cpc: null, commission: 0.2, refundRate: 0.1, baseVisitors: 3_000, hill: null, baseSpend: null },
];

/** Monday first. */
const WEEKDAY = [1, 0.96, 0.95, 0.98, 1.04, 1.12, 1.08];
/** January first. */
const SEASON = [0.9, 0.8, 0.95, 1, 1.02, 1.1, 0.95, 0.92, 1, 1.05, 1.2, 1.15];

interface Phase { traffic: number; cvr: number; aov: number; cpc: number }
const WARM_UP: Phase = { traffic: 1.3, cvr: 0.55, aov: 1, cpc: 1.1 };
const PEAK: Phase = { traffic: 2.5, cvr: 1.4, aov: 0.9, cpc: 1.6 };
const NONE: Phase = { traffic: 1, cvr: 1, aov: 1, cpc: 1 };

const DAY = 86_400_000;
const isoOf = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Mulberry32: a small, well-known seeded generator, so the files are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function phaseOf(md: string): Phase {
  if (md >= '06-01' && md <= '06-15') return WARM_UP;
  if (md >= '06-16' && md <= '06-20') return PEAK;
  if (md >= '10-20' && md <= '11-09') return WARM_UP;
  if (md >= '11-10' && md <= '11-12') return PEAK;
  return NONE;
}

/** The dip after a peak: ×0.7 the day after, back to 1 linearly over 7 days. */
function dipOf(t: number, year: number): number {
  for (const peakEnd of [Date.UTC(year, 5, 20), Date.UTC(year, 10, 12)]) {
    const after = Math.round((t - peakEnd) / DAY);
    if (after >= 1 && after <= 7) return 0.7 + (0.3 * (after - 1)) / 7;
  }
  return 1;
}

/** A generated history and the truth behind it. */
export interface GeneratedHistory {
  rows: HistoryRow[];
  channels: readonly TrueChannel[];
  /** Warm-up and peak days of 618 and Double 11 (YYYY-MM-DD). */
  promotionDays: string[];
}

/**
 * A year of daily history for the six channels (one row per day and channel,
 * in date order), from a seed.
 * @example generateHistory({ year: 2026, seed: 14 }).rows.length // 2190
 */
export function generateHistory(options: { year: number; seed: number; channels?: readonly TrueChannel[] }): GeneratedHistory {
  const random = seeded(options.seed);
  const noise = (width: number): number => 1 + (random() * 2 - 1) * width;
  const channels = options.channels ?? HISTORY_CHANNELS;
  const rows: HistoryRow[] = [];
  const promotionDays: string[] = [];
  const end = Date.UTC(options.year, 11, 31);
  for (let t = Date.UTC(options.year, 0, 1); t <= end; t += DAY) {
    const date = isoOf(t);
    const md = date.slice(5);
    const phase = phaseOf(md);
    if (phase !== NONE) promotionDays.push(date);
    const weekday = (new Date(t).getUTCDay() + 6) % 7;
    const pattern = WEEKDAY[weekday]! * SEASON[new Date(t).getUTCMonth()]!;
    const demand = pattern * phase.traffic * dipOf(t, options.year) * noise(0.05);
    for (const c of channels) {
      let visitors: number;
      let spend = 0;
      if (c.hill && c.baseSpend !== null) {
        spend = Math.round(c.baseSpend * pattern * (0.3 + random() * 1.7) * 100) / 100;
        const sa = Math.pow(spend, c.hill.alpha);
        visitors = Math.round(((c.hill.beta * sa) / (sa + Math.pow(c.hill.kappa, c.hill.alpha))) * noise(0.03) * phase.traffic);
      } else {
        visitors = Math.round((c.baseVisitors ?? 0) * demand);
      }
      const orders = Math.round(visitors * c.cvr * phase.cvr);
      const gmv = Math.round(orders * c.aov * phase.aov * noise(0.02) * 100) / 100;
      if (c.cpc !== null) spend = Math.round(visitors * c.cpc * phase.cpc * 100) / 100;
      if (c.commission !== null) spend = Math.round(gmv * c.commission * 100) / 100;
      const clicks = c.ctr !== null ? visitors : 0;
      rows.push({
        date,
        channel: c.id,
        spend,
        impressions: c.ctr !== null ? Math.round(clicks / c.ctr) : 0,
        clicks,
        visitors,
        addToCart: Math.round(visitors * c.addToCartRate),
        orders,
        gmv,
        refunds: Math.round(gmv * c.refundRate * 100) / 100,
      });
    }
  }
  return { rows, channels, promotionDays };
}

/** The importer's header names for each HistoryRow field, as the generated files write them (Chinese, as shops export). */
export const HISTORY_HEADER_ZH = ['日期', '渠道', '花费', '展现量', '点击量', '访客数', '加购人数', '支付买家数', '支付金额', '退款金额'] as const;

/** History rows as CSV text with Chinese headers (the channel written as its zh name). */
export function historyCsv(rows: readonly HistoryRow[], channels: readonly TrueChannel[] = HISTORY_CHANNELS): string {
  const names = new Map(channels.map((c) => [c.id, c.name.zh]));
  const lines = [HISTORY_HEADER_ZH.join(',')];
  for (const r of rows) {
    lines.push([r.date, names.get(r.channel) ?? r.channel, r.spend, r.impressions, r.clicks, r.visitors, r.addToCart, r.orders, r.gmv, r.refunds].join(','));
  }
  return `${lines.join('\n')}\n`;
}
