import { describe, expect, it } from 'vitest';
import { ProductPlan } from '@shopplan/engine';
import { examplePlan, scalePlan } from '@shopplan/examples';
import type { Plan } from '@shopplan/schema';
import { applyToProductPlan, productRows, productSummary, splitEdits } from './product-plan.ts';
import { rehearseEdit, startRehearsal } from './rehearsal.ts';
import type { ProductMeasure } from './protocol.ts';

const MEASURES: ProductMeasure[] = ['revenue', 'units', 'promoPrice', 'stock', 'orderBy'];

/** Every figure a page can read of a product plan, as text that tells two doubles apart (−0 from 0 too). */
function everyFigure(plan: ProductPlan, doc: Plan): string {
  const text = (_: string, v: unknown): unknown => {
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, (x) => (Object.is(x, -0) ? '-0' : String(x)));
    return v;
  };
  const rows = MEASURES.map((m) => productRows(plan, 0, plan.n, m));
  return JSON.stringify({ rows, summary: productSummary(plan, doc), budget: plan.budgetModel()?.result() }, text);
}

function built(doc: Plan): ProductPlan {
  const out = ProductPlan.build(doc, { asOf: '2027-01-04' });
  if (!out.ok) throw new Error(out.issues.map((i) => i.message.en).join('; '));
  return out.plan;
}

describe('rehearsing an edit before the first one', () => {
  const plans: Array<[string, Plan]> = [
    ['the 200-product example', examplePlan('products-2027')],
    ['a generated 600 × 52 plan', scalePlan(600, 52, { productCalendar: true }) as Plan],
  ];

  it.each(plans)('Given %s, When an edit is rehearsed and taken back, Then every figure, total, alert and the budget are the same doubles as before', (_, doc) => {
    const plan = built(doc);
    const before = everyFigure(plan, doc);
    expect(rehearseEdit(plan, doc, { runs: [{ start: 0, count: 30 }], measure: 'units' })).toBe('done');
    expect(everyFigure(plan, doc)).toBe(before);
    plan.dispose();
  }, 120_000);

  it('Given a rehearsed plan and a fresh one, When a planner then types the same price into both, Then both answer the same figures', () => {
    const doc = examplePlan('products-2027');
    const rehearsed = built(doc);
    const fresh = built(doc);
    expect(rehearseEdit(rehearsed, doc, undefined)).toBe('done');
    const id = doc.products![7]!.id;
    const edit = splitEdits([{ path: `products.${id}.price`, value: doc.products![7]!.price + 3 }]);
    expect(applyToProductPlan(rehearsed, edit, [0, 1, 2])).toEqual([]);
    expect(applyToProductPlan(fresh, edit, [0, 1, 2])).toEqual([]);
    rehearsed.settle();
    fresh.settle();
    expect(everyFigure(rehearsed, doc)).toBe(everyFigure(fresh, doc));
    rehearsed.dispose();
    fresh.dispose();
  }, 120_000);

  it.each([0, 1, 2, 4])('Given a rehearsal ended by a request after %i further steps (the worker ends it before handling any), When a planner’s edit is then applied, Then the figures are those of the edit alone', (steps) => {
    const doc = examplePlan('products-2027');
    const plan = built(doc);
    const fresh = built(doc);
    const started = startRehearsal(plan, doc, { runs: [{ start: 0, count: 12 }], measure: 'revenue' });
    if (typeof started === 'string') throw new Error(`rehearsal ${started}`);
    for (let k = 0; k < steps; k++) expect(started.step()).toBe('more');
    expect(started.takeBack()).toBe('done');
    // ended: neither another end nor a step changes the plan again
    expect(started.takeBack()).toBe('done');
    expect(started.step()).toBe('done');
    const id = doc.products![3]!.id;
    const edit = splitEdits([{ path: `products.${id}.price`, value: doc.products![3]!.price * 1.2 }]);
    expect(applyToProductPlan(plan, edit, [0, 1, 2, 3])).toEqual([]);
    expect(applyToProductPlan(fresh, edit, [0, 1, 2, 3])).toEqual([]);
    expect(everyFigure(plan, doc)).toBe(everyFigure(fresh, doc));
    plan.dispose();
    fresh.dispose();
  }, 120_000);

  it('Given a plan document that names none of the plan’s products, When rehearsed, Then it is skipped and changes nothing', () => {
    const doc = examplePlan('products-2027');
    const plan = built(doc);
    const before = everyFigure(plan, doc);
    const stranger = { ...doc, products: doc.products!.map((p) => ({ ...p, id: `x-${p.id}` })) } as Plan;
    expect(rehearseEdit(plan, stranger, undefined)).toBe('skipped');
    expect(everyFigure(plan, doc)).toBe(before);
    plan.dispose();
  }, 120_000);
});
