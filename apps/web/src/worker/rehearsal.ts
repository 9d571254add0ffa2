import type { ProductPlan } from '@shopplan/engine';
import { writeAssumption, type Plan } from '@shopplan/schema';
import { applyToProductPlan, checkProductEdits, productRows, productSummary, splitEdits, viewRows } from './product-plan.ts';
import type { ProductView } from './protocol.ts';

/**
 * A product plan's edit path run once, and taken back, before a planner's
 * first edit. A price typed into a large plan moves every product's share of
 * the split (weights, controlled rounding, alerts): the first few such edits
 * ran in V8's interpreter while its optimising compilers worked beside them,
 * ~75 ms of the worker's CPU and 150–250 ms to the answer, against ~20 and
 * ~40 once compiled (issue 13's benchmark, 10,000 × 52). Rehearsed while
 * the page is idle after its first figures, the planner's first edit finds
 * that code compiled.
 *
 * The rehearsal raises the list price of the first product by ¥1 and sets
 * it back, through the functions a real edit goes through, in one task: no
 * request sees the plan in between. Every figure of the plan afterwards is
 * the same double as before (rehearsal.test.ts): a product plan's figures
 * are a function of its inputs, not of the edits that led there.
 */

/** How a rehearsal ended: done (the plan as it was), skipped (nothing changed), or failed (the plan refused the way back: rebuild it). */
export type RehearsalOutcome = 'done' | 'skipped' | 'failed';

/** The rows a rehearsal reads as an edit's answer when the page has said nothing of its view: the first screen of units. */
const DEFAULT_VIEW: ProductView = { runs: [{ start: 0, count: 40 }], measure: 'units' };

/**
 * Rehearses a price edit on `plan` (built from `doc`) and takes it back.
 * `view`: the rows on screen (as an edit's answer reads them); `alertLimit`:
 * the alerts a summary lists (all by default). Skipped when the plan has no product with a
 * list price the edit can raise.
 */
export function rehearseEdit(plan: ProductPlan, doc: Plan, view: ProductView | undefined, alertLimit?: number): RehearsalOutcome {
  const product = (doc.products ?? []).find((p) => typeof p.price === 'number' && p.price > 0 && plan.productIndex(p.id) >= 0);
  if (!product) return 'skipped';
  const path = `products.${product.id}.price`;
  const there = [{ path, value: product.price + 1 }];
  const back = [{ path, value: product.price }];
  if (checkProductEdits(doc, there, (id) => plan.productIndex(id)).length > 0) return 'skipped';
  const shown = view ?? DEFAULT_VIEW;
  const firstRows = viewRows(shown, plan.n);
  // there: as editProductPlan answers an edit (the rows on screen first), then as the page reads on
  if (applyToProductPlan(plan, splitEdits(there), firstRows).length > 0) return 'failed';
  plan.budgetModel()?.result();
  for (const r of shown.runs) productRows(plan, r.start, r.count, shown.measure);
  plan.settle();
  productSummary(plan, writeAssumption(doc, path, product.price + 1) ?? doc, alertLimit);
  // and back
  if (applyToProductPlan(plan, splitEdits(back), firstRows).length > 0) return 'failed';
  plan.settle();
  return 'done';
}
