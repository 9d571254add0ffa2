export { recalcWithLibreOffice, resaveWithLibreOffice, shownByLibreOffice, REPO_ROOT, XLSX_RECALC } from './libreoffice.ts';
export { parseCsv, calcNumber } from './csv.ts';
export { compareDerivedCells, close, TOLERANCE } from './derived-cells.ts';
export type { Mismatch } from './derived-cells.ts';
