import { FORMULA_FUNCTIONS } from '@shopplan/engine';
import { XlsxUsageError } from './errors.ts';

const ALLOWED = new Set(FORMULA_FUNCTIONS.map((f) => f.toUpperCase()));

/**
 * The spreadsheet functions a formula calls, upper-cased, string literals
 * left out (a `"SUM("` inside quotes is text, not a call).
 * @example formulaFunctions('=IF(A1=0,"",SUM(B1:B3))') // ['IF', 'SUM']
 */
export function formulaFunctions(formula: string): string[] {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  const found = new Set<string>();
  for (const match of code.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)) {
    if (match[1]) found.add(match[1].toUpperCase());
  }
  return [...found];
}

/**
 * Throws `XlsxUsageError` when a formula calls a function that Excel, WPS,
 * LibreOffice and HyperFormula do not all evaluate alike: such a formula is a
 * bug in whoever built the spec, and must never reach a file.
 * @example assertPortableFormula('=SUM(A1:A3)') // ok; '=TEXTJOIN(…)' throws
 */
export function assertPortableFormula(formula: string, where: string): void {
  const bad = formulaFunctions(formula).filter((f) => !ALLOWED.has(f));
  if (bad.length > 0) {
    throw new XlsxUsageError(`${where}: formula "${formula}" uses ${bad.join(', ')}, which is not in FORMULA_FUNCTIONS (${[...ALLOWED].join(', ')})`);
  }
}
