import { describe, expect, it } from 'vitest';
import { PlanModel, PRODUCT_PLAN_SHEET, ProductPlan } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import { exportWorkbookWithIssues, XlsxXml } from '@shopplan/xlsx';
import { calcNumber } from './csv.ts';
import { recalcWithLibreOffice } from './libreoffice.ts';

/**
 * The plan's own workbook (what `shopplan export` and the page's download
 * write, through exportWorkbookWithIssues) of the 200-product example,
 * recalculated by LibreOffice with cached values ignored: the product plan's
 * figures are the engine's ProductPlan's, and its week GMV is live — computed
 * in the file from the Days sheet, which a target typed in the file moves.
 */

function buildProductPlan(): ProductPlan {
  const built = ProductPlan.build(examplePlan('products-2027'));
  if (!built.ok) throw new Error(JSON.stringify(built.issues.slice(0, 3)));
  return built.plan;
}

/** A number LibreOffice computed for a cell (zero-based column and sheet row), or a thrown error naming it. */
function reader(sheets: Map<string, string[][]>) {
  return (sheet: string, col: number, row: number): number => {
    const text = sheets.get(sheet)?.[row]?.[col];
    const v = calcNumber(text);
    if (v === undefined) throw new Error(`${sheet} cell ${col},${row} is not a number: ${JSON.stringify(text)}`);
    return v;
  };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('the plan\'s xlsx carries the product plan, recalculated by LibreOffice', () => {
  it('products-2027 exported as the CLI does: every week GMV (a formula over Days), product revenue to the fen, units, order quantity and closing stock equal the engine\'s ProductPlan', async () => {
    const plan = examplePlan('products-2027');
    const { bytes, issues } = await exportWorkbookWithIssues({ plan, lang: 'zh' });
    expect(issues).toEqual([]);
    const products = buildProductPlan();
    try {
      const n = products.n;
      const W = products.weeks;
      expect([n, W]).toEqual([200, 52]);
      const xml = await XlsxXml.open(bytes);
      // the week GMV is a formula in the file, not a value
      expect(await xml.cellXml(PRODUCT_PLAN_SHEET.weeks, 'B2')).toMatch(/<f>SUM\(Days!O2:O8\)<\/f>/);
      const cell = reader(recalcWithLibreOffice(bytes, 'products-2027-plan'));
      const weekFen = products.weekGmv().map((y) => Math.round(y * 100));
      const mismatches: string[] = [];
      let orders = 0;
      for (let w = 0; w < W; w++) {
        const fen = cell(PRODUCT_PLAN_SHEET.weeks, 1, w + 1);
        if (fen !== weekFen[w]) mismatches.push(`week ${w}: LibreOffice ${fen} fen, engine ${weekFen[w]}`);
        for (let p = 0; p < n; p++) {
          const engine = products.productWeek(p, w);
          const revenue = Math.round(cell(PRODUCT_PLAN_SHEET.revenue, w + 1, p + 1) * 100);
          if (revenue !== Math.round(engine.revenue * 100)) mismatches.push(`revenue ${engine.id} week ${w}: LibreOffice ${revenue} fen, engine ${Math.round(engine.revenue * 100)}`);
          const units = cell(PRODUCT_PLAN_SHEET.units, w + 1, p + 1);
          if (!close(units, engine.units)) mismatches.push(`units ${engine.id} week ${w}: LibreOffice ${units}, engine ${engine.units}`);
          const order = cell(PRODUCT_PLAN_SHEET.order, w + 1, p + 1);
          if (order !== engine.orderQuantity) mismatches.push(`order ${engine.id} week ${w}: LibreOffice ${order}, engine ${engine.orderQuantity}`);
          if (order > 0) orders++;
          const stock = cell(PRODUCT_PLAN_SHEET.stock, w + 1, p + 1);
          if (!close(stock, engine.stock)) mismatches.push(`stock ${engine.id} week ${w}: LibreOffice ${stock}, engine ${engine.stock}`);
        }
      }
      expect(mismatches.slice(0, 10)).toEqual([]);
      // the example orders: a comparison of zeros would prove little
      expect(orders).toBeGreaterThan(100);
    } finally {
      products.dispose();
    }
  }, 900_000);

  it('a target typed in the workbook flows to every product: LibreOffice\'s week GMV is the engine\'s after editShared to the fen, each revenue within 2 fen (the controlled rounding\'s fen are fixed at export)', async () => {
    const plan = examplePlan('products-2027');
    const { bytes } = await exportWorkbookWithIssues({ plan, lang: 'en' });
    const model = PlanModel.build(plan);
    const name = model.spec.names.find((n) => n.assumptionPath === 'objective.gmv');
    model.dispose();
    if (!name || plan.objective.kind !== 'target') throw new Error('products-2027 is a target plan with a named target');
    const target = Math.round(plan.objective.gmv * 1.137 * 100) / 100;
    const xml = await XlsxXml.open(bytes);
    await xml.setNumber(name.sheet, `C${name.row + 1}`, target);
    const cell = reader(recalcWithLibreOffice(await xml.bytes(), 'products-2027-target'));
    const products = buildProductPlan();
    try {
      const edit = products.editShared([{ path: 'objective.gmv', value: target }]);
      expect(edit).toEqual({ ok: true });
      const weekFen = products.weekGmv().map((y) => Math.round(y * 100));
      const weekMisses: string[] = [];
      let worstCell = 0;
      let worstWeekSum = 0;
      for (let w = 0; w < products.weeks; w++) {
        const fen = cell(PRODUCT_PLAN_SHEET.weeks, 1, w + 1);
        if (fen !== weekFen[w]) weekMisses.push(`week ${w}: LibreOffice ${fen} fen, engine ${weekFen[w]}`);
        let sum = 0;
        for (let p = 0; p < products.n; p++) {
          const revenue = Math.round(cell(PRODUCT_PLAN_SHEET.revenue, w + 1, p + 1) * 100);
          sum += revenue;
          worstCell = Math.max(worstCell, Math.abs(revenue - Math.round(products.productWeek(p, w).revenue * 100)));
        }
        worstWeekSum = Math.max(worstWeekSum, Math.abs(sum - fen));
      }
      expect(weekMisses.slice(0, 5)).toEqual([]);
      // ROUND(x + r) with the export's r against the engine's new rounding: both within a fen or two of x
      expect(worstCell).toBeLessThanOrEqual(2);
      // the week total moved by 13.7 %: the workbook's products still add up to it within a few fen per week
      // (exactly only where the fixed rounding fen happen to fit), never by a share of the GMV
      console.info(`target ${target}: worst revenue cell ${worstCell} fen from the engine, worst week sum ${worstWeekSum} fen from the week GMV`);
      expect(worstWeekSum).toBeLessThanOrEqual(products.n);
    } finally {
      products.dispose();
    }
  }, 900_000);
});
