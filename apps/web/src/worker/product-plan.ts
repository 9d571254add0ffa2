import { ProductPlan, type AssumptionEdit, type ProductFieldEdit } from '@shopplan/engine';
import { checkAssumptionValue, issue, parseAssumptionPath, type Plan, type PlanIssue } from '@shopplan/schema';
import type { ProductMeasure, ProductPlanRows, ProductPlanSummary, ProductView } from './protocol.ts';
import { compareAlerts } from './product-plan-shape.ts';
export { hasProductPlan } from './product-plan-shape.ts';

/**
 * The product plan of plan v4 in the worker (issue 12): the engine's
 * ProductPlan, evaluated in typed arrays (its fast path; HyperFormula never
 * holds the product × week grid here). The page reads rows of one measure,
 * the totals over ALL products, roll-ups per category and the alerts.
 */

/** Product fields only the product plan computes with: the budget model (PlanModel) has no cell for them. */
export const PRODUCT_PLAN_FIELDS: ReadonlySet<string> = new Set(['leadDays', 'unitCost', 'moq', 'stock', 'serviceLevel', 'demandCv']);

/** Product fields both models hold: the budget model's calendar and the product plan. */
const SHARED_PRODUCT_FIELDS: ReadonlySet<string> = new Set(['price', 'share']);

/** An edit split by who computes it: product-plan-only fields, and what the budget model takes. */
export interface SplitEdits {
  /** Edits of leadDays, unitCost, moq, stock, serviceLevel, demandCv (by product id). */
  productOnly: Array<{ path: string; id: string; field: keyof ProductFieldEdit; value: number }>;
  /** Everything else, for PlanModel.setAssumptions. */
  budget: AssumptionEdit[];
}

/**
 * Splits a batch of edits: a product's stock field goes to the product plan
 * alone; anything else to the budget model (and, once accepted there, to the
 * product plan too).
 * @example splitEdits([{ path: 'products.p001.leadDays', value: 5 }]).productOnly[0]?.field // 'leadDays'
 */
export function splitEdits(edits: readonly AssumptionEdit[]): SplitEdits {
  const out: SplitEdits = { productOnly: [], budget: [] };
  for (const edit of edits) {
    const parsed = parseAssumptionPath(edit.path);
    if (parsed?.field.owner === 'product' && parsed.ownerId !== undefined && PRODUCT_PLAN_FIELDS.has(parsed.field.field)) {
      out.productOnly.push({ path: edit.path, id: parsed.ownerId, field: parsed.field.field as keyof ProductFieldEdit, value: edit.value });
    } else out.budget.push(edit);
  }
  return out;
}

/**
 * Checks product-plan-only edits with the schema's own ranges (a lead time
 * past a year, negative stock, …): the issues name the path, zh + en.
 */
export function checkProductOnly(edits: SplitEdits['productOnly']): PlanIssue[] {
  return edits.flatMap((e) => {
    const issue = checkAssumptionValue(e.path, e.value);
    return issue ? [issue] : [];
  });
}

/** How far product shares may sum from 100% (the schema's and the budget model's tolerance). */
const SHARE_TOLERANCE = 1e-6;

/**
 * Checks the product fields among a batch of edits (price, share and the
 * product-plan-only ones) as the budget model checks them: a product the
 * plan does not have, a value outside the field's range (zh + en, naming the
 * product), and shares that no longer sum to 100%. A plan v4's product plan
 * takes these edits alone (its budget model holds no products), so it
 * checks them first. `indexOf` finds a product's position by id (the
 * product plan's index, in the plan's order); without it a map is built.
 * @example checkProductEdits(doc, [{ path: 'products.p001.price', value: -1 }])[0]?.code // 'too_small'
 */
export function checkProductEdits(doc: Plan, edits: readonly AssumptionEdit[], indexOf?: (id: string) => number): PlanIssue[] {
  const products = doc.products ?? [];
  // the product plan's own index when given: a map of 10,000 ids built per keystroke cost the worker ~5 ms before every edit
  const index = indexOf ? { get: (id: string) => { const i = indexOf(id); return i >= 0 && products[i]?.id === id ? i : undefined; } } : new Map(products.map((p, i) => [p.id, i]));
  const shares = new Map<number, number>();
  const issues: PlanIssue[] = [];
  for (const e of edits) {
    const parsed = parseAssumptionPath(e.path);
    if (parsed?.field.owner !== 'product') continue;
    const at = parsed.ownerId === undefined ? undefined : index.get(parsed.ownerId);
    if (at === undefined) {
      issues.push(issue('unknown_path', [e.path], { path: e.path }));
      continue;
    }
    const refused = checkAssumptionValue(e.path, e.value, products[at]);
    if (refused) issues.push(refused);
    else if (parsed.field.field === 'share') shares.set(at, e.value);
  }
  if (issues.length === 0 && shares.size > 0) {
    let sum = 0;
    products.forEach((p, i) => { sum += shares.get(i) ?? p.share; });
    if (Math.abs(sum - 1) > SHARE_TOLERANCE) issues.push(issue('shares_sum', ['products'], { kind: 'product', sum: { value: sum, unit: 'rate' } }));
  }
  return issues;
}

/**
 * Applies accepted edits to a built product plan: product fields through
 * editProduct (its row, or the split when weights moved), anything the
 * budget model holds through editShared. Issues when the product plan
 * refuses (the caller then rebuilds it from the plan). `firstRows`: the
 * products on screen, computed first (ProductPlan.editProduct); the rest
 * are computed when read or by the plan's `settle`.
 */
export function applyToProductPlan(plan: ProductPlan, split: SplitEdits, firstRows?: readonly number[]): PlanIssue[] {
  const byProduct = new Map<string, ProductFieldEdit>();
  const shared: AssumptionEdit[] = [];
  for (const e of split.productOnly) byProduct.set(e.id, { ...byProduct.get(e.id), [e.field]: e.value });
  for (const e of split.budget) {
    const parsed = parseAssumptionPath(e.path);
    if (parsed?.field.owner === 'product' && parsed.ownerId !== undefined && SHARED_PRODUCT_FIELDS.has(parsed.field.field)) {
      byProduct.set(parsed.ownerId, { ...byProduct.get(parsed.ownerId), [parsed.field.field]: e.value });
    } else shared.push(e);
  }
  const issues: PlanIssue[] = [];
  if (shared.length > 0) {
    const out = plan.editShared(shared);
    if (!out.ok) issues.push(...out.issues);
  }
  const ids = [...byProduct.keys()].filter((id) => plan.productIndex(id) >= 0);
  ids.forEach((id, k) => {
    // the last product's edit computes the rows on screen first (each edit completes the one before)
    const out = plan.editProduct(id, byProduct.get(id)!, k === ids.length - 1 && firstRows ? { firstRows } : {});
    if (!out.ok) issues.push(...out.issues);
  });
  return issues;
}

/**
 * The products of a page's view (its runs of rows on screen), in order,
 * those outside a plan of `n` products left out: the rows an edit's answer
 * computes first.
 * @example viewRows({ runs: [{ start: 8, count: 3 }], measure: 'units' }, 10) // [8, 9]
 */
export function viewRows(view: ProductView, n: number): number[] {
  return view.runs.flatMap((r) => Array.from({ length: Math.max(0, r.count) }, (_, k) => r.start + k)).filter((r) => Number.isInteger(r) && r >= 0 && r < n);
}

/**
 * Rows rowStart … rowStart+rowCount−1 of one measure, product-major, with
 * each row's period figure: revenue and units summed, stock at the last
 * week's close, the lowest promo price, the number of orders. Order-by dates
 * are day numbers (NaN: no order that week), so the page formats them.
 * Read straight off the plan's arrays (ProductPlan.productRow): this runs
 * with every edit's answer, on its way to the repaint.
 */
export function productRows(plan: ProductPlan, rowStart: number, rowCount: number, measure: ProductMeasure): ProductPlanRows {
  const weeks = plan.weeks;
  const start = Math.max(0, Math.min(rowStart, plan.n));
  const count = Math.max(0, Math.min(rowCount, plan.n - start));
  const values = new Float64Array(count * weeks);
  const rowTotal = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = i * weeks;
    plan.productRow(start + i, measure, values, at);
    let total = measure === 'promoPrice' ? Number.POSITIVE_INFINITY : 0;
    for (let w = 0; w < weeks; w++) {
      const v = values[at + w]!;
      switch (measure) {
        // revenue in whole fen, summed as integers: the row's total is exact
        case 'revenue': total += Math.round(v * 100); break;
        case 'units': total += v; break;
        case 'promoPrice': total = Math.min(total, v); break;
        case 'stock': total = v; break;
        case 'orderBy': total += Number.isNaN(v) ? 0 : 1; break;
      }
    }
    rowTotal[i] = measure === 'revenue' ? total / 100 : total;
  }
  return { rowStart: start, rowCount: count, weekCount: weeks, measure, values, rowTotal };
}

/**
 * The product plan summed over ALL its products (never the rows a page
 * loaded), and per category of every level (a product counts in its own
 * category and each ancestor): revenue per week in whole fen, units, closing
 * stock; the first `alertLimit` alerts in the list's order with the count of
 * all and the products that have any. Categories absent from the plan's tree
 * are kept under their own id.
 */
export function productSummary(plan: ProductPlan, doc: Plan, alertLimit = Number.POSITIVE_INFINITY): ProductPlanSummary {
  const weeks = plan.weeks;
  const parent = new Map((doc.categories ?? []).map((c) => [c.id, c.parent]));
  const chainOf = (id: string | undefined): string[] => {
    const chain: string[] = [];
    const seen = new Set<string>();
    for (let c = id; c !== undefined && !seen.has(c) && chain.length < 3; c = parent.get(c)) {
      seen.add(c);
      chain.push(c);
    }
    return chain;
  };
  // group 0 is the whole plan; each category (and ancestor) gets the next index as first met in plan order
  const groupOf = new Map<string, number>();
  const products = doc.products ?? [];
  const groupsOf = Array.from({ length: plan.n }, (_, p) => [0, ...chainOf(products[p]?.category).map((c) => {
    let g = groupOf.get(c);
    if (g === undefined) groupOf.set(c, (g = groupOf.size + 1));
    return g;
  })]);
  // summed in the engine's own week-major layout: no product-major copy of three 520,000-cell grids per summary
  const sums = plan.weekSumsByGroup(groupsOf, groupOf.size + 1);
  const shape = (g: number) => {
    const at = g * weeks;
    return {
      revenue: Float64Array.from(sums.revenueFen.subarray(at, at + weeks), (f) => f / 100),
      units: sums.units.slice(at, at + weeks),
      stock: sums.stock.slice(at, at + weeks),
      products: sums.products[g]!,
    };
  };
  const all = 0;
  const categories: ProductPlanSummary['categories'] = {};
  for (const [id, g] of groupOf) categories[id] = shape(g);
  const alerts = plan.alerts();
  const index = new Map(products.map((p, i) => [p.id, i]));
  const flagged = new Set<number>();
  for (const a of alerts) {
    const i = index.get(a.product);
    if (i !== undefined) flagged.add(i);
  }
  const alertProducts = Int32Array.from([...flagged].sort((a, b) => a - b));
  // only the alerts the page lists cross to it: thousands of bilingual messages per edit would cost its main thread a long task
  const listed = alerts.length > alertLimit ? alerts.slice().sort(compareAlerts).slice(0, alertLimit) : alerts.slice().sort(compareAlerts);
  return { productCount: plan.n, weekStarts: plan.weekStarts, asOf: plan.asOf, total: shape(all), categories, alerts: listed, alertCount: alerts.length, alertProducts, issues: [] };
}

/**
 * Builds the product plan of a plan v4 for the worker; today's date as the
 * planning date when the plan sets none (the engine knows no clock).
 */
export function buildProductPlan(doc: Plan, today: string): { ok: true; plan: ProductPlan } | { ok: false; issues: PlanIssue[] } {
  return ProductPlan.build(doc, { asOf: today });
}
