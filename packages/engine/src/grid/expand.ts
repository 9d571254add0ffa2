import { columnLetter, type CellSpec, type SheetSpec } from '../workbook-spec.ts';
import { planGrid, type GridDefinition, type GridPlan } from './definition.ts';
import type { GridExpr } from './template.ts';

/**
 * What the expansion needs beyond the definition: the products (their ids
 * label the rows) and the weeks (their labels head the columns).
 */
export interface GridShape {
  productIds: readonly string[];
  weekLabels: readonly string[];
}

/**
 * Where things are on a measure sheet: column A holds the product id, the
 * weeks follow from column B, then a total column (SUM of the row's weeks);
 * products from sheet row 1 (A1 row 2), then a total row (SUM of each
 * week's products, and the grand total under the total column).
 */
export const GRID_LAYOUT = {
  firstWeekCol: 1,
  firstProductRow: 1,
  totalCol: (weekCount: number) => weekCount + 1,
  totalRow: (productCount: number) => productCount + 1,
} as const;

const sheetRef = (sheet: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`);

/**
 * The A1 formula (without `=`) of one cell of a measure: its template with
 * every relative reference resolved for product `row` and week `week`
 * (both zero-based).
 * @example cellFormula(plan, 'units', 0, 3, 10, 52) // 'Revenue!E2/Products!$D2'
 */
export function cellFormula(plan: GridPlan, measureName: string, row: number, week: number, productCount: number, weekCount: number): string {
  return measureFormula(plan, measureName, { first: row, last: row }, week, productCount, weekCount);
}

/**
 * The A1 array formula (without `=`) of a block of products `first … last`
 * of one week of a measure: each reference becomes the block's range (an
 * input column `Products!$E$2:$E$51`, a measure's week `Units!C2:C51`), so
 * one formula fills the block element-wise in Excel, WPS, LibreOffice and
 * HyperFormula with array arithmetic. Only for templates that are `blockable`.
 * @example blockFormula(plan, 'units', 0, 49, 3, 10000, 52) // 'Revenue!E2:E51/Products!$D$2:$D$51'
 */
export function blockFormula(plan: GridPlan, measureName: string, first: number, last: number, week: number, productCount: number, weekCount: number): string {
  const m = plan.definition.measures[plan.index.get(measureName) ?? -1];
  if (!m || !blockable(m.template, week)) throw new RangeError(`week ${week} of measure "${measureName}" cannot be an array formula (see blockable)`);
  return measureFormula(plan, measureName, { first, last }, week, productCount, weekCount);
}

/**
 * Whether a template computes element by element when its references are
 * ranges: arithmetic, comparisons and ROUND/ROUNDUP/ROUNDDOWN do; MIN, MAX,
 * AND and OR would aggregate the whole block, and IF, INT and ABS are kept
 * per cell rather than trusted to broadcast alike everywhere.
 */
export function isElementWise(expr: GridExpr): boolean {
  switch (expr.kind) {
    case 'call':
    case 'if':
    case 'unaryFn':
      return false;
    case 'prev':
      return isElementWise(expr.of) && isElementWise(expr.first);
    case 'neg':
    case 'round':
      return isElementWise(expr.arg);
    case 'binary':
      return isElementWise(expr.left) && isElementWise(expr.right);
    default:
      return true;
  }
}

/**
 * Whether week `week` of a measure can be an array formula over a block:
 * element-wise, an operation at the top as the week's formula is written
 * (HyperFormula gives #VALUE! for a bare range `=Products!$B$2:$B$51` where
 * Excel would spill it), and reading at least one per-product value (a
 * formula of constants would fill one cell, not the block).
 */
export function blockable(template: GridExpr, week: number): boolean {
  if (!isElementWise(template)) return false;
  const top = writtenAt(template, week);
  return (top.kind === 'binary' || top.kind === 'neg' || top.kind === 'round') && perProduct(top, week);
}

/** The expression as written for a week: a first-week `prev` is its `first`, and `x ± 0` is `x` (see expressionText). */
function writtenAt(e: GridExpr, week: number): GridExpr {
  if (e.kind === 'prev' && week === 0) return writtenAt(e.first, 0);
  if (e.kind === 'binary' && (e.op === '+' || e.op === '-') && isZeroHere(e.right, week)) return writtenAt(e.left, week);
  return e;
}

function perProduct(e: GridExpr, week: number): boolean {
  switch (e.kind) {
    case 'productInput':
    case 'cellInput':
    case 'measure':
    case 'rowTotal':
      return true;
    case 'prev':
      return week === 0 ? perProduct(e.first, 0) : perProduct(e.of, week - 1);
    case 'binary':
      return perProduct(e.left, week) || perProduct(e.right, week);
    case 'neg':
    case 'round':
    case 'unaryFn':
      return perProduct(e.arg, week);
    case 'if':
      return perProduct(e.condition, week) || perProduct(e.then, week) || perProduct(e.otherwise, week);
    case 'call':
      return e.args.some((a) => perProduct(a, week));
    default:
      return false;
  }
}

function measureFormula(plan: GridPlan, measureName: string, rows: { first: number; last: number }, week: number, productCount: number, weekCount: number): string {
  const i = plan.index.get(measureName);
  const m = i === undefined ? undefined : plan.definition.measures[i];
  if (!m || i === undefined) throw new RangeError(`no measure "${measureName}" in the grid`);
  const text = expressionText(plan, m.template, rows, week, productCount, weekCount);
  return plan.types[i] === 'boolean' ? `IF(${text},1,0)` : text;
}

/** Whether an expression is the constant 0 in this week (a `prev(…, 0)` in the first week). */
const isZeroHere = (e: GridExpr, week: number): boolean => (e.kind === 'number' && e.value === 0) || (e.kind === 'prev' && week === 0 && isZeroHere(e.first, 0));

function expressionText(plan: GridPlan, expr: GridExpr, rows: { first: number; last: number }, week: number, n: number, weeks: number): string {
  const def = plan.definition;
  const block = rows.first !== rows.last;
  const sheetOf = (name: string) => {
    const i = plan.index.get(name);
    const m = i === undefined ? undefined : def.measures[i];
    if (!m) throw new RangeError(`no measure "${name}" in the grid`);
    return sheetRef(m.sheet);
  };
  const a = rows.first + GRID_LAYOUT.firstProductRow + 1;
  const b = rows.last + GRID_LAYOUT.firstProductRow + 1;
  // one row: relative (copied down a column it stays right); a block: the block's rows, absolute
  const span = (col: string, colAbs: boolean) => {
    const c = colAbs ? `$${col}` : col;
    return block ? `${c}$${a}:${c}$${b}` : `${c}${a}`;
  };
  const measureSpan = (col: string) => (block ? `${col}${a}:${col}${b}` : `${col}${a}`);
  const weekLetter = (w: number) => columnLetter(GRID_LAYOUT.firstWeekCol + w);
  const at = (e: GridExpr, w: number) => expressionText(plan, e, rows, w, n, weeks);
  // Operands that are themselves operations are parenthesised, so the text never depends on precedence rules.
  const operand = (e: GridExpr, w: number): string => {
    if (e.kind === 'prev') return w === 0 ? operand(e.first, 0) : operand(e.of, w - 1);
    return e.kind === 'binary' || e.kind === 'neg' || (e.kind === 'number' && e.value < 0) ? `(${at(e, w)})` : at(e, w);
  };
  switch (expr.kind) {
    case 'number':
      return String(expr.value);
    case 'measure':
      return `${sheetOf(expr.measure)}!${measureSpan(weekLetter(week))}`;
    case 'prev':
      return week === 0 ? at(expr.first, 0) : at(expr.of, week - 1);
    case 'productInput':
      return `${sheetRef(def.products.sheet)}!${span(columnLetter(def.products.columns[expr.input] ?? 0), true)}`;
    case 'cellInput':
      return `${sheetRef(def.cells?.[expr.input] ?? '')}!${measureSpan(weekLetter(week))}`;
    case 'weekInput':
      return `${sheetRef(def.weeks.sheet)}!$${columnLetter(def.weeks.columns[expr.input] ?? 0)}$${week + 2}`;
    case 'scalar':
      return expr.name;
    case 'rowTotal':
      return `${sheetOf(expr.measure)}!${span(columnLetter(GRID_LAYOUT.totalCol(weeks)), true)}`;
    case 'weekTotal':
      return `${sheetOf(expr.measure)}!${weekLetter(week)}$${GRID_LAYOUT.totalRow(n) + 1}`;
    case 'neg':
      return `-${operand(expr.arg, week)}`;
    case 'binary':
      // x+0 and x−0 are x to the bit: a recurrence's first week reads without a dangling "-0"
      if ((expr.op === '+' || expr.op === '-') && isZeroHere(expr.right, week)) return at(expr.left, week);
      return `${operand(expr.left, week)}${expr.op}${operand(expr.right, week)}`;
    case 'if':
      return `IF(${at(expr.condition, week)},${at(expr.then, week)},${at(expr.otherwise, week)})`;
    case 'call':
      return `${expr.fn}(${expr.args.map((x) => at(x, week)).join(',')})`;
    case 'round':
      return `${expr.fn}(${at(expr.arg, week)},${expr.digits})`;
    case 'unaryFn':
      return `${expr.fn}(${at(expr.arg, week)})`;
  }
}

/** How the expansion lays out formulas. */
export interface GridLayoutOptions {
  /**
   * Products per array formula: each week of an element-wise measure
   * (`isElementWise`) becomes one array formula per block of this many
   * products, written to the xlsx as `{=…}` over the block (CellSpec
   * `arrayRange`). HyperFormula then holds few wide formulas instead of one
   * per cell. Other measures stay one formula per cell. Absent: per cell.
   */
  blockRows?: number;
}

/**
 * The measure sheets of a grid as ordinary spreadsheet sheets, for
 * HyperFormula and the xlsx writer alike. Each sheet has the product id in
 * column A, one column per week, a total column and a total row
 * (GRID_LAYOUT); the totals are what `rowTotal` and `weekTotal` read. The
 * input sheets (Products-like, Weeks-like) and the scalar names are the
 * caller's: the grid only reads them. Throws RangeError for a blockRows
 * that is not a positive integer.
 *
 * @example gridSheets(definition, { productIds: ['p1', 'p2'], weekLabels: ['2027-01-04'] }).map((s) => s.name)
 */
export function gridSheets(definition: GridDefinition | GridPlan, shape: GridShape, options: GridLayoutOptions = {}): SheetSpec[] {
  const plan = 'stages' in definition ? definition : planGrid(definition);
  const blockRows = options.blockRows;
  if (blockRows !== undefined && (!Number.isInteger(blockRows) || blockRows < 1)) throw new RangeError(`blockRows must be a positive integer, got ${blockRows}`);
  const n = shape.productIds.length;
  const weeks = shape.weekLabels.length;
  const firstWeek = columnLetter(GRID_LAYOUT.firstWeekCol);
  const lastWeek = columnLetter(GRID_LAYOUT.firstWeekCol + weeks - 1);
  const sum = (range: string): CellSpec['content'] => `=SUM(${range})`;
  return plan.definition.measures.map((m, mi) => {
    const blocks = blockRows !== undefined && plan.types[mi] === 'number';
    const rows: CellSpec[][] = shape.productIds.map((id, r) => {
      const a1Row = r + 2;
      const cells: CellSpec[] = [{ content: id, format: 'text' }];
      for (let w = 0; w < weeks; w++) {
        if (blockRows === undefined || !blocks || !blockable(m.template, w)) {
          cells.push({ content: `=${cellFormula(plan, m.name, r, w, n, weeks)}`, format: m.format });
        } else if (r % blockRows === 0) {
          const last = Math.min(n, r + blockRows) - 1;
          cells.push({ content: `=${measureFormula(plan, m.name, { first: r, last }, w, n, weeks)}`, format: m.format, arrayRange: { rows: last - r + 1, columns: 1 } });
        } else {
          cells.push({ content: null, format: m.format });
        }
      }
      cells.push({ content: weeks > 0 ? sum(`${firstWeek}${a1Row}:${lastWeek}${a1Row}`) : 0, format: m.format });
      return cells;
    });
    const totalRow: CellSpec[] = [{ content: 'Total', format: 'text' }];
    for (let w = 0; w <= weeks; w++) {
      const letter = columnLetter(GRID_LAYOUT.firstWeekCol + w);
      totalRow.push({ content: n > 0 ? sum(`${letter}2:${letter}${n + 1}`) : 0, format: m.format });
    }
    rows.push(totalRow);
    return {
      name: m.sheet,
      title: m.title,
      columns: [
        { key: 'id', header: { zh: '商品编号', en: 'Product id' }, format: 'text', width: 12 },
        ...shape.weekLabels.map((label, w) => ({ key: `w${w + 1}`, header: { zh: label, en: label }, format: m.format, width: 12 })),
        { key: 'total', header: { zh: '合计', en: 'Total' }, format: m.format, width: 14 },
      ],
      rows,
      frozen: { rows: 1, columns: 1 },
    };
  });
}
