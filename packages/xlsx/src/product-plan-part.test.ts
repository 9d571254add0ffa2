import { describe, expect, it } from 'vitest';
import { PlanModel, PRODUCT_PLAN_SHEET, ProductPlan } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import { parsePlan, type Plan, type PlanInput } from '@shopplan/schema';
import { describeWorkbook, exportWorkbookWithIssues, IN_MEMORY_PRODUCT_PLAN_CELLS, productPlanCells, productPlanPart, STREAMING_PRODUCT_PLAN_CELLS } from './index.ts';
import { XlsxXml } from './xlsx-xml.ts';

function plan(doc: unknown): Plan {
  const parsed = parsePlan(doc as PlanInput);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
  return parsed.plan;
}

/** Builds the export's model of a plan and the product plan part over it. */
function part(p: Plan) {
  const model = PlanModel.build(p);
  try {
    return productPlanPart(p, model);
  } finally {
    model.dispose();
  }
}

const weekCells = (sheets: ReturnType<typeof part>['sheets']) => sheets.find((s) => s.name === PRODUCT_PLAN_SHEET.weeks)?.rows.map((r) => r[1]?.content) ?? [];

describe('the product plan in the plan\'s workbook', () => {
  it('Given products-2027 (target, daily phasing), the product sheets follow the budget sheets and every week GMV sums the Days sheet\'s fen of its seven days', () => {
    const p = examplePlan('products-2027');
    const built = ProductPlan.build(p);
    if (!built.ok) throw new Error('products-2027 builds');
    const weekFen = built.plan.weekGmv().map((y) => Math.round(y * 100));
    built.plan.dispose();
    const { sheets, notes, issues } = part(p);
    expect(issues).toEqual([]);
    expect(sheets.map((s) => s.name)).toEqual(expect.arrayContaining(Object.values(PRODUCT_PLAN_SHEET)));
    const cells = weekCells(sheets);
    expect(cells).toHaveLength(52);
    // 2027-01-04 is the period's first day: Days rows 2–8 (A1), the `fen` column
    expect(cells[0]).toBe('=SUM(Days!O2:O8)');
    expect(cells[51]).toBe('=SUM(Days!O359:O365)');
    const weeks = sheets.find((s) => s.name === PRODUCT_PLAN_SHEET.weeks)!;
    expect(weekFen.map((_, w) => weeks.cached(1, w + 1))).toEqual(weekFen);
    expect(notes.map((n) => n.en).join(' ')).toMatch(/formula summing the Days sheet/);
    expect(notes.map((n) => n.en).join(' ')).toMatch(/FenRounding .* fixed/);
    // headers in both languages
    const inputs = sheets.find((s) => s.name === PRODUCT_PLAN_SHEET.products)!;
    expect(inputs.columns.find((c) => c.key === 'leadDays')?.header.zh).toBe('供货周期（工作日）');
  });

  it('Given a plan phased by week weights only (no activities, no calendar), the week GMV stays the value at export and the cover says so', () => {
    const doc = structuredClone(examplePlan('products-2027')) as Record<string, unknown> & { products: Array<Record<string, unknown>> };
    delete doc.activities;
    delete doc.calendar;
    for (const product of doc.products) delete product.promotions;
    const p = plan(doc);
    const built = ProductPlan.build(p);
    if (!built.ok) throw new Error(JSON.stringify(built.issues.slice(0, 2)));
    const weekFen = built.plan.weekGmv().map((y) => Math.round(y * 100));
    built.plan.dispose();
    const { sheets, notes, issues } = part(p);
    expect(issues).toEqual([]);
    // a largest-remainder split by week weights: no formula of ours rebuilds it exactly, so the value is kept
    expect(weekCells(sheets)).toEqual(weekFen);
    expect(notes[0]?.en).toMatch(/value at export/);
  });

  it('Given a plan whose product plan cannot be built (every product launched in the last week), the workbook is written without product sheets and its issues are returned and on the cover', async () => {
    const doc = structuredClone(examplePlan('products-2027')) as { products: Array<Record<string, unknown>> };
    for (const product of doc.products) product.lifecycle = { launch: '2027-12-27' };
    const p = plan(doc);
    const { bytes, issues } = await exportWorkbookWithIssues({ plan: p, lang: 'en' });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ path: 'weeks[0]', code: 'no_product_on_sale' });
    expect(issues[0]?.message.zh).toMatch(/没有在售商品/);
    const xml = await XlsxXml.open(bytes);
    await expect(xml.sheetPath(PRODUCT_PLAN_SHEET.weeks)).rejects.toThrow();
    const model = PlanModel.build(p);
    try {
      const layout = describeWorkbook({ plan: p, lang: 'zh' }, model);
      expect(layout.sheets.some((s) => s.name === PRODUCT_PLAN_SHEET.revenue)).toBe(false);
      const cover = layout.sheets[0]!.rows.map((r) => r.map((c) => c.content).join(' | ')).join('\n');
      expect(cover).toMatch(/商品计划未导出：weeks\[0\]: 2027-01-04 这一周有成交额目标/);
    } finally {
      model.dispose();
    }
  });

  it('Given the in-memory writer\'s limit (every browser), a product plan above it is left out with a product_plan_too_large issue; products-2027 is far below it', async () => {
    const p = examplePlan('products-2027');
    const { sheets } = part(p);
    // the count the limit is checked against is the cells the sheets hold
    expect(productPlanCells(200, 52)).toBe(sheets.reduce((acc, s) => acc + s.rows.length * s.columns.length, 0));
    expect(productPlanCells(200, 52)).toBeLessThan(IN_MEMORY_PRODUCT_PLAN_CELLS);
    // 10,000 products × 52 weeks is not
    expect(productPlanCells(10_000, 52)).toBeGreaterThan(IN_MEMORY_PRODUCT_PLAN_CELLS);
    // and neither is it below the streaming writer's (test/bench products.json: 443–574 s, 3.4 GB), while 1,000 products are
    expect(productPlanCells(10_000, 52)).toBeGreaterThan(STREAMING_PRODUCT_PLAN_CELLS);
    expect(productPlanCells(1_000, 52)).toBeLessThan(STREAMING_PRODUCT_PLAN_CELLS);
    const model = PlanModel.build(p);
    try {
      const layout = describeWorkbook({ plan: p, lang: 'en', maxProductPlanCells: 100_000 }, model);
      expect(layout.sheets.some((s) => s.name === PRODUCT_PLAN_SHEET.weeks)).toBe(false);
      expect(layout.issues).toHaveLength(1);
      expect(layout.issues[0]).toMatchObject({ path: 'products', code: 'product_plan_too_large' });
      expect(layout.issues[0]?.message.en).toMatch(/200 products × 52 weeks \(about 207060 cells\) is more than the 100000 cells a browser can write.*shopplan export/);
      expect(layout.issues[0]?.message.zh).toMatch(/shopplan export/);
      expect(layout.sheets[0]!.rows.some((r) => String(r[1]?.content).includes('shopplan export'))).toBe(true);
      // the streaming writer (shopplan export itself) has its own limit and points to the verbs that carry every figure
      const file = describeWorkbook({ plan: p, lang: 'en', maxProductPlanCells: 100_000, productPlanWriter: 'streaming' }, model);
      expect(file.sheets.some((s) => s.name === PRODUCT_PLAN_SHEET.weeks)).toBe(false);
      expect(file.issues[0]?.message.en).toMatch(/more than the 100000 cells an xlsx export writes.*shopplan products \/ reorders --json/);
      expect(file.issues[0]?.message.zh).toMatch(/shopplan products \/ reorders --json/);
    } finally {
      model.dispose();
    }
    // the in-memory writer itself keeps products-2027's product plan
    const { bytes, issues } = await exportWorkbookWithIssues({ plan: p, lang: 'en', streaming: false });
    expect(issues).toEqual([]);
    expect(await (await XlsxXml.open(bytes)).cellXml(PRODUCT_PLAN_SHEET.weeks, 'B2')).toMatch(/<f>SUM\(Days!O2:O8\)<\/f>/);
  });

  it('Given a plan without products (june-shop), there is no product plan and nothing to report', () => {
    expect(part(examplePlan('june-shop'))).toEqual({ sheets: [], notes: [], issues: [] });
  });
});
