import { buildHyperFormula } from '../hyperformula.ts';
import { FORMULA_FUNCTIONS } from '../workbook-spec.ts';

/**
 * Evaluates formula expressions through a real HyperFormula instance: row i
 * holds inputs[i] in column A and the formula built over `A<i+1>` in column B.
 * Returns each B value, or the error text HyperFormula gave.
 */
export function evaluateOverCells(inputs: readonly number[], formulaOf: (ref: string, i: number) => string): Array<number | string> {
  const rows = inputs.map((x, i) => [x, `=${formulaOf(`A${i + 1}`, i)}`]);
  const hf = buildHyperFormula({ S: rows }, []);
  try {
    const values = hf.getSheetValues(0);
    return values.map((row) => {
      const v = row[1];
      return typeof v === 'number' ? v : String((v as { value?: unknown })?.value ?? v);
    });
  } finally {
    hf.destroy();
  }
}

/** The function names a formula calls, so tests can hold them to FORMULA_FUNCTIONS. */
export function functionsOutsideSubset(formula: string): string[] {
  const allowed = new Set(FORMULA_FUNCTIONS);
  return [...formula.matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1]!).filter((f) => !allowed.has(f));
}
