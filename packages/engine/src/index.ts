export { PlanModel, EngineUsageError, computePlan, planWorkbookSpec } from './plan-model.ts';
export type { AssumptionEdit, EditOutcome } from './plan-model.ts';
export type { ChannelResult, TotalResult, PlanResult } from './results.ts';
export { CHANNEL_COLUMNS, SHEET, channelCol } from './channel-model.ts';
export type { ChannelColumnKey, SummaryName } from './channel-model.ts';
export { FORMULA_FUNCTIONS, columnLetter, absoluteRef } from './workbook-spec.ts';
export type { CellFormat, CellSpec, ColumnSpec, SheetSpec, NameSpec, WorkbookSpec } from './workbook-spec.ts';
export { assumptionName } from './names.ts';
export { HYPERFORMULA_VERSION } from './hyperformula.ts';
