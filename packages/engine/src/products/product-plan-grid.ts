import type { GridDefinition, GridMeasure } from '../grid/definition.ts';
import {
  add, and, cellInput, div, eq, gt, iff, int, max, measure, mul, pow, prev, productInput, round, rowTotal, sub, weekInput, weekTotal, type GridExpr,
} from '../grid/template.ts';
import type { CellFormat } from '../workbook-spec.ts';
import { WORKDAYS_PER_WEEK } from './safety-stock.ts';

/**
 * The product plan's per-cell measures (DOMAIN.md §3 and §5, issue 12),
 * written once as grid templates: the fast evaluator (GridEvaluator) computes
 * the product plan from this definition, and its A1 expansion is the
 * workbook's product sheets (productPlanSheets), which HyperFormula and
 * LibreOffice recompute to the same figures (the tests prove it).
 *
 * What no cell formula computes enters as inputs, computed in TypeScript:
 * per product (PlanProducts) its list price, base weight (share × role
 * weight, 0 for a decoy), price exponent (1 − role elasticity), unit cost,
 * MOQ, opening stock, z of its service level, demand variability and lead
 * time; per week (PlanWeeks) its GMV in fen; and per product and week the
 * input grids: the lifecycle stage's weight and the on-sale flag (lifecycle
 * dates, seasons), the sale price (promotion mechanics rounded to the ending
 * rule), whether the order-by date (supplier working days, 春节 and 调休)
 * is on or after asOf, and the controlled rounding's fen (which cells round
 * up so weeks and products both add up is a transport problem, not a
 * formula; it is computed from the real revenue and read by the revenue).
 */

/** Sheet names of the product plan, used in formulas; stable across languages. */
export const PRODUCT_PLAN_SHEET = {
  weeks: 'PlanWeeks',
  products: 'PlanProducts',
  stage: 'StageWeight',
  onSale: 'OnSale',
  price: 'SalePrice',
  canOrder: 'CanOrder',
  rounding: 'FenRounding',
  weight: 'Weight',
  realFen: 'RealRevenueFen',
  revenueFen: 'RevenueFen',
  revenue: 'Revenue',
  units: 'Units',
  margin: 'GrossMargin',
  weekOnSale: 'WeekOnSale',
  unitsOnSale: 'UnitsOnSale',
  meanUnits: 'MeanUnits',
  safety: 'SafetyStock',
  need: 'Need',
  shortfall: 'Shortfall',
  order: 'OrderQty',
  stock: 'ClosingStock',
} as const;

/** Columns of the PlanProducts sheet, in order (product i on row i + 1; column 0 is its id). */
export const PRODUCT_PLAN_COLUMNS = ['id', 'listPrice', 'baseWeight', 'priceExponent', 'unitCost', 'moq', 'stock', 'z', 'demandCv', 'leadDays'] as const;

/** A product input of the grid (a PlanProducts column other than the id). */
export type ProductPlanInput = Exclude<(typeof PRODUCT_PLAN_COLUMNS)[number], 'id'>;

/** Zero-based column of a PlanProducts column. */
export function productPlanCol(key: (typeof PRODUCT_PLAN_COLUMNS)[number]): number {
  return PRODUCT_PLAN_COLUMNS.indexOf(key);
}

/** The input grids (products × weeks of values) and their sheets. */
export const PRODUCT_PLAN_CELLS = {
  stageWeight: PRODUCT_PLAN_SHEET.stage,
  onSale: PRODUCT_PLAN_SHEET.onSale,
  price: PRODUCT_PLAN_SHEET.price,
  canOrder: PRODUCT_PLAN_SHEET.canOrder,
  rounding: PRODUCT_PLAN_SHEET.rounding,
} as const;

/** An input grid key of the product plan. */
export type ProductPlanCellInput = keyof typeof PRODUCT_PLAN_CELLS;

/** The tolerance (in units) under which a need is covered by the stock: float noise, not a shortfall. */
export const STOCK_EPSILON = 1e-9;

const P = (key: ProductPlanInput) => productInput(key);
const C = (key: ProductPlanCellInput) => cellInput(key);

/** Opening stock of the week: last week's closing stock, the product's stock in the first week. */
const opening: GridExpr = prev('closing', P('stock'));
const shortfall = measure('shortfall');

const m = (name: string, sheet: string, zh: string, en: string, format: CellFormat, template: GridExpr): GridMeasure => ({ name, sheet, title: { zh, en }, format, template });

/**
 * The product plan as one grid definition. Measures, for product r in week w:
 * - weight: base weight × stage weight × (sale price / list price)^(1 − elasticity);
 * - realFen: the week's GMV in fen × weight / the week's Σ weight (0 in a week without weight);
 * - revenueFen: ROUND(realFen + the rounding's fen, 0), whole fen, exact both ways;
 * - revenue (yuan), units (revenue / sale price), grossMargin (revenue − units × unit cost);
 * - weekOnSale, unitsOnSale: what the row totals of the mean weekly units on sale add up;
 * - meanUnits, safetyStock: z × demandCv × mean × (lead days / 5)^0.5 (the square root as a power:
 *   no SQRT in templates), the same in every week of the product;
 * - need: units plus the safety stock while on sale; shortfall: need − opening stock − the tolerance
 *   (> 0 where an order is placed);
 * - order: when the order-by date allows it and the need exceeds the opening stock, the shortfall
 *   rounded up (INT of a positive value plus one if a fraction is left), at least the MOQ;
 * - closing: opening stock + order − units (a recurrence over the weeks).
 */
export const PRODUCT_PLAN_GRID: GridDefinition = {
  products: { sheet: PRODUCT_PLAN_SHEET.products, columns: Object.fromEntries(PRODUCT_PLAN_COLUMNS.slice(1).map((key) => [key, productPlanCol(key)])) },
  weeks: { sheet: PRODUCT_PLAN_SHEET.weeks, columns: { fen: 1 } },
  scalars: [],
  cells: PRODUCT_PLAN_CELLS,
  measures: [
    m('weight', PRODUCT_PLAN_SHEET.weight, '权重', 'Weight', 'ratio', mul(mul(P('baseWeight'), C('stageWeight')), pow(div(C('price'), P('listPrice')), P('priceExponent')))),
    m('realFen', PRODUCT_PLAN_SHEET.realFen, '成交额（分，未取整）', 'Real revenue (fen)', 'ratio',
      iff(gt(weekTotal('weight'), 0), div(mul(weekInput('fen'), measure('weight')), weekTotal('weight')), 0)),
    m('revenueFen', PRODUCT_PLAN_SHEET.revenueFen, '成交额（分）', 'Revenue (fen)', 'count', round(add(measure('realFen'), C('rounding')), 0)),
    m('revenue', PRODUCT_PLAN_SHEET.revenue, '成交额', 'Revenue', 'money', div(measure('revenueFen'), 100)),
    m('units', PRODUCT_PLAN_SHEET.units, '件数', 'Units', 'count', div(measure('revenue'), C('price'))),
    m('grossMargin', PRODUCT_PLAN_SHEET.margin, '毛利', 'Gross margin', 'money', sub(measure('revenue'), mul(measure('units'), P('unitCost')))),
    m('weekOnSale', PRODUCT_PLAN_SHEET.weekOnSale, '在售周', 'Week on sale', 'count', C('onSale')),
    m('unitsOnSale', PRODUCT_PLAN_SHEET.unitsOnSale, '在售件数', 'Units on sale', 'count', mul(measure('units'), C('onSale'))),
    m('meanUnits', PRODUCT_PLAN_SHEET.meanUnits, '在售周均件数', 'Mean weekly units on sale', 'count',
      iff(eq(rowTotal('weekOnSale'), 0), 0, div(rowTotal('unitsOnSale'), rowTotal('weekOnSale')))),
    m('safetyStock', PRODUCT_PLAN_SHEET.safety, '安全库存', 'Safety stock', 'count',
      mul(mul(mul(P('z'), P('demandCv')), measure('meanUnits')), pow(div(P('leadDays'), WORKDAYS_PER_WEEK), 0.5))),
    m('need', PRODUCT_PLAN_SHEET.need, '需求', 'Need', 'count', add(measure('units'), mul(C('onSale'), measure('safetyStock')))),
    m('shortfall', PRODUCT_PLAN_SHEET.shortfall, '缺口', 'Shortfall', 'count', sub(sub(measure('need'), opening), STOCK_EPSILON)),
    m('order', PRODUCT_PLAN_SHEET.order, '订货量', 'Order quantity', 'count',
      iff(and(eq(C('canOrder'), 1), gt(measure('need'), add(opening, STOCK_EPSILON))),
        // ⌈shortfall⌉ as INT of a positive value plus one for a fraction left (INT of a negative differs between programs)
        max(P('moq'), add(int(shortfall), iff(gt(shortfall, int(shortfall)), 1, 0))), 0)),
    m('closing', PRODUCT_PLAN_SHEET.stock, '期末库存', 'Closing stock', 'count', sub(add(opening, measure('order')), measure('units'))),
  ],
};
