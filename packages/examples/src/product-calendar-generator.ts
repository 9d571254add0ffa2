import type { Category, CategoryRole, Mechanic, PlanProduct, ProductPromotion, ProductRole } from '@shopplan/schema';

/**
 * Deterministic product calendars for the examples (issue 12): a
 * three-level category tree with every category role, and products with
 * every v4 field (role, cost, lead time, minimum order, stock, safety-stock
 * rule, lifecycle, season, decoy, promotions with every mechanic). Used by
 * scripts/products-2027.ts (200 products, hand-checkable) and by scalePlan
 * (10,000 products).
 */

/** The seasonal themes a seasonal product can belong to. */
export type SeasonTheme = 'springTea' | 'cherry' | 'mango' | 'mooncake' | 'hairyCrab';

/** Which activities of the plan the products join, by their part in the year. */
export interface ProductActivities {
  /** The year's big festivals (618, Double 11): most products join them. */
  main: readonly [string, string];
  /** Smaller pushes (38, Double 12, member days) for potential and flagship products. */
  small: readonly string[];
  /** The seasonal theme of each season. */
  seasonal: Readonly<Record<SeasonTheme, string>>;
  /** An activity whose peak falls in the first weeks of the plan: the products with no stock on hand join it. */
  early: string;
}

/** What to generate. */
export interface ProductCalendarSpec {
  /** The plan's year: seasons, launches and declines fall in it. */
  year: number;
  /** Each product's share of GMV; a decoy's share should be 0. */
  shares: readonly number[];
  /** Indexes of the decoy bundles (烟幕弹套餐). */
  decoys: ReadonlySet<number>;
  /** The plan's GMV and weeks, to size stock and minimum orders to the demand. */
  gmv: number;
  weeks: number;
  activities: ProductActivities;
  seed: number;
}

/** A small deterministic PRNG (mulberry32): the same products on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Leaf {
  id: string;
  zh: string;
  en: string;
  /** Price band in yuan. */
  low: number;
  high: number;
  /** Supplier lead time band in working days. */
  lead: readonly [number, number];
  season?: SeasonTheme;
}

interface Branch { id: string; zh: string; en: string; leaves: readonly Leaf[] }
interface Trunk { id: string; zh: string; en: string; role: CategoryRole; branches: readonly Branch[] }

/** The category tree: four level-1 categories, one per category role, each with level-2 and level-3 categories. */
const TREE: readonly Trunk[] = [
  { id: 'tea', zh: '茶叶', en: 'Tea', role: 'destination', branches: [
    { id: 'tea-green', zh: '绿茶', en: 'Green tea', leaves: [
      { id: 'tea-green-longjing', zh: '龙井', en: 'Longjing', low: 99, high: 599, lead: [10, 20], season: 'springTea' },
      { id: 'tea-green-biluochun', zh: '碧螺春', en: 'Biluochun', low: 79, high: 399, lead: [10, 20] },
    ] },
    { id: 'tea-black', zh: '红茶', en: 'Black tea', leaves: [
      { id: 'tea-black-dianhong', zh: '滇红', en: 'Dianhong', low: 59, high: 299, lead: [10, 15] },
      { id: 'tea-black-lapsang', zh: '正山小种', en: 'Lapsang souchong', low: 69, high: 399, lead: [10, 15] },
    ] },
    { id: 'tea-ware', zh: '茶具', en: 'Teaware', leaves: [
      { id: 'tea-ware-cups', zh: '茶杯', en: 'Tea cups', low: 29, high: 199, lead: [15, 30] },
      { id: 'tea-ware-pots', zh: '茶壶', en: 'Teapots', low: 89, high: 699, lead: [15, 30] },
    ] },
  ] },
  { id: 'fresh', zh: '生鲜水果', en: 'Fresh produce', role: 'seasonal', branches: [
    { id: 'fresh-fruit', zh: '水果', en: 'Fruit', leaves: [
      { id: 'fresh-fruit-cherry', zh: '车厘子', en: 'Cherries', low: 99, high: 399, lead: [3, 7], season: 'cherry' },
      { id: 'fresh-fruit-mango', zh: '芒果', en: 'Mangoes', low: 39, high: 159, lead: [3, 7], season: 'mango' },
    ] },
    { id: 'fresh-seafood', zh: '水产', en: 'Seafood', leaves: [
      { id: 'fresh-seafood-crab', zh: '大闸蟹', en: 'Hairy crab', low: 199, high: 899, lead: [5, 10], season: 'hairyCrab' },
    ] },
    { id: 'fresh-festive', zh: '节令礼盒', en: 'Festive boxes', leaves: [
      { id: 'fresh-festive-mooncake', zh: '月饼', en: 'Mooncakes', low: 89, high: 499, lead: [15, 25], season: 'mooncake' },
    ] },
  ] },
  { id: 'snacks', zh: '休闲零食', en: 'Snacks', role: 'routine', branches: [
    { id: 'snacks-nuts', zh: '坚果', en: 'Nuts', leaves: [
      { id: 'snacks-nuts-daily', zh: '每日坚果', en: 'Daily nuts', low: 39, high: 169, lead: [5, 15] },
      { id: 'snacks-nuts-walnut', zh: '核桃', en: 'Walnuts', low: 29, high: 129, lead: [5, 15] },
    ] },
    { id: 'snacks-bakery', zh: '饼干糕点', en: 'Biscuits and pastry', leaves: [
      { id: 'snacks-bakery-cookies', zh: '曲奇', en: 'Cookies', low: 19, high: 99, lead: [5, 12] },
      { id: 'snacks-bakery-pastry', zh: '糕点', en: 'Pastry', low: 29, high: 159, lead: [5, 12] },
    ] },
  ] },
  { id: 'home', zh: '家居日用', en: 'Home', role: 'convenience', branches: [
    { id: 'home-storage', zh: '收纳', en: 'Storage', leaves: [
      { id: 'home-storage-boxes', zh: '收纳盒', en: 'Storage boxes', low: 19, high: 129, lead: [15, 30] },
      { id: 'home-storage-hangers', zh: '衣架', en: 'Hangers', low: 19, high: 69, lead: [15, 30] },
    ] },
    { id: 'home-kitchen', zh: '厨房', en: 'Kitchen', leaves: [
      { id: 'home-kitchen-cloths', zh: '抹布', en: 'Dish cloths', low: 19, high: 59, lead: [10, 20] },
      { id: 'home-kitchen-wrap', zh: '保鲜膜', en: 'Cling film', low: 19, high: 49, lead: [10, 20] },
    ] },
  ] },
];

const LEAVES: readonly Leaf[] = TREE.flatMap((t) => t.branches.flatMap((b) => b.leaves));
const SEASONAL_LEAVES = LEAVES.filter((l) => l.season !== undefined);
const YEAR_ROUND_LEAVES = LEAVES.filter((l) => l.season === undefined);

/** The category tree as plan categories: level 1 without a parent, levels 2 and 3 under it (a level-2 category takes its trunk's role). */
export function productCategories(): Category[] {
  const out: Category[] = [];
  for (const t of TREE) {
    out.push({ id: t.id, name: { zh: t.zh, en: t.en }, role: t.role });
    for (const b of t.branches) {
      out.push({ id: b.id, name: { zh: b.zh, en: b.en }, parent: t.id, role: t.role });
      for (const l of b.leaves) out.push({ id: l.id, name: { zh: l.zh, en: l.en }, parent: b.id, role: l.season ? 'seasonal' : t.role });
    }
  }
  return out;
}

/** The repeating pattern of roles: of every 20 products, 2 traffic drivers, 9 profit, 1 flagship, 3 high-conversion, 2 potential, 3 seasonal. */
const ROLE_PATTERN: readonly ProductRole[] = [
  'profit', 'traffic', 'profit', 'conversion', 'seasonal', 'profit', 'potential', 'profit', 'conversion', 'flagship',
  'profit', 'seasonal', 'traffic', 'profit', 'conversion', 'potential', 'profit', 'seasonal', 'profit', 'profit',
];

/** Season windows (inclusive) in the plan's year. */
function seasonWindow(theme: SeasonTheme, year: number): { start: string; end: string } {
  const w: Record<SeasonTheme, [string, string]> = {
    springTea: ['03-01', '05-31'], cherry: ['04-20', '06-30'], mango: ['06-01', '08-31'], mooncake: ['08-10', '09-30'], hairyCrab: ['09-10', '12-15'],
  };
  return { start: `${year}-${w[theme][0]}`, end: `${year}-${w[theme][1]}` };
}

const addDaysIso = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The largest whole-yuan price at most `x` that ends in 9 (…9), at least ¥1
 * under the list price. Mechanic parameters are typed as planners type
 * them, in prices ending in 9.
 */
function endingNine(x: number): number {
  const p = Math.floor((x - 9) / 10) * 10 + 9;
  return p >= 9 ? p : Math.max(1, Math.floor(x));
}

/**
 * Products with every v4 field, deterministic for a spec. Which product is
 * what follows its index, so the example can be checked by hand:
 * - role: ROLE_PATTERN by index; a seasonal product lives in a seasonal
 *   category and sells only in its window, launching at its start (growth
 *   a week later, maturity two) and declining two weeks before its end;
 * - index ≡ 3 (mod 10), year-round: a launch mid-year (6 June), growth from
 *   July, maturity from mid-August;
 * - index ≡ 7 (mod 10), year-round: in decline from September, off sale
 *   after Christmas week; its Double 11 promotion is a promoInDecline alert;
 * - index ≡ 5 (mod 25): no stock on hand and a long lead time, joining the
 *   early activity: its first orders are already past (orderByPast) and it
 *   runs out in that activity's peak (stockOutInPeak);
 * - the first seasonal product of each window also joins Double 11, outside
 *   its season (outOfSeason) for all but the hairy crab, whose season takes
 *   Double 11 in; traffic drivers' buy-one-get-one at Double 11
 *   sells under their cost (promoBelowCost);
 * - everyone else starts with 3 to 10 weeks of stock.
 */
export function generateProducts(spec: ProductCalendarSpec): PlanProduct[] {
  const random = mulberry32(spec.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] ?? list[0]!;
  const between = (lo: number, hi: number): number => lo + (hi - lo) * random();
  const width = Math.max(3, String(spec.shares.length).length);
  const { year } = spec;
  const [main618, mainDouble11] = spec.activities.main;
  const firstSeasonal = new Set<SeasonTheme>();
  let seasonalSoFar = 0;

  return spec.shares.map((share, i) => {
    const n = String(i + 1).padStart(width, '0');
    const decoy = spec.decoys.has(i);
    const role: ProductRole = decoy ? 'flagship' : ROLE_PATTERN[i % ROLE_PATTERN.length]!;
    // seasonal products rotate through the seasonal categories; the others through the year-round ones
    const leaf = role === 'seasonal' ? SEASONAL_LEAVES[seasonalSoFar++ % SEASONAL_LEAVES.length]! : YEAR_ROUND_LEAVES[i % YEAR_ROUND_LEAVES.length]!;
    const band = decoy ? { low: leaf.high * 1.5, high: leaf.high * 2 } : leaf;
    const price = endingNine(band.low + (band.high - band.low) * random() ** 1.5 + 9);
    const costRate = role === 'traffic' ? between(0.7, 0.85) : role === 'flagship' ? between(0.3, 0.45) : between(0.4, 0.6);
    const unitCost = Math.round(price * costRate * 10) / 10;
    const weeklyUnits = (share * spec.gmv) / spec.weeks / price;
    const starved = !decoy && i % 25 === 5;
    const leadDays = starved ? 40 : Math.round(between(leaf.lead[0], leaf.lead[1]));
    const moq = Math.max(1, Math.round((weeklyUnits * between(1, 3)) / 10) * 10);
    const stock = starved || decoy ? 0 : Math.round(weeklyUnits * between(3, 10));
    const serviceLevel = pick([0.9, 0.95, 0.95, 0.98]);
    const demandCv = Math.round((leaf.season ? between(0.5, 0.8) : between(0.2, 0.5)) * 100) / 100;

    const product: PlanProduct = {
      id: `p${n}`,
      name: decoy
        ? { zh: `${leaf.zh}尊享套装 ${n}号（对比款）`, en: `${leaf.en} deluxe set #${n} (decoy)` }
        : { zh: `${leaf.zh} ${n}号`, en: `${leaf.en} #${n}` },
      share,
      price,
      category: leaf.id,
      role,
      unitCost,
      leadDays,
      moq,
      stock,
      serviceLevel,
      demandCv,
    };
    if (decoy) return { ...product, decoy: true };

    const promotions: ProductPromotion[] = [];
    const join = (activity: string, mechanic: Mechanic, promoPrice?: number) => {
      if (!promotions.some((p) => p.activity === activity)) promotions.push(promoPrice === undefined ? { activity, mechanic } : { activity, mechanic, promoPrice });
    };
    if (leaf.season) {
      const window = seasonWindow(leaf.season, year);
      product.season = window;
      product.lifecycle = { launch: window.start, growth: addDaysIso(window.start, 7), maturity: addDaysIso(window.start, 14), decline: addDaysIso(window.end, -14) };
      join(spec.activities.seasonal[leaf.season], { kind: 'priceCut', price: endingNine(price * 0.85) });
      if (!firstSeasonal.has(leaf.season)) {
        firstSeasonal.add(leaf.season);
        join(mainDouble11, { kind: 'coupon', threshold: 0, value: Math.max(1, Math.floor(price * 0.05)) });
      }
    } else if (i % 10 === 3) {
      product.lifecycle = { launch: `${year}-06-07`, growth: `${year}-07-05`, maturity: `${year}-08-16` };
    } else if (i % 10 === 7) {
      product.lifecycle = { launch: `${year - 2}-03-01`, growth: `${year - 2}-04-12`, maturity: `${year - 2}-06-07`, decline: `${year}-09-06`, end: `${year}-12-26` };
    } else {
      product.lifecycle = { launch: `${year - 1}-03-01`, growth: `${year - 1}-04-12`, maturity: `${year - 1}-06-07` };
    }

    if (starved) join(spec.activities.early, { kind: 'priceCut', price: endingNine(price * 0.9) });
    switch (role) {
      case 'traffic':
        join(main618, { kind: 'priceCut', price: endingNine(price * 0.8) });
        join(mainDouble11, { kind: 'bogo' });
        break;
      case 'profit':
        join(main618, { kind: 'spendSave', tiers: [{ spend: 200, save: 20 }, { spend: 400, save: 50 }] }, i % 4 === 0 ? endingNine(price * 0.9) : undefined);
        join(mainDouble11, { kind: 'coupon', threshold: 99, value: 10, basketUnits: Math.max(1, Math.ceil(99 / price)) });
        break;
      case 'flagship':
        join(pick(spec.activities.small), { kind: 'coupon', threshold: 0, value: Math.max(1, Math.floor(price * 0.03)) });
        join(mainDouble11, { kind: 'spendSave', tiers: [{ spend: 300, save: 30 }], repeat: true });
        break;
      case 'conversion':
        join(main618, { kind: 'secondHalf' });
        join(mainDouble11, { kind: 'multiBuy', items: 3, total: endingNine(3 * price * 0.8) });
        break;
      case 'potential':
        join(pick(spec.activities.small), { kind: 'group', price: endingNine(price * 0.85), groupSize: 2 + (i % 2) });
        join(main618, { kind: 'priceCut', price: endingNine(price * 0.9) });
        break;
      case 'seasonal':
        break;
    }
    if (promotions.length > 0) product.promotions = promotions;
    return product;
  });
}
