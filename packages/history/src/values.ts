/**
 * Reading one cell the way spreadsheets on Chinese Windows write it:
 * thousands separators (1,234), yuan signs (¥ ￥), full-width digits, percent
 * strings (2.5% → 0.025) and dates as 2026-03-02, 2026/3/2, 2026.3.2 or 20260302.
 */

/** A cell read as a number, or why it is not one. */
export type NumberCell = { ok: true; value: number } | { ok: false; code: 'blank' | 'not_a_number' };

/** Reads a numeric cell; a number from xlsx passes through. */
export function readNumber(cell: unknown): NumberCell {
  if (typeof cell === 'number') return Number.isFinite(cell) ? { ok: true, value: cell } : { ok: false, code: 'not_a_number' };
  const raw = String(cell ?? '');
  // the common case, a plain number, skips the Unicode normalisation
  if (/^\d+(\.\d+)?$/.test(raw)) return { ok: true, value: Number(raw) };
  const text = raw.normalize('NFKC').trim();
  if (text === '') return { ok: false, code: 'blank' };
  let t = text.replace(/[¥,\s]/g, '');
  const percent = t.endsWith('%');
  if (percent) t = t.slice(0, -1);
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return { ok: false, code: 'not_a_number' };
  const value = Number(t) / (percent ? 100 : 1);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, code: 'not_a_number' };
}

/** Reads a date cell to YYYY-MM-DD, or null when it is not a real calendar date. xlsx dates arrive as Date (UTC midnight). */
export function readDate(cell: unknown): string | null {
  const day = readDay(cell);
  return day === null ? null : new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/**
 * Reads a date cell to a day number (days since 1970-01-01, UTC), or null
 * when it is not a real calendar date: the form the columnar history keeps.
 */
export function readDay(cell: unknown): number | null {
  if (cell instanceof Date) {
    const t = cell.getTime();
    return Number.isNaN(t) ? null : Math.floor(t / DAY_MS);
  }
  const raw = String(cell ?? '');
  // the common case, 2026-03-02, skips the Unicode normalisation
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw)
    ?? /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw.normalize('NFKC').trim())
    ?? /^(\d{4})(\d{2})(\d{2})$/.exec(raw.normalize('NFKC').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY_MS;
}
