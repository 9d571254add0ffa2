import { describe, expect, it } from 'vitest';
import { PRODUCT_PLAN_SHEET, productPlanSheets, ProductPlan } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import { calcNumber } from './csv.ts';
import { recalcWithLibreOffice } from './libreoffice.ts';
import { specToXlsx } from './spec-xlsx.ts';

describe('the product plan sheets (the A1 expansion of PRODUCT_PLAN_GRID), recalculated by LibreOffice, equal the engine', () => {
  it('the 200-product example (products-2027) × 52 weeks: every revenue to the fen, every week summing to its GMV, units, margin, safety stock, orders and stock', () => {
    const built = ProductPlan.build(examplePlan('products-2027'));
    if (!built.ok) throw new Error(JSON.stringify(built.issues.slice(0, 3)));
    const facts = built.plan.sheetFacts();
    built.plan.dispose();
    const n = facts.products.length;
    const W = facts.weekStarts.length;
    expect([n, W]).toEqual([200, 52]);
    const sheets = recalcWithLibreOffice(specToXlsx(productPlanSheets(facts)), 'products-2027');
    const cell = (sheet: string, col: number, row: number): number => {
      const text = sheets.get(sheet)?.[row]?.[col];
      const v = calcNumber(text);
      if (v === undefined) throw new Error(`${sheet} cell ${col},${row} is not a number: ${JSON.stringify(text)}`);
      return v;
    };
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    const mismatches: string[] = [];
    const expectClose = (what: string, got: number, want: number) => {
      if (!close(got, want)) mismatches.push(`${what}: LibreOffice ${got}, engine ${want}`);
    };
    let orders = 0;
    for (let w = 0; w < W; w++) {
      let weekFen = 0;
      for (let p = 0; p < n; p++) {
        const i = p * W + w;
        const fen = Math.round(cell(PRODUCT_PLAN_SHEET.revenue, w + 1, p + 1) * 100);
        if (fen !== facts.revenueFen[i]) mismatches.push(`revenue ${p},${w}: LibreOffice ${fen} fen, engine ${facts.revenueFen[i]}`);
        weekFen += fen;
        expectClose(`weight ${p},${w}`, cell(PRODUCT_PLAN_SHEET.weight, w + 1, p + 1), facts.weight[i]!);
        expectClose(`units ${p},${w}`, cell(PRODUCT_PLAN_SHEET.units, w + 1, p + 1), facts.units[i]!);
        expectClose(`margin ${p},${w}`, cell(PRODUCT_PLAN_SHEET.margin, w + 1, p + 1), facts.margin[i]!);
        const order = cell(PRODUCT_PLAN_SHEET.order, w + 1, p + 1);
        if (order !== facts.order[i]) mismatches.push(`order ${p},${w}: LibreOffice ${order}, engine ${facts.order[i]}`);
        if (order > 0) orders++;
        expectClose(`stock ${p},${w}`, cell(PRODUCT_PLAN_SHEET.stock, w + 1, p + 1), facts.closing[i]!);
      }
      if (weekFen !== facts.weekFen[w]) mismatches.push(`week ${w}: products sum to ${weekFen} fen, the week's GMV is ${facts.weekFen[w]}`);
    }
    for (let p = 0; p < n; p++) {
      // the same in every week of the product
      expectClose(`safety stock ${p}`, cell(PRODUCT_PLAN_SHEET.safety, 1, p + 1), facts.safety[p]!);
      expectClose(`safety stock ${p}, last week`, cell(PRODUCT_PLAN_SHEET.safety, W, p + 1), facts.safety[p]!);
      // each product's weeks sum to its total, to the fen (the revenue sheet's total column)
      const total = Math.round(cell(PRODUCT_PLAN_SHEET.revenueFen, W + 1, p + 1));
      let want = 0;
      for (let w = 0; w < W; w++) want += facts.revenueFen[p * W + w]!;
      if (total !== want) mismatches.push(`product ${p}: LibreOffice total ${total} fen, engine ${want}`);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(orders).toBeGreaterThan(100);
    // a hang guard, not a measure: LibreOffice recomputes ~140,000 formulas, minutes on a loaded 2-core machine
  }, 600_000);
});
