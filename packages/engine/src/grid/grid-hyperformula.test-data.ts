import type { CellValue } from 'hyperformula';
import type { GridDefinition } from './definition.ts';
import { GridEvaluator, type GridCellValue } from './evaluator.ts';
import { GRID_LAYOUT, type GridLayoutOptions } from './expand.ts';
import { gridWorkbookSpec, hyperFormulaOfSpec, type GridInputs } from './workbook.ts';

/** A cell as the tests compare it: a number, or the error's text. */
export type Comparable = number | string;

// HyperFormula's array arithmetic leaves an overflow (0^-1) as ±Infinity where its per-cell evaluation says
// #NUM!; the engine's readers (ProductCalendarView.read) already take a non-finite number for an error.
const fromHf = (v: CellValue): Comparable => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : '#NUM!';
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v !== null && typeof v === 'object' && 'value' in v) return String(v.value);
  return `unexpected ${String(v)}`;
};
const fromFast = (v: GridCellValue): Comparable => (typeof v === 'number' ? v : v.error);

/** Every cell, row total and week total of every measure, as HyperFormula computes them from the expanded sheets. */
export function hyperFormulaFigures(definition: GridDefinition, inputs: GridInputs, layout: GridLayoutOptions = {}): Map<string, Comparable[]> {
  const spec = gridWorkbookSpec(definition, inputs, layout);
  const hf = hyperFormulaOfSpec(spec);
  try {
    const out = new Map<string, Comparable[]>();
    const n = inputs.productIds.length;
    const weeks = inputs.weekLabels.length;
    for (const m of definition.measures) {
      const sheet = hf.getSheetId(m.sheet);
      if (sheet === undefined) throw new Error(`no sheet ${m.sheet}`);
      const values = hf.getSheetValues(sheet);
      const figures: Comparable[] = [];
      // cells week-major, then row totals, then week totals with the grand total
      for (let w = 0; w < weeks; w++) for (let r = 0; r < n; r++) figures.push(fromHf(values[r + 1]?.[GRID_LAYOUT.firstWeekCol + w] ?? null));
      for (let r = 0; r < n; r++) figures.push(fromHf(values[r + 1]?.[GRID_LAYOUT.totalCol(weeks)] ?? null));
      for (let w = 0; w <= weeks; w++) figures.push(fromHf(values[GRID_LAYOUT.totalRow(n)]?.[GRID_LAYOUT.firstWeekCol + w] ?? null));
      out.set(m.name, figures);
    }
    return out;
  } finally {
    hf.destroy();
  }
}

/** The same figures from the fast evaluator, in the same order. */
export function fastFigures(definition: GridDefinition, inputs: GridInputs, grid?: GridEvaluator): Map<string, Comparable[]> {
  const n = inputs.productIds.length;
  const weeks = inputs.weekLabels.length;
  const g = grid ?? loadFast(definition, inputs);
  g.recalculate();
  const out = new Map<string, Comparable[]>();
  for (const m of definition.measures) {
    const figures: Comparable[] = [];
    for (let w = 0; w < weeks; w++) for (let r = 0; r < n; r++) figures.push(fromFast(g.cell(m.name, r, w)));
    for (let r = 0; r < n; r++) figures.push(fromFast(g.rowTotal(m.name, r)));
    for (let w = 0; w <= weeks; w++) figures.push(fromFast(g.weekTotal(m.name, w)));
    out.set(m.name, figures);
  }
  return out;
}

/** A fast evaluator holding the given inputs (not yet recalculated). */
export function loadFast(definition: GridDefinition, inputs: GridInputs): GridEvaluator {
  const g = new GridEvaluator(definition, { products: inputs.productIds.length, weeks: inputs.weekLabels.length });
  for (const [key, values] of Object.entries(inputs.products)) g.setProductInputs(key, values);
  for (const [key, values] of Object.entries(inputs.weeks)) g.setWeekInputs(key, values);
  for (const [name, value] of Object.entries(inputs.scalars)) g.setScalar(name, value);
  for (const [key, values] of Object.entries(inputs.cells ?? {})) g.setCellInputs(key, values);
  return g;
}

/**
 * The first figure where two evaluations differ, or null. Numbers compare
 * with ===, so every bit counts except the sign of zero: HyperFormula's
 * array arithmetic keeps a −0 that its per-cell evaluation (and the fast
 * evaluator) turn into 0, and no spreadsheet shows or computes a difference.
 */
export function firstDifference(a: Map<string, Comparable[]>, b: Map<string, Comparable[]>): string | null {
  for (const [name, xs] of a) {
    const ys = b.get(name) ?? [];
    if (xs.length !== ys.length) return `${name}: ${xs.length} figures vs ${ys.length}`;
    for (let i = 0; i < xs.length; i++) if (xs[i] !== ys[i]) return `${name}[${i}]: ${String(xs[i])} vs ${String(ys[i])}`;
  }
  return null;
}
