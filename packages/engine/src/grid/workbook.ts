import type { RawCellContent } from 'hyperformula';
import { buildHyperFormula, type HyperFormulaClass } from '../hyperformula.ts';
import { absoluteRef, hyperFormulaContent, type CellSpec, type SheetSpec, type WorkbookSpec } from '../workbook-spec.ts';
import { planGrid, type GridDefinition, type GridPlan } from './definition.ts';
import { GRID_LAYOUT, gridSheets, type GridLayoutOptions } from './expand.ts';
import type { GridCellValue, GridEvaluator } from './evaluator.ts';

/** The values a standalone grid workbook holds: the input sheets' numbers and the scalars'. */
export interface GridInputs {
  productIds: readonly string[];
  weekLabels: readonly string[];
  /** Per product input key: one value per product. */
  products: Readonly<Record<string, ArrayLike<number>>>;
  /** Per week input key: one value per week. */
  weeks: Readonly<Record<string, ArrayLike<number>>>;
  scalars: Readonly<Record<string, number>>;
  /**
   * Per input grid key (GridDefinition.cells): products × weeks values,
   * column-major by week (`values[w * products + r]`, as the fast
   * evaluator's `setCellInputs`).
   */
  cells?: Readonly<Record<string, ArrayLike<number>>>;
}

/** The sheet a standalone grid workbook keeps its named scalars on. */
export const GRID_SCALAR_SHEET = 'Scalars';

/**
 * The input grids of a grid as value sheets, laid out as its measure sheets
 * (product id in column A, week w in column w + 1, product r on sheet row
 * r + 1), without totals. Throws RangeError when a grid is missing or of
 * the wrong length.
 */
export function gridCellInputSheets(definition: GridDefinition | GridPlan, inputs: Pick<GridInputs, 'productIds' | 'weekLabels' | 'cells'>): SheetSpec[] {
  const def = 'stages' in definition ? definition.definition : definition;
  const n = inputs.productIds.length;
  const weeks = inputs.weekLabels.length;
  return Object.entries(def.cells ?? {}).map(([key, sheet]) => {
    const values = inputs.cells?.[key];
    if (!values || values.length !== n * weeks) throw new RangeError(`input grid "${key}" needs ${n * weeks} values (products × weeks, column-major by week)`);
    const rows: CellSpec[][] = inputs.productIds.map((id, r) => [
      { content: id, format: 'text' },
      ...Array.from({ length: weeks }, (_, w): CellSpec => ({ content: values[w * n + r] ?? 0, format: 'ratio' })),
    ]);
    return {
      name: sheet,
      title: { zh: sheet, en: sheet },
      columns: [
        { key: 'id', header: { zh: '商品编号', en: 'Product id' }, format: 'text', width: 12 },
        ...inputs.weekLabels.map((label, w) => ({ key: `w${w + 1}`, header: { zh: label, en: label }, format: 'ratio' as const, width: 12 })),
      ],
      rows,
      frozen: { rows: 1, columns: 1 },
    };
  });
}

/**
 * A whole workbook for a grid on its own: its input sheets filled with the
 * given values (the input grids too), one sheet of named scalars (when it
 * has any), and the measure sheets. What
 * the equivalence tests load into HyperFormula and write to xlsx for
 * LibreOffice; in the plan's workbook the input sheets are the plan's own.
 * Throws RangeError when an input is missing or of the wrong length.
 * @example gridWorkbookSpec(definition, inputs).sheets.map((s) => s.name)
 */
export function gridWorkbookSpec(definition: GridDefinition | GridPlan, inputs: GridInputs, layout: GridLayoutOptions = {}): WorkbookSpec {
  const plan = 'stages' in definition ? definition : planGrid(definition);
  const def = plan.definition;
  const n = inputs.productIds.length;
  const weeks = inputs.weekLabels.length;
  const inputSheet = (name: string, columns: Readonly<Record<string, number>>, count: number, values: Readonly<Record<string, ArrayLike<number>>>, labels: readonly string[]): SheetSpec => {
    const width = Math.max(1, ...Object.values(columns).map((c) => c + 1));
    const keyAt: string[] = [];
    for (const [key, c] of Object.entries(columns)) keyAt[c] = key;
    const rows: CellSpec[][] = [];
    for (let i = 0; i < count; i++) {
      const row: CellSpec[] = [];
      for (let c = 0; c < width; c++) {
        const key = keyAt[c];
        if (key === undefined) {
          row.push({ content: c === 0 ? (labels[i] ?? '') : null, format: 'text' });
          continue;
        }
        const column = values[key];
        if (!column || column.length !== count) throw new RangeError(`input "${key}" of sheet ${name} needs ${count} values`);
        row.push({ content: column[i] ?? 0, format: 'count' });
      }
      rows.push(row);
    }
    const headers = Array.from({ length: width }, (_, c) => keyAt[c] ?? (c === 0 ? 'label' : `c${c}`));
    return { name, title: { zh: name, en: name }, columns: headers.map((key) => ({ key, header: { zh: key, en: key }, format: 'count', width: 12 })), rows, frozen: { rows: 1, columns: 1 } };
  };
  const scalarRows: CellSpec[][] = def.scalars.map((name) => {
    const value = inputs.scalars[name];
    if (value === undefined) throw new RangeError(`scalar "${name}" has no value`);
    return [{ content: name, format: 'text' }, { content: value, format: 'count' }];
  });
  const sheets: SheetSpec[] = [
    inputSheet(def.products.sheet, def.products.columns, n, inputs.products, inputs.productIds),
    inputSheet(def.weeks.sheet, def.weeks.columns, weeks, inputs.weeks, inputs.weekLabels),
    ...gridCellInputSheets(plan, inputs),
  ];
  if (def.scalars.length > 0) {
    sheets.push({
      name: GRID_SCALAR_SHEET,
      title: { zh: '参数', en: 'Scalars' },
      columns: [{ key: 'name', header: { zh: '名称', en: 'Name' }, format: 'text', width: 16 }, { key: 'value', header: { zh: '值', en: 'Value' }, format: 'count', width: 14 }],
      rows: scalarRows,
      frozen: { rows: 1, columns: 1 },
    });
  }
  sheets.push(...gridSheets(plan, inputs, layout));
  return { sheets, names: def.scalars.map((name, i) => ({ name, sheet: GRID_SCALAR_SHEET, col: 1, row: i + 1 })) };
}

/**
 * Loads a workbook spec into a HyperFormula instance with the engine's
 * settings (header row first, text cells kept as text).
 * @example const hf = hyperFormulaOfSpec(gridWorkbookSpec(definition, inputs));
 */
export function hyperFormulaOfSpec(spec: WorkbookSpec, engine?: HyperFormulaClass) {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const s of spec.sheets) sheets[s.name] = [s.columns.map((c) => c.header.en), ...s.rows.map((r) => r.map(hyperFormulaContent))];
  const names = spec.names.map((nm) => ({ name: nm.name, expression: `=${absoluteRef(nm.sheet, nm.col, nm.row)}` }));
  return buildHyperFormula(sheets, names, engine);
}

/**
 * The figures of a grid's measure sheets as an evaluator computed them, by
 * sheet name and cell (sheet row 0 is the header: product r on row r + 1,
 * week w in column w + 1, then the total column and the total row, the
 * grand total where they meet): the cached results an xlsx shows before
 * any recalculation, so a file written from the fast evaluator opens with
 * the same figures its formulas recompute. Undefined for a sheet that is no
 * measure's; null for a cell outside the grid or holding an error.
 * @example gridMeasureCache(evaluator)('Units')?.(1, 4) // product 0, week 3
 */
export function gridMeasureCache(evaluator: GridEvaluator): (sheet: string) => ((col: number, row: number) => number | null) | undefined {
  const { products: n, weeks } = evaluator.size;
  const measureOf = new Map(evaluator.plan.definition.measures.map((m) => [m.sheet, m.name]));
  const figure = (v: GridCellValue) => (typeof v === 'number' ? v : null);
  return (sheet) => {
    const name = measureOf.get(sheet);
    if (name === undefined) return undefined;
    return (col, row) => {
      const r = row - GRID_LAYOUT.firstProductRow;
      const w = col - GRID_LAYOUT.firstWeekCol;
      if (r < 0 || r > n || w < 0 || w > weeks) return null;
      if (r === n) return figure(evaluator.weekTotal(name, w));
      if (w === weeks) return figure(evaluator.rowTotal(name, r));
      return figure(evaluator.cell(name, r, w));
    };
  };
}
