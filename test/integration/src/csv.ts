/** Parses CSV text as LibreOffice writes it (comma, double quotes, "" inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * A number as LibreOffice's CSV shows it: plain (15 significant digits), or
 * with a percent sign (`12.5%` is 0.125). Undefined for text or empty.
 * @example calcNumber('2.5%') // 0.025
 */
export function calcNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (t === '') return undefined;
  const percent = t.endsWith('%');
  const n = Number((percent ? t.slice(0, -1) : t).replace(/[¥,]/g, ''));
  if (!Number.isFinite(n)) return undefined;
  return percent ? n / 100 : n;
}
