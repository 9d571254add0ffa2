import type { CellSpec, ColumnSpec, NameSpec, PlanModel, RiskResult } from '@shopplan/engine';
import type { Lang, LocalizedText, Plan, PlanIssue, PlanningSession } from '@shopplan/schema';

/** A conditional format that flags an alert: a cell of `ref` below (or above) a bound. */
export interface AlertSpec {
  /** A1 range on the sheet, e.g. `Q2:Q5`. */
  ref: string;
  operator: 'lessThan' | 'greaterThan';
  value: number;
}

/**
 * One sheet as the workbook writes it: the engine's sheet spec (or a further
 * part's), with its texts in the chosen language and the cached result of
 * every formula cell.
 */
export interface WorkbookSheet {
  /** The sheet's tab name; formulas refer to it, so it stays ASCII. */
  name: string;
  title: LocalizedText;
  columns: ColumnSpec[];
  /** Data rows; row 0 of `rows` is sheet row 2 (row 1 is the header). */
  rows: CellSpec[][];
  frozen: { rows: number; columns: number };
  /**
   * The value a formula cell computes, as the engine computed it: zero-based
   * column and sheet row (row 0 is the header). Null for an empty result.
   */
  cached(col: number, row: number): number | string | null;
  /** Conditional formats for alerts (ROI below 1, GMV the paid channels must bring below 0 …). */
  alerts: AlertSpec[];
  /** Hidden sheets carry data for the import, not for people. */
  hidden?: boolean;
  /** A sheet without a header row (the cover and the hidden plan sheet). */
  headerless?: boolean;
}

/** What a further part of the workbook receives: the plan, its live model, the language, the session. */
export interface PartContext {
  plan: Plan;
  model: PlanModel;
  lang: Lang;
  session?: PlanningSession;
  /** A Monte Carlo risk result of the plan (`simulateRisk`), if the caller ran one. */
  risk?: RiskResult;
  /** Sheets already in the workbook (the engine's spec), so a part can skip what the spec already has. */
  specSheetNames: ReadonlySet<string>;
}

/** The sheets and names a workbook consists of. */
export interface WorkbookLayout {
  sheets: WorkbookSheet[];
  names: NameSpec[];
  /** Issues of a part left out of the workbook (a product plan that cannot be built): shown on the cover too. */
  issues: PlanIssue[];
}

