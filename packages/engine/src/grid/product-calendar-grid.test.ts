import { scalePlan } from '@shopplan/examples';
import { describe, expect, it, vi } from 'vitest';
import { PlanModel } from '../plan-model.ts';
import { PRODUCT_CALENDAR_GRID, PRODUCT_SHEET, WEEK_COLUMNS } from '../product-calendar.ts';
import { GridEvaluator } from './evaluator.ts';
import { GRID_LAYOUT } from './expand.ts';

// A 200-product yearly model takes seconds to build on a loaded machine: a timeout, not a speed assertion.
vi.setConfig({ testTimeout: 300_000 });

describe('product calendar on grid templates: HyperFormula and the fast evaluator', () => {
  it('Given scalePlan(200), When both evaluate the calendar, Then every revenue and units figure and every total is the same double, also after a target edit and a price edit', () => {
    const plan = scalePlan(200, 52);
    const model = PlanModel.build(plan, { calendarPartitionProducts: Number.POSITIVE_INFINITY });
    try {
      const n = plan.products!.length;
      const weeks = plan.weeks!.length;
      const cumCol = WEEK_COLUMNS.findIndex((c) => c.key === 'cumulativeShare');
      const grid = new GridEvaluator(PRODUCT_CALENDAR_GRID, { products: n, weeks });
      // The grid's inputs are the main model's figures: each product's GMV and price, each week's cumulative share.
      const load = () => {
        const slice = model.productCalendar!.read(0, n);
        grid.setProductInputs('gmv', slice.gmv);
        grid.setProductInputs('price', model.plan.products!.map((p) => p.price));
        grid.setWeekInputs('cumulativeShare', Array.from({ length: weeks }, (_, w) => model.value(PRODUCT_SHEET.weeks, cumCol, w + 1) as number));
        grid.recalculate();
        return slice;
      };
      const compare = () => {
        const slice = load();
        let compared = 0;
        for (let r = 0; r < n; r++) {
          for (let w = 0; w < weeks; w++) {
            expect(grid.cell('revenue', r, w)).toBe(slice.revenue[r * weeks + w]);
            expect(grid.cell('units', r, w)).toBe(slice.units[r * weeks + w]);
            compared += 2;
          }
        }
        for (const [name, sheet] of [['revenue', PRODUCT_SHEET.revenue], ['units', PRODUCT_SHEET.units]] as const) {
          for (let r = 0; r < n; r++) expect(grid.rowTotal(name, r)).toBe(model.value(sheet, GRID_LAYOUT.totalCol(weeks), r + 1));
          for (let w = 0; w <= weeks; w++) expect(grid.weekTotal(name, w)).toBe(model.value(sheet, GRID_LAYOUT.firstWeekCol + w, GRID_LAYOUT.totalRow(n)));
        }
        expect(slice.errors).toEqual([]);
        return compared;
      };
      expect(compare()).toBe(200 * 52 * 2);
      expect(model.setAssumptions([{ path: 'objective.gmv', value: 4_321_987.65 }]).ok).toBe(true);
      compare();
      const p = plan.products![77]!;
      expect(model.setAssumptions([{ path: `products.${p.id}.price`, value: 123.45 }]).ok).toBe(true);
      grid.setProductInput('price', 77, 123.45);
      compare();
      // the grand total of revenue is the plan's GMV to the fen
      expect(Math.round((grid.weekTotal('revenue', weeks) as number) * 100)).toBe(432_198_765);
    } finally {
      model.dispose();
    }
  });
});
