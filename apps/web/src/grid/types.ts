import type { BilingualMessage, NumberUnit } from '../number/index.ts';

/** How a column's values are entered and shown; `text` columns are labels. */
export type GridUnit = NumberUnit | 'text';

/** A column of the spreadsheet grid. */
export interface GridColumn {
  /** Stable id; becomes AG Grid's `col-id` attribute on every cell. */
  id: string;
  /** Header text, already in the interface language. */
  header: string;
  unit: GridUnit;
  /** Whether planners type into this column (assumptions); derived figures are not editable. */
  editable: boolean;
  width?: number;
  pinned?: 'left';
}

/** One cell's content as the app hands it to the grid. */
export interface GridCell {
  value: number | string | null;
  /** A problem to show in the cell (e.g. the plan rejected the value); the value shown stays the last good one. */
  error?: BilingualMessage;
  /** The formula behind a derived figure, shown on demand. */
  formula?: string;
  /** Overrides the column's unit, for grids whose rows differ in kind (an assumption list). */
  unit?: GridUnit;
  /** Makes this cell read-only in an editable column (a total row, a figure that does not apply). */
  readOnly?: boolean;
}

/** One row; `id` becomes AG Grid's `row-id` attribute. */
export interface GridRow {
  id: string;
  cells: Record<string, GridCell>;
}

/** A new value for one cell, always a finite number. */
export interface CellEdit {
  rowId: string;
  colId: string;
  value: number;
}

/** Where an edit came from, so the app can name the undo step. */
export type EditSource = 'typing' | 'paste' | 'fill';

/** A cell that refused what was typed or pasted, with the reason. */
export interface InvalidInput {
  rowId: string;
  colId: string;
  text: string;
  message: BilingualMessage;
}

/** A cell addressed by ids. */
export interface CellRef {
  rowId: string;
  colId: string;
}
