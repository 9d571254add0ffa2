/**
 * The planner's spreadsheet: AG Grid Community with Excel habits (range
 * selection, TSV copy/paste, fill-down, undo keys, number entry in planner
 * forms). The React component plus its React-free logic, which is tested in
 * Node.
 */
export { SpreadsheetGrid } from './SpreadsheetGrid.tsx';
export type { SpreadsheetGridProps } from './SpreadsheetGrid.tsx';
export type { GridColumn, GridCell, GridRow, CellEdit, EditSource, GridUnit, InvalidInput, CellRef } from './types.ts';
export { parseTsv, formatTsv } from './tsv.ts';
export { rangeRect, singleCell, extendRange, rectContains, rectSize, isMultiCell, clampPos, unionRect } from './range.ts';
export type { CellPos, CellRange, RangeRect, GridBounds } from './range.ts';
export { arrayView, isEditableCell, cellUnit, numericUnit, cellNumber } from './cells.ts';
export type { GridView } from './cells.ts';
export { copyRange, planPaste, planFill, planFillHandle } from './clipboard.ts';
export type { EditPlan } from './clipboard.ts';
export { describeEditPlan } from './report.ts';
export { summarizeRange } from './summary.ts';
