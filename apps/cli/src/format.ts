import type { Lang } from '@shopplan/schema';
import { terminalSafe } from './terminal.ts';

/**
 * A number for the channel table: thousands separators and fixed decimals;
 * '—' where a figure does not apply.
 * @example formatNumber(1096224.1169, 2) // '1,096,224.12'
 */
export function formatNumber(value: number | null, decimals: number): string {
  if (value === null) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Display width of text in a terminal: CJK characters take two cells. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/** Lays out rows as an aligned text table; the first column is left-aligned, numbers right. */
export function renderTable(header: readonly string[], rawRows: readonly (readonly string[])[]): string {
  // cells carry plan text (names, ids): made safe before they are measured, so columns stay aligned
  const rows = rawRows.map((r) => r.map(terminalSafe));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (text: string, i: number) => {
    const gap = ' '.repeat((widths[i] ?? 0) - displayWidth(text));
    return i === 0 ? text + gap : gap + text;
  };
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, i)).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The language's word for a total row. */
export function totalLabel(lang: Lang): string {
  return lang === 'zh' ? '合计' : 'Total';
}
