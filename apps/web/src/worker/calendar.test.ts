import { describe, expect, it } from 'vitest';
import { PlanModel } from '@shopplan/engine';
import { examplePlan, scalePlan } from '@shopplan/examples';
import { calendarTotals } from './calendar.ts';

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
});
