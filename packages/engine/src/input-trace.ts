import type { WorkbookSpec } from './workbook-spec.ts';

/*
 * Which inputs a derived cell is computed from, read from the WorkbookSpec's
 * own formulas (names and A1 references), so that a figure that cannot be
 * computed (a number past 1e308) can be reported at the input a planner
 * typed rather than at a cell they never edit.
 */

const QUOTED = /"[^"]*"/g;
const REFERENCE = /(?<![A-Za-z0-9_.])(?:([A-Za-z_][A-Za-z0-9_]*)!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?(?![A-Za-z0-9_.(])/g;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_.]*/g;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * The assumption paths a cell of the spec depends on, directly or through
 * other cells and names (each path once, in the order first reached).
 * `row` is the sheet row as NameSpec counts it (0 is the header row).
 * @example inputsBehind(spec, 'Channels', channelCol('impressions'), 3) // ['objective.gmv', 'channels.display.ctr', …]
 */
export function inputsBehind(spec: WorkbookSpec, sheet: string, col: number, row: number): string[] {
  const sheets = new Map(spec.sheets.map((s) => [s.name, s]));
  const names = new Map(spec.names.map((n) => [n.name, n]));
  const seen = new Set<string>();
  const paths: string[] = [];
  const stack: Array<[string, number, number]> = [[sheet, col, row]];
  while (stack.length > 0) {
    const [s, c, r] = stack.pop()!;
    const key = `${s}!${c}!${r}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cell = sheets.get(s)?.rows[r - 1]?.[c];
    if (!cell) continue;
    if (cell.assumptionPath !== undefined) {
      if (!paths.includes(cell.assumptionPath)) paths.push(cell.assumptionPath);
      continue;
    }
    if (typeof cell.content !== 'string' || !cell.content.startsWith('=')) continue;
    const formula = cell.content.replace(QUOTED, '""');
    const withoutRefs = formula.replace(REFERENCE, (_m, refSheet: string | undefined, c1: string, r1: string, c2: string | undefined, r2: string | undefined) => {
      const target = refSheet ?? s;
      const [colA, rowA] = [columnIndex(c1), Number(r1) - 1];
      const [colB, rowB] = c2 !== undefined && r2 !== undefined ? [columnIndex(c2), Number(r2) - 1] : [colA, rowA];
      for (let cc = Math.min(colA, colB); cc <= Math.max(colA, colB); cc++) {
        for (let rr = Math.min(rowA, rowB); rr <= Math.max(rowA, rowB); rr++) stack.push([target, cc, rr]);
      }
      return ' ';
    });
    for (const id of withoutRefs.match(IDENTIFIER) ?? []) {
      const n = names.get(id);
      if (n) stack.push([n.sheet, n.col, n.row]);
    }
  }
  return paths;
}
