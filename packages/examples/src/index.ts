import { parsePlan, type Plan } from '@shopplan/schema';
import juneShop from '../plans/june-shop.json' with { type: 'json' };
import liveCrmBudget from '../plans/live-crm-budget.json' with { type: 'json' };
import saturation from '../plans/saturation.json' with { type: 'json' };
import year2027 from '../plans/year-2027.json' with { type: 'json' };
import double11Presale from '../plans/double-11-presale.json' with { type: 'json' };
import historyShop2026 from '../plans/history-shop-2026.json' with { type: 'json' };
import products2027 from '../plans/products-2027.json' with { type: 'json' };

export { scalePlan, scaleWeeks, scaleProducts, SCALE_PLAN_YEAR } from './scale-plan.ts';
export type { ScalePlanOptions } from './scale-plan.ts';
export { generateProducts, productCategories } from './product-calendar-generator.ts';
export type { ProductCalendarSpec, ProductActivities, SeasonTheme } from './product-calendar-generator.ts';

/** The example plans as raw JSON documents, keyed by id, exactly as the files hold them. */
export const EXAMPLE_PLAN_DOCUMENTS: Readonly<Record<string, unknown>> = {
  'june-shop': juneShop,
  'live-crm-budget': liveCrmBudget,
  // plan v2: Hill response curves, spend bounds, margins, uncertainty, an untested channel
  saturation,
  // plan v3: a 2027 promotion calendar, 79 activities over 4 resources (some cannot all fit)
  'year-2027': year2027,
  // plan v3: a Double 11 presale month (deposit and final payment)
  'double-11-presale': double11Presale,
  // plan v3: six channels over 2026 with 618 and Double 11, the plan behind history/shop-2026.csv
  'history-shop-2026': historyShop2026,
  // plan v4: the product calendar, 200 products over 2027's 52 weeks on a subset of year-2027's activities
  'products-2027': products2027,
};

/** The id of the demo plan the web app opens first: DOMAIN.md's worked example. */
export const DEMO_PLAN_ID = 'june-shop';

/**
 * An example plan, parsed and validated. Throws if a bundled example is
 * invalid: that is a bug in this package, not a planner's input.
 * @example examplePlan('june-shop').objective // { kind: 'target', gmv: 3000000 }
 */
export function examplePlan(id: string): Plan {
  const doc = EXAMPLE_PLAN_DOCUMENTS[id];
  if (doc === undefined) throw new Error(`no example plan "${id}"`);
  const parsed = parsePlan(doc);
  if (!parsed.ok) throw new Error(`example plan "${id}" is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.plan;
}

/** Ids of all bundled example plans. */
export const EXAMPLE_PLAN_IDS: readonly string[] = Object.keys(EXAMPLE_PLAN_DOCUMENTS);
export { generateHistory, historyCsv, HISTORY_CHANNELS, HISTORY_HEADER_ZH } from './history-generator.ts';
export type { GeneratedHistory, TrueChannel } from './history-generator.ts';
