import type { LocalizedText } from '@shopplan/schema';

/**
 * Spells out the A1 addresses of a Channels-sheet formula with the column's
 * and channel's names, so a planner can read what a figure is made of:
 * `=I3*search.cvr` → `=访客数[直通车]*search.cvr`.
 * @param headers column headers by zero-based column index
 * @param rowNames channel (or total) names by zero-based sheet row
 */
export function readableFormula(raw: string, headers: readonly LocalizedText[], rowNames: readonly LocalizedText[], lang: 'zh' | 'en'): string {
  // A1 references are upper-case letters then digits; assumption names are lower case (search.cvr), so they are left alone.
  return raw.replace(/(?<![A-Za-z_.!])([A-Z]{1,2})(\d+)(?![\w.])/g, (whole, letters: string, digits: string) => {
    const col = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const header = headers[col];
    const row = rowNames[Number(digits) - 1];
    if (!header || !row) return whole;
    return `${header[lang]}[${row[lang]}]`;
  });
}

/** What a piece of a formula points at: a cell of the Channels sheet, or a named cell (an assumption or a plan-level figure). */
export type FormulaRef =
  | { kind: 'cell'; rowId: string; column: string }
  | { kind: 'name'; name: string; assumptionPath?: string };

/** A piece of a formula as the planner reads it, with what it names when it names a figure. */
export interface FormulaPart {
  text: LocalizedText;
  ref?: FormulaRef;
}

/** The Channels sheet as formulas see it: column keys and headers by index, row ids and names by sheet row. */
export interface FormulaSheet {
  columnKeys: readonly string[];
  headers: readonly LocalizedText[];
  /** By zero-based sheet row (row 0 is the header): `search`, `total` … */
  rowIds: readonly string[];
  rowNames: readonly LocalizedText[];
  /** Sheet name of the channel cells (`Channels`): refs to it may be written bare or qualified. */
  sheetName: string;
}

// A cell or range (`D3`, `Channels!$D$2:$D$4`), or a lower-case name (`paid_visitors`, `search.cvr`);
// upper-case words followed by `(` are functions and stay text.
const TOKEN = /(?<![\w.!$])(?:([A-Za-z]+)!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?(?![\w.(])|(?<![\w.])([a-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)(?![\w.(])/g;

const colIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/**
 * Splits a formula into pieces a planner can follow: each Channels cell
 * (`I3` → `访客数[直通车]`) and each named cell (`paid_visitors`,
 * `search.cvr`) becomes a piece carrying what it names, so the page can
 * lead from the name to the figure; the rest (operators, functions,
 * numbers) is plain text. Names not in `names` stay plain text.
 * @example formulaParts('=paid_visitors*search.share', sheet, new Map([['paid_visitors', undefined]]))
 *   // [{ text: '=' }, { text: 'paid_visitors', ref: { kind: 'name', name: 'paid_visitors' } }, { text: '*search.share' }]
 */
export function formulaParts(raw: string, sheet: FormulaSheet, names: ReadonlyMap<string, string | undefined>): FormulaPart[] {
  const parts: FormulaPart[] = [];
  let at = 0;
  const plain = (text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && !last.ref) last.text = { zh: last.text.zh + text, en: last.text.en + text };
    else parts.push({ text: { zh: text, en: text } });
  };
  for (const m of raw.matchAll(TOKEN)) {
    const whole = m[0];
    const start = m.index ?? 0;
    plain(raw.slice(at, start));
    at = start + whole.length;
    const [, sheetName, letters, digits, toLetters, toDigits, name] = m;
    if (name !== undefined) {
      if (names.has(name)) {
        const path = names.get(name);
        parts.push({ text: { zh: name, en: name }, ref: path ? { kind: 'name', name, assumptionPath: path } : { kind: 'name', name } });
      } else plain(whole);
      continue;
    }
    const col = letters ? colIndex(letters) : -1;
    const row = Number(digits);
    const key = sheet.columnKeys[col];
    const header = sheet.headers[col];
    const rowId = sheet.rowIds[row - 1];
    const rowName = sheet.rowNames[row - 1];
    if ((sheetName !== undefined && sheetName !== sheet.sheetName) || !key || !header || !rowId || !rowName) {
      plain(whole);
      continue;
    }
    // A range down one column reads as `成交额[直通车…淘宝客]` and leads to its first cell.
    const endName = toLetters === letters && toDigits ? sheet.rowNames[Number(toDigits) - 1] : undefined;
    const text = (lang: 'zh' | 'en') => `${header[lang]}[${rowName[lang]}${endName ? `…${endName[lang]}` : ''}]`;
    if (toLetters !== undefined && toLetters !== letters) plain(whole);
    else parts.push({ text: { zh: text('zh'), en: text('en') }, ref: { kind: 'cell', rowId, column: key } });
  }
  plain(raw.slice(at));
  return parts;
}
