import { describe, expect, it } from 'vitest';
import { PlanModel } from '@shopplan/engine';
import { examplePlan, scalePlan } from '@shopplan/examples';
import { CalendarTotalsCache, calendarTotals, productRowsChanged, remainderRow } from './calendar.ts';

describe('product calendar totals', () => {
  it('Given 600 products over 12 weeks, When summed in blocks, Then the totals row and period total equal the sums of every product and week, to the fen', async () => {
    const model = PlanModel.build(scalePlan(600, 12));
    const all = model.productCalendar?.read(0, 600);
    const totals = await calendarTotals(model);
    expect(all).toBeDefined();
    expect(totals?.productCount).toBe(600);
    let gmvFen = 0;
    const weekFen = new Array<number>(12).fill(0);
    for (let i = 0; i < 600; i++) {
      gmvFen += Math.round((all?.gmv[i] ?? 0) * 100);
      for (let w = 0; w < 12; w++) weekFen[w] = (weekFen[w] ?? 0) + Math.round((all?.revenue[i * 12 + w] ?? 0) * 100);
    }
    expect(Math.round((totals?.gmv ?? 0) * 100)).toBe(gmvFen);
    expect(Array.from(totals?.weekRevenue ?? [], (v) => Math.round(v * 100))).toEqual(weekFen);
    // the weeks add up to the period: no fen lost between the totals row and the totals column
    expect(weekFen.reduce((a, b) => a + b, 0)).toBe(gmvFen);
    expect(totals?.errors).toEqual([]);
    model.dispose();
  });

  it('Given a sum under way, When the model changes between blocks, Then no partial sum is returned', async () => {
    const model = PlanModel.build(scalePlan(600, 4));
    let blocks = 0;
    const totals = await calendarTotals(model, async () => ++blocks < 2);
    expect(totals).toBeNull();
    model.dispose();
  });

  it('Given a plan without products, When summed, Then there is nothing to sum', async () => {
    const model = PlanModel.build(examplePlan('june-shop'));
    expect(await calendarTotals(model)).toBeNull();
    model.dispose();
  });

  // The worker keeps totals per block and, after an edit, re-reads only what productRowsChanged names.
  const editAndInvalidate = (model: PlanModel, cache: CalendarTotalsCache, edits: Array<{ path: string; value: number }>) => {
    const before = remainderRow(model);
    const outcome = model.setAssumptions(edits);
    expect(outcome.ok).toBe(true);
    const rows = productRowsChanged(model, edits, before);
    if (rows) cache.invalidateProducts(rows);
    else cache.invalidateAll();
    return rows;
  };
  const freshSum = (model: PlanModel) => calendarTotals(model);

  it('Given totals summed once, When a product price is edited, Then one block is summed again and the totals equal a sum of the whole calendar', async () => {
    const model = PlanModel.build(scalePlan(600, 12));
    const cache = new CalendarTotalsCache();
    const before = await cache.sum(model);
    const id = model.plan.products?.[260]?.id ?? '';
    const rows = editAndInvalidate(model, cache, [{ path: `products.${id}.price`, value: 7 }]);
    expect(rows).toEqual([260]);
    expect(cache.staleBlocks(model)).toBe(1);
    const after = await cache.sum(model);
    expect(after).toEqual(await freshSum(model));
    // units moved (a lower price sells more), revenue did not
    expect(after?.units).not.toBe(before?.units);
    expect(after?.gmv).toBe(before?.gmv);
    model.dispose();
  });

  it('Given totals summed once, When two small products trade a sliver of share, Then their blocks and the remainder product\'s are summed again, and the totals equal a whole sum to the fen', async () => {
    const model = PlanModel.build(scalePlan(600, 12));
    const cache = new CalendarTotalsCache();
    const before = await cache.sum(model);
    const remainder = remainderRow(model);
    const gmvOf = (row: number) => model.productCalendar?.read(row, 1).gmv[0];
    const remainderGmv = gmvOf(remainder);
    const products = model.plan.products ?? [];
    const a = products[598];
    const b = products[599];
    if (!a || !b || !before) throw new Error('no products');
    // a sliver whose fen roundings of the two products do not cancel, so the remainder product's GMV moves by a fen
    const fen = (share: number) => Math.round(before.gmv * share * 100);
    let d = 1e-9;
    while (fen(a.share + d) + fen(b.share - d) === fen(a.share) + fen(b.share)) d += 1e-9;
    const rows = editAndInvalidate(model, cache, [
      { path: `products.${a.id}.share`, value: a.share + d },
      { path: `products.${b.id}.share`, value: b.share - d },
    ]);
    expect(rows).toEqual([remainder, 598, 599].sort((x, y) => x - y));
    // the remainder product is in another block than the two edited, and its GMV did change
    expect(Math.floor(remainder / 250)).not.toBe(Math.floor(598 / 250));
    expect(gmvOf(remainder)).not.toBe(remainderGmv);
    expect(cache.staleBlocks(model)).toBe(2);
    const after = await cache.sum(model);
    expect(after).toEqual(await freshSum(model));
    expect(after?.gmv).toBe(before.gmv);
    model.dispose();
  });

  it('Given totals summed once, When the target GMV changes, Then every row may have changed and every block is summed again', async () => {
    const model = PlanModel.build(scalePlan(600, 12));
    const cache = new CalendarTotalsCache();
    const before = await cache.sum(model);
    const rows = editAndInvalidate(model, cache, [{ path: 'objective.gmv', value: 9_000_000 }]);
    expect(rows).toBeUndefined();
    expect(cache.staleBlocks(model)).toBe(3);
    const after = await cache.sum(model);
    expect(after).toEqual(await freshSum(model));
    expect(after?.gmv).not.toBe(before?.gmv);
    model.dispose();
  });

  it('Given a cached sum stopped by an edit between blocks, When asked again, Then the blocks read before the stop are reused and the totals are whole', async () => {
    const model = PlanModel.build(scalePlan(600, 4));
    const cache = new CalendarTotalsCache();
    expect(await cache.sum(model, async () => false)).toBeNull();
    expect(cache.staleBlocks(model)).toBe(2);
    expect(await cache.sum(model)).toEqual(await freshSum(model));
    model.dispose();
  });
});

