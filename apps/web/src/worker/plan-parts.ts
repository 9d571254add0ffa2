import type { Plan } from '@shopplan/schema';

/**
 * A large plan crossing between the page and the engine worker in parts.
 * A message is copied (structured clone) in one go on each side: 10,000
 * products with their promotions took the page's main thread half a second
 * in one task. Sent as a head (the plan without its products) and parts of
 * PRODUCTS_PER_PART products, each part is its own short task on each side.
 */

/** Products per message. */
export const PRODUCTS_PER_PART = 500;

type Products = NonNullable<Plan['products']>;

/**
 * The plan as a head and its products in parts; undefined when the plan is
 * small enough to go whole (PRODUCTS_PER_PART products or fewer).
 * @example splitPlan(scalePlan(1200))?.parts.map((p) => p.length) // [500, 500, 200]
 */
export function splitPlan(plan: Plan): { head: Plan; parts: Products[] } | undefined {
  const products = plan.products;
  if (!products || products.length <= PRODUCTS_PER_PART) return undefined;
  const parts: Products[] = [];
  for (let i = 0; i < products.length; i += PRODUCTS_PER_PART) parts.push(products.slice(i, i + PRODUCTS_PER_PART));
  return { head: { ...plan, products: [] }, parts };
}

/**
 * The plan again from its head and parts, in order.
 * @example joinPlan(head, parts).products?.length // every product once
 */
export function joinPlan(head: Plan, parts: readonly Products[]): Plan {
  return { ...head, products: parts.flat() };
}
