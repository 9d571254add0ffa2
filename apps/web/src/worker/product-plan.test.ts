import { beforeAll, describe, expect, it } from 'vitest';
import { PlanModel, ProductPlan } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import type { Plan } from '@shopplan/schema';
import { sortedAlerts } from '../views/products/product-view.ts';
import { applyToProductPlan, checkProductEdits, checkProductOnly, hasProductPlan, productRows, productSummary, splitEdits, viewRows } from './product-plan.ts';

// The bundled 200-product example (asOf 2027-01-04), with the engine's real ProductPlan.
const doc: Plan = examplePlan('products-2027');
let plan: ProductPlan;

beforeAll(() => {
  const built = ProductPlan.build(doc, { asOf: '2027-01-04' });
  if (!built.ok) throw new Error(built.issues.map((i) => i.message.en).join('; '));
  plan = built.plan;
}, 120_000);

describe('the worker side of the product page', () => {
  it('Given a page view with runs past the plan’s ends, When read as rows, Then they come in order and only the plan’s own products', () => {
    expect(viewRows({ runs: [{ start: 8, count: 3 }, { start: -2, count: 3 }, { start: 3, count: 0 }], measure: 'units' }, 10)).toEqual([8, 9, 0]);
  });

  it('Given a v4 plan and a v3 one, When asked, Then only the v4 plan gets the product page', () => {
    expect(hasProductPlan(doc)).toBe(true);
    expect(hasProductPlan(examplePlan('june-shop'))).toBe(false);
  });

  it('Given edits of a lead time, a price and the target, When split, Then only the lead time is the product plan’s alone', () => {
    const split = splitEdits([
      { path: 'products.p001.leadDays', value: 30 },
      { path: 'products.p001.price', value: 149 },
      { path: 'objective.gmv', value: 1e6 },
    ]);
    expect(split.productOnly).toEqual([{ path: 'products.p001.leadDays', id: 'p001', field: 'leadDays', value: 30 }]);
    expect(split.budget.map((e) => e.path)).toEqual(['products.p001.price', 'objective.gmv']);
  });

  it('Given a lead time past a year, a negative stock and half a working day, When checked, Then each is refused naming its path in zh and en', () => {
    const issues = checkProductOnly(splitEdits([
      { path: 'products.p001.leadDays', value: 400 },
      { path: 'products.p002.stock', value: -5 },
      { path: 'products.p003.leadDays', value: 12.5 },
      { path: 'products.p004.leadDays', value: 12 },
    ]).productOnly);
    expect(issues.map((i) => i.path)).toEqual(['products.p001.leadDays', 'products.p002.stock', 'products.p003.leadDays']);
    for (const i of issues) {
      expect(i.message.zh.length).toBeGreaterThan(0);
      expect(i.message.en.length).toBeGreaterThan(0);
    }
  });

  it('Given the product plan, When summed, Then the totals over ALL products equal every cell summed, to the fen, and each level-1 category holds its products', () => {
    const summary = productSummary(plan, doc);
    const fen = plan.revenueFen();
    const weeks = plan.weeks;
    for (let w = 0; w < weeks; w++) {
      let sum = 0;
      for (let p = 0; p < plan.n; p++) sum += fen[p * weeks + w]!;
      expect(Math.round(summary.total.revenue[w]! * 100)).toBe(sum);
    }
    expect(summary.total.products).toBe(200);
    const top = (doc.categories ?? []).filter((c) => c.parent === undefined);
    expect(top.reduce((s, c) => s + (summary.categories[c.id]?.products ?? 0), 0)).toBe(200);
    expect(summary.alerts).toEqual(sortedAlerts(plan.alerts()));
    expect(summary.alertCount).toBe(plan.alerts().length);
    const flagged = new Set(plan.alerts().map((a) => a.product));
    expect(Array.from(summary.alertProducts, (i) => doc.products?.[i]?.id)).toEqual((doc.products ?? []).map((p) => p.id).filter((id) => flagged.has(id)));
    expect(summary.asOf).toBe('2027-01-04');
    // every category of every level: its products' cells summed in plan order, the same doubles
    const units = plan.unitsGrid();
    const stock = plan.stockGrid();
    const parent = new Map((doc.categories ?? []).map((c) => [c.id, c.parent]));
    const under = (category: string | undefined, id: string): boolean => {
      for (let c = category, depth = 0; c !== undefined && depth < 3; c = parent.get(c), depth++) if (c === id) return true;
      return false;
    };
    expect(Object.keys(summary.categories).length).toBeGreaterThan(top.length);
    for (const [id, rollup] of Object.entries(summary.categories)) {
      const members = (doc.products ?? []).flatMap((p, i) => (under(p.category, id) ? [i] : []));
      expect(rollup.products, id).toBe(members.length);
      for (let w = 0; w < weeks; w++) {
        let r = 0;
        let u = 0;
        let k = 0;
        for (const p of members) {
          r += fen[p * weeks + w]!;
          u += units[p * weeks + w]!;
          k += stock[p * weeks + w]!;
        }
        expect([rollup.revenue[w], rollup.units[w], rollup.stock[w]], `${id} week ${w}`).toEqual([r / 100, u, k]);
      }
    }
  });

  it('Given product edits, When checked as the budget model would, Then an unknown product, a value out of range and shares off 100% are refused by path (zh + en), and good ones pass', () => {
    const [p1, p2] = doc.products!;
    expect(checkProductEdits(doc, [{ path: `products.${p1!.id}.price`, value: 129 }, { path: 'objective.gmv', value: 1e6 }])).toEqual([]);
    const refused = checkProductEdits(doc, [
      { path: 'products.nope.price', value: 10 },
      { path: `products.${p1!.id}.price`, value: -5 },
      { path: `products.${p2!.id}.leadDays`, value: 999 },
    ]);
    expect(refused.map((i) => i.path)).toEqual(['products.nope.price', `products.${p1!.id}.price`, `products.${p2!.id}.leadDays`]);
    for (const i of refused) expect(i.message.zh.length * i.message.en.length).toBeGreaterThan(0);
    // moving share from one product to another keeps 100%; adding share alone does not
    expect(checkProductEdits(doc, [{ path: `products.${p1!.id}.share`, value: p1!.share + 0.01 }, { path: `products.${p2!.id}.share`, value: p2!.share - 0.01 }])).toEqual([]);
    expect(checkProductEdits(doc, [{ path: `products.${p1!.id}.share`, value: p1!.share + 0.01 }]).map((i) => i.code)).toEqual(['shares_sum']);
  });

  it('Given the product plan’s own index, When product edits are checked with it, Then the issues are the same as with a map built from the plan (an unknown id refused)', () => {
    const [p1, p2] = doc.products!;
    const batches = [
      [{ path: `products.${p1!.id}.price`, value: 129 }],
      [{ path: 'products.nope.price', value: 10 }, { path: `products.${p1!.id}.price`, value: -5 }, { path: `products.${p2!.id}.leadDays`, value: 999 }],
      [{ path: `products.${p1!.id}.share`, value: p1!.share + 0.01 }],
    ];
    for (const edits of batches) expect(checkProductEdits(doc, edits, (id) => plan.productIndex(id))).toEqual(checkProductEdits(doc, edits));
    // an index that disagrees with the document (a stale one) never passes a product as another
    expect(checkProductEdits(doc, [{ path: `products.${p1!.id}.price`, value: 129 }], () => 1).map((i) => i.code)).toEqual(['unknown_path']);
  });

  it('Given a plan v4, When the product plan’s budget model serves as the scenario’s, Then its channel figures are those of the whole plan’s model', () => {
    const whole = PlanModel.build(doc);
    try {
      const budget = plan.budgetModel();
      expect(budget).toBeDefined();
      expect(budget!.result().total).toEqual(whole.result().total);
      expect(budget!.result().channels).toEqual(whole.result().channels);
    } finally {
      whole.dispose();
    }
  });

  it('Given an alert limit, When summed, Then only the first alerts in the list order cross, and the count still covers all of them', () => {
    const all = sortedAlerts(plan.alerts());
    expect(all.length).toBeGreaterThan(3);
    const summary = productSummary(plan, doc, 3);
    expect(summary.alerts).toEqual(all.slice(0, 3));
    expect(summary.alertCount).toBe(all.length);
  });

  it('Given the order-by measure, When rows are read, Then dates come as day numbers where an order is due, NaN elsewhere, and each row counts its orders', () => {
    const rows = productRows(plan, 0, 3, 'orderBy');
    expect(rows.rowCount).toBe(3);
    for (let i = 0; i < 3; i++) {
      let orders = 0;
      for (let w = 0; w < rows.weekCount; w++) {
        const cell = plan.productWeek(i, w);
        const v = rows.values[i * rows.weekCount + w]!;
        if (cell.orderBy === null) expect(Number.isNaN(v)).toBe(true);
        else {
          orders++;
          expect(new Date(v * 86_400_000).toISOString().slice(0, 10)).toBe(cell.orderBy);
        }
      }
      expect(rows.rowTotal[i]).toBe(orders);
    }
    // a read past the end is clamped, never an error
    expect(productRows(plan, 199, 10, 'units').rowCount).toBe(1);
  });

  it('Given p001 with lead time 18, When it becomes 60 and back, Then an orderByPast alert appears and goes, and its 2027-02-01 order-by date leaves and returns', () => {
    const i = plan.productIndex('p001');
    const past = () => plan.alerts().filter((a) => a.product === 'p001' && a.code === 'orderByPast').length;
    expect(past()).toBe(0);
    expect(plan.productWeek(i, 5).orderBy).toBe('2027-01-13');
    expect(applyToProductPlan(plan, splitEdits([{ path: 'products.p001.leadDays', value: 60 }]))).toEqual([]);
    expect(past()).toBe(1);
    expect(plan.productWeek(i, 5).orderBy).toBeNull();
    expect(applyToProductPlan(plan, splitEdits([{ path: 'products.p001.leadDays', value: 18 }]))).toEqual([]);
    expect(past()).toBe(0);
    expect(plan.productWeek(i, 5).orderBy).toBe('2027-01-13');
  });

  it('Given a price edit, When applied, Then the week totals still sum to the same week GMV', () => {
    const before = productSummary(plan, doc).total.revenue;
    expect(applyToProductPlan(plan, splitEdits([{ path: 'products.p003.price', value: 99 }]))).toEqual([]);
    expect(Array.from(productSummary(plan, doc).total.revenue)).toEqual(Array.from(before));
  });
});
