import type { ProductAlert } from '@shopplan/engine';
import type { AllocationGoal, AllocationOutcome, AssumptionEdit, EditOutcome, GoalSeekOptions, GoalSeekOutcome, PlanResult, RiskOptions, RiskOutcome } from '@shopplan/engine';
import type { Lang, LocalizedText, Plan, PlanIssue, PlanningSession } from '@shopplan/schema';
import type { FormulaPart } from './formula-text.ts';
import type { PromotionMove, PromotionsOutcome } from './promotions.ts';
import type { CalibrateOutcome, CalibrateRequest, ReadProgress, ReviewOutcome, ReviewRequest } from './calibration.ts';

/**
 * The messages between the page and the engine worker. Every request has an
 * id; the worker answers each with the same id, in order. Only plain data
 * crosses (structured clone): results, never models.
 */
export type WorkerRequest =
  | { id: number; type: 'load'; scenarioId: string; plan: Plan; today: string; productsFrom?: number }
  /** Products of a plan sent ahead in parts (see plan-parts.ts); a `load` names them by `token` in `productsFrom`. */
  | { id: number; type: 'productsPart'; token: number; products: NonNullable<Plan['products']> }
  | { id: number; type: 'scalePlan'; products: number; weeks: number; productCalendar: boolean }
  | { id: number; type: 'edit'; scenarioId: string; edits: AssumptionEdit[]; viewport?: { rowStart: number; rowCount: number }; productView?: ProductView }
  | { id: number; type: 'drop'; scenarioId: string }
  | { id: number; type: 'calendar'; scenarioId: string; rowStart: number; rowCount: number }
  | { id: number; type: 'calendarTotals'; scenarioId: string }
  | { id: number; type: 'productSummary'; scenarioId: string; today: string; alertLimit: number }
  | { id: number; type: 'productRows'; scenarioId: string; rowStart: number; rowCount: number; measure: ProductMeasure; today: string }
  | { id: number; type: 'namedFigures'; scenarioId: string }
  | { id: number; type: 'exportXlsx'; plan: Plan; lang: Lang; session?: PlanningSession }
  | { id: number; type: 'importXlsx'; bytes: Uint8Array }
  | { id: number; type: 'goalSeek'; scenarioId: string; options: GoalSeekOptions }
  | { id: number; type: 'allocate'; scenarioId: string; goal: AllocationGoal }
  | { id: number; type: 'risk'; scenarioId: string; options: RiskOptions }
  | { id: number; type: 'promotions'; plan: Plan }
  | { id: number; type: 'movePromotion'; plan: Plan; activityId: string; start: string }
  | ({ id: number; type: 'calibrate' } & CalibrateRequest)
  | ({ id: number; type: 'review' } & ReviewRequest);

/** The formula behind one derived cell: as the engine holds it, and with cell addresses spelled out. */
export interface CellFormula {
  raw: string;
  readable: LocalizedText;
  /** The same formula in pieces, each name or cell leading to the figure it names. */
  parts?: FormulaPart[];
}

/** What loading a scenario gives: its figures and the formula of each derived cell (`channelId|column`). */
export type LoadOutcome = { ok: true; result: PlanResult; totalExtra: TotalExtra; formulas: Record<string, CellFormula>; calendar?: CalendarShape } | { ok: false; issues: PlanIssue[] };

/** Total-row figures of the Channels sheet that PlanResult's total leaves out, read from HyperFormula. */
export interface TotalExtra {
  costPerOrder: number | null;
  visitorValue: number | null;
}

/** The size of a plan's product calendar, when it has one (the products themselves are in the page's plan). */
export interface CalendarShape {
  productCount: number;
  weekStarts: string[];
}

/** A viewport of the product calendar: revenue per product and week, row-major. */
export interface CalendarViewport {
  rowStart: number;
  rowCount: number;
  weekCount: number;
  revenue: Float64Array;
  units: Float64Array;
  /** Each product's GMV over the period. */
  gmv: Float64Array;
}

/** The product calendar summed over all its products (in the worker): a totals row and a totals column. */
export interface CalendarTotals {
  productCount: number;
  weekCount: number;
  /** Per week, revenue of all products (summed in whole fen). */
  weekRevenue: Float64Array;
  /** Per week, units of all products. */
  weekUnits: Float64Array;
  /** All products' GMV over the period (summed in whole fen). */
  gmv: number;
  /** All products' units over the period. */
  units: number;
  /** Cells HyperFormula could not compute (counted as 0), the first 20, as `product:figure@week=error`. */
  errors: string[];
}

/**
 * A plan-level intermediate figure: a named cell of the engine's Summary
 * sheet (paid_visitors, paid_cost_per_visitor, …) that formulas refer to by name.
 */
export interface NamedFigure {
  name: string;
  /** The label the engine gives it (English; the page translates the known ones). */
  label: string;
  value: number | string | null;
  formula?: CellFormula;
}

/**
 * The figures between the inputs and the results, for the page to show
 * where formulas name them: the named plan-level cells, and every figure
 * of each Channels row (by column key) with its formula.
 */
export interface Intermediates {
  named: NamedFigure[];
  /** The Channels sheet's figure columns, in order: key, header and how the figure reads. */
  columns: Array<{ key: string; header: LocalizedText; format: string }>;
  /** Per Channels row (`search`, …, `total`): figure by column key. */
  channels: Array<{ rowId: string; names?: LocalizedText; values: Record<string, number | string | null>; formulas: Record<string, CellFormula> }>;
}

/** What the product calendar of plan v4 shows per product and week (issue 12): its measure switch. */
export type ProductMeasure = 'revenue' | 'units' | 'promoPrice' | 'stock' | 'orderBy';

/** Rows of one measure of the product plan, product-major; order-by dates as day numbers since 1970-01-01 (NaN: no order). */
export interface ProductPlanRows {
  rowStart: number;
  rowCount: number;
  weekCount: number;
  measure: ProductMeasure;
  values: Float64Array;
  /** Each row's period figure: revenue or units summed, stock at the last close, lowest price, number of orders. */
  rowTotal: Float64Array;
}

/** Per week figures summed over a set of products (all of them, or a category with its descendants). */
export interface ProductRollup {
  /** Revenue per week in yuan, summed in whole fen. */
  revenue: Float64Array;
  units: Float64Array;
  /** Closing stock per week. */
  stock: Float64Array;
  products: number;
}

/** The product plan over ALL products, summed in the worker: totals, roll-ups per category id (every level), alerts. */
/** The product page's rows on screen (runs of product indices) and measure, so an edit's answer carries their figures. */
export interface ProductView {
  runs: Array<{ start: number; count: number }>;
  measure: ProductMeasure;
}

export interface ProductPlanSummary {
  productCount: number;
  weekStarts: string[];
  asOf: string | null;
  total: ProductRollup;
  categories: Record<string, ProductRollup>;
  /**
   * The first alerts in the list's order (week, product, code), at most the
   * limit the page asked for: 10,000 products raise thousands, and the page
   * lists a few hundred; the rest are counted in alertCount.
   */
  alerts: ProductAlert[];
  /** How many alerts there are over all products. */
  alertCount: number;
  /** Product indices (plan order) with at least one alert, for the "alerts only" filter. */
  alertProducts: Int32Array;
  /** Why no product plan could be built (then every figure above is empty). */
  issues: PlanIssue[];
}

/** Answers by request type. */
export interface WorkerAnswers {
  load: LoadOutcome;
  scalePlan: Plan;
  productsPart: null;
  /** With the product calendar rows on screen read again, when the edit was accepted and a viewport was asked for. */
  edit: EditOutcome & { calendar?: CalendarViewport | null; totalExtra?: TotalExtra; productRows?: ProductPlanRows[] };
  drop: null;
  calendar: CalendarViewport | null;
  calendarTotals: CalendarTotals | null;
  productSummary: ProductPlanSummary | null;
  productRows: ProductPlanRows | null;
  namedFigures: Intermediates;
  exportXlsx: Uint8Array;
  importXlsx: { ok: true; plan: Plan; warnings: PlanIssue[] } | { ok: false; issues: PlanIssue[] };
  goalSeek: GoalSeekOutcome;
  allocate: AllocationOutcome;
  risk: RiskOutcome;
  promotions: PromotionsOutcome;
  movePromotion: PromotionMove;
  calibrate: CalibrateOutcome;
  review: ReviewOutcome;
}

/**
 * The worker's answer to one request; `error` when the worker itself failed
 * (a bug, not the planner's input). A long request (reading a history file)
 * may first send `progress` messages with its id, then its answer.
 */
export type WorkerResponse =
  | { id: number; ok: true; payload: unknown }
  | { id: number; ok: false; error: string }
  | { id: number; progress: ReadProgress }
  /** Products of the plan the answer to `id` carries, sent ahead of it in parts (plan-parts.ts). */
  | { id: number; productsPart: NonNullable<Plan['products']> };
