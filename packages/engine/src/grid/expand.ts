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
 * @example cellFormula(plan, 'units', 0, 3) // 'Revenue!E2/Products!$D2'
 */
export function cellFormula(plan: GridPlan, measureName: string, row: number, week: number, productCount: number, weekCount: number): string {
  const def = plan.definition;
  const i = plan.index.get(measureName);
  const m = i === undefined ? undefined : def.measures[i];
  if (!m || i === undefined) throw new RangeError(`no measure "${measureName}" in the grid`);
  const text = expressionText(plan, m.template, row, week, productCount, weekCount);
  return plan.types[i] === 'boolean' ? `IF(${text},1,0)` : text;
}

function expressionText(plan: GridPlan, expr: GridExpr, row: number, week: number, n: number, weeks: number): string {
  const def = plan.definition;
  const sheetOf = (name: string) => {
    const i = plan.index.get(name);
    const m = i === undefined ? undefined : def.measures[i];
    if (!m) throw new RangeError(`no measure "${name}" in the grid`);
    return sheetRef(m.sheet);
  };
  const a1Row = row + GRID_LAYOUT.firstProductRow + 1;
  const weekLetter = (w: number) => columnLetter(GRID_LAYOUT.firstWeekCol + w);
  const sub = (e: GridExpr) => expressionText(plan, e, row, week, n, weeks);
  // Operands that are themselves operations are parenthesised, so the text never depends on precedence rules.
  const operand = (e: GridExpr) => (e.kind === 'binary' || e.kind === 'neg' || (e.kind === 'number' && e.value < 0) ? `(${sub(e)})` : sub(e));
  switch (expr.kind) {
    case 'number':
      return String(expr.value);
    case 'measure':
      return `${sheetOf(expr.measure)}!${weekLetter(week)}${a1Row}`;
    case 'prev':
      return week === 0 ? operand(expr.first) : `${sheetOf(expr.measure)}!${weekLetter(week - 1)}${a1Row}`;
    case 'productInput':
      return `${sheetRef(def.products.sheet)}!$${columnLetter(def.products.columns[expr.input] ?? 0)}${a1Row}`;
    case 'weekInput':
      return `${sheetRef(def.weeks.sheet)}!$${columnLetter(def.weeks.columns[expr.input] ?? 0)}$${week + 2}`;
    case 'scalar':
      return expr.name;
    case 'rowTotal':
      return `${sheetOf(expr.measure)}!$${columnLetter(GRID_LAYOUT.totalCol(weeks))}${a1Row}`;
    case 'weekTotal':
      return `${sheetOf(expr.measure)}!${weekLetter(week)}$${GRID_LAYOUT.totalRow(n) + 1}`;
    case 'neg':
      return `-${operand(expr.arg)}`;
    case 'binary':
      return `${operand(expr.left)}${expr.op}${operand(expr.right)}`;
    case 'if':
      return `IF(${sub(expr.condition)},${sub(expr.then)},${sub(expr.otherwise)})`;
    case 'call':
      return `${expr.fn}(${expr.args.map(sub).join(',')})`;
    case 'round':
      return `${expr.fn}(${sub(expr.arg)},${expr.digits})`;
    case 'unaryFn':
      return `${expr.fn}(${sub(expr.arg)})`;
  }
}

/**
 * The measure sheets of a grid as ordinary spreadsheet sheets, one formula
 * per cell, for HyperFormula and the xlsx writer alike. Each sheet has the
 * product id in column A, one column per week, a total column and a total
 * row (GRID_LAYOUT); the totals are what `rowTotal` and `weekTotal` read.
 * The input sheets (Products-like, Weeks-like) and the scalar names are the
 * caller's: the grid only reads them.
 *
 * @example gridSheets(definition, { productIds: ['p1', 'p2'], weekLabels: ['2027-01-04'] }).map((s) => s.name)
 */
export function gridSheets(definition: GridDefinition | GridPlan, shape: GridShape): SheetSpec[] {
  const plan = 'stages' in definition ? definition : planGrid(definition);
  const n = shape.productIds.length;
  const weeks = shape.weekLabels.length;
  const firstWeek = columnLetter(GRID_LAYOUT.firstWeekCol);
  const lastWeek = columnLetter(GRID_LAYOUT.firstWeekCol + weeks - 1);
  const sum = (range: string): CellSpec['content'] => `=SUM(${range})`;
  return plan.definition.measures.map((m) => {
    const rows: CellSpec[][] = shape.productIds.map((id, r) => {
      const a1Row = r + 2;
      const cells: CellSpec[] = [{ content: id, format: 'text' }];
      for (let w = 0; w < weeks; w++) cells.push({ content: `=${cellFormula(plan, m.name, r, w, n, weeks)}`, format: m.format });
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
