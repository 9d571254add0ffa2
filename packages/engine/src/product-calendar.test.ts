import { describe, expect, it, vi } from 'vitest';
import { FORMULA_FUNCTIONS } from './workbook-spec.ts';
import { scalePlan, examplePlan } from '@shopplan/examples';
import type { Plan } from '@shopplan/schema';
import { PlanModel, planWorkbookSpec } from './plan-model.ts';
import { PRODUCT_SHEET, remainderProductIndex } from './product-calendar.ts';

// Whole-calendar builds take seconds on a loaded two-core machine: a timeout, not a speed assertion.
vi.setConfig({ testTimeout: 120_000 });

const fen = (x: number) => Math.round(x * 100);

function withModel<T>(plan: Plan, run: (m: PlanModel) => T, blockRows?: number): T {
  const model = PlanModel.build(plan, { productBlockRows: blockRows, calendarPartitionProducts: 100 });
  try {
    return run(model);
  } finally {
    model.dispose();
  }
}

describe('product calendar: money split in whole fen that sums exactly', () => {
  const plan = scalePlan(230, 52); // 230 products: blocks of 100, 100 and 30

  it('Given a yearly plan, When built, Then every week of every product is whole fen and each product sums to its GMV', () => {
    withModel(plan, (m) => {
      const cal = m.productCalendar!;
      const slice = cal.read(0, cal.productCount);
      expect(slice.errors).toEqual([]);
      expect(slice.productIds).toEqual(plan.products!.map((p) => p.id));
      for (let i = 0; i < slice.rowCount; i++) {
        let sum = 0;
        for (let w = 0; w < slice.weekCount; w++) {
          const v = slice.revenue[i * slice.weekCount + w]!;
          expect(Math.abs(v * 100 - Math.round(v * 100))).toBeLessThan(1e-6);
          sum += fen(v);
        }
        expect(sum).toBe(fen(slice.gmv[i]!));
      }
    });
  });

  it('Then the products sum exactly to the target GMV, and units × price give back the revenue', () => {
    withModel(plan, (m) => {
      const slice = m.productCalendar!.read(0, 230);
      const total = Array.from(slice.gmv).reduce((a, g) => a + fen(g), 0);
      expect(total).toBe(fen(plan.objective.kind === 'target' ? plan.objective.gmv : 0));
      const prices = plan.products!.map((p) => p.price);
      for (let i = 0; i < slice.revenue.length; i++) {
        expect(slice.units[i]! * prices[Math.floor(i / 52)]!).toBeCloseTo(slice.revenue[i]!, 6);
      }
    });
  });

  it('Then a product gets its share of the GMV: all but the largest to the fen, the largest takes the remainder', () => {
    withModel(plan, (m) => {
      const slice = m.productCalendar!.read(0, 230);
      const rest = remainderProductIndex(plan);
      plan.products!.forEach((p, i) => {
        const expected = Math.round((plan.objective.kind === 'target' ? plan.objective.gmv : 0) * p.share * 100) / 100;
        if (i !== rest) expect(slice.gmv[i]).toBeCloseTo(expected, 2);
        else expect(Math.abs(slice.gmv[i]! - expected)).toBeLessThan(1);
      });
    });
  });

  it('Then the block layout does not change a single figure', () => {
    const a = withModel(plan, (m) => m.productCalendar!.read(0, 230), 100);
    const b = withModel(plan, (m) => m.productCalendar!.read(0, 230), 7);
    const c = withModel(plan, (m) => m.productCalendar!.read(0, 230), 1_000);
    expect(Array.from(b.revenue)).toEqual(Array.from(a.revenue));
    expect(Array.from(c.units)).toEqual(Array.from(a.units));
  });
});

describe('product calendar: the spreadsheet it is', () => {
  const plan = scalePlan(12, 52);
  const spec = planWorkbookSpec(plan, { productBlockRows: 5 });

  it('Given a plan with weeks and products, Then the workbook has the calendar sheets and a named plan_gmv', () => {
    expect(spec.sheets.map((s) => s.name)).toEqual(['Assumptions', 'Channels', 'Summary', 'Weeks', 'Products', 'ProductRevenue', 'ProductUnits']);
    expect(spec.names.find((n) => n.name === 'plan_gmv')).toMatchObject({ sheet: 'Summary', col: 1 });
  });

  it('Then every formula uses only FORMULA_FUNCTIONS, and array formulas say which range they fill', () => {
    const allowed = new Set(FORMULA_FUNCTIONS);
    for (const sheet of spec.sheets) {
      for (const row of sheet.rows) {
        for (const c of row) {
          if (typeof c.content !== 'string' || !c.content.startsWith('=')) continue;
          for (const f of c.content.match(/[A-Z][A-Z0-9.]*(?=\()/g) ?? []) expect(allowed.has(f)).toBe(true);
        }
      }
    }
    const revenue = spec.sheets.find((s) => s.name === PRODUCT_SHEET.revenue)!;
    expect(revenue.rows[0]![1]).toMatchObject({ content: '=ROUND(Products!$E$2:$E$6*Weeks!$C$2,2)', arrayRange: { rows: 5, columns: 1 } });
    expect(revenue.rows[1]![1]!.content).toBeNull();
    expect(revenue.rows[10]![2]).toMatchObject({ content: '=ROUND(Products!$E$12:$E$13*Weeks!$C$3,2)-ROUND(Products!$E$12:$E$13*Weeks!$C$2,2)', arrayRange: { rows: 2, columns: 1 } });
  });

  it('Given a plan without products, Then there is no calendar and no plan_gmv', () => {
    const june = examplePlan('june-shop');
    expect(planWorkbookSpec(june).sheets.map((s) => s.name)).toEqual(['Assumptions', 'Channels', 'Summary']);
    withModel(june, (m) => expect(m.productCalendar).toBeUndefined());
  });

  it('Given a budget plan, Then the calendar splits the GMV the budget reaches', () => {
    const budget: Plan = { ...examplePlan('live-crm-budget'), weeks: plan.weeks, products: plan.products };
    withModel(budget, (m) => {
      const slice = m.productCalendar!.read(0, 12);
      const total = Array.from(slice.gmv).reduce((a, g) => a + fen(g), 0);
      expect(total).toBe(fen(m.result().total.gmv));
    });
  });
});

describe('product calendar: edits', () => {
  const plan = scalePlan(300, 52);
  const p = plan.products!;

  it('Given the target changes, Then every product and week follows and still sums exactly', () => {
    withModel(plan, (m) => {
      expect(m.setAssumptions([{ path: 'objective.gmv', value: 4_567_890.12 }]).ok).toBe(true);
      const slice = m.productCalendar!.read(0, 300);
      expect(Array.from(slice.revenue).reduce((a, v) => a + fen(v), 0)).toBe(456_789_012);
      expect(m.plan.products).toHaveLength(300);
    });
  });

  it('Given one product\'s price changes, Then its units change and its revenue does not', () => {
    withModel(plan, (m) => {
      const before = m.productCalendar!.read(150, 1);
      expect(m.setAssumptions([{ path: `products.${p[150]!.id}.price`, value: p[150]!.price * 2 }]).ok).toBe(true);
      const after = m.productCalendar!.read(150, 1);
      expect(Array.from(after.revenue)).toEqual(Array.from(before.revenue));
      after.units.forEach((u, w) => expect(u).toBeCloseTo(before.units[w]! / 2, 9));
      expect(m.plan.products![150]!.price).toBe(p[150]!.price * 2);
    });
  });

  it('Given share moved from one product to another, Then both follow and the total stays exact', () => {
    withModel(plan, (m) => {
      const d = p[11]!.share / 2;
      const out = m.setAssumptions([{ path: `products.${p[10]!.id}.share`, value: p[10]!.share + d }, { path: `products.${p[11]!.id}.share`, value: p[11]!.share - d }]);
      expect(out.ok).toBe(true);
      const slice = m.productCalendar!.read(0, 300);
      expect(Array.from(slice.gmv).reduce((a, g) => a + fen(g), 0)).toBe(fen(3_600_000));
      expect(slice.gmv[10]! / slice.gmv[11]!).toBeCloseTo((p[10]!.share + d) / (p[11]!.share - d), 4);
    });
  });

  it('Given bad product input, Then it is refused with a path and zh/en message, and nothing changes', () => {
    withModel(plan, (m) => {
      const before = m.productCalendar!.read(0, 300);
      const id = p[5]!.id;
      const cases: Array<[string, number, string]> = [
        [`products.${id}.price`, 0, 'too_small'],
        [`products.${id}.price`, -9, 'too_small'],
        [`products.${id}.price`, Number.NaN, 'invalid_type'],
        [`products.${id}.share`, 1.5, 'too_big'],
        [`products.${id}.share`, p[5]!.share + 0.01, 'shares_sum'],
        ['products.nope.price', 10, 'unknown_path'],
        [`products.${id}.name`, 10, 'unknown_path'],
      ];
      for (const [path, value, code] of cases) {
        const out = m.setAssumptions([{ path, value }]);
        expect(out.ok).toBe(false);
        if (!out.ok) {
          expect(out.issues[0]?.code).toBe(code);
          expect(out.issues[0]?.message.zh.length).toBeGreaterThan(0);
          expect(out.issues[0]?.message.en.length).toBeGreaterThan(0);
        }
      }
      expect(Array.from(m.productCalendar!.read(0, 300).units)).toEqual(Array.from(before.units));
      expect(m.plan.products).toEqual(p);
    });
  });

  it('Given a channel edit that makes the plan unsatisfiable, Then products and their figures are kept', () => {
    withModel(plan, (m) => {
      const out = m.setAssumptions([{ path: 'channels.organic.forecastVisitors', value: 1e12 }]);
      expect(out.ok).toBe(false);
      expect(m.plan.products).toHaveLength(300);
    });
  });

  it('Given a viewport beyond the end, Then it is clamped; a negative start is a RangeError', () => {
    withModel(plan, (m) => {
      const cal = m.productCalendar!;
      expect(cal.read(290, 50).rowCount).toBe(10);
      expect(cal.read(400, 5).rowCount).toBe(0);
      expect(() => cal.read(-1, 5)).toThrow(RangeError);
      expect(cal.rowOf(p[42]!.id)).toBe(42);
    });
  });
});

describe('product calendar in partitions (lazy recompute of the products × weeks grid)', () => {
  const plan = scalePlan(450, 52);
  const p = plan.products!;
  const edits: Array<Parameters<PlanModel['setAssumptions']>[0]> = [
    [{ path: 'objective.gmv', value: 5_432_100 }],
    [{ path: `products.${p[120]!.id}.price`, value: 19 }],
    [{ path: `products.${p[10]!.id}.share`, value: p[10]!.share + 1e-4 }, { path: `products.${p[400]!.id}.share`, value: p[400]!.share - 1e-4 }],
    [{ path: 'channels.search.cvr', value: 0.03 }],
  ];

  it('Given partitions of 100 products, When edited, Then every figure, value and formula equals the single-instance model', () => {
    const one = PlanModel.build(plan, { calendarPartitionProducts: Number.POSITIVE_INFINITY });
    const parts = PlanModel.build(plan, { calendarPartitionProducts: 100 });
    try {
      const same = () => {
        const a = one.productCalendar!.read(0, 450);
        const b = parts.productCalendar!.read(0, 450);
        expect(Array.from(b.revenue)).toEqual(Array.from(a.revenue));
        expect(Array.from(b.units)).toEqual(Array.from(a.units));
        expect(Array.from(b.gmv)).toEqual(Array.from(a.gmv));
        for (const [sheet, col, row] of [[PRODUCT_SHEET.revenue, 1, 1], [PRODUCT_SHEET.units, 52, 450], [PRODUCT_SHEET.revenue, 7, 201], [PRODUCT_SHEET.revenue, 0, 0], [PRODUCT_SHEET.products, 5, 121], [PRODUCT_SHEET.products, 5, 0], [PRODUCT_SHEET.products, 4, 121]] as const) {
          expect(parts.value(sheet, col, row)).toEqual(one.value(sheet, col, row));
          expect(parts.formula(sheet, col, row)).toEqual(one.formula(sheet, col, row));
        }
      };
      same();
      for (const edit of edits) {
        expect(parts.setAssumptions(edit).ok).toBe(one.setAssumptions(edit).ok);
        same();
      }
    } finally {
      one.dispose();
      parts.dispose();
    }
  });

  it('Then partitions are built when first read, a shared edit leaves them stale until read, and refreshAll brings them all up to date', () => {
    withModel(plan, (m) => {
      const cal = m.productCalendar!;
      expect(cal.stalePartitions).toBe(5); // built on first read
      cal.refreshAll();
      expect(cal.stalePartitions).toBe(0);
      m.setAssumptions([{ path: 'objective.gmv', value: 4_000_000 }]);
      expect(cal.stalePartitions).toBe(5);
      cal.read(0, 50);
      expect(cal.stalePartitions).toBe(4);
      cal.refreshAll();
      expect(cal.stalePartitions).toBe(0);
      const all = cal.read(0, 450);
      expect(Array.from(all.revenue).reduce((a, v) => a + fen(v), 0)).toBe(400_000_000);
    });
  });

  it('Then idle refresh steps bring the partitions already seen up to date one at a time, and build no new ones', () => {
    withModel(plan, (m) => {
      const cal = m.productCalendar!;
      cal.read(0, 50);
      cal.read(300, 50);
      expect(cal.stalePartitions).toBe(3); // two built and current, three never built
      m.setAssumptions([{ path: 'objective.gmv', value: 4_500_000 }]);
      expect(cal.stalePartitions).toBe(5);
      expect(cal.refreshStep()).toBe(true);
      expect(cal.stalePartitions).toBe(4);
      expect(cal.refreshStep()).toBe(true);
      expect(cal.refreshStep()).toBe(false);
      expect(cal.stalePartitions).toBe(3);
      const all = cal.read(0, 450);
      expect(Array.from(all.revenue).reduce((a, v) => a + fen(v), 0)).toBe(450_000_000);
    });
  });
});
