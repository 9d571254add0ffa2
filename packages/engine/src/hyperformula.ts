import { HyperFormula, type ConfigParams, type RawCellContent } from 'hyperformula';

/**
 * HyperFormula settings shared by every model. The licence key makes the
 * project GPL-3.0. Rows are raised above the 40,000 default so a yearly
 * product calendar of 10,000+ products fits on one sheet.
 */
export const HF_CONFIG: Partial<ConfigParams> = {
  licenseKey: 'gpl-v3',
  maxRows: 200_000,
  maxColumns: 1_000,
  // Read back full double precision: smart rounding trims output to 10 digits,
  // which would break the cent-exact comparisons with Excel and LibreOffice.
  smartRounding: false,
  // The product calendar's week columns are array formulas over blocks of
  // products (product-calendar.ts): few wide formulas instead of 500k cells.
  useArrayArithmetic: true,
  // Nobody undoes through HyperFormula (the web app keeps its own history),
  // and its undo bookkeeping was the largest single cost of an edit in the
  // engine's search loops (goal seek, allocation, risk): profiled.
  undoLimit: 0,
};

/** The HyperFormula version the engine runs on (for benchmark reports). */
export const HYPERFORMULA_VERSION: string = HyperFormula.version;

/** Builds an engine instance from sheets of raw contents and workbook-level names. */
export function buildHyperFormula(
  sheets: Record<string, RawCellContent[][]>,
  names: Array<{ name: string; expression: string }>,
  engine: HyperFormulaClass = HyperFormula,
): HyperFormula {
  return engine.buildFromSheets(sheets, HF_CONFIG, names);
}

/**
 * The HyperFormula class a model is built with. The engine uses the patched
 * package; benchmarks and the patch-equivalence test pass an unpatched copy
 * of the same version to compare.
 */
export type HyperFormulaClass = Pick<typeof HyperFormula, 'buildFromSheets'>;

export { HyperFormula };
