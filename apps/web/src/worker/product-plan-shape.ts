import type { Plan } from '@shopplan/schema';

/**
 * Whether a plan is one the product page shows (plan v4 with product fields):
 * categories, or a product with a stock, lead time or promotion. A v3 plan's
 * thin calendar (share × price) keeps its own view.
 * @example hasProductPlan(examplePlan('products-2027')) // true
 */
export function hasProductPlan(plan: Plan): boolean {
  if (!plan.weeks?.length || !plan.products?.length) return false;
  if (plan.categories?.length) return true;
  return plan.products.some((p) => p.leadDays !== undefined || p.stock !== undefined || (p.promotions?.length ?? 0) > 0);
}

/** What the alerts list orders by: the earliest week first, then product, then code. */
export function compareAlerts(a: { week: string; product: string; code: string }, b: { week: string; product: string; code: string }): number {
  return a.week < b.week ? -1 : a.week > b.week ? 1 : a.product < b.product ? -1 : a.product > b.product ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
