import type { ProductPlan } from '@shopplan/engine';
import type { Plan } from '@shopplan/schema';
import { applyToProductPlan, checkProductEdits, productRows, splitEdits, viewRows } from './product-plan.ts';
import type { ProductView } from './protocol.ts';

/**
 * A product plan's edit path run once, and taken back, before a planner's
 * first edit. A price typed into a large plan moves every product's share of
 * the split (weights, controlled rounding): the first few such edits ran in
 * V8's interpreter while its optimising compilers worked beside them, ~75 ms
 * of the worker's CPU and 150–250 ms to the answer, against ~20 and ~40 once
 * compiled (issue 13's benchmark, 10,000 × 52). Rehearsed while the page is
 * idle after its first figures, the planner's first edit finds that code
 * compiled.
 *
 * The rehearsal raises the list price of the first product by ¥1 and sets it
 * back, a few times (REHEARSAL_ROUNDS), through the functions a real edit's
 * answer goes through, one step a task: each takes ~35–70 ms, so an edit
 * typed meanwhile waits for one step, not for the whole (which, with every
 * product settled and the totals read between, took ~600 ms of the worker
 * in one task, and the benchmark's first edit waited for it). A request that
 * comes between the steps ends the rehearsal, the price set back, before it
 * is handled. Every figure of the plan afterwards is the same double as before
 * (rehearsal.test.ts): a product plan's figures are a function of its
 * inputs, not of the edits that led there. The rest of the products are
 * computed as after any edit: when read, or by the plan's settle.
 */

/** A rehearsal under way: the plan holds the rehearsed edit between a step that raises the price and the one that sets it back. */
export interface Rehearsal {
  /** Runs the next step (a task's worth): 'more' to come, 'done' (the plan as it was), or 'failed' (the plan refused a step: rebuild it). */
  step(): 'more' | 'done' | 'failed';
  /** Ends the rehearsal now, the price set back if it was raised: 'done', or 'failed' (rebuild the plan). Later calls repeat the outcome. */
  takeBack(): 'done' | 'failed';
}

/** The rows a rehearsal reads as an edit's answer when the page has said nothing of its view: the first screen of units. */
const DEFAULT_VIEW: ProductView = { runs: [{ start: 0, count: 40 }], measure: 'units' };

/**
 * How many times the price goes up and back: V8 compiles the edit path in
 * tiers as it runs it, and a price edit of the 10,000-product plan took
 * ~60 ms of the worker for its first few runs and ~22 ms from about the
 * fifth on (Node, the same code).
 */
export const REHEARSAL_ROUNDS = 3;

/**
 * Starts a rehearsal of a price edit on `plan` (built from `doc`): its first
 * step gives the first product with a list price ¥1 more, its rows on
 * screen (`view`, as an edit's answer reads them) first. 'skipped': no
 * product's price can be raised, nothing changed; 'failed': the plan
 * refused the edit (not expected: it is checked first), rebuild it.
 */
export function startRehearsal(plan: ProductPlan, doc: Plan, view: ProductView | undefined, rounds = REHEARSAL_ROUNDS): Rehearsal | 'skipped' | 'failed' {
  const product = (doc.products ?? []).find((p) => typeof p.price === 'number' && p.price > 0 && plan.productIndex(p.id) >= 0);
  if (!product) return 'skipped';
  const path = `products.${product.id}.price`;
  if (checkProductEdits(doc, [{ path, value: product.price + 1 }], (id) => plan.productIndex(id)).length > 0) return 'skipped';
  const shown = view ?? DEFAULT_VIEW;
  const firstRows = viewRows(shown, plan.n);
  /** The price set as editProductPlan answers an edit: the rows on screen first, then read. */
  const set = (value: number): boolean => {
    if (applyToProductPlan(plan, splitEdits([{ path, value }]), firstRows).length > 0) return false;
    plan.budgetModel()?.result();
    for (const r of shown.runs) productRows(plan, r.start, r.count, shown.measure);
    return true;
  };
  if (!set(product.price + 1)) return 'failed';
  let raised = true;
  let stepsLeft = 2 * rounds - 1;
  let outcome: 'done' | 'failed' | undefined;
  return {
    step: () => {
      if (outcome) return outcome;
      if (!set(raised ? product.price : product.price + 1)) return (outcome = 'failed');
      raised = !raised;
      return --stepsLeft > 0 ? 'more' : (outcome = 'done');
    },
    takeBack: () => (outcome ??= !raised || set(product.price) ? 'done' : 'failed'),
  };
}

/** Rehearses a price edit on `plan` to the end in one go (startRehearsal, then every step). */
export function rehearseEdit(plan: ProductPlan, doc: Plan, view: ProductView | undefined, rounds = REHEARSAL_ROUNDS): 'done' | 'skipped' | 'failed' {
  const started = startRehearsal(plan, doc, view, rounds);
  if (typeof started === 'string') return started;
  for (;;) {
    const out = started.step();
    if (out !== 'more') return out;
  }
}
