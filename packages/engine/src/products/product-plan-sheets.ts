import type { WorkbookSpec } from '../workbook-spec.ts';
import { gridWorkbookSpec, type GridInputs } from '../grid/workbook.ts';
import { PRODUCT_PLAN_COLUMNS, PRODUCT_PLAN_GRID, type ProductPlanCellInput, type ProductPlanInput } from './product-plan-grid.ts';
import type { ProductSheetFacts } from './product-plan.ts';

export { PRODUCT_PLAN_SHEET, PRODUCT_PLAN_COLUMNS, productPlanCol } from './product-plan-grid.ts';

/**
 * The product plan as workbook sheets (products × weeks), for HyperFormula
 * and the xlsx alike: the A1 expansion of PRODUCT_PLAN_GRID, the one
 * definition the engine's fast evaluator computes too, so the file and the
 * engine cannot diverge. A planner who changes a cost, a stock, an MOQ, a
 * week's GMV or a sale price in the file sees units, margin, safety stock,
 * orders and stock follow.
 *
 * Sheets: PlanProducts (the product inputs, product r on row r + 1),
 * PlanWeeks (week start in column A, the week's GMV in fen in column B,
 * week w on A1 row w + 2), the input grids (StageWeight, OnSale, SalePrice,
 * CanOrder, FenRounding) and one sheet per measure (Weight, RealRevenueFen,
 * RevenueFen, Revenue, Units, …, ClosingStock), each with the product id in
 * column A, week w in column w + 1, product r on row r + 1, a total column
 * and a total row.
 * @example productPlanSheets(plan.sheetFacts()).sheets.map((s) => s.name)
 */
export function productPlanSheets(facts: ProductSheetFacts): WorkbookSpec {
  return gridWorkbookSpec(PRODUCT_PLAN_GRID, productPlanGridInputs(facts));
}

/**
 * The inputs of PRODUCT_PLAN_GRID held by a product plan's sheet facts:
 * what the sheets are written from, and what a fresh GridEvaluator loads
 * to compute them (the input grids column-major by week).
 */
export function productPlanGridInputs(facts: ProductSheetFacts): GridInputs {
  const n = facts.products.length;
  const W = facts.weekStarts.length;
  // the facts are product-major (p × W + w), the grid column-major by week (w × n + p)
  const byWeek = (values: Float64Array): Float64Array => {
    const out = new Float64Array(n * W);
    for (let p = 0; p < n; p++) for (let w = 0; w < W; w++) out[w * n + p] = values[p * W + w]!;
    return out;
  };
  const productColumn = (key: ProductPlanInput) => facts.products.map((p) => p[key]);
  const cells: Record<ProductPlanCellInput, Float64Array> = {
    stageWeight: byWeek(facts.stageWeight),
    onSale: byWeek(facts.onSale),
    price: byWeek(facts.price),
    canOrder: byWeek(facts.canOrder),
    rounding: byWeek(facts.rounding),
  };
  return {
    productIds: facts.products.map((p) => p.id),
    weekLabels: facts.weekStarts,
    products: Object.fromEntries(PRODUCT_PLAN_COLUMNS.slice(1).map((key) => [key, productColumn(key as ProductPlanInput)])),
    weeks: { fen: facts.weekFen },
    scalars: {},
    cells,
  };
}
