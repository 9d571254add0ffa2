import type { Plan } from '@shopplan/schema';
import { columnLetter, type CellSpec, type NameSpec, type SheetSpec } from './workbook-spec.ts';
import type { GridDefinition } from './grid/definition.ts';
import { gridSheets } from './grid/expand.ts';
import { div, measure, mul, prev, productInput, round, sub, weekInput } from './grid/template.ts';

/** Sheet names of the product calendar, used in formulas; stable across interface languages. */
export const PRODUCT_SHEET = { weeks: 'Weeks', products: 'Products', revenue: 'ProductRevenue', units: 'ProductUnits' } as const;

/** The named Summary cell holding the GMV the product calendar splits. */
export const PLAN_GMV_NAME = 'plan_gmv';

/**
 * Products per array formula. Each week column of the revenue and units
 * sheets is one array formula per block of this many products: a shared edit
 * (the target) recomputes few, wide formulas; one product's edit recomputes
 * only its block. Measured in test/bench (reports/scale.md): 50 keeps a
 * product edit under a frame; smaller blocks slow the build and shared edits.
 */
export const DEFAULT_PRODUCT_BLOCK_ROWS = 50;

/** Columns of the Products sheet, in order; a product's row is its index + 1 (row 0 is the header). */
export const PRODUCT_COLUMNS = [
  { key: 'id', header: { zh: '商品编号', en: 'Product id' }, format: 'text', width: 12 },
  { key: 'name', header: { zh: '商品', en: 'Product' }, format: 'text', width: 24 },
  { key: 'share', header: { zh: '成交占比', en: 'Share of GMV' }, format: 'rate', width: 10 },
  { key: 'price', header: { zh: '售价', en: 'Price' }, format: 'money', width: 10 },
  { key: 'gmv', header: { zh: '全期成交额', en: 'GMV' }, format: 'money', width: 16 },
  { key: 'units', header: { zh: '全期件数', en: 'Units' }, format: 'count', width: 12 },
] as const;

/** Columns of the Weeks sheet, in order; week w is on row w + 1. */
export const WEEK_COLUMNS = [
  { key: 'start', header: { zh: '周开始', en: 'Week start' }, format: 'text', width: 12 },
  { key: 'weight', header: { zh: '权重', en: 'Weight' }, format: 'count', width: 10 },
  { key: 'cumulativeShare', header: { zh: '累计占比', en: 'Cumulative share' }, format: 'rate', width: 12 },
  { key: 'share', header: { zh: '本周占比', en: 'Share of the week' }, format: 'rate', width: 12 },
] as const;

const col = <K extends string>(columns: readonly { key: K }[], key: K): number => columns.findIndex((c) => c.key === key);
const P = (key: (typeof PRODUCT_COLUMNS)[number]['key']) => columnLetter(col(PRODUCT_COLUMNS, key));
const W = (key: (typeof WEEK_COLUMNS)[number]['key']) => columnLetter(col(WEEK_COLUMNS, key));

/** Zero-based column of a Products sheet column. */
export function productCol(key: (typeof PRODUCT_COLUMNS)[number]['key']): number {
  return col(PRODUCT_COLUMNS, key);
}

const cell = (content: CellSpec['content'], format: CellSpec['format']): CellSpec => ({ content, format });

/** The product's revenue up to the end of a week: its GMV times the week's cumulative share, in whole fen. */
const revenueToDate = round(mul(productInput('gmv'), weekInput('cumulativeShare')), 2);

/**
 * The products × weeks grid of the product calendar as templates, written
 * once: HyperFormula and the xlsx get them as array formulas per block of
 * products (productCalendarSheets), the fast evaluator (GridEvaluator)
 * computes the same figures from the same definition (grid tests).
 *
 * revenue(p, w) = ROUND(gmv_p × cum_w, 2) − ROUND(gmv_p × cum_{w−1}, 2): the
 * whole-fen revenue to date, less last week's; the weeks telescope to the
 * product's GMV exactly. units(p, w) = revenue / price, not rounded.
 */
export const PRODUCT_CALENDAR_GRID: GridDefinition = {
  products: { sheet: PRODUCT_SHEET.products, columns: { gmv: col(PRODUCT_COLUMNS, 'gmv'), price: col(PRODUCT_COLUMNS, 'price') } },
  weeks: { sheet: PRODUCT_SHEET.weeks, columns: { cumulativeShare: col(WEEK_COLUMNS, 'cumulativeShare') } },
  scalars: [],
  measures: [
    { name: 'revenue', sheet: PRODUCT_SHEET.revenue, title: { zh: '商品周成交额', en: 'Weekly revenue by product' }, format: 'money', template: sub(revenueToDate, prev(revenueToDate, 0)) },
    { name: 'units', sheet: PRODUCT_SHEET.units, title: { zh: '商品周件数', en: 'Weekly units by product' }, format: 'count', template: div(measure('revenue'), productInput('price')) },
  ],
};

/**
 * The product whose GMV absorbs the rounding remainder: the largest share
 * (first of equals). Every other product's GMV is its share of the plan's
 * GMV rounded to the fen; this one's is the rest, so the parts sum exactly.
 */
export function remainderProductIndex(plan: Plan): number {
  const products = plan.products ?? [];
  let best = 0;
  products.forEach((p, i) => {
    if (p.share > (products[best]?.share ?? -1)) best = i;
  });
  return best;
}

/** The shape of a plan's product calendar: how many products and weeks, and how its formulas are grouped. */
export interface ProductCalendarShape {
  productCount: number;
  weekCount: number;
  blockRows: number;
}

/**
 * Whether a plan has a product calendar: both weeks and products, each non-empty.
 * @example hasProductCalendar(scalePlan(10)) // true
 */
export function hasProductCalendar(plan: Plan): boolean {
  return (plan.weeks?.length ?? 0) > 0 && (plan.products?.length ?? 0) > 0;
}

/**
 * The product calendar (商品日历) of a plan as four sheets: Weeks (weights
 * and their cumulative share), Products (share and price as inputs, GMV and
 * units), ProductRevenue and ProductUnits (products × weeks).
 *
 * Money is split in whole fen that sum exactly (DOMAIN.md): a product's GMV
 * is ROUND(plan_gmv × share, 2) (the largest product takes the remainder);
 * its week w is ROUND(gmv × cum_w, 2) − ROUND(gmv × cum_{w−1}, 2), where
 * cum_w is the cumulative share of the weights up to week w (cum of the last
 * week is exactly 1). Units = revenue / price, not rounded: expected units
 * are a forecast, and rounding them would make units × price ≠ revenue.
 *
 * The revenue and units sheets are PRODUCT_CALENDAR_GRID expanded (a total
 * column and a total row each). Layout for scale: each week column holds
 * one array formula per block of `blockRows` products (`=ROUND(Products!$E$2:$E$51*Weeks!$C$3,2)-…`),
 * written to the xlsx as an array formula over the block (CellSpec
 * `arrayRange`). Excel, WPS and LibreOffice evaluate ROUND and arithmetic
 * element-wise in array formulas; HyperFormula does with array arithmetic on.
 *
 * @example productCalendarSheets(plan).sheets.map((s) => s.name) // ['Weeks', 'Products', 'ProductRevenue', 'ProductUnits']
 */
export function productCalendarSheets(plan: Plan, blockRows = DEFAULT_PRODUCT_BLOCK_ROWS): { sheets: SheetSpec[]; names: NameSpec[]; shape: ProductCalendarShape } {
  if (!Number.isInteger(blockRows) || blockRows < 1) throw new RangeError(`blockRows must be a positive integer, got ${blockRows}`);
  const weeks = plan.weeks ?? [];
  const products = plan.products ?? [];
  const weekCount = weeks.length;
  const n = products.length;
  const lastWeekRow = weekCount + 1;

  const weekRows: CellSpec[][] = weeks.map((w, i) => {
    const r = i + 2;
    return [
      cell(w.start, 'text'),
      cell(w.weight, 'count'),
      cell(`=SUM($${W('weight')}$2:${W('weight')}${r})/SUM($${W('weight')}$2:$${W('weight')}$${lastWeekRow})`, 'rate'),
      cell(i === 0 ? `=${W('cumulativeShare')}${r}` : `=${W('cumulativeShare')}${r}-${W('cumulativeShare')}${r - 1}`, 'rate'),
    ];
  });

  const rest = remainderProductIndex(plan);
  const gmvCol = P('gmv');
  const others = [rest > 0 ? `${gmvCol}2:${gmvCol}${rest + 1}` : null, rest < n - 1 ? `${gmvCol}${rest + 3}:${gmvCol}${n + 1}` : null].filter((x): x is string => x !== null);
  const productRows: CellSpec[][] = products.map((p, i) => {
    const r = i + 2;
    const gmv = i === rest
      ? `=ROUND(${PLAN_GMV_NAME},2)${others.map((range) => `-SUM(${range})`).join('')}`
      : `=ROUND(${PLAN_GMV_NAME}*${P('share')}${r},2)`;
    return [
      cell(p.id, 'text'),
      cell(p.name.en, 'text'),
      { content: p.share, format: 'rate', assumptionPath: `products.${p.id}.share` },
      { content: p.price, format: 'money', assumptionPath: `products.${p.id}.price` },
      cell(gmv, 'money'),
      cell(`=${gmvCol}${r}/${P('price')}${r}`, 'count'),
    ];
  });

  const grid = gridSheets(PRODUCT_CALENDAR_GRID, { productIds: products.map((p) => p.id), weekLabels: weeks.map((w) => w.start) }, { blockRows });

  const sheets: SheetSpec[] = [
    { name: PRODUCT_SHEET.weeks, title: { zh: '周', en: 'Weeks' }, columns: [...WEEK_COLUMNS], rows: weekRows, frozen: { rows: 1, columns: 1 } },
    { name: PRODUCT_SHEET.products, title: { zh: '商品', en: 'Products' }, columns: [...PRODUCT_COLUMNS], rows: productRows, frozen: { rows: 1, columns: 2 } },
    ...grid,
  ];
  return { sheets, names: [], shape: { productCount: n, weekCount, blockRows } };
}
