import { columnLetter } from '@shopplan/engine';
import type { WorkbookLayout } from '@shopplan/xlsx';
import { calcNumber } from './csv.ts';

/** The relative error allowed between two computations of one cell. */
export const TOLERANCE = 1e-9;

/** One derived cell where two computations disagree. */
export interface Mismatch {
  cell: string;
  /** Which value disagrees with the engine: LibreOffice's recalculation or the file's cached value. */
  source: 'libreoffice' | 'cached';
  engine: number | string | null;
  found: number | string | undefined;
}

/** True when two numbers agree to a relative error below TOLERANCE (absolute near zero). */
export function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

function agrees(engine: number | string | null, found: number | string | undefined): boolean {
  if (engine === null) return found === undefined || found === '';
  if (typeof engine === 'number') {
    const n = typeof found === 'number' ? found : calcNumber(found);
    return n !== undefined && close(engine, n);
  }
  return found === engine;
}

/**
 * Compares every formula cell of every sheet of a layout with the engine's
 * value: the value LibreOffice recalculated (CSV per sheet) and the value
 * cached in the file. Returns the cells that disagree and how many were compared.
 */
export function compareDerivedCells(
  layout: WorkbookLayout,
  recalculated: Map<string, string[][]>,
  cached: Map<string, Map<string, number | string>>,
): { compared: number; mismatches: Mismatch[] } {
  const mismatches: Mismatch[] = [];
  let compared = 0;
  for (const sheet of layout.sheets) {
    const csv = recalculated.get(sheet.name);
    const cache = cached.get(sheet.name);
    const offset = sheet.headerless ? 0 : 1;
    const compare = (col: number, sheetRow: number) => {
      const cell = `${sheet.name}!${columnLetter(col)}${sheetRow + 1}`;
      const engine = sheet.cached(col, sheetRow);
      compared++;
      const lo = csv?.[sheetRow]?.[col];
      if (!agrees(engine, lo)) mismatches.push({ cell, source: 'libreoffice', engine, found: lo });
      const stored = cache?.get(`${columnLetter(col)}${sheetRow + 1}`);
      if (!agrees(engine, stored)) mismatches.push({ cell, source: 'cached', engine, found: stored });
    };
    sheet.rows.forEach((row, i) => row.forEach((spec, col) => {
      if (spec.format === 'text' || typeof spec.content !== 'string' || !spec.content.startsWith('=')) return;
      const range = (spec as { arrayRange?: { rows: number; columns: number } }).arrayRange ?? { rows: 1, columns: 1 };
      // an array formula: every cell of its range is derived
      for (let r = 0; r < range.rows; r++) for (let c = 0; c < range.columns; c++) compare(col + c, i + offset + r);
    }));
  }
  return { compared, mismatches };
}
