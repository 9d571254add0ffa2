export { PlanModel, EngineUsageError, computePlan, planWorkbookSpec } from './plan-model.ts';
export type { AssumptionEdit, EditOutcome, PlanModelOptions } from './plan-model.ts';
export { productCalendarSheets, PRODUCT_CALENDAR_GRID, hasProductCalendar, remainderProductIndex, productCol, PRODUCT_SHEET, PRODUCT_COLUMNS, WEEK_COLUMNS, PLAN_GMV_NAME, DEFAULT_PRODUCT_BLOCK_ROWS } from './product-calendar.ts';
export type { ProductCalendarShape } from './product-calendar.ts';
export { ProductCalendarView } from './product-calendar-model.ts';
export { DEFAULT_PARTITION_PRODUCTS } from './product-calendar-partitions.ts';
export type { ProductCalendarSlice, ProductInputEdit } from './product-calendar-model.ts';
export type { ChannelResult, TotalResult, PlanResult } from './results.ts';
export { CHANNEL_COLUMNS, SHEET, channelCol } from './channel-model.ts';
export type { ChannelColumnKey, SummaryName } from './channel-model.ts';
export { FORMULA_FUNCTIONS, columnLetter, absoluteRef } from './workbook-spec.ts';
export type { CellFormat, CellSpec, ColumnSpec, SheetSpec, NameSpec, WorkbookSpec } from './workbook-spec.ts';
export { assumptionName } from './names.ts';
export { HYPERFORMULA_VERSION, HF_CONFIG } from './hyperformula.ts';
export type { HyperFormulaClass } from './hyperformula.ts';
export { goalSeek, reachableWithBudget, BUDGET_DRIVER } from './goal-seek.ts';
export type { GoalSeekOptions, GoalSeekResult, GoalSeekOutcome } from './goal-seek.ts';
export { allocateBudget } from './allocation.ts';
export type { AllocationGoal, AllocationOptions, AllocatedChannel, AllocationResult, AllocationOutcome } from './allocation.ts';
export { simulateRisk, riskRanges, riskHistogram, UNTESTED_RANGE, RISK_HISTOGRAM_BINS, MAX_RISK_DRAWS } from './risk.ts';
export type { RiskOptions, RiskResult, RiskOutcome, RiskRange, Percentiles, RiskHistogramBin } from './risk.ts';
export { breakevenRoi, PROFIT_FORMULAS } from './profit.ts';
export { hillVisitors, hillSpend, hillMarginalVisitors, hillInflection, saturationIssues } from './response-curve.ts';
export { clearModelCache } from './workbook-driver.ts';
export { schedulePlan, scheduleObjective, schedulePlacements } from './calendar/schedule.ts';
export type { Schedule, ScheduleOutcome, ScheduledActivity, ScheduledPhase, UnplacedReason, UnplacedCode, ResourceUse, ResourceDay } from './calendar/schedule.ts';
export {
  yearCalendar,
  festivalsOfYear,
  springFestival,
  dragonBoatFestival,
  midAutumnFestival,
  solarTermDay,
  SOLAR_TERM_IDS,
  provisionalSchedule,
  isPublishedYear,
  isWorkday,
  addWorkdays,
  workdaysBetween,
  parseHolidayOverride,
  calendarYearIssue,
  holidayId,
  activityTemplates,
  parseIsoDate,
  isoDate,
  isoWeekday,
  dayNumber,
  CalendarUsageError,
  CALENDAR_YEARS,
  HOLIDAY_NAMES,
  MEMBER_DAY_WEEKDAY,
} from '@shopplan/calendar';
export type { Festival, FestivalKind, CalendarDay, YearCalendar, YearCalendarOutcome, CalendarOptions, HolidayOverride, HolidayOverrideDay, HolidaySource, HolidayId, HolidaySchedule, ScheduleEntry, ActivityTemplate, ActivityTier, TemplateOptions } from '@shopplan/calendar';
export { phasingInputs, splitFen, MAX_PHASED_DAYS, WEEKDAYS } from './calendar/phasing.ts';
export type { PhasingOptions, Placements, PhasingInputs, PhasingDay, DayPhase, ChannelDayRates, PresaleFlow } from './calendar/phasing.ts';
export { daysSheets, phasedMeasure, dayCol, channelDayCol, DAYS_SHEET, DAY_COLUMNS, CHANNEL_DAY_COLUMNS } from './calendar/days-sheet.ts';
export type { PhasedMeasure, DayColumnKey, ChannelDayColumn } from './calendar/days-sheet.ts';
export { phasePlan, phaseFromModel } from './calendar/phase-report.ts';
export type { PhaseGrain, PhasePeriod, PhaseChannel, PhaseResult, PhaseOutcome } from './calendar/phase-report.ts';
export {
  splitGap, logMean, GapSplitError, fitHill, fitHillSeries, FIT_SAMPLE_DAYS, MIN_CURVE_DAYS, MIN_SPEND_CV, MIN_SPEND_RATIO,
  calibrateHistory, historyTableFor, confidenceOf, planPromotionMonthDays, CalibrationUsageError, UNTESTED_DAYS, HIGH_CONFIDENCE_DAYS,
  applyCalibration, reviewPlan, dailyPlan, isoWeek, REVIEW_BY, spendBeyondHistory,
} from './calibration/index.ts';
export type {
  GapFactor, HillFit, NoCurveReason, SpendPoint, ChannelCalibration, ChannelTotals, CalibrationOptions, CalibrationSource,
  Review, ReviewBy, ReviewChannel, ReviewPeriod, DailyPlan,
} from './calibration/index.ts';
export { mechanicFormula, effectiveUnitPrice, spreadsheetRound, MechanicUsageError } from './products/mechanics.ts';
export type { Mechanic, MechanicRefs } from './products/mechanics.ts';
export { priceEndingFormula, endPrice, PriceEndingUsageError } from './products/price-ending.ts';
export type { PriceEnding } from './products/price-ending.ts';
export { serviceLevelZ, safetyStock, safetyStockFormula, SafetyStockUsageError, WORKDAYS_PER_WEEK } from './products/safety-stock.ts';
export type { SafetyStockRefs } from './products/safety-stock.ts';
export { orderByDate, createOrderByLookup, OrderByUsageError } from './products/order-by.ts';
export type { OrderByLookup } from './products/order-by.ts';
export { controlledRounding, ControlledRoundingUsageError, SNAP as ROUNDING_SNAP_FEN } from './products/controlled-rounding.ts';
export type { ControlledRounding, ControlledRoundingOptions } from './products/controlled-rounding.ts';
export { ProductPlan } from './products/product-plan.ts';
export type {
  PlanProductV4, ProductSettingsV4, ProductPlanDocument, ProductWeekFigures, ProductRowFigure, ProductOrder, ProductTotals, ProductPlanOptions, ProductPlanOutcome, ProductFieldEdit, ProductRole,
} from './products/product-plan.ts';
export { ALERT_CODES } from './products/alerts.ts';
export type { AlertCode, ProductAlert } from './products/alerts.ts';
export { planWeekGmv, planWeekSpans, productWeekStatus, productWeekPromotion, activityPeaks, LIFECYCLE_STAGES } from './products/product-weeks.ts';
export type { ProductStatus, LifecycleStage, PlanWeekSpan, ActivityPeak, WeekGmvOutcome } from './products/product-weeks.ts';
export { productPlanSheets, productPlanGridInputs, productPlanCol, PRODUCT_PLAN_SHEET, PRODUCT_PLAN_COLUMNS } from './products/product-plan-sheets.ts';
export { PRODUCT_PLAN_GRID, PRODUCT_PLAN_CELLS, STOCK_EPSILON } from './products/product-plan-grid.ts';
export type { ProductPlanInput, ProductPlanCellInput } from './products/product-plan-grid.ts';
export type { ProductSheetFacts } from './products/product-plan.ts';
export {
  num as gridNum, measure as gridMeasure, prev as gridPrev, productInput as gridProductInput, weekInput as gridWeekInput, scalar as gridScalar,
  cellInput as gridCellInput, rowTotal as gridRowTotal, weekTotal as gridWeekTotal, add as gridAdd, sub as gridSub, mul as gridMul, div as gridDiv, pow as gridPow, neg as gridNeg,
  lt as gridLt, le as gridLe, gt as gridGt, ge as gridGe, eq as gridEq, ne as gridNe, iff as gridIf, and as gridAnd, or as gridOr,
  min as gridMin, max as gridMax, round as gridRound, roundUp as gridRoundUp, roundDown as gridRoundDown, int as gridInt, abs as gridAbs,
  typeOf as gridTypeOf, GridTemplateError,
} from './grid/template.ts';
export type { GridExpr, GridOperand, BinaryOp as GridBinaryOp, GridType } from './grid/template.ts';
export { planGrid, editScope, inputReach } from './grid/definition.ts';
export type { GridDefinition, GridMeasure, GridInputSheet, GridPlan, GridDependencyKind, GridEditScope } from './grid/definition.ts';
export { gridSheets, cellFormula as gridCellFormula, GRID_LAYOUT } from './grid/expand.ts';
export type { GridShape } from './grid/expand.ts';
export { GridEvaluator, GRID_ERROR, GRID_ERROR_TEXT } from './grid/evaluator.ts';
export type { GridCellValue, GridSize } from './grid/evaluator.ts';
export { gridWorkbookSpec, gridCellInputSheets, gridMeasureCache, hyperFormulaOfSpec, GRID_SCALAR_SHEET } from './grid/workbook.ts';
export type { GridInputs } from './grid/workbook.ts';
