import { describe, expect, it } from 'vitest';
import type { RawCellContent } from 'hyperformula';
import { parsePlan } from '@shopplan/schema';
import { examplePlan } from '@shopplan/examples';
import { buildHyperFormula } from '../hyperformula.ts';
import { hyperFormulaContent } from '../workbook-spec.ts';
import { ProductPlan, type PlanProductV4, type ProductPlanDocument } from './product-plan.ts';
import { PRODUCT_PLAN_SHEET, productPlanCol, productPlanSheets } from './product-plan-sheets.ts';

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

describe('the product plan sheets, recalculated by HyperFormula, equal the engine', () => {
  it('every weight, revenue, units, margin, safety stock, order and closing stock', () => {
    const built = ProductPlan.build(june30());
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    const facts = built.plan.sheetFacts();
    built.plan.dispose();
    const spec = productPlanSheets(facts);
    const sheets: Record<string, RawCellContent[][]> = {};
    for (const s of spec.sheets) sheets[s.name] = [s.columns.map((c) => c.header.en), ...s.rows.map((r) => r.map(hyperFormulaContent))];
    const hf = buildHyperFormula(sheets, []);
    try {
      const n = facts.products.length;
      const W = facts.weekStarts.length;
      const read = (sheet: string, col: number, row: number) => {
        const v = hf.getCellValue({ sheet: hf.getSheetId(sheet)!, col, row });
        if (typeof v !== 'number') throw new Error(`${sheet} ${col},${row}: ${JSON.stringify(v)}`);
        return v;
      };
      const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
      let checked = 0;
      for (let p = 0; p < n; p++) {
        expect(close(read(PRODUCT_PLAN_SHEET.products, productPlanCol('safetyStock'), p + 1), facts.safety[p]!)).toBe(true);
        for (let w = 0; w < W; w++) {
          const i = p * W + w;
          expect(close(read(PRODUCT_PLAN_SHEET.weight, w + 1, p + 1), facts.weight[i]!)).toBe(true);
          expect(Math.round(read(PRODUCT_PLAN_SHEET.revenue, w + 1, p + 1) * 100)).toBe(facts.revenueFen[i]);
          expect(close(read(PRODUCT_PLAN_SHEET.units, w + 1, p + 1), facts.units[i]!)).toBe(true);
          expect(close(read(PRODUCT_PLAN_SHEET.margin, w + 1, p + 1), facts.margin[i]!)).toBe(true);
          expect(read(PRODUCT_PLAN_SHEET.order, w + 1, p + 1)).toBe(facts.order[i]);
          expect(close(read(PRODUCT_PLAN_SHEET.stock, w + 1, p + 1), facts.closing[i]!)).toBe(true);
          checked += 6;
        }
      }
      // the plan has orders, stock-outs and promotions to check, not only zeros
      expect(facts.order.some((x) => x > 0)).toBe(true);
      expect(facts.closing.some((x) => x < 0)).toBe(true);
      expect(checked).toBe(30 * 5 * 6);
    } finally {
      hf.destroy();
    }
  });
});
