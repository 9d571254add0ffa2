import type { NumberUnit } from '../number/index.ts';
import type { GridCell, GridColumn, GridRow, GridUnit } from './types.ts';

/**
 * What the clipboard and fill logic need to know of the grid, by display
 * position. The component builds it from AG Grid's displayed rows and
 * columns; tests build it from arrays.
 */
export interface GridView {
  rowCount: number;
  colCount: number;
  columnAt(col: number): GridColumn | undefined;
  rowAt(row: number): GridRow | undefined;
}

/**
 * A view over plain arrays, in the given order.
 * @example arrayView(columns, rows).rowAt(0)?.id
 */
export function arrayView(columns: readonly GridColumn[], rows: readonly GridRow[]): GridView {
  return { rowCount: rows.length, colCount: columns.length, columnAt: (c) => columns[c], rowAt: (r) => rows[r] };
}

/** The unit a cell is entered and shown in: its own, else its column's. */
export function cellUnit(column: GridColumn, cell: GridCell | undefined): GridUnit {
  return cell?.unit ?? column.unit;
}

/** The numeric unit of a cell, or undefined for a text cell. */
export function numericUnit(column: GridColumn, cell: GridCell | undefined): NumberUnit | undefined {
  const unit = cellUnit(column, cell);
  return unit === 'text' ? undefined : unit;
}

/**
 * Whether planners may type into a cell: an editable column, a numeric unit,
 * a cell that exists and is not marked read-only. Derived figures never are.
 */
export function isEditableCell(column: GridColumn, cell: GridCell | undefined): boolean {
  return column.editable && cell !== undefined && !cell.readOnly && numericUnit(column, cell) !== undefined;
}

/** The cell's number, or undefined when it holds text, nothing or a non-finite value. */
export function cellNumber(cell: GridCell | undefined): number | undefined {
  const v = cell?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
