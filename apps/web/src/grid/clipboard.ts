import { numberToClipboardText, parseNumberInput } from '../number/index.ts';
import { cellNumber, isEditableCell, numericUnit, type GridView } from './cells.ts';
import { rectSize, type RangeRect } from './range.ts';
import { formatTsv } from './tsv.ts';
import type { CellEdit, CellRef, InvalidInput } from './types.ts';

/**
 * The range as tab-separated text for Excel/WPS: numbers at full precision
 * (rates as `2.5%`, which both read back as 0.025), text as shown, empty
 * cells empty.
 * @example copyRange(view, { top: 0, left: 1, bottom: 1, right: 2 }) // '2.5%\t160\n1.2%\t140'
 */
export function copyRange(view: GridView, rect: RangeRect): string {
  const out: string[][] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row = view.rowAt(r);
    const line: string[] = [];
    for (let c = rect.left; c <= rect.right; c++) {
      const column = view.columnAt(c);
      const cell = column ? row?.cells[column.id] : undefined;
      if (!column || !cell || cell.value === null) line.push('');
      else if (typeof cell.value === 'string') line.push(cell.value);
      else {
        const unit = numericUnit(column, cell);
        line.push(unit ? numberToClipboardText(cellNumber(cell) ?? null, unit) : String(cell.value));
      }
    }
    out.push(line);
  }
  return formatTsv(out);
}

/** What a paste or fill did, cell by cell, so nothing is dropped without a word. */
export interface EditPlan {
  /** Valid values, in reading order; the app applies them as one step. */
  edits: CellEdit[];
  /** Pieces that are not numbers for their cell, with the reason. */
  invalid: InvalidInput[];
  /** Read-only (derived or text) cells the block or fill ran over and left alone. */
  skippedReadOnly: CellRef[];
  /** Empty pieces of the block: a plan value cannot be blank, so these cells keep theirs. */
  blank: CellRef[];
  /** Pieces that fell outside the grid's last row or column. */
  clipped: number;
  /** Cells whose source had no number to copy, or whose unit differs from the source's. */
  skippedMismatch: CellRef[];
  /** The area the operation covered, to select it afterwards as Excel does. */
  area: RangeRect;
}

function emptyPlan(area: RangeRect): EditPlan {
  return { edits: [], invalid: [], skippedReadOnly: [], blank: [], clipped: 0, skippedMismatch: [], area };
}

/**
 * Maps a block of pasted text onto the grid from the selection's top-left
 * cell and parses every piece with its cell's unit. A 1×1 block, or a block
 * whose size divides the selection evenly, is repeated over the selection
 * (as Excel does). Read-only cells are skipped and listed, not overwritten;
 * invalid pieces are listed with their message while valid ones still apply.
 * @example planPaste(view, { top: 0, left: 1, bottom: 0, right: 1 }, [['2.5%', '160']]).edits.length // 2
 */
export function planPaste(view: GridView, selection: RangeRect, block: readonly (readonly string[])[]): EditPlan {
  const blockRows = block.length;
  const blockCols = Math.max(0, ...block.map((r) => r.length));
  const sel = rectSize(selection);
  const tiles = blockRows > 0 && blockCols > 0 && (sel.rows > blockRows || sel.cols > blockCols) && sel.rows % blockRows === 0 && sel.cols % blockCols === 0;
  const rows = tiles ? sel.rows : blockRows;
  const cols = tiles ? sel.cols : blockCols;
  const bottom = Math.min(view.rowCount - 1, selection.top + rows - 1);
  const right = Math.min(view.colCount - 1, selection.left + cols - 1);
  const plan = emptyPlan({ top: selection.top, left: selection.left, bottom: Math.max(selection.top, bottom), right: Math.max(selection.left, right) });
  for (let i = 0; i < rows; i++) {
    const piecesRow = block[i % blockRows] ?? [];
    for (let j = 0; j < cols; j++) {
      const text = piecesRow[j % blockCols];
      if (text === undefined) continue; // a ragged row: nothing was copied there
      const r = selection.top + i;
      const c = selection.left + j;
      const column = view.columnAt(c);
      const row = view.rowAt(r);
      if (!column || !row || r >= view.rowCount || c >= view.colCount) {
        plan.clipped++;
        continue;
      }
      const cell = row.cells[column.id];
      const ref = { rowId: row.id, colId: column.id };
      if (!isEditableCell(column, cell)) {
        plan.skippedReadOnly.push(ref);
        continue;
      }
      if (text.trim() === '') {
        plan.blank.push(ref);
        continue;
      }
      const unit = numericUnit(column, cell)!;
      const parsed = parseNumberInput(text, unit);
      if (parsed.ok) plan.edits.push({ ...ref, value: parsed.value });
      else plan.invalid.push({ ...ref, text, message: parsed.message });
    }
  }
  return plan;
}

/**
 * Fill down (Ctrl+D) or right (Ctrl+R): the first row (column) of the range
 * is copied over the rest of it; a single cell takes the value of the cell
 * above (left of) it, as in Excel. Read-only cells are skipped and listed,
 * and a value is never copied into a cell of a different unit.
 * @example planFill(view, { top: 0, left: 1, bottom: 3, right: 1 }, 'down').edits.length // 3
 */
export function planFill(view: GridView, rect: RangeRect, direction: 'down' | 'right'): EditPlan {
  const plan = emptyPlan(rect);
  const down = direction === 'down';
  const single = down ? rect.top === rect.bottom : rect.left === rect.right;
  const lanesFrom = down ? rect.left : rect.top;
  const lanesTo = down ? rect.right : rect.bottom;
  const source = down ? (single ? rect.top - 1 : rect.top) : single ? rect.left - 1 : rect.left;
  const firstTarget = single ? (down ? rect.top : rect.left) : source + 1;
  const lastTarget = down ? rect.bottom : rect.right;
  if (source < 0) return plan;
  for (let lane = lanesFrom; lane <= lanesTo; lane++) {
    const srcRow = view.rowAt(down ? source : lane);
    const srcCol = view.columnAt(down ? lane : source);
    const srcCell = srcCol ? srcRow?.cells[srcCol.id] : undefined;
    const value = cellNumber(srcCell);
    const srcUnit = srcCol ? numericUnit(srcCol, srcCell) : undefined;
    for (let t = firstTarget; t <= lastTarget; t++) {
      const row = view.rowAt(down ? t : lane);
      const column = view.columnAt(down ? lane : t);
      if (!row || !column) continue;
      const cell = row.cells[column.id];
      const ref = { rowId: row.id, colId: column.id };
      if (!isEditableCell(column, cell)) plan.skippedReadOnly.push(ref);
      else if (value === undefined || srcUnit === undefined || numericUnit(column, cell) !== srcUnit) plan.skippedMismatch.push(ref);
      else plan.edits.push({ ...ref, value });
    }
  }
  return plan;
}

/**
 * The fill handle: dragging the small square at the range's corner down (or
 * right) to `to` repeats the selected block over the new cells, as Excel
 * does for values (no series are guessed: a planner's 2.5% stays 2.5%).
 * Returns undefined when `to` does not extend the range down or right.
 * @example planFillHandle(view, { top: 0, left: 1, bottom: 0, right: 2 }, { row: 2, col: 2 })?.edits.length // 4
 */
export function planFillHandle(view: GridView, source: RangeRect, to: { row: number; col: number }): EditPlan | undefined {
  const down = to.row > source.bottom;
  const right = !down && to.col > source.right;
  if (!down && !right) return undefined;
  const area: RangeRect = down ? { ...source, bottom: Math.min(view.rowCount - 1, to.row) } : { ...source, right: Math.min(view.colCount - 1, to.col) };
  const plan = emptyPlan(area);
  const srcRows = source.bottom - source.top + 1;
  const srcCols = source.right - source.left + 1;
  const top = down ? source.bottom + 1 : source.top;
  const left = down ? source.left : source.right + 1;
  for (let r = top; r <= area.bottom; r++) {
    for (let c = left; c <= area.right; c++) {
      const fromRow = down ? source.top + ((r - source.top) % srcRows) : r;
      const fromCol = down ? c : source.left + ((c - source.left) % srcCols);
      const srcColumn = view.columnAt(fromCol);
      const srcCell = srcColumn ? view.rowAt(fromRow)?.cells[srcColumn.id] : undefined;
      const row = view.rowAt(r);
      const column = view.columnAt(c);
      if (!row || !column) continue;
      const cell = row.cells[column.id];
      const ref = { rowId: row.id, colId: column.id };
      const value = cellNumber(srcCell);
      if (!isEditableCell(column, cell)) plan.skippedReadOnly.push(ref);
      else if (value === undefined || !srcColumn || numericUnit(srcColumn, srcCell) !== numericUnit(column, cell)) plan.skippedMismatch.push(ref);
      else plan.edits.push({ ...ref, value });
    }
  }
  return plan;
}
