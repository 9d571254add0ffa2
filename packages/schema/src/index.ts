export { localizedText } from './localized.ts';
export type { LocalizedText, Lang } from './localized.ts';
export { channel, channelId, costModel, COST_MODELS, isPaid, isCommissionChannel, isSpendBought, responseCurve, spendBounds } from './channel.ts';
export type { Channel, CostModel, CostModelName, ResponseCurve, SpendBounds } from './channel.ts';
export { PLAN_VERSION, planSchema, planV1, planV2, planV3, planV4, objective, planWeek, planProduct, assumptionRange, allocationFloors } from './plan.ts';
export type { Plan, PlanInput, Objective, PlanWeek, PlanProduct, AssumptionRange, AllocationFloors } from './plan.ts';
export { formatPath, parsePath, issue, planIssue, relocateIssue } from './issues.ts';
export type { PlanIssue, PathKey } from './issues.ts';
export { renderMessage, hasMessage, messageCodes, formatIssueNumber, quoteInput } from './messages.ts';
export type { FieldUnit, IssueNumber, IssueParam, IssueParams } from './messages.ts';
export { FIELD_LABELS, RATE_FIELDS, MONEY_FIELDS, fieldLabel } from './fields.ts';
export {
  FIELDS, PLAN_FIELDS, OWNER_KINDS, numberIn, inRange, assumptionFieldsOf, parseAssumptionPath, assumptionPathOf,
  documentLocation, readFieldValue, writeFieldValue, fieldAtLocation, assumptionPathAt,
} from './plan-fields.ts';
export type { PlanField, PlanFieldId, FieldOwnerKind, RecordOwnerKind, ObjectiveKind, ValueRange } from './plan-fields.ts';
export { migratePlan, PLAN_MIGRATIONS } from './migrations.ts';
export type { PlanMigration, MigrationOutcome } from './migrations.ts';
export { parsePlan, parsePlanJson, checkPlan, checkSession, issuesFromZod, checkAssumptionValue, plausibilityWarnings } from './validate.ts';
export { guardInput, INPUT_LIMITS } from './input-guard.ts';
export type { InputLimits } from './input-guard.ts';
export type { PlanParseOutcome } from './validate.ts';
export { listAssumptions, describeAssumption, readAssumption, writeAssumption } from './assumptions.ts';
export type { Assumption, AssumptionUnit } from './assumptions.ts';
export { planJsonSchema } from './json-schema.ts';
export { scenario, planningSession, SESSION_VERSION } from './session.ts';
export type { Scenario, PlanningSession } from './session.ts';
export {
  TIERS, PHASE_KINDS, ACTIVITY_KINDS, TIER_DEFAULTS, PHASE_RATE_DEFAULTS, MAX_LEAD_TIME_DAYS,
  tier, activity, resource, phaseLengths, resourceNeed, phaseRates, phaseRatesByKind, presale, tierDefault, calendarSettings,
  resolvePhases, resolveLeadTime, resolveNeeds,
} from './calendar.ts';
export type {
  Tier, PhaseKind, PhaseLengths, ResourceNeed, PhaseRates, PhaseRatesByKind, Presale, Activity, Resource, TierDefault, TierDefaults, CalendarSettings,
} from './calendar.ts';
export { CALENDAR_FIELD_LABELS } from './calendar-fields.ts';
export { checkCalendar } from './calendar-check.ts';
export { CONFIDENCE_LEVELS, calibratedAssumption, calibrationRecord } from './history.ts';
export type { Confidence, CalibratedAssumption, CalibrationRecord, HistoryRow } from './history.ts';
export { productRole, categoryRole, category, mechanic, productPromotion, lifecycle, season, planProductV1, productSettings } from './products.ts';
export type { Category, Mechanic, ProductPromotion, Lifecycle, Season, ProductSettings } from './products.ts';
export {
  PRODUCT_ROLES, CATEGORY_ROLES, LIFECYCLE_STAGES, MECHANIC_KINDS, PRICE_ENDINGS, MAX_CATEGORY_DEPTH, MAX_LEAD_DAYS,
  ROLE_DEFAULTS, STAGE_DEFAULTS, PRODUCT_DEFAULTS, DEFAULT_PRODUCT_ROLE, DEFAULT_PRICE_ENDING,
} from './product-defaults.ts';
export type { ProductRole, CategoryRole, LifecycleStage, MechanicKind, PriceEnding, RoleDefault } from './product-defaults.ts';
