import type { LocalizedText } from '@shopplan/schema';

/**
 * How a cell is formatted, in the web grid and in the exported xlsx alike.
 * `rate` is a fraction shown as a percentage; `money` is yuan; `count` is a
 * quantity of visitors, orders or units; `ratio` is ROI-like (3.33).
 */
export type CellFormat = 'text' | 'money' | 'rate' | 'count' | 'ratio';

/**
 * One cell of the model before it is loaded into HyperFormula: a constant, a
 * formula (text starting with `=`), or empty. Formulas use only functions that
 * Excel, WPS, LibreOffice and HyperFormula evaluate alike (see FORMULA_FUNCTIONS).
 */
export interface CellSpec {
  content: string | number | null;
  format: CellFormat;
  /** Set on assumption cells: the plan path it holds (`channels.search.cvr`). */
  assumptionPath?: string;
  /**
   * Set on the top-left cell of an array formula: its results fill this many
   * rows and columns from here (the other cells of the range are empty in
   * the spec). The xlsx writes it as an array formula over that range
   * (`{=…}`), which Excel, WPS and LibreOffice evaluate element-wise, as
   * HyperFormula does with array arithmetic on.
   */
  arrayRange?: { rows: number; columns: number };
}

/** A column of a sheet: its header in both languages and the width it wants. */
export interface ColumnSpec {
  key: string;
  header: LocalizedText;
  format: CellFormat;
  width: number;
}

/** One sheet of the model: header row, then data rows. Row 0 of `rows` is sheet row 2. */
export interface SheetSpec {
  /** The sheet name used in formulas (ASCII, stable across languages). */
  name: string;
  title: LocalizedText;
  columns: ColumnSpec[];
  rows: CellSpec[][];
  /** Header rows and label columns to freeze. */
  frozen: { rows: number; columns: number };
}

/** A workbook-level name for one cell, as both HyperFormula and Excel know it. */
export interface NameSpec {
  name: string;
  sheet: string;
  /** Zero-based column and sheet row (row 0 is the header row). */
  col: number;
  row: number;
  /** The plan path of the assumption it names, if it names one. */
  assumptionPath?: string;
}

/** The whole model as sheets and names: what the engine loads and the xlsx writes. */
export interface WorkbookSpec {
  sheets: SheetSpec[];
  names: NameSpec[];
}

/**
 * Every spreadsheet function the engine may write. Each is evaluated the same
 * by Excel, WPS, LibreOffice and HyperFormula; the xlsx package refuses any
 * other, so HyperFormula-only functions never reach a file.
 */
export const FORMULA_FUNCTIONS: readonly string[] = ['SUM', 'SUMPRODUCT', 'IF', 'OR', 'AND', 'ROUND', 'ROUNDUP', 'ROUNDDOWN', 'MAX', 'MIN', 'ABS', 'INT', 'LARGE'];

/**
 * What HyperFormula is given for a cell. Text cells get a leading apostrophe,
 * which HyperFormula (like Excel) strips and reads as "this is text": a
 * product called `=1+1` or `@home` stays a name and is never evaluated.
 * @example hyperFormulaContent({ content: '=1+1', format: 'text' }) // "'=1+1"
 */
export function hyperFormulaContent(cell: CellSpec): string | number | null {
  return cell.format === 'text' && typeof cell.content === 'string' ? `'${cell.content}` : cell.content;
}

/**
 * The A1 column letters of a zero-based column index.
 * @example columnLetter(0) // 'A'; columnLetter(27) // 'AB'
 */
export function columnLetter(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * An absolute A1 reference to a cell of a sheet, for named expressions.
 * @example absoluteRef('Assumptions', 2, 4) // 'Assumptions!$C$5'
 */
export function absoluteRef(sheet: string, col: number, row: number): string {
  return `${sheet}!$${columnLetter(col)}$${row + 1}`;
}
