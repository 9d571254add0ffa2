/**
 * Misuse of the xlsx package's API, not a planner's mistake: a formula that
 * uses a function outside `FORMULA_FUNCTIONS`, a sheet the spec names twice.
 * Problems a planner or a workbook can cause are `PlanIssue` values instead.
 */
export class XlsxUsageError extends Error {
  override name = 'XlsxUsageError';
}
