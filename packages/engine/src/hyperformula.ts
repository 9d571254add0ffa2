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
};

/** The HyperFormula version the engine runs on (for benchmark reports). */
export const HYPERFORMULA_VERSION: string = HyperFormula.version;

/** Builds an engine instance from sheets of raw contents and workbook-level names. */
export function buildHyperFormula(
  sheets: Record<string, RawCellContent[][]>,
  names: Array<{ name: string; expression: string }>,
): HyperFormula {
  return HyperFormula.buildFromSheets(sheets, HF_CONFIG, names);
}

export { HyperFormula };
