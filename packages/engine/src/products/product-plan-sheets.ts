import { columnLetter, type CellSpec, type SheetSpec, type WorkbookSpec } from '../workbook-spec.ts';
import { safetyStockFormula } from './safety-stock.ts';
import type { ProductSheetFacts } from './product-plan.ts';

/**
 * The product plan as workbook sheets (products × weeks), for HyperFormula
 * and the xlsx alike: what a planner opening the file sees recompute.
 *
 * Facts no spreadsheet function computes are values: each cell's stage
 * weight and on-sale flag (lifecycle dates, seasons), its price (the
 * mechanic's effective price rounded to the ending rule, which s3-prodmath
 * also writes as formulas), whether its order-by date (supplier working
 * days, holidays and 调休) is on or after asOf, and the controlled
 * rounding's choice (the fen added to the real revenue: which cells round
 * up is a transport problem, not a cell formula). Everything else is a
 * formula: weight, revenue, units, margin, safety stock, orders and the
 * stock recurrence, so a planner who changes a cost, a stock or an MOQ in
 * the file sees units, margin, orders and stock follow.
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
  revenue: 'Revenue',
  units: 'Units',
  margin: 'GrossMargin',
  order: 'OrderQty',
  stock: 'ClosingStock',
} as const;

/** Columns of the PlanProducts sheet, in order (product i on row i + 1). */
export const PRODUCT_PLAN_COLUMNS = ['id', 'listPrice', 'baseWeight', 'priceExponent', 'unitCost', 'moq', 'stock', 'z', 'demandCv', 'leadDays', 'meanUnits', 'safetyStock'] as const;

/** Zero-based column of a PlanProducts column. */
export function productPlanCol(key: (typeof PRODUCT_PLAN_COLUMNS)[number]): number {
  return PRODUCT_PLAN_COLUMNS.indexOf(key);
}

const value = (content: CellSpec['content'], format: CellSpec['format']): CellSpec => ({ content, format });

/**
 * The product plan's sheets: PlanWeeks (week GMV in fen), PlanProducts
 * (inputs, mean weekly units and safety stock as formulas), the fact grids
 * and the measure grids. Row r + 1 is product r, column w + 1 is week w;
 * the Weight sheet has a total row (the week's Σ weight) under the products.
 * @example productPlanSheets(plan.sheetFacts()).sheets.map((s) => s.name)
 */
export function productPlanSheets(facts: ProductSheetFacts): WorkbookSpec {
  const S = PRODUCT_PLAN_SHEET;
  const n = facts.products.length;
  const W = facts.weekStarts.length;
  const P = (key: (typeof PRODUCT_PLAN_COLUMNS)[number], row: number) => `${S.products}!$${columnLetter(productPlanCol(key))}$${row}`;
  const at = (sheet: string, w: number, row: number) => `${sheet}!${columnLetter(w + 1)}${row}`;
  const firstCol = columnLetter(1);
  const lastCol = columnLetter(W);

  const weekRows = facts.weekStarts.map((start, w) => [value(start, 'text'), value(facts.weekFen[w] ?? 0, 'count')]);
  const productRows = facts.products.map((p, i) => {
    const r = i + 2;
    const units = `${S.units}!${firstCol}${r}:${lastCol}${r}`;
    const onSale = `${S.onSale}!${firstCol}${r}:${lastCol}${r}`;
    return [
      value(p.id, 'text'), value(p.listPrice, 'money'), value(p.baseWeight, 'ratio'), value(p.priceExponent, 'ratio'),
      value(p.unitCost, 'money'), value(p.moq, 'count'), value(p.stock, 'count'), value(p.z, 'ratio'), value(p.demandCv, 'ratio'), value(p.leadDays, 'count'),
      // mean weekly units over the weeks on sale
      value(`=IF(SUM(${onSale})=0,0,SUMPRODUCT(${units},${onSale})/SUM(${onSale}))`, 'count'),
      value(`=${safetyStockFormula({ z: P('z', r), demandCv: P('demandCv', r), meanWeeklyUnits: P('meanUnits', r), leadDays: P('leadDays', r) })}`, 'count'),
    ];
  });

  const grid = (fill: (i: number, w: number, r: number) => CellSpec): CellSpec[][] =>
    facts.products.map((p, i) => [value(p.id, 'text'), ...Array.from({ length: W }, (_, w) => fill(i, w, i + 2))]);
  const constant = (values: Float64Array, format: CellSpec['format']) => grid((i, w) => value(values[i * W + w]!, format));

  const weightRows = grid((_, w, r) => value(`=${P('baseWeight', r)}*${at(S.stage, w, r)}*(${at(S.price, w, r)}/${P('listPrice', r)})^${P('priceExponent', r)}`, 'ratio'));
  const totalRow = n + 2;
  weightRows.push([value('Σ', 'text'), ...Array.from({ length: W }, (_, w) => value(`=SUM(${columnLetter(w + 1)}2:${columnLetter(w + 1)}${n + 1})`, 'ratio'))]);
  const weekFen = (w: number) => `${S.weeks}!$B$${w + 2}`;
  // real revenue in fen plus the controlled rounding's fen, rounded: the whole fen the engine chose
  const revenueRows = grid((_, w, r) => value(`=ROUND(${weekFen(w)}*${at(S.weight, w, r)}/${S.weight}!${columnLetter(w + 1)}$${totalRow}+${at(S.rounding, w, r)},0)/100`, 'money'));
  const unitRows = grid((_, w, r) => value(`=${at(S.revenue, w, r)}/${at(S.price, w, r)}`, 'count'));
  const marginRows = grid((_, w, r) => value(`=${at(S.revenue, w, r)}-${at(S.units, w, r)}*${P('unitCost', r)}`, 'money'));
  const opening = (w: number, r: number) => (w === 0 ? P('stock', r) : at(S.stock, w - 1, r));
  const orderRows = grid((_, w, r) => {
    const need = `(${at(S.units, w, r)}+${at(S.onSale, w, r)}*${P('safetyStock', r)})`;
    const short = `(${need}-${opening(w, r)}-0.000000001)`;
    // ⌈short⌉ with INT on a positive argument only (HyperFormula truncates negative INT)
    const ceil = `(INT(${short})+IF(${short}>INT(${short}),1,0))`;
    return value(`=IF(AND(${at(S.canOrder, w, r)}=1,${need}>${opening(w, r)}+0.000000001),MAX(${P('moq', r)},${ceil}),0)`, 'count');
  });
  const stockRows = grid((_, w, r) => value(`=${opening(w, r)}+${at(S.order, w, r)}-${at(S.units, w, r)}`, 'count'));

  const weekColumns = facts.weekStarts.map((start, w) => ({ key: `w${w + 1}`, header: { zh: start, en: start }, format: 'count' as const, width: 11 }));
  const sheet = (name: string, zh: string, en: string, rows: CellSpec[][], format: CellSpec['format']): SheetSpec => ({
    name, title: { zh, en },
    columns: [{ key: 'id', header: { zh: '商品编号', en: 'Product id' }, format: 'text', width: 12 }, ...weekColumns.map((c) => ({ ...c, format }))],
    rows, frozen: { rows: 1, columns: 1 },
  });
  const sheets: SheetSpec[] = [
    {
      name: S.weeks, title: { zh: '周成交额', en: 'Week GMV' },
      columns: [{ key: 'start', header: { zh: '周开始', en: 'Week start' }, format: 'text', width: 12 }, { key: 'fen', header: { zh: '周成交额（分）', en: 'Week GMV (fen)' }, format: 'count', width: 16 }],
      rows: weekRows, frozen: { rows: 1, columns: 1 },
    },
    {
      name: S.products, title: { zh: '商品参数', en: 'Product inputs' },
      columns: PRODUCT_PLAN_COLUMNS.map((key) => ({ key, header: { zh: key, en: key }, format: key === 'id' ? 'text' as const : 'count' as const, width: 12 })),
      rows: productRows, frozen: { rows: 1, columns: 1 },
    },
    sheet(S.stage, '阶段权重', 'Stage weight', constant(facts.stageWeight, 'ratio'), 'ratio'),
    sheet(S.onSale, '在售', 'On sale', constant(facts.onSale, 'count'), 'count'),
    sheet(S.price, '售价', 'Sale price', constant(facts.price, 'money'), 'money'),
    sheet(S.canOrder, '可下单', 'Order-by on or after asOf', constant(facts.canOrder, 'count'), 'count'),
    sheet(S.rounding, '分位调整', 'Fen rounding', constant(facts.rounding, 'ratio'), 'ratio'),
    sheet(S.weight, '权重', 'Weight', weightRows, 'ratio'),
    sheet(S.revenue, '成交额', 'Revenue', revenueRows, 'money'),
    sheet(S.units, '件数', 'Units', unitRows, 'count'),
    sheet(S.margin, '毛利', 'Gross margin', marginRows, 'money'),
    sheet(S.order, '订货量', 'Order quantity', orderRows, 'count'),
    sheet(S.stock, '期末库存', 'Closing stock', stockRows, 'count'),
  ];
  return { sheets, names: [] };
}
