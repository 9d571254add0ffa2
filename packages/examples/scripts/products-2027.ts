/**
 * Writes plans/products-2027.json: the product calendar example of issue 12,
 * 200 products over the 52 weeks of 2027 on the 2027 promotion calendar.
 * Run from packages/examples: `pnpm exec tsx scripts/products-2027.ts`.
 *
 * Made to be checked by hand: a target of ¥24,000,000; 18 products carry 2%
 * of it each (¥480,000 a year), 80 carry 0.5% (¥120,000), 100 carry 0.24%
 * (¥57,600) and the 2 decoy bundles nothing; every week weighs the same, so
 * the daily phasing (weekday pattern, months, activities) alone shapes the
 * year. The channels, calendar settings and resources are year-2027's; the
 * activities are the subset the products join (all of them fit the
 * resources, so each is placed). Which product is what follows its index
 * (see generateProducts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateProducts, productCategories } from '../src/product-calendar-generator.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const year = JSON.parse(readFileSync(here('../plans/year-2027.json'), 'utf8')) as Record<string, any>;

/** The activities the products join: the big festivals, the seasonal themes, a few smaller pushes, and 年货节 early in the year. */
const ACTIVITY_IDS = [
  'nianhuo', 'queen-day', 'spring-tea', 'cherry', '618', 'mango', 'mooncake', 'hairy-crab', 'double-11', 'double-12', 'member-day-10', 'member-day-30',
];
const activities = ACTIVITY_IDS.map((id) => {
  const found = (year.activities as Array<{ id: string }>).find((a) => a.id === id);
  if (!found) throw new Error(`year-2027 has no activity ${id}`);
  return found;
});

const GMV = 24_000_000;
const WEEKS = 52;
const FIRST_MONDAY = '2027-01-04';
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// 18 × 2% + 80 × 0.5% + 100 × 0.24% = 36% + 40% + 24% = 100%; products 100 and 200 are the decoys
const DECOYS = new Set([99, 199]);
const shares: number[] = [];
for (let i = 0, sold = 0; i < 200; i++) {
  if (DECOYS.has(i)) { shares.push(0); continue; }
  shares.push(sold < 18 ? 0.02 : sold < 98 ? 0.005 : 0.0024);
  sold++;
}

const products = generateProducts({
  year: 2027, shares, decoys: DECOYS, gmv: GMV, weeks: WEEKS, seed: 20_270_104,
  activities: {
    main: ['618', 'double-11'],
    small: ['queen-day', 'double-12', 'member-day-10', 'member-day-30'],
    seasonal: { springTea: 'spring-tea', cherry: 'cherry', mango: 'mango', mooncake: 'mooncake', hairyCrab: 'hairy-crab' },
    early: 'nianhuo',
  },
});

const plan = {
  version: 4,
  id: 'products-2027',
  name: { zh: '2027 商品日历（200 个商品）', en: '2027 product calendar (200 products)' },
  shop: '示例旗舰店 Demo Flagship Store',
  period: { start: FIRST_MONDAY, end: addDays(FIRST_MONDAY, WEEKS * 7 - 1) },
  currency: 'CNY',
  paidSplit: 'visitors',
  objective: { kind: 'target', gmv: GMV },
  // organic brings 40% of the target: 3,200,000 visitors × 2% × ¥150 = ¥9,600,000
  channels: (year.channels as Array<Record<string, any>>).map((ch) => (ch.id === 'organic' ? { ...ch, cost: { ...ch.cost, forecastVisitors: 3_200_000 } } : ch)),
  weeks: Array.from({ length: WEEKS }, (_, w) => ({ start: addDays(FIRST_MONDAY, 7 * w), weight: 1 })),
  newShop: false,
  calendar: year.calendar,
  resources: year.resources,
  activities,
  categories: productCategories(),
  products,
  productSettings: { priceEnding: 9, asOf: FIRST_MONDAY },
};

writeFileSync(here('../plans/products-2027.json'), `${JSON.stringify(plan, null, 2)}\n`);
console.log(`wrote plans/products-2027.json: ${products.length} products, ${plan.categories.length} categories, ${activities.length} activities`);
