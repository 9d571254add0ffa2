/**
 * Range maths for the grid, in display coordinates: a row index as AG Grid
 * displays rows, and a column index in the order of displayed columns
 * (pinned columns first). Free of React and the DOM so it runs in Node tests.
 */

/** One cell by display position. */
export interface CellPos {
  row: number;
  col: number;
}

/**
 * A selection as the planner made it: `anchor` is where it began (the cell
 * that keeps focus in Excel), `focus` the corner that moves with the mouse or
 * Shift+arrows.
 */
export interface CellRange {
  anchor: CellPos;
  focus: CellPos;
}

/** A range as its inclusive bounds, top ≤ bottom and left ≤ right. */
export interface RangeRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The grid's size in display rows and columns. */
export interface GridBounds {
  rowCount: number;
  colCount: number;
}

/**
 * The bounds of a range, whichever way it was dragged.
 * @example rangeRect({ anchor: { row: 3, col: 2 }, focus: { row: 1, col: 4 } }) // { top: 1, left: 2, bottom: 3, right: 4 }
 */
export function rangeRect(range: CellRange): RangeRect {
  const { anchor: a, focus: f } = range;
  return { top: Math.min(a.row, f.row), left: Math.min(a.col, f.col), bottom: Math.max(a.row, f.row), right: Math.max(a.col, f.col) };
}

/** A range of one cell. */
export function singleCell(pos: CellPos): CellRange {
  return { anchor: { ...pos }, focus: { ...pos } };
}

/** Whether a cell lies inside the bounds. */
export function rectContains(rect: RangeRect, row: number, col: number): boolean {
  return row >= rect.top && row <= rect.bottom && col >= rect.left && col <= rect.right;
}

/** How many rows and columns a rect spans. */
export function rectSize(rect: RangeRect): { rows: number; cols: number } {
  return { rows: rect.bottom - rect.top + 1, cols: rect.right - rect.left + 1 };
}

/** Whether a range covers more than one cell. */
export function isMultiCell(range: CellRange): boolean {
  return range.anchor.row !== range.focus.row || range.anchor.col !== range.focus.col;
}

/** Keeps a position inside the grid. */
export function clampPos(pos: CellPos, bounds: GridBounds): CellPos {
  return {
    row: Math.max(0, Math.min(bounds.rowCount - 1, pos.row)),
    col: Math.max(0, Math.min(bounds.colCount - 1, pos.col)),
  };
}

/**
 * Shift+arrow: moves the range's free corner by one step (or to the edge of
 * the grid with Ctrl/Cmd, as Excel's Ctrl+Shift+arrow does on a full block),
 * the anchor stays.
 * @example extendRange(singleCell({ row: 0, col: 0 }), 1, 0, { rowCount: 5, colCount: 5 }).focus // { row: 1, col: 0 }
 */
export function extendRange(range: CellRange, dRow: number, dCol: number, bounds: GridBounds, toEdge = false): CellRange {
  const target = toEdge
    ? { row: dRow > 0 ? bounds.rowCount - 1 : dRow < 0 ? 0 : range.focus.row, col: dCol > 0 ? bounds.colCount - 1 : dCol < 0 ? 0 : range.focus.col }
    : { row: range.focus.row + dRow, col: range.focus.col + dCol };
  return { anchor: range.anchor, focus: clampPos(target, bounds) };
}

/** The union of two rects' bounds (for refreshing exactly the cells a change of selection touches). */
export function unionRect(a: RangeRect, b: RangeRect): RangeRect {
  return { top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) };
}
