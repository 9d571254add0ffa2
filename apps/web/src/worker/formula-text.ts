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
