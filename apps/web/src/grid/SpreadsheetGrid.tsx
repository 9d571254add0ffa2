import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { flushSync } from 'react-dom';
import { AgGridReact } from 'ag-grid-react';
import {
  type CellClassParams,
  type CellDoubleClickedEvent,
  type CellEditRequestEvent,
  type CellFocusedEvent,
  type ColumnHeaderClickedEvent,
  type ColDef,
  type Column,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type ICellRendererParams,
  type ITooltipParams,
  type ValueFormatterParams,
  type ValueGetterParams,
} from 'ag-grid-community';
import { formatNumber, parseNumberInput, type BilingualMessage } from '../number/index.ts';
import { cellNumber, isEditableCell, numericUnit, type GridView } from './cells.ts';
import { ErrorCellRenderer, NumberCellEditor, type ErrorRendererParams } from './cell-components.ts';
import { copyRange, planFill, planFillHandle, planPaste, type EditPlan } from './clipboard.ts';
import { extendRange, isMultiCell, rangeRect, rectContains, singleCell, unionRect, type CellPos, type CellRange, type RangeRect } from './range.ts';
import { describeEditPlan } from './report.ts';
import { parseTsv } from './tsv.ts';
import { summarizeRange } from './summary.ts';
import { rowDelta } from './row-delta.ts';
import { registerGridModules } from './grid-modules.ts';
import { gridTheme } from './theme.ts';
import type { CellEdit, EditSource, GridCell, GridColumn, GridRow } from './types.ts';
import './grid.css';

registerGridModules();

/** Props of `SpreadsheetGrid`. */
export interface SpreadsheetGridProps {
  columns: GridColumn[];
  /** Rows in display order. Pass new objects only for rows that changed: unchanged rows are not repainted. */
  rows: GridRow[];
  lang: 'zh' | 'en';
  /** Valid new values from typing, a paste or a fill: one call per planner action (one undo step). */
  onEdits(edits: CellEdit[], source: EditSource): void;
  /** A typed or pasted text that is not a number for its cell; the cell keeps its last good value. */
  onInvalidInput?(rowId: string, colId: string, text: string, message: BilingualMessage): void;
  /** Ctrl/Cmd+Z outside a cell editor. */
  onUndo?(): void;
  /** Ctrl+Y, Ctrl/Cmd+Shift+Z outside a cell editor. */
  onRedo?(): void;
  /** Double-click or F2 on a derived cell: the planner asks for the formula behind it. */
  onShowFormula?(rowId: string, colId: string): void;
  /** `data-testid` of the grid's outer element. */
  testId?: string;
  /**
   * Height of the grid area (header and rows; the formula bar and status line
   * come on top). Default 480 px. `'auto'` grows with the rows (AG Grid's
   * autoHeight layout, which renders every row): for small grids only.
   */
  height?: number | string | 'auto';
  /** Show the formula bar above the grid (default true). */
  formulaBar?: boolean;
  /** Rows kept in view under the scrolling ones (a totals row); give their cells `readOnly`. */
  pinnedBottomRows?: GridRow[];
  /** Moves the focus to a cell (scrolled into view) each time a request with a new `seq` arrives: a link from elsewhere on the page. */
  focusRequest?: { rowId: string; colId: string; seq: number };
  /**
   * Filled by the grid with a function that puts changed rows (new objects
   * for rows already shown, matched by id) on screen at once, as one AG Grid
   * transaction, without a React render: figures from the worker repaint in
   * the task that received them. It returns false, changing nothing, when a
   * row is not shown; the next `rows` should hold the same objects, or those
   * rows are repainted once more.
   */
  rowUpdater?: { current: ((changed: readonly GridRow[]) => boolean) | null };
}

/** Mutable state the grid's callbacks read without re-creating column definitions. */
interface LiveState {
  range: CellRange | undefined;
  /** Errors from text the grid refused, by `rowId\u0000colId`, until a valid value arrives. */
  localErrors: Map<string, { message: BilingualMessage; text: string }>;
  colIndex: Map<string, number>;
  displayed: Column[];
  dragging: boolean;
  /** Set when a shift-click or drag moves focus, so the focus event does not collapse the range. */
  keepRangeOnFocus: boolean;
  copyHandled: boolean;
  pasteHandled: boolean;
  /** While the fill handle is dragged: the block being repeated and the cells it would cover. */
  fill: { source: RangeRect; preview: RangeRect } | undefined;
}

const key = (rowId: string, colId: string) => `${rowId}\u0000${colId}`;

/**
 * Whether two cells show alike apart from their value's text (AG Grid's
 * column `equals`; it compares the formatted values itself): the same
 * error, formula, unit and read-only flag.
 */
function sameLook(a: GridCell | undefined, b: GridCell | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.error === b.error && a.formula === b.formula && a.unit === b.unit && a.readOnly === b.readOnly;
}

/**
 * The planner's spreadsheet on AG Grid Community, with the habits of Excel
 * that Community leaves out: range selection (drag, Shift+click,
 * Shift+arrows, Ctrl+A, a click on a column header), copy as tab-separated text, paste of a block from
 * Excel/WPS as one edit, fill down/right (Ctrl+D/Ctrl+R, or drag the fill
 * handle at the range's corner), undo/redo keys, and
 * number entry through `parseNumberInput` (`2.5%`, `1,200`, `¥160`, `1.2万`).
 * An invalid entry is shown in its cell with the message while the last good
 * value stays in force. Derived cells are read-only, shaded, and show their
 * formula in the formula bar, as a tooltip, and via `onShowFormula`.
 *
 * Selectors for end-to-end tests (stable):
 * - the grid: `[data-testid="<testId>"]`; status line `[data-testid="<testId>-status"]`;
 *   formula bar `[data-testid="<testId>-formula"]`; cell editor `[data-testid="grid-cell-editor"]`
 * - a cell: `[data-testid="<testId>"] .ag-row[row-id="<row.id>"] .ag-cell[col-id="<column.id>"]`
 *   (a pinned column's cell sits in the pinned container's row of the same row-id)
 * - cell classes: `sp-editable`, `sp-derived`, `sp-error` (message in `.sp-cell-error`),
 *   `sp-in-range` (part of a multi-cell selection), `sp-range-corner` (carries the fill
 *   handle: drag from its bottom-right 8 px), `sp-fill-preview` (cells a fill drag would cover)
 *
 * @example <SpreadsheetGrid columns={cols} rows={rows} lang="zh" onEdits={(edits) => apply(edits)} testId="assumptions" />
 */
export function SpreadsheetGrid(props: SpreadsheetGridProps) {
  const { rows, lang, testId, height = 480, formulaBar = true } = props;
  // Apps rebuild their column lists with every edit; keep the same array while
  // the content is the same, so AG Grid keeps the planner's column widths and
  // does not re-apply definitions on each keystroke.
  const columns = useStableColumns(props.columns);
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const wrapRef = useRef<HTMLDivElement | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const live = useRef<LiveState>({
    range: undefined,
    localErrors: new Map(),
    colIndex: new Map(),
    displayed: [],
    dragging: false,
    keepRangeOnFocus: false,
    copyHandled: false,
    pasteHandled: false,
    fill: undefined,
  }).current;
  // AG Grid builds the whole grid as it mounts (its services, theme measurements, columns and
  // rows: a few hundred ms for a wide sheet), all in one task. It mounts in a task of its own,
  // after the page around it is drawn, so neither waits for the other (issue 13): a task after the
  // next frame, so the page is laid out and painted before AG Grid's own measurements (which would
  // otherwise lay out the whole page inside its task); a hidden tab, without frames, after a timer.
  const [gridMounted, setGridMounted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const mount = () => setGridMounted(true);
    const frame = document.visibilityState !== 'hidden' ? requestAnimationFrame(() => { clearTimeout(fallback); timer = setTimeout(mount, 0); }) : undefined;
    const fallback = setTimeout(() => { if (frame !== undefined) cancelAnimationFrame(frame); mount(); }, frame === undefined ? 0 : 100);
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      clearTimeout(fallback);
      clearTimeout(timer);
    };
  }, []);
  const [status, setStatus] = useState<BilingualMessage | null>(null);
  const [focusInfo, setFocusInfo] = useState<{ rowId: string; colId: string } | null>(null);
  const [summary, setSummary] = useState<BilingualMessage | null>(null);

  // New rows reach AG Grid as a transaction of the rows that are new objects (rows are immutable),
  // so a price typed among 10,000 products does not make it compare them all; a list that
  // lost or reordered rows is handed over whole.
  const [rowData, setRowData] = useState<GridRow[]>(rows);
  const shownRows = useRef<GridRow[]>(rows);
  useLayoutEffect(() => {
    if (rows === shownRows.current) return;
    const api = apiRef.current;
    const delta = api && !api.isDestroyed() ? rowDelta(shownRows.current, rows) : undefined;
    shownRows.current = rows;
    if (!api || !delta) setRowData(rows);
    else if (delta.update.length > 0 || delta.add.length > 0) api.applyTransaction({ update: delta.update, add: delta.add });
  }, [rows]);

  // Rows put on screen outside React (props.rowUpdater): each replaces the shown row of its id, so the
  // next `rows` holding the same objects is no change. Positions by id are kept while the ids stay.
  const rowPlaces = useRef<{ rows: GridRow[]; at: Map<string, number> } | null>(null);
  const rowUpdater = props.rowUpdater;
  useEffect(() => {
    if (!rowUpdater) return;
    rowUpdater.current = (changed) => {
      const api = apiRef.current;
      if (!api || api.isDestroyed()) return false;
      const shown = shownRows.current;
      const places = rowPlaces.current;
      const at = places && places.rows.length === shown.length && (places.rows === shown || places.rows.every((r, i) => r.id === shown[i]!.id))
        ? places.at
        : new Map(shown.map((r, i) => [r.id, i]));
      const next = shown.slice();
      for (const row of changed) {
        const i = at.get(row.id);
        // a row AG Grid does not hold as shown here (a list handed over and not yet taken) is left to `rows`
        if (i === undefined || api.getRowNode(row.id)?.data !== next[i]) return false;
        next[i] = row;
      }
      shownRows.current = next;
      rowPlaces.current = { rows: next, at };
      // AG Grid's React cells take a new value as React state, which React would render in a task of
      // its own, possibly after the next frame (and after whatever the page does next): flushed here,
      // the cells are in the DOM when this returns, so the next frame paints them (issue 13)
      flushSync(() => { api.applyTransaction({ update: [...changed] }); });
      return true;
    };
    return () => { rowUpdater.current = null; };
  }, [rowUpdater]);

  const columnsById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const focusRequest = props.focusRequest;
  useEffect(() => {
    const api = apiRef.current;
    if (!api || !focusRequest) return;
    const node = api.getRowNode(focusRequest.rowId);
    if (!node || node.rowIndex === null) return;
    api.ensureNodeVisible(node);
    api.ensureColumnVisible(focusRequest.colId);
    api.setFocusedCell(node.rowIndex, focusRequest.colId);
  }, [focusRequest]);
  const columnsByIdRef = useRef(columnsById);
  columnsByIdRef.current = columnsById;

  /** The grid as the pure clipboard/fill logic sees it: displayed rows and columns in order. */
  const view = useCallback((): GridView | undefined => {
    const api = apiRef.current;
    if (!api) return undefined;
    const displayed = live.displayed;
    return {
      rowCount: api.getDisplayedRowCount(),
      colCount: displayed.length,
      columnAt: (c) => {
        const col = displayed[c];
        return col ? columnsByIdRef.current.get(col.getColId()) : undefined;
      },
      rowAt: (r) => api.getDisplayedRowAtIndex(r)?.data,
    };
  }, [live]);

  const errorOf = useCallback(
    (rowId: string | undefined, colId: string, cell: GridCell | undefined) => {
      if (cell?.error) return { message: cell.error, text: undefined };
      // Runs for every painted cell: skip building the key while no entry was refused.
      if (rowId === undefined || live.localErrors.size === 0) return undefined;
      return live.localErrors.get(key(rowId, colId));
    },
    [live],
  );

  /** Repaints the rendered cells inside a rect (classes and renderers), nothing else. */
  const refreshRect = useCallback(
    (rect: RangeRect) => {
      const api = apiRef.current;
      if (!api) return;
      const nodes = api.getRenderedNodes().filter((n) => n.rowIndex !== null && n.rowIndex >= rect.top && n.rowIndex <= rect.bottom);
      const cols = live.displayed.slice(rect.left, rect.right + 1);
      if (nodes.length > 0 && cols.length > 0) api.refreshCells({ rowNodes: nodes, columns: cols, force: true, suppressFlash: true });
    },
    [live],
  );

  const refreshCell = useCallback((rowId: string, colId: string) => {
    const api = apiRef.current;
    const node = api?.getRowNode(rowId);
    if (api && node) api.refreshCells({ rowNodes: [node], columns: [colId], force: true, suppressFlash: true });
  }, []);

  const setRange = useCallback(
    (next: CellRange | undefined) => {
      const prev = live.range;
      live.range = next;
      // Repaint the old and the new block (highlight and fill-handle corner) separately:
      // their union could span the whole viewport when the planner jumps far.
      if (prev) refreshRect(rangeRect(prev));
      if (next) refreshRect(rangeRect(next));
      const v = view();
      setSummary(next && isMultiCell(next) && v ? summarizeRange(v, rangeRect(next)) : null);
    },
    [live, refreshRect, view],
  );

  const posOf = useCallback(
    (rowIndex: number | null | undefined, colId: string | undefined): CellPos | undefined => {
      if (rowIndex === null || rowIndex === undefined || colId === undefined) return undefined;
      const col = live.colIndex.get(colId);
      return col === undefined ? undefined : { row: rowIndex, col };
    },
    [live],
  );

  /** Applies a paste or fill plan: one onEdits call, each refusal reported, the status line updated. */
  const applyPlan = useCallback(
    (plan: EditPlan, source: EditSource) => {
      const p = propsRef.current;
      for (const e of plan.edits) {
        if (live.localErrors.delete(key(e.rowId, e.colId))) refreshCell(e.rowId, e.colId);
      }
      for (const bad of plan.invalid) {
        live.localErrors.set(key(bad.rowId, bad.colId), { message: bad.message, text: bad.text });
        p.onInvalidInput?.(bad.rowId, bad.colId, bad.text, bad.message);
        refreshCell(bad.rowId, bad.colId);
      }
      if (plan.edits.length > 0) p.onEdits(plan.edits, source);
      setStatus(describeEditPlan(plan, source === 'paste' ? 'paste' : 'fill'));
      if (source === 'paste') setRange({ anchor: { row: plan.area.top, col: plan.area.left }, focus: { row: plan.area.bottom, col: plan.area.right } });
    },
    [live, refreshCell, setRange],
  );

  const pasteText = useCallback(
    (text: string) => {
      const v = view();
      const range = live.range;
      if (!v || !range) return;
      const block = parseTsv(text);
      if (block.length === 0) return;
      applyPlan(planPaste(v, rangeRect(range), block), 'paste');
    },
    [applyPlan, live, view],
  );

  const copyText = useCallback((): string | undefined => {
    const v = view();
    const range = live.range;
    if (!v || !range) return undefined;
    const rect = rangeRect(range);
    const n = (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
    setStatus({ zh: `已复制 ${n} 个单元格`, en: `Copied ${n} ${n === 1 ? 'cell' : 'cells'}` });
    return copyRange(v, rect);
  }, [live, view]);

  const fill = useCallback(
    (direction: 'down' | 'right') => {
      const v = view();
      if (!v || !live.range) return;
      applyPlan(planFill(v, rangeRect(live.range), direction), 'fill');
    },
    [applyPlan, live, view],
  );

  const showFormulaAt = useCallback((rowId: string, colId: string) => {
    const column = columnsByIdRef.current.get(colId);
    const row = apiRef.current?.getRowNode(rowId)?.data;
    if (!column || !row || isEditableCell(column, row.cells[colId])) return false;
    setFocusInfo({ rowId, colId });
    propsRef.current.onShowFormula?.(rowId, colId);
    return true;
  }, []);

  // Keyboard, mouse and clipboard listeners sit on the wrapper in the capture
  // phase: they run before AG Grid's own, which lets Shift+arrows extend the
  // range instead of moving focus. Inside a cell editor everything is native.
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const inEditor = (t: EventTarget | null) => t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.closest('.ag-cell-inline-editing') !== null);
    // Only events on a cell: header keys and menus keep AG Grid's behaviour.
    const inCells = (t: EventTarget | null) => t instanceof HTMLElement && t.closest('.ag-cell') !== null;
    const cellAt = (t: EventTarget | null): CellPos | undefined => {
      if (!(t instanceof HTMLElement)) return undefined;
      const cell = t.closest<HTMLElement>('.ag-cell');
      const row = t.closest<HTMLElement>('.ag-row');
      const index = row?.getAttribute('row-index');
      return posOf(index === null || index === undefined ? undefined : Number(index), cell?.getAttribute('col-id') ?? undefined);
    };

    const onKeyDown = (e: KeyboardEvent) => {
      if (inEditor(e.target) || !inCells(e.target)) return;
      const api = apiRef.current;
      const v = view();
      if (!api || !v) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const arrows: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      const step = arrows[e.key];
      const consume = () => {
        e.preventDefault();
        e.stopPropagation();
      };
      if (e.shiftKey && step && live.range) {
        consume();
        const next = extendRange(live.range, step[0], step[1], v, mod);
        setRange(next);
        api.ensureIndexVisible(next.focus.row);
        const col = live.displayed[next.focus.col];
        if (col) api.ensureColumnVisible(col);
      } else if (mod && k === 'z') {
        consume();
        if (e.shiftKey) propsRef.current.onRedo?.();
        else propsRef.current.onUndo?.();
      } else if (mod && k === 'y') {
        consume();
        propsRef.current.onRedo?.();
      } else if (mod && k === 'd') {
        consume();
        fill('down');
      } else if (mod && k === 'r') {
        consume();
        fill('right');
      } else if (mod && k === 'a') {
        consume();
        setRange({ anchor: { row: 0, col: 0 }, focus: { row: v.rowCount - 1, col: v.colCount - 1 } });
      } else if (mod && k === 'c') {
        // The browser fires `copy` next; if it does not (no clipboard event in
        // this context), write through the async Clipboard API instead.
        live.copyHandled = false;
        setTimeout(() => {
          if (live.copyHandled) return;
          const text = copyText();
          if (text !== undefined) void navigator.clipboard?.writeText(text).catch(() => undefined);
        }, 0);
      } else if (mod && k === 'v') {
        live.pasteHandled = false;
        setTimeout(() => {
          if (live.pasteHandled) return;
          void navigator.clipboard
            ?.readText()
            .then((text) => {
              if (!live.pasteHandled) pasteText(text);
            })
            .catch(() => setStatus({ zh: '浏览器不允许读取剪贴板，请用 Ctrl+V 粘贴到表格', en: 'The browser did not allow reading the clipboard; paste with Ctrl+V into the grid' }));
        }, 0);
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !mod) {
        // AG Grid would clear the cell, but a plan value cannot be blank: Backspace
        // opens the editor empty (as in Excel) and Delete explains instead of erasing.
        consume();
        const focused = api.getFocusedCell();
        const row = focused ? api.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
        const column = focused ? columnsByIdRef.current.get(focused.column.getColId()) : undefined;
        const editable = row && column && isEditableCell(column, row.cells[column.id]);
        if (e.key === 'Backspace' && focused && editable && !(live.range && isMultiCell(live.range))) {
          api.startEditingCell({ rowIndex: focused.rowIndex, colKey: focused.column, key: 'Backspace' });
        } else {
          setStatus({ zh: '计划中的数值不能留空：直接输入新值即可替换', en: 'Plan values cannot be left blank: type a new value to replace one' });
        }
      } else if (e.key.length === 1 && !mod && !e.altKey) {
        // Typing on a derived figure: say why nothing happens instead of ignoring the planner.
        const focused = api.getFocusedCell();
        const row = focused ? api.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
        const column = focused ? columnsByIdRef.current.get(focused.column.getColId()) : undefined;
        if (row && column && column.unit !== 'text' && !isEditableCell(column, row.cells[column.id])) {
          setStatus({ zh: '这一格是计算结果（只读），改它所依赖的假设；F2 或双击查看公式', en: 'This cell is derived (read-only): change the assumptions it depends on; F2 or double-click shows its formula' });
        }
      } else if (e.key === 'F2') {
        const focused = api.getFocusedCell();
        const row = focused ? api.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
        if (focused && row && showFormulaAt(row.id, focused.column.getColId())) consume();
      } else if (e.key === 'Escape') {
        if (live.range && isMultiCell(live.range)) setRange(singleCell(live.range.anchor));
        // Escape on a refused entry drops it: the last good value, already in force, is all that remains.
        const focused = api.getFocusedCell();
        const row = focused ? api.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
        if (focused && row && live.localErrors.delete(key(row.id, focused.column.getColId()))) {
          refreshCell(row.id, focused.column.getColId());
          setStatus(null);
        }
      }
    };

    const onMouseDown = (e: MouseEvent) => {
      if (e.button !== 0 || inEditor(e.target)) return;
      const pos = cellAt(e.target);
      if (!pos) return;
      const cellEl = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('.ag-cell') : null;
      if (live.range && cellEl?.classList.contains('sp-range-corner')) {
        const box = cellEl.getBoundingClientRect();
        // The handle is the 8 px square drawn at the corner cell's bottom-right.
        if (e.clientX >= box.right - 10 && e.clientY >= box.bottom - 10) {
          e.preventDefault();
          e.stopPropagation();
          const source = rangeRect(live.range);
          live.fill = { source, preview: source };
          return;
        }
      }
      if (e.shiftKey && live.range) {
        // Shift+click extends from the anchor; keep the browser from selecting text.
        e.preventDefault();
        live.keepRangeOnFocus = true;
        setRange({ anchor: live.range.anchor, focus: pos });
      } else {
        live.dragging = true;
        setRange(singleCell(pos));
      }
    };
    const onMouseOver = (e: MouseEvent) => {
      if (live.fill) {
        const pos = cellAt(e.target);
        if (!pos) return;
        const { source, preview } = live.fill;
        const next: RangeRect =
          pos.row > source.bottom ? { ...source, bottom: pos.row } : pos.col > source.right ? { ...source, right: pos.col } : source;
        if (next.bottom !== preview.bottom || next.right !== preview.right) {
          live.fill = { source, preview: next };
          refreshRect(unionRect(preview, next));
        }
        return;
      }
      if (!live.dragging || !live.range) return;
      if ((e.buttons & 1) === 0) {
        live.dragging = false;
        return;
      }
      const pos = cellAt(e.target);
      if (pos && (pos.row !== live.range.focus.row || pos.col !== live.range.focus.col)) setRange({ anchor: live.range.anchor, focus: pos });
    };
    const onMouseUp = () => {
      live.dragging = false;
      const fillDrag = live.fill;
      if (!fillDrag) return;
      live.fill = undefined;
      refreshRect(fillDrag.preview);
      const v = view();
      const plan = v ? planFillHandle(v, fillDrag.source, { row: fillDrag.preview.bottom, col: fillDrag.preview.right }) : undefined;
      if (!plan) return;
      applyPlan(plan, 'fill');
      setRange({ anchor: { row: plan.area.top, col: plan.area.left }, focus: { row: plan.area.bottom, col: plan.area.right } });
    };
    const onCopy = (e: ClipboardEvent) => {
      if (inEditor(e.target) || !inCells(e.target)) return;
      const text = copyText();
      if (text === undefined || !e.clipboardData) return;
      live.copyHandled = true;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    };
    // Cut copies: a plan value cannot be left blank, so the cells keep theirs (and the planner is told).
    const onCut = (e: ClipboardEvent) => {
      if (inEditor(e.target) || !inCells(e.target)) return;
      const text = copyText();
      if (text === undefined || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
      setStatus({ zh: '已复制；计划中的数值不能留空，原格保持不变', en: 'Copied; plan values cannot be left blank, so the cells keep theirs' });
    };
    const onPaste = (e: ClipboardEvent) => {
      if (inEditor(e.target) || !inCells(e.target)) return;
      const text = e.clipboardData?.getData('text/plain');
      if (text === undefined) return;
      live.pasteHandled = true;
      e.preventDefault();
      pasteText(text);
    };
    wrap.addEventListener('keydown', onKeyDown, true);
    wrap.addEventListener('mousedown', onMouseDown, true);
    wrap.addEventListener('mouseover', onMouseOver, true);
    wrap.addEventListener('copy', onCopy, true);
    wrap.addEventListener('paste', onPaste, true);
    wrap.addEventListener('cut', onCut, true);
    document.addEventListener('mouseup', onMouseUp);
    return () => {
      wrap.removeEventListener('keydown', onKeyDown, true);
      wrap.removeEventListener('mousedown', onMouseDown, true);
      wrap.removeEventListener('mouseover', onMouseOver, true);
      wrap.removeEventListener('copy', onCopy, true);
      wrap.removeEventListener('paste', onPaste, true);
      wrap.removeEventListener('cut', onCut, true);
      document.removeEventListener('mouseup', onMouseUp);
    };
  }, [applyPlan, copyText, fill, live, pasteText, posOf, refreshCell, refreshRect, setRange, showFormulaAt, view]);

  const columnDefs = useMemo<ColDef<GridRow>[]>(
    () =>
      columns.map((col): ColDef<GridRow> => {
        const cellOf = (p: { data?: GridRow | undefined }) => p.data?.cells[col.id];
        const shown = (cell: GridCell | undefined): string => {
          if (!cell || cell.value === null) return cell ? '—' : '';
          if (typeof cell.value === 'string') return cell.value;
          const unit = numericUnit(col, cell);
          return unit ? formatNumber(cellNumber(cell) ?? null, unit, lang) : String(cell.value);
        };
        const inRange = (p: CellClassParams<GridRow>) => {
          const r = live.range;
          if (!r || !isMultiCell(r) || p.node.rowIndex === null) return false;
          const c = live.colIndex.get(col.id);
          return c !== undefined && rectContains(rangeRect(r), p.node.rowIndex, c);
        };
        const isCorner = (p: CellClassParams<GridRow>) => {
          const r = live.range;
          if (!r || live.fill || p.node.rowIndex === null) return false;
          const rect = rangeRect(r);
          return p.node.rowIndex === rect.bottom && live.colIndex.get(col.id) === rect.right;
        };
        const inFillPreview = (p: CellClassParams<GridRow>) => {
          const f = live.fill;
          const c = live.colIndex.get(col.id);
          if (!f || p.node.rowIndex === null || c === undefined) return false;
          return rectContains(f.preview, p.node.rowIndex, c) && !rectContains(f.source, p.node.rowIndex, c);
        };
        return {
          colId: col.id,
          headerName: col.header,
          headerTooltip: col.header,
          width: col.width ?? (col.unit === 'text' ? 160 : 116),
          pinned: col.pinned,
          sortable: false,
          suppressHeaderMenuButton: true,
          editable: (p) => isEditableCell(col, cellOf(p)),
          valueGetter: (p: ValueGetterParams<GridRow>) => cellOf(p),
          valueFormatter: (p: ValueFormatterParams<GridRow>) => shown(p.value as GridCell | undefined),
          // The cell object is the value. AG Grid repaints a cell whose text changed (it compares the formatted
          // values itself) or whose cell is not equal by this test: an error, formula, unit or read-only flag that
          // changed. A new value that shows as the same text keeps the cell as painted (AG Grid still holds the new
          // value for the editor, copy and the formula bar): a price edit moves the units of every product on screen
          // by fractions the whole units do not show, and repainting all of them (their classes set again, one
          // React render each) made the repaint of the ~20 cells whose text changed ~4 times as long (issue 13).
          equals: (a: GridCell | undefined, b: GridCell | undefined) => a === b || sameLook(a, b),
          cellEditorSelector: (p) => {
            const unit = numericUnit(col, p.value as GridCell | undefined);
            const refused = p.data && live.localErrors.size > 0 ? live.localErrors.get(key(p.data.id, col.id))?.text : undefined;
            const rowId = p.data?.id;
            const commit = rowId === undefined ? undefined : (text: string) => commitRef.current(rowId, col.id, text);
            return { component: NumberCellEditor, params: { unit: unit ?? 'count', ...(refused === undefined ? {} : { retry: refused }), ...(commit ? { commit } : {}) } };
          },
          cellClass: col.unit === 'text' ? 'sp-text' : 'sp-num',
          cellClassRules: {
            'sp-editable': (p) => isEditableCell(col, cellOf(p)),
            'sp-derived': (p) => col.unit !== 'text' && !isEditableCell(col, cellOf(p)),
            'sp-error': (p) => errorOf(p.data?.id, col.id, cellOf(p)) !== undefined,
            'sp-in-range': inRange,
            'sp-range-corner': isCorner,
            'sp-fill-preview': inFillPreview,
          },
          cellRendererSelector: (p: ICellRendererParams<GridRow>) => {
            const cell = cellOf(p);
            const err = errorOf(p.data?.id, col.id, cell);
            if (!err) return undefined;
            const params: ErrorRendererParams = { shown: shown(cell), message: err.message[lang], lang, ...(err.text === undefined ? {} : { typed: err.text }) };
            return { component: ErrorCellRenderer, params };
          },
          tooltipValueGetter: (p: ITooltipParams<GridRow>) => {
            const cell = p.data?.cells[col.id];
            const err = errorOf(p.data?.id, col.id, cell);
            if (err) return err.message[lang];
            if (cell?.formula) return `= ${cell.formula.replace(/^=/, '')}`;
            return undefined;
          },
        };
      }),
    [columns, errorOf, lang, live],
  );

  const defaultColDef = useMemo<ColDef<GridRow>>(() => ({ resizable: true, suppressMovable: false }), []);
  const getRowId = useCallback((p: GetRowIdParams<GridRow>) => p.data.id, []);

  const syncColumns = useCallback(() => {
    const api = apiRef.current;
    if (!api) return;
    live.displayed = api.getAllDisplayedColumns();
    live.colIndex = new Map(live.displayed.map((c, i) => [c.getColId(), i]));
  }, [live]);

  const onGridReady = useCallback(
    (e: GridReadyEvent<GridRow>) => {
      apiRef.current = e.api;
      syncColumns();
    },
    [syncColumns],
  );

  const onCellFocused = useCallback(
    (e: CellFocusedEvent<GridRow>) => {
      const colId = typeof e.column === 'string' ? e.column : e.column?.getColId();
      const pos = posOf(e.rowIndex, colId);
      if (!pos || colId === undefined) return;
      const row = apiRef.current?.getDisplayedRowAtIndex(pos.row)?.data;
      if (row) setFocusInfo({ rowId: row.id, colId });
      if (live.keepRangeOnFocus) {
        live.keepRangeOnFocus = false;
        return;
      }
      // AG Grid re-announces focus when the fill handle is pressed; the block being filled stays selected.
      if (live.fill) return;
      const r = live.range;
      if (r && isMultiCell(r) && live.dragging) return;
      // Focus on the range's anchor keeps the range, one cell or a block: a block grown by Shift+arrows keeps
      // AG Grid's focus on its anchor, and AG Grid at times announces that focus again a task after the keys
      // (seen under load: the block collapsed after Shift+Down, Shift+Right). A click or a plain arrow moves
      // the focus elsewhere, and the range with it.
      if (!r || r.anchor.row !== pos.row || r.anchor.col !== pos.col) setRange(singleCell(pos));
    },
    [live, posOf, setRange],
  );

  /**
   * Text typed into a cell, committed: parsed, then reported as an edit or as
   * an invalid entry. Called by the cell editor as editing ends, in the task
   * of the key that ended it (so the page journals it before anything else
   * can happen to the tab); repaints wait for AG Grid to finish closing the editor.
   */
  const commitTyped = useCallback(
    (rowId: string, colId: string, text: string) => {
      const row = apiRef.current?.getRowNode(rowId)?.data;
      const column = columnsByIdRef.current.get(colId);
      if (!row || !column) return;
      const cell = row.cells[colId];
      const unit = numericUnit(column, cell);
      if (!unit || !isEditableCell(column, cell)) return;
      const parsed = parseNumberInput(text, unit);
      const p = propsRef.current;
      if (!parsed.ok) {
        live.localErrors.set(key(row.id, colId), { message: parsed.message, text });
        p.onInvalidInput?.(row.id, colId, text, parsed.message);
        queueMicrotask(() => refreshCell(row.id, colId));
        setStatus(parsed.message);
        return;
      }
      if (live.localErrors.delete(key(row.id, colId))) queueMicrotask(() => refreshCell(row.id, colId));
      setStatus(null);
      // Re-entering the same value is not a change (no undo step for nothing),
      // unless the app shows an error there: then the planner is confirming the good value.
      if (cellNumber(cell) === parsed.value && !cell?.error) return;
      p.onEdits([{ rowId: row.id, colId, value: parsed.value }], 'typing');
    },
    [live, refreshCell],
  );
  const commitRef = useRef(commitTyped);
  commitRef.current = commitTyped;

  // Only reached by an editor without `commit` (none today): AG Grid's request comes a timer after the key.
  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<GridRow>) => {
      if (!e.data) return;
      commitTyped(e.data.id, e.column.getColId(), typeof e.newValue === 'string' ? e.newValue : String(e.newValue ?? ''));
    },
    [commitTyped],
  );

  // Clicking a header selects the whole column, as in Excel; focus goes to its
  // top visible cell so Ctrl+C, Ctrl+D and typing work from the keyboard at once.
  const onColumnHeaderClicked = useCallback(
    (e: ColumnHeaderClickedEvent<GridRow>) => {
      const api = apiRef.current;
      const v = view();
      if (!api || !v || !('getColId' in e.column)) return;
      const colId = e.column.getColId();
      const col = live.colIndex.get(colId);
      if (col === undefined || v.rowCount === 0) return;
      const top = Math.max(0, api.getFirstDisplayedRowIndex());
      setRange({ anchor: { row: 0, col }, focus: { row: v.rowCount - 1, col } });
      live.keepRangeOnFocus = true;
      api.setFocusedCell(top, colId);
      // If the cell had focus already no focus event comes to consume the flag.
      setTimeout(() => {
        live.keepRangeOnFocus = false;
      }, 0);
    },
    [live, setRange, view],
  );

  const onCellDoubleClicked = useCallback(
    (e: CellDoubleClickedEvent<GridRow>) => {
      if (e.data) showFormulaAt(e.data.id, e.column.getColId());
    },
    [showFormulaAt],
  );

  // New figures under a selection (an edit, a recalculation) refresh its count, sum and average.
  useEffect(() => {
    const v = view();
    if (live.range && isMultiCell(live.range) && v) setSummary(summarizeRange(v, rangeRect(live.range)));
  }, [rows, live, view]);

  const focusedCell = focusInfo ? rows.find((r) => r.id === focusInfo.rowId) : undefined;
  const localError = focusInfo ? live.localErrors.get(key(focusInfo.rowId, focusInfo.colId)) : undefined;
  const bar = formulaBar ? formulaBarText(focusInfo, focusedCell, columnsById, columns, lang, localError) : null;
  const auto = height === 'auto';
  const boxStyle: CSSProperties = auto ? { width: '100%' } : { height, width: '100%' };
  const tid = testId ?? 'spreadsheet-grid';

  return (
    <div className="sp-grid" data-testid={tid} ref={wrapRef}>
      {bar && (
        <div className="sp-formula-bar" data-testid={`${tid}-formula`}>
          <span className="sp-formula-ref">{bar.ref}</span>
          <span className="sp-formula-fx">fx</span>
          <span className={bar.derived ? 'sp-formula-text sp-formula-derived' : 'sp-formula-text'}>{bar.text}</span>
        </div>
      )}
      <div style={boxStyle} className={auto ? undefined : 'sp-grid-box'}>
        {gridMounted && <AgGridReact<GridRow>
          theme={gridTheme}
          rowData={rowData}
          // the grids neither sort nor filter: a transaction of changed rows repaints them without re-running the row model over every row
          suppressModelUpdateAfterUpdateTransaction
          pinnedBottomRowData={props.pinnedBottomRows}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={getRowId}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          onCellFocused={onCellFocused}
          onCellDoubleClicked={onCellDoubleClicked}
          onColumnHeaderClicked={onColumnHeaderClicked}
          onGridReady={onGridReady}
          onDisplayedColumnsChanged={syncColumns}
          onGridColumnsChanged={syncColumns}
          stopEditingWhenCellsLoseFocus
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          tooltipShowDelay={400}
          rowHeight={30}
          headerHeight={34}
          suppressDragLeaveHidesColumns
          // A sheet marks the cell in focus, not the row under the pointer: scrolling with the wheel moves
          // every row past the pointer, and AG Grid's hover classes then restyled a row each frame (fast
          // wheel scrolling of the 10,000-product calendar: 14–32 tasks over 50 ms in 40 steps, 0–7 without)
          suppressRowHoverHighlight
          // rows drawn beyond the viewport above and below (AG Grid's default 10): a jump of the scrollbar
          // draws them all at once (~100–115 → 65–95 ms for the product calendar's rows)
          rowBuffer={4}
          domLayout={auto ? 'autoHeight' : 'normal'}
        />}
      </div>
      <div className="sp-status" data-testid={`${tid}-status`} aria-live="polite">
        <span className="sp-status-message">{status ? status[lang] : ''}</span>
        <span className="sp-status-summary">{summary ? summary[lang] : ''}</span>
      </div>
    </div>
  );
}

/** The same array as long as the columns' content does not change. */
function useStableColumns(columns: GridColumn[]): GridColumn[] {
  const signature = columns.map((c) => [c.id, c.header, c.unit, c.editable ? 1 : 0, c.width ?? '', c.pinned ?? ''].join('\u0001')).join('\u0002');
  const kept = useRef<{ signature: string; columns: GridColumn[] } | null>(null);
  if (!kept.current || kept.current.signature !== signature) kept.current = { signature, columns };
  return kept.current.columns;
}

/** The formula bar's content for the focused cell: its address, then its formula, error or input form. */
function formulaBarText(
  focus: { rowId: string; colId: string } | null,
  row: GridRow | undefined,
  byId: Map<string, GridColumn>,
  columns: GridColumn[],
  lang: 'zh' | 'en',
  localError?: { message: BilingualMessage; text: string },
): { ref: string; text: string; derived: boolean } {
  if (!focus || !row) return { ref: '', text: lang === 'zh' ? '选择单元格查看公式' : 'Select a cell to see its formula', derived: false };
  const column = byId.get(focus.colId);
  const labelCol = columns.find((c) => c.unit === 'text');
  const label = labelCol ? row.cells[labelCol.id]?.value : undefined;
  const ref = `${typeof label === 'string' && label !== '' ? label : row.id} · ${column?.header ?? focus.colId}`;
  const cell = row.cells[focus.colId];
  if (!column || !cell) return { ref, text: '', derived: false };
  if (localError) return { ref, text: `⚠ ${localError.message[lang]}`, derived: false };
  if (cell.error) return { ref, text: `⚠ ${cell.error[lang]}`, derived: false };
  const editable = isEditableCell(column, cell);
  if (!editable && cell.formula) return { ref, text: `= ${cell.formula.replace(/^=/, '')}`, derived: true };
  const unit = numericUnit(column, cell);
  if (typeof cell.value === 'number' && unit) {
    const full = unit === 'rate' ? `${Number((cell.value * 100).toPrecision(15))}%` : String(cell.value);
    const note = editable ? '' : lang === 'zh' ? '（计算结果）' : ' (derived)';
    return { ref, text: `${full}${note}`, derived: !editable };
  }
  return { ref, text: cell.value === null ? '—' : String(cell.value), derived: false };
}
