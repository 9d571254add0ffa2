import { parsePlan, type Activity, type Plan, type PlanInput, type PlanProduct, type PlanWeek } from '@shopplan/schema';
import { dragonBoatFestival, midAutumnFestival, springFestival } from '@shopplan/calendar';
import { generateProducts, productCategories } from './product-calendar-generator.ts';

const DAY_MS = 86_400_000;
/** The year the scale plan covers. Weeks start on the Monday on or before 1 January. */
export const SCALE_PLAN_YEAR = 2026;

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * DAY_MS);
const daysBetween = (a: Date, b: Date): number => Math.round((b.getTime() - a.getTime()) / DAY_MS);

/** A promotion phase: a multiplier on the daily baseline over [from, to] (inclusive). */
interface Phase {
  from: Date;
  to: Date;
  multiplier: number;
}

/**
 * The promotion calendar of a year as daily multipliers (DOMAIN.md §2):
 * platform festivals with warm-up, peak and tail, lunar festivals computed
 * for the year, the Spring Festival logistics stop and the hangover after
 * Double 11. Later phases multiply onto earlier ones where they overlap.
 */
function promotionPhases(year: number): Phase[] {
  const cny = springFestival(year);
  const nextCny = springFestival(year + 1);
  const dragon = dragonBoatFestival(year);
  const moon = midAutumnFestival(year);
  const d = (m: number, day: number) => utc(year, m, day);
  return [
    // 年货节 before Spring Festival, then couriers stop for the holiday
    { from: addDays(cny, -24), to: addDays(cny, -8), multiplier: 1.35 },
    { from: addDays(cny, -7), to: addDays(cny, 7), multiplier: 0.45 },
    { from: addDays(nextCny, -24), to: addDays(nextCny, -8), multiplier: 1.35 },
    // 38 女王节
    { from: d(3, 1), to: d(3, 6), multiplier: 1.2 },
    { from: d(3, 7), to: d(3, 8), multiplier: 2.2 },
    // 618: warm-up from late May, peak 16–18 June, tail to the 20th
    { from: d(5, 26), to: d(6, 15), multiplier: 1.25 },
    { from: d(6, 16), to: d(6, 18), multiplier: 3.2 },
    { from: d(6, 19), to: d(6, 20), multiplier: 1.4 },
    // seasonal: zongzi before Dragon Boat, mooncakes before Mid-Autumn
    { from: addDays(dragon, -10), to: addDays(dragon, -1), multiplier: 1.15 },
    { from: addDays(moon, -18), to: addDays(moon, -1), multiplier: 1.3 },
    // 99 划算节
    { from: d(9, 5), to: d(9, 9), multiplier: 1.3 },
    // Double 11 (S tier): long warm-up, two peak days, tail, then the hangover dip
    { from: d(10, 20), to: d(11, 9), multiplier: 1.3 },
    { from: d(11, 10), to: d(11, 11), multiplier: 4.5 },
    { from: d(11, 12), to: d(11, 13), multiplier: 1.6 },
    { from: d(11, 14), to: d(11, 30), multiplier: 0.8 },
    // Double 12
    { from: d(12, 10), to: d(12, 12), multiplier: 1.8 },
  ];
}

/** A day's baseline: a mild season (winter high, early summer low) times the weekday pattern. */
function baseline(day: Date): number {
  const dayOfYear = daysBetween(utc(day.getUTCFullYear(), 1, 1), day);
  const season = 1 + 0.18 * Math.cos((2 * Math.PI * (dayOfYear - 345)) / 365.25);
  const weekday = [1.12, 0.95, 0.95, 0.97, 1.0, 1.05, 1.1][day.getUTCDay()] ?? 1; // Sunday first
  return season * weekday;
}

/**
 * Weekly weights of a year: each week's weight is the sum of its days'
 * baseline × promotion multipliers, rounded to 4 decimals (weights are
 * relative; the engine normalises them).
 */
export function scaleWeeks(year: number, weekCount: number): PlanWeek[] {
  const jan1 = utc(year, 1, 1);
  const start = addDays(jan1, -((jan1.getUTCDay() + 6) % 7)); // Monday on or before 1 January
  const phases = [...promotionPhases(year - 1), ...promotionPhases(year), ...promotionPhases(year + 1)];
  const weeks: PlanWeek[] = [];
  for (let w = 0; w < weekCount; w++) {
    const weekStart = addDays(start, 7 * w);
    let weight = 0;
    for (let i = 0; i < 7; i++) {
      const day = addDays(weekStart, i);
      let m = baseline(day);
      for (const p of phases) if (day >= p.from && day <= p.to) m *= p.multiplier;
      weight += m;
    }
    weeks.push({ start: iso(weekStart), weight: Math.round(weight * 10_000) / 10_000 });
  }
  return weeks;
}

import { mulberry32 } from './product-calendar-generator.ts';

/** Categories with a price band in yuan (low, high). */
const CATEGORIES = [
  { zh: '女装连衣裙', en: 'Dress', low: 89, high: 399 },
  { zh: '男士T恤', en: "Men's T-shirt", low: 39, high: 159 },
  { zh: '运动鞋', en: 'Sneakers', low: 159, high: 899 },
  { zh: '护肤精华', en: 'Skincare serum', low: 99, high: 699 },
  { zh: '零食礼盒', en: 'Snack gift box', low: 29, high: 199 },
  { zh: '茶叶', en: 'Tea', low: 49, high: 599 },
  { zh: '小家电', en: 'Small appliance', low: 129, high: 1299 },
  { zh: '母婴用品', en: 'Baby care', low: 25, high: 259 },
  { zh: '家居收纳', en: 'Home storage', low: 19, high: 129 },
  { zh: '数码配件', en: 'Phone accessory', low: 19, high: 299 },
] as const;

/** A promotional price: whole yuan ending in 9, 8 or 5 (DOMAIN.md §3). */
function promoPrice(raw: number, pick: number): number {
  const tens = Math.max(1, Math.floor(raw / 10));
  const ending = pick < 0.6 ? 9 : pick < 0.85 ? 8 : 5;
  return tens * 10 + ending;
}

/**
 * Products with long-tail shares (a Zipf-like curve: a few hits carry much of
 * the GMV, thousands of products a little each), summing to 1 within the
 * schema's tolerance.
 */
export function scaleProducts(productCount: number, seed = 20_260_101): PlanProduct[] {
  const random = mulberry32(seed);
  const raw = Array.from({ length: productCount }, (_, i) => 1 / (i + 8) ** 0.95 * (0.7 + 0.6 * random()));
  const total = raw.reduce((a, b) => a + b, 0);
  const width = String(productCount).length;
  return raw.map((r, i) => {
    const cat = CATEGORIES[Math.floor(random() * CATEGORIES.length)] ?? CATEGORIES[0];
    const price = promoPrice(cat.low + (cat.high - cat.low) * random() ** 1.6, random());
    const n = String(i + 1).padStart(width, '0');
    return { id: `p${n}`, name: { zh: `${cat.zh} ${n}号`, en: `${cat.en} #${n}` }, share: r / total, price };
  });
}

/** How much of the product calendar a scale plan carries. */
export interface ScalePlanOptions {
  /**
   * True for plan v4's whole product calendar: the category tree, every
   * product field (role, cost, lead time, minimum order, stock, safety-stock
   * rule, lifecycle, season, decoys, promotions with every mechanic) and the
   * year's activities the promotions join. False (the default) keeps the
   * plan as earlier versions made it, share and price only and no
   * activities, so the tests and benchmarks built on it keep their figures.
   */
  productCalendar?: boolean;
}

/** The activities of the scale plan's year the products join; no resource needs, so the scheduler places each. */
function scaleActivities(): Activity[] {
  const y = SCALE_PLAN_YEAR;
  const a = (id: string, zh: string, en: string, tier: Activity['tier'], start: string, end: string, peakOn?: string, kind: Activity['kind'] = 'platform'): Activity => ({
    id, name: { zh, en }, tier, kind, window: { start: `${y}-${start}`, end: `${y}-${end}` }, needs: {}, leadTime: 0, ...(peakOn ? { peakOn: `${y}-${peakOn}` } : {}),
  });
  return [
    a('nianhuo', '年货节', 'New Year goods festival', 'A', '01-12', '02-14', '02-01'),
    a('queen-day', '38 女王节', "Queen's Day (March 8)", 'A', '02-22', '03-12', '03-06'),
    a('member-day-10', '会员日（第 10 周）', 'Member day (week 10)', 'C', '03-02', '03-08', '03-05', 'routine'),
    a('spring-tea', '春茶季', 'Spring tea season', 'B', '03-10', '04-05', undefined, 'seasonal'),
    a('cherry', '车厘子季', 'Cherry season', 'S', '04-25', '06-10', undefined, 'seasonal'),
    a('618', '618 大促', '618 festival', 'S', '05-20', '06-25', '06-16'),
    a('mango', '芒果季', 'Mango season', 'A', '06-01', '07-31', undefined, 'seasonal'),
    a('member-day-30', '会员日（第 30 周）', 'Member day (week 30)', 'C', '07-20', '07-26', '07-23', 'routine'),
    a('mooncake', '中秋月饼', 'Mid-Autumn mooncakes', 'A', '08-25', '09-25', '09-18', 'seasonal'),
    a('hairy-crab', '大闸蟹季', 'Hairy crab season', 'S', '09-16', '11-30', undefined, 'seasonal'),
    a('double-11', '双11', 'Double 11', 'S', '10-10', '11-25', '11-10'),
    a('double-12', '双12', 'Double 12', 'A', '12-01', '12-20', '12-12'),
  ];
}

/**
 * A deterministic yearly plan with `productCount` products over `weekCount`
 * weeks, for benchmarks at scale and for demos: DOMAIN.md's June channels,
 * a target that grows with the assortment (¥12,000 a product a year, at
 * least ¥3,000,000), weekly weights with the season and the year's
 * promotions (Spring Festival, 618, Double 11 … computed for the year),
 * long-tail product shares and prices ending in 9, 8 or 5. With
 * `{ productCalendar: true }` it is a plan v4 whose products carry every
 * field of issue 12 (one decoy in every 500 products, share 0).
 *
 * @example scalePlan(10_000).products?.length // 10000
 * @example scalePlan(1_000, 52).weeks?.[0]?.start // '2025-12-29'
 * @example scalePlan(10_000, 52, { productCalendar: true }).products?.[1]?.role // 'traffic'
 */
export function scalePlan(productCount: number, weekCount = 52, options: ScalePlanOptions = {}): Plan {
  if (!Number.isInteger(productCount) || productCount < 1) throw new RangeError(`productCount must be a positive integer, got ${productCount}`);
  if (!Number.isInteger(weekCount) || weekCount < 1) throw new RangeError(`weekCount must be a positive integer, got ${weekCount}`);
  const weeks = scaleWeeks(SCALE_PLAN_YEAR, weekCount);
  const first = weeks[0]?.start ?? `${SCALE_PLAN_YEAR}-01-01`;
  const end = iso(addDays(new Date(`${first}T00:00:00Z`), 7 * weekCount - 1));
  const gmv = Math.max(3_000_000, productCount * 12_000);
  // organic brings 40% of the target: visitors × 2% × ¥150
  const organicVisitors = Math.round((gmv * 0.4) / (0.02 * 150));
  const doc: PlanInput = {
    version: 1,
    id: `scale-${productCount}x${weekCount}`,
    name: { zh: `规模测试计划（${productCount} 个商品 × ${weekCount} 周）`, en: `Scale plan (${productCount} products × ${weekCount} weeks)` },
    shop: '示例旗舰店 Demo Flagship Store',
    period: { start: first, end },
    currency: 'CNY',
    paidSplit: 'visitors',
    objective: { kind: 'target', gmv },
    channels: [
      { id: 'organic', name: { zh: '自然搜索', en: 'Organic search' }, cvr: 0.02, aov: 150, cost: { model: 'free', forecastVisitors: organicVisitors } },
      { id: 'search', name: { zh: '直通车', en: 'Paid search' }, cvr: 0.025, aov: 160, cost: { model: 'cpc', share: 0.5, cpc: 1.2 } },
      { id: 'display', name: { zh: '引力魔方', en: 'Display' }, cvr: 0.012, aov: 140, cost: { model: 'cpm', share: 0.3, cpm: 36, ctr: 0.015 } },
      { id: 'affiliate', name: { zh: '淘宝客', en: 'Affiliate' }, cvr: 0.03, aov: 130, cost: { model: 'cps', share: 0.2, commission: 0.2 } },
    ],
    weeks,
    products: scaleProducts(productCount),
  };
  const parsed = parsePlan(options.productCalendar ? withProductCalendar(doc, gmv, weekCount) : doc);
  if (!parsed.ok) throw new Error(`scalePlan(${productCount}, ${weekCount}) is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  return parsed.plan;
}

/**
 * The scale plan as plan v4 with the whole product calendar: the same
 * long-tail shares (renormalised without the decoys), the category tree,
 * every product field and the activities the promotions join.
 */
function withProductCalendar(doc: PlanInput & { products?: PlanProduct[] }, gmv: number, weekCount: number): PlanInput {
  const basic = doc.products ?? [];
  const decoys = new Set(basic.map((_, i) => i).filter((i) => i % 500 === 499));
  const kept = basic.reduce((acc, p, i) => acc + (decoys.has(i) ? 0 : p.share), 0);
  const shares = basic.map((p, i) => (decoys.has(i) ? 0 : p.share / kept));
  const products = generateProducts({
    year: SCALE_PLAN_YEAR, shares, decoys, gmv, weeks: weekCount, seed: 20_260_102,
    activities: {
      main: ['618', 'double-11'],
      small: ['queen-day', 'double-12', 'member-day-10', 'member-day-30'],
      seasonal: { springTea: 'spring-tea', cherry: 'cherry', mango: 'mango', mooncake: 'mooncake', hairyCrab: 'hairy-crab' },
      early: 'nianhuo',
    },
  });
  const { start, end } = doc.period;
  // a plan shorter than the year misses some seasons: those products keep their lifecycle but lose the window the period never reaches
  const inPeriod = products.map(({ season, ...rest }) => (season && season.start <= end && season.end >= start ? { ...rest, season } : rest));
  return { ...doc, version: 4, activities: scaleActivities(), categories: productCategories(), products: inPeriod, productSettings: { priceEnding: 9, asOf: start } };
}
