/**
 * The plan document travels inside the workbook, on a hidden sheet, so an
 * import knows the plan's structure (channels, cost models, ids) and takes
 * back only the assumptions from their named cells. A hidden sheet of text
 * cells survives a save in Excel, WPS and LibreOffice alike, unlike custom
 * XML parts, which LibreOffice drops.
 */

/** The name of the hidden sheet that holds the plan document. */
export const PLAN_SHEET = 'shopplan_plan';

/** The marker in A1 of the hidden sheet: which layout the sheet uses. */
export const PLAN_SHEET_MARKER = 'shopplan-plan/1';

/** A cell holds at most 32,767 characters in Excel; stay well below. */
const CHUNK = 30_000;

/**
 * Splits the JSON text of a plan into the column of cells written to the
 * hidden sheet: marker, chunk count, then the chunks (A1, A2, A3 …).
 * Spreadsheet programs read `_xHHHH_` in a cell as an escaped character and
 * do not all write a literal one back alike (LibreOffice turns a plan name
 * `a_x005F_x0041_b` into `a_x0041_b`), so no `_x` reaches the sheet: an `_`
 * can only stand inside a JSON string, where `\u005f` means the same.
 */
export function planSheetCells(planJson: string): string[] {
  planJson = planJson.replace(/_(?=[xX])/g, '\\u005f');
  const chunks: string[] = [];
  for (let i = 0; i < planJson.length; i += CHUNK) chunks.push(planJson.slice(i, i + CHUNK));
  return [PLAN_SHEET_MARKER, String(chunks.length), ...chunks];
}
