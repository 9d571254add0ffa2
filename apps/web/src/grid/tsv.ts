/**
 * Tab-separated text as Excel, WPS and Google Sheets put it on the clipboard:
 * cells split by tabs, rows by CRLF or LF, a trailing line break after the
 * last row, and cells holding a tab, a line break or a quote wrapped in
 * double quotes with inner quotes doubled (`"a""b"`).
 */

/**
 * Splits clipboard text into rows of cells. A trailing line break does not
 * make an empty last row; an empty text is no rows at all.
 * @example parseTsv('1\t2\r\n3\t4\r\n') // [['1', '2'], ['3', '4']]
 * @example parseTsv('"a\tb"\tc') // [['a\tb', 'c']]
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  let cellStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (cellStart && ch === '"') {
      // A quoted cell: read to the closing quote, "" is a literal quote.
      const close = readQuoted(text, i + 1);
      if (close) {
        cell = close.value;
        i = close.end;
        cellStart = false;
        continue;
      }
    }
    cellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      cellStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      cellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  // Text that does not end in a line break still has a last row to close.
  if (!cellStart || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * A quoted cell starting after its opening quote, if it is well formed: the
 * closing quote must be followed by a tab, a line break or the end. Otherwise
 * the quote is an ordinary character (Excel reads `"5" inch` that way).
 */
function readQuoted(text: string, from: number): { value: string; end: number } | undefined {
  let value = '';
  let i = from;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      if (text[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      const next = text[i + 1];
      if (next === undefined || next === '\t' || next === '\r' || next === '\n') return { value, end: i + 1 };
      return undefined;
    }
    value += ch;
    i++;
  }
  return undefined;
}

/**
 * Writes rows of cells as tab-separated text Excel and WPS paste cell by
 * cell; rows end in LF (both read it) and there is no trailing line break.
 * @example formatTsv([['1', '2'], ['a\tb', '']]) // '1\t2\n"a\tb"\t'
 */
export function formatTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quoteCell).join('\t')).join('\n');
}

function quoteCell(cell: string): string {
  return /[\t\r\n"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
