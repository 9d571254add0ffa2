import { describe, expect, it } from 'vitest';
import { parsePlan } from '@shopplan/schema';
import { examplePlan } from '@shopplan/examples';
import { fastFigures, firstDifference, hyperFormulaFigures, loadFast } from '../grid/grid-hyperformula.test-data.ts';
import { ProductPlan, type PlanProductV4, type ProductPlanDocument } from './product-plan.ts';
import { PRODUCT_PLAN_GRID } from './product-plan-grid.ts';
import { productPlanGridInputs, productPlanSheets, PRODUCT_PLAN_SHEET } from './product-plan-sheets.ts';

const WEEKS = ['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29'];

/** June with 30 products of every kind: roles, lifecycles, seasons, a decoy, promotions of several mechanics, stock and lead times. */
function june30(): ProductPlanDocument {
  const parsed = parsePlan({
    ...examplePlan('june-shop'), version: 3, period: { start: '2026-06-01', end: '2026-07-05' },
    weeks: WEEKS.map((start, i) => ({ start, weight: [1, 1.2, 2, 1, 0.9][i]! })),
    activities: [{ id: 'mid-618', name: { zh: '618', en: '618' }, tier: 'A', window: { start: '2026-06-01', end: '2026-06-25' }, peakOn: '2026-06-16', phases: { warmUp: 5, peak: 3, tail: 2, encore: 0 } }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const roles = ['traffic', 'profit', 'flagship', 'conversion', 'potential', 'seasonal'] as const;
  const mechanics: NonNullable<PlanProductV4['promotions']>[number]['mechanic'][] = [{ kind: 'bogo' }, { kind: 'secondHalf' }, { kind: 'multiBuy', items: 3, total: 99 }, { kind: 'spendSave', tiers: [{ spend: 300, save: 40 }] }, { kind: 'coupon', threshold: 0, value: 5 }];
  const raw = Array.from({ length: 30 }, (_, i) => 1 / (i + 3));
  const sum = raw.reduce((a, b) => a + b, 0);
  const products = raw.map((r, i): PlanProductV4 => ({
    id: `p${i + 1}`, name: { zh: `商品${i + 1}`, en: `Product ${i + 1}` }, share: r / sum, price: 19 + ((i * 37) % 300), role: roles[i % 6]!,
    unitCost: 5 + ((i * 13) % 60), leadDays: (i * 7) % 25, moq: [1, 20, 50][i % 3]!, stock: (i * 211) % 900, serviceLevel: [0.9, 0.95, 0.99][i % 3]!, demandCv: 0.2 + (i % 4) * 0.1,
    ...(i % 7 === 3 ? { lifecycle: { launch: '2026-06-08', decline: '2026-06-22' } } : {}),
    ...(i % 11 === 5 ? { season: { start: '2026-06-10', end: '2026-06-30' } } : {}),
    ...(i === 29 ? { decoy: true } : {}),
    ...(i % 2 === 0 ? { promotions: [{ activity: 'mid-618', mechanic: mechanics[i % 5]! }] } : {}),
  }));
  return { ...parsed.plan, products, productSettings: { asOf: '2026-05-20' } };
}

describe('the product plan sheets: one definition, three evaluations that agree', () => {
  it('HyperFormula on the expanded sheets = a fresh GridEvaluator, bit for bit, and both = the engine\'s figures for every cell', () => {
    const built = ProductPlan.build(june30());
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    const facts = built.plan.sheetFacts();
    built.plan.dispose();
    const inputs = productPlanGridInputs(facts);
    const fast = fastFigures(PRODUCT_PLAN_GRID, inputs);
    // every cell, row total and week total of every measure, HyperFormula against the fast evaluator
    expect(firstDifference(hyperFormulaFigures(PRODUCT_PLAN_GRID, inputs), fast)).toBeNull();
    // and the fresh evaluation against what the product plan computed and reports
    const n = facts.products.length;
    const W = facts.weekStarts.length;
    const grid = loadFast(PRODUCT_PLAN_GRID, inputs);
    grid.recalculate();
    const engine: Record<string, Float64Array> = { weight: facts.weight, revenueFen: facts.revenueFen, units: facts.units, grossMargin: facts.margin, order: facts.order, closing: facts.closing };
    let checked = 0;
    for (let p = 0; p < n; p++) {
      for (let w = 0; w < W; w++) {
        for (const [name, values] of Object.entries(engine)) {
          expect([name, p, w, grid.cell(name, p, w)]).toEqual([name, p, w, values[p * W + w]]);
          checked++;
        }
        expect(grid.cell('safetyStock', p, w)).toBe(facts.safety[p]);
      }
    }
    expect(checked).toBe(30 * 5 * 6);
    // each week's revenues sum to its GMV in fen
    for (let w = 0; w < W; w++) expect(grid.weekTotal('revenueFen', w)).toBe(facts.weekFen[w]);
    // the plan has orders, stock-outs and promotions to check, not only zeros
    expect(facts.order.some((x) => x > 0)).toBe(true);
    expect(facts.closing.some((x) => x < 0)).toBe(true);
    expect(facts.price.some((x, i) => x < facts.products[Math.floor(i / W)]!.listPrice)).toBe(true);
  });

  it('keeps the PlanWeeks sheet where the budget export links it: week w\'s GMV in fen in column B, A1 row w + 2', () => {
    const built = ProductPlan.build(june30());
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    const facts = built.plan.sheetFacts();
    built.plan.dispose();
    const weeks = productPlanSheets(facts).sheets.find((s) => s.name === PRODUCT_PLAN_SHEET.weeks);
    expect(weeks?.rows.map((r) => [r[0]?.content, r[1]?.content])).toEqual(facts.weekStarts.map((start, w) => [start, facts.weekFen[w]]));
    const revenue = productPlanSheets(facts).sheets.find((s) => s.name === PRODUCT_PLAN_SHEET.realFen);
    // the real revenue of product 1, week 3 reads the week's GMV from PlanWeeks!$B$4
    expect(revenue?.rows[0]?.[3]?.content).toContain('PlanWeeks!$B$4');
  });
});
