import { describe, expect, it } from 'vitest';
import { scalePlan } from '@shopplan/examples';
import { PlanModel } from './plan-model.ts';
import { PRODUCT_SHEET } from './product-calendar.ts';

describe('the total row of a partitioned product calendar', () => {
  it('Given 1,999 products in partitions of 250, When the grid sheets\' total row is read (as the xlsx export does), Then it is the unpartitioned model\'s SUM, with its formula', () => {
    const plan = scalePlan(1_999, 12);
    const partitioned = PlanModel.build(plan, { calendarPartitionProducts: 250 });
    const whole = PlanModel.build(plan, { calendarPartitionProducts: Infinity });
    try {
      const totalRow = 2_000;
      for (const sheet of [PRODUCT_SHEET.revenue, PRODUCT_SHEET.units]) {
        for (const col of [1, 6, 12]) {
          const expected = whole.value(sheet, col, totalRow);
          expect(typeof expected).toBe('number');
          expect(partitioned.value(sheet, col, totalRow)).toBeCloseTo(expected as number, 6);
          expect(partitioned.formula(sheet, col, totalRow)).toBe(whole.formula(sheet, col, totalRow));
        }
      }
      // a product row still reads from its partition
      expect(partitioned.value(PRODUCT_SHEET.revenue, 3, 1_900)).toBe(whole.value(PRODUCT_SHEET.revenue, 3, 1_900));
    } finally {
      partitioned.dispose();
      whole.dispose();
    }
  });
});
