import ExcelJS from 'exceljs';
import { PlanModel, absoluteRef, columnLetter, type CellSpec, type RiskResult } from '@shopplan/engine';
import type { Lang, Plan, PlanIssue, PlanningSession } from '@shopplan/schema';
import { XlsxUsageError } from './errors.ts';
import { encodeCellText } from './cell-text.ts';
import { assertPortableFormula } from './formula-guard.ts';
import { TEXT, bilingual } from './labels.ts';
import { numberFormat } from './number-formats.ts';
import type { WorkbookSheet } from './types.ts';
import { describeWorkbook } from './workbook-sheets.ts';
import { IN_MEMORY_PRODUCT_PLAN_CELLS, STREAMING_PRODUCT_PLAN_CELLS } from './product-plan-part.ts';

/** What `exportWorkbook` writes: a plan, the language of headers and labels, and optionally its session's scenarios. */
export interface ExportInput {
  plan: Plan;
  lang: Lang;
  session?: PlanningSession;
  /** A risk result of this plan (`simulateRisk`): written as the Risk sheet. */
  risk?: RiskResult;
  /**
   * Force the streaming writer (true) or the in-memory one (false). By default
   * plans above `STREAMING_CELL_THRESHOLD` cells stream when running on Node.
   */
  streaming?: boolean;
}

/** Workbooks with more cells than this are written with ExcelJS's streaming writer (on Node). */
export const STREAMING_CELL_THRESHOLD = 100_000;

/** The minimal surface both ExcelJS writers share, so one code path writes either. */
type AnyWorkbook = Pick<ExcelJS.Workbook, 'addWorksheet' | 'definedNames' | 'creator'>;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const INPUT_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF1F4E9E' } };
const ALERT_STYLE: Partial<ExcelJS.Style> = {
  font: { color: { argb: 'FF9C0006' } },
  fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } },
};

/**
 * Shared style objects, one per kind of cell: ExcelJS caches a style's id by
 * object identity, so 1,000,000 cells sharing a dozen objects are styled once
 * each instead of being re-serialised cell by cell.
 */
function styleCache(lang: Lang): (format: CellSpec['format'], input: boolean, leftAligned: boolean) => Partial<ExcelJS.Style> {
  const cache = new Map<string, Partial<ExcelJS.Style>>();
  return (format, input, leftAligned) => {
    const key = `${format}|${input}|${leftAligned}`;
    let style = cache.get(key);
    if (!style) {
      style = {
        numFmt: numberFormat(format, lang),
        ...(input ? { font: INPUT_FONT } : {}),
        ...(leftAligned ? { alignment: { horizontal: 'left' } } : {}),
      };
      cache.set(key, style);
    }
    return style;
  };
}

/** Plan text (names) that a spreadsheet would take for a formula if typed: written as text, never as a formula. */
const FORMULA_LIKE = /^[=+\-@\t]/;

/** A spec cell that may head an array formula (the engine's product calendar writes them). */
type MaybeArrayCell = CellSpec & { arrayRange?: { rows: number; columns: number } };

/** True when a cell of the spec is a formula: only non-text cells whose content starts with `=`. */
function isFormula(cell: CellSpec): cell is CellSpec & { content: string } {
  return cell.format !== 'text' && typeof cell.content === 'string' && cell.content.startsWith('=');
}

function cachedResult(sheet: WorkbookSheet, col: number, row: number): number | string | ExcelJS.CellErrorValue {
  const cached = sheet.cached(col, row);
  return cached === null ? '' : typeof cached === 'string' && cached.startsWith('#') ? { error: cached as ExcelJS.CellErrorValue['error'] } : cached;
}

/** Cells covered by an array formula other than its top-left one: zero-based sheet row → columns. */
function arrayMembers(sheet: WorkbookSheet, offset: number): Map<number, number[]> {
  const members = new Map<number, number[]>();
  sheet.rows.forEach((cells, i) => cells.forEach((cell, col) => {
    const range = (cell as MaybeArrayCell).arrayRange;
    if (!range) return;
    for (let r = 0; r < range.rows; r++) {
      for (let c = 0; c < range.columns; c++) {
        if (r === 0 && c === 0) continue;
        const row = i + offset + r;
        const list = members.get(row) ?? [];
        list.push(col + c);
        members.set(row, list);
      }
    }
  }));
  return members;
}

function cellValue(sheet: WorkbookSheet, cell: CellSpec, col: number, row: number): ExcelJS.CellValue {
  const { content } = cell;
  if (content === null) return null;
  if (isFormula(cell)) {
    const formula = cell.content;
    assertPortableFormula(formula, `${sheet.name}!${columnLetter(col)}${row + 1}`);
    const result = cachedResult(sheet, col, row);
    const range = (cell as MaybeArrayCell).arrayRange;
    if (range && (range.rows > 1 || range.columns > 1)) {
      // an array formula: written once on its top-left cell over the whole range
      const ref = `${columnLetter(col)}${row + 1}:${columnLetter(col + range.columns - 1)}${row + range.rows}`;
      return { formula: formula.slice(1), result, shareType: 'array', ref } as unknown as ExcelJS.CellFormulaValue;
    }
    return { formula: formula.slice(1), result } as ExcelJS.CellFormulaValue;
  }
  if (typeof content === 'number') {
    if (!Number.isFinite(content)) throw new XlsxUsageError(`${sheet.name}!${columnLetter(col)}${row + 1}: ${content} is not a finite number`);
    return content;
  }
  // Any other text stays text, whatever it starts with (= + - @ tab): a string
  // cell value is written as a string cell, never parsed as a formula. It is
  // OOXML-escaped so that `_x0022_` or a CR reads back as written.
  return encodeCellText(content);
}

/** Data validation of assumption cells: rates 0–100 %, everything else ≥ 0 (shared objects, one per kind). */
const RATE_VALIDATION: ExcelJS.DataValidation = { type: 'decimal', operator: 'between', allowBlank: false, formulae: [0, 1], showErrorMessage: true, errorStyle: 'stop', errorTitle: bilingual(TEXT.invalidValue), error: bilingual(TEXT.rateRange) };
const NON_NEGATIVE_VALIDATION: ExcelJS.DataValidation = { type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: false, formulae: [0], showErrorMessage: true, errorStyle: 'stop', errorTitle: bilingual(TEXT.invalidValue), error: bilingual(TEXT.notNegative) };

function validationFor(cell: CellSpec): ExcelJS.DataValidation | undefined {
  if (!cell.assumptionPath) return undefined;
  return cell.format === 'rate' ? RATE_VALIDATION : NON_NEGATIVE_VALIDATION;
}

function writeSheet(book: AnyWorkbook, sheet: WorkbookSheet, lang: Lang, style: ReturnType<typeof styleCache>): void {
  const views: Array<Partial<ExcelJS.WorksheetView>> = sheet.frozen.rows > 0 || sheet.frozen.columns > 0
    ? [{ state: 'frozen', xSplit: sheet.frozen.columns, ySplit: sheet.frozen.rows }]
    : [{}];
  const ws = book.addWorksheet(sheet.name, { views, state: sheet.hidden ? 'veryHidden' : 'visible' });
  ws.columns = sheet.columns.map((c) => ({ key: c.key, width: c.width }));
  const offset = sheet.headerless ? 0 : 1;
  if (!sheet.headerless) {
    const header = ws.getRow(1);
    sheet.columns.forEach((c, i) => {
      const h = header.getCell(i + 1);
      h.value = encodeCellText(c.header[lang]); // scenario names are plan text
      h.font = { bold: true };
      h.fill = HEADER_FILL;
      h.alignment = { vertical: 'middle', wrapText: true };
    });
    header.commit();
  }
  const members = arrayMembers(sheet, offset);
  sheet.rows.forEach((cells, i) => {
    const sheetRow = i + offset; // zero-based sheet row, as the engine counts
    const row = ws.getRow(sheetRow + 1);
    cells.forEach((cell, col) => {
      if (cell.content === null) return;
      const target = row.getCell(col + 1);
      target.value = cellValue(sheet, cell, col, sheetRow);
      // text that looks like a formula is left-aligned so its first character shows as typed
      const formulaLike = cell.format === 'text' && typeof cell.content === 'string' && FORMULA_LIKE.test(cell.content);
      target.style = style(cell.format, cell.assumptionPath !== undefined, formulaLike);
      if (cell.assumptionPath) {
        const validation = validationFor(cell);
        if (validation) target.dataValidation = validation;
      }
    });
    // inside an array formula's range: the cached result only, as Excel itself stores it
    for (const col of members.get(sheetRow) ?? []) {
      const cached = sheet.cached(col, sheetRow);
      if (typeof cached !== 'number') continue;
      const target = row.getCell(col + 1);
      target.value = cached;
      target.style = style(sheet.columns[col]?.format ?? 'count', false, false);
    }
    row.commit();
  });
  sheet.alerts.forEach((alert, i) => {
    ws.addConditionalFormatting({
      ref: alert.ref,
      rules: [{ type: 'cellIs', operator: alert.operator, formulae: [alert.value], style: ALERT_STYLE, priority: i + 1 }],
    });
  });
  (ws as unknown as { commit?: () => void }).commit?.();
}

const isNode = (): boolean => typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** Writes with ExcelJS's streaming writer into memory (Node only): rows are flushed as they are committed. */
async function writeStreaming(fill: (book: AnyWorkbook) => void): Promise<Uint8Array> {
  const { Writable } = await import('node:stream');
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  book.creator = 'shopplan';
  fill(book as unknown as AnyWorkbook);
  await book.commit();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}

async function writeInMemory(fill: (book: AnyWorkbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'shopplan';
  fill(book);
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** A written workbook and the issues of the parts it left out (see `exportWorkbookWithIssues`). */
export interface ExportOutcome {
  bytes: Uint8Array;
  /**
   * Why a part of the plan is missing from the workbook: a plan v4 whose
   * product plan cannot be built (ProductPlan.build's issues, zh + en with
   * paths) is written without its product sheets, and the cover lists them.
   */
  issues: PlanIssue[];
}

/**
 * Writes a plan as a live xlsx workbook: every assumption a named cell, every
 * derived figure a formula with its cached result, number formats, frozen
 * headers, widths, validation on inputs, alerts as conditional formats, the
 * product plan of a plan with products and weeks (its week GMV linked to the
 * Days sheet), and the plan document on a hidden sheet for `importWorkbook`.
 * No file I/O: the bytes are returned, so the browser can use it too
 * (in-memory writer, which leaves out a product plan above
 * IN_MEMORY_PRODUCT_PLAN_CELLS; Node's streaming writer one above
 * STREAMING_PRODUCT_PLAN_CELLS). Returns the issues of a part it had to leave out.
 * Throws `XlsxUsageError` if a formula uses a function outside FORMULA_FUNCTIONS.
 * @example const { bytes, issues } = await exportWorkbookWithIssues({ plan, lang: 'zh' });
 */
export async function exportWorkbookWithIssues(input: ExportInput): Promise<ExportOutcome> {
  const model = PlanModel.build(input.plan);
  try {
    // each writer takes the product plan up to its own limit: the in-memory one (every browser) to
    // what a tab's memory holds, Node's streaming one to what it writes in reasonable time
    const inMemory = input.streaming === false || !isNode();
    const layout = describeWorkbook(inMemory
      ? { ...input, maxProductPlanCells: IN_MEMORY_PRODUCT_PLAN_CELLS, productPlanWriter: 'inMemory' }
      : { ...input, maxProductPlanCells: STREAMING_PRODUCT_PLAN_CELLS, productPlanWriter: 'streaming' }, model);
    const cells = layout.sheets.reduce((acc, s) => acc + s.rows.length * s.columns.length, 0);
    const streaming = input.streaming ?? (cells > STREAMING_CELL_THRESHOLD && isNode());
    if (streaming && !isNode()) throw new XlsxUsageError('the streaming writer needs Node.js');
    const fill = (book: AnyWorkbook) => {
      const seen = new Set<string>();
      const style = styleCache(input.lang);
      for (const sheet of layout.sheets) {
        if (seen.has(sheet.name)) throw new XlsxUsageError(`sheet "${sheet.name}" is laid out twice`);
        seen.add(sheet.name);
        writeSheet(book, sheet, input.lang, style);
      }
      for (const name of layout.names) book.definedNames.add(absoluteRef(name.sheet, name.col, name.row), name.name);
    };
    const bytes = streaming ? await writeStreaming(fill) : await writeInMemory(fill);
    return { bytes, issues: layout.issues };
  } finally {
    model.dispose();
  }
}

/**
 * Writes a plan as a live xlsx workbook (see `exportWorkbookWithIssues`, which
 * also returns the issues of a part left out; the cover lists them either way).
 * Throws `XlsxUsageError` if a formula uses a function outside FORMULA_FUNCTIONS.
 * @example const bytes = await exportWorkbook({ plan, lang: 'zh' });
 */
export async function exportWorkbook(input: ExportInput): Promise<Uint8Array> {
  return (await exportWorkbookWithIssues(input)).bytes;
}
