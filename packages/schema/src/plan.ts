import { z } from 'zod';
import { channel, channelV1 } from './channel.ts';
import { localizedText } from './localized.ts';
import { activity, calendarSettings, resource } from './calendar.ts';
import { FIELDS } from './plan-fields.ts';
import { calibrationRecord } from './history.ts';
import { category, planProduct, planProductV1, productSettings } from './products.ts';

/** The plan document version this code writes. Older versions are migrated on read. */
export const PLAN_VERSION = 4 as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * What the plan is solved for.
 * - `target`: back-calculation, from a sales target to the spend per channel.
 * - `budget`: forward, the paid visitors keep the plan's split and grow until
 *   their spend reaches the budget; the result is the reachable GMV.
 * - `channels`: forward, each paid channel's own lever: spend for channels that
 *   buy visitors (cpc, cpm, crm), visitors for commission channels (cps, live).
 */
export const objective = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('target'), gmv: FIELDS['objective.gmv'].validator }),
  z.strictObject({ kind: z.literal('budget'), spend: FIELDS['objective.spend'].validator }),
  z.strictObject({
    kind: z.literal('channels'),
    spend: z.record(z.string(), FIELDS['objective.spend.channel'].validator).default({}),
    visitors: z.record(z.string(), FIELDS['objective.visitors.channel'].validator).default({}),
  }),
]);

/** What a plan is solved for: a target, a budget, or per-channel levers. */
export type Objective = z.infer<typeof objective>;

/** One week of the phasing calendar; weights are relative and normalised over the plan. */
export const planWeek = z.strictObject({
  start: isoDate,
  weight: z.number().min(0),
});

export { planProduct };

/** The plan document, version 1 (read through the v1→v2 migration). */
export const planV1 = z.strictObject({
  version: z.literal(1),
  id: z.string().min(1).max(64),
  name: localizedText,
  shop: z.string().min(1),
  period: z.strictObject({ start: isoDate, end: isoDate }),
  currency: z.literal('CNY').default('CNY'),
  /** Whether paid channels' shares split paid visitors (DOMAIN default) or paid GMV (GMV占比). */
  paidSplit: z.enum(['visitors', 'gmv']).default('visitors'),
  objective,
  channels: z.array(channelV1).min(1),
  /** Weekly phasing of the period (optional): the product calendar's time axis. */
  weeks: z.array(planWeek).optional(),
  /** Products of the product calendar (optional). */
  products: z.array(planProductV1).optional(),
});

/**
 * The range of one uncertain assumption: low and high around the plan's own
 * value, which is the base (低 / 基准 / 高). Keyed in `uncertainty` by the
 * assumption's path, e.g. `channels.search.cvr`.
 */
export const assumptionRange = z.strictObject({
  low: z.number().min(0),
  high: z.number().min(0),
});

/** The low and high of an uncertain assumption; the base is the plan's value. */
export type AssumptionRange = z.infer<typeof assumptionRange>;

/**
 * Floors the budget allocator must respect (plan v2).
 * - `breakevenRoi`: no channel is pushed past the point where its marginal ROI
 *   falls below its breakeven ROI 1 / (margin × (1 − refund rate)).
 * - `minTotalRoi`: the plan's total ROI (GMV / spend) must stay at or above it.
 */
export const allocationFloors = z.strictObject({
  breakevenRoi: z.boolean().default(false),
  minTotalRoi: z.number().gt(0).optional(),
});

/** The allocator's floors. */
export type AllocationFloors = z.infer<typeof allocationFloors>;

/** The plan document, version 2: response curves, bounds, margins, uncertainty, floors. */
export const planV2 = z.strictObject({
  version: z.literal(2),
  id: z.string().min(1).max(64),
  name: localizedText,
  shop: z.string().min(1),
  period: z.strictObject({ start: isoDate, end: isoDate }),
  currency: z.literal('CNY').default('CNY'),
  /** Whether paid channels' shares split paid visitors (DOMAIN default) or paid GMV (GMV占比). */
  paidSplit: z.enum(['visitors', 'gmv']).default('visitors'),
  objective,
  channels: z.array(channel).min(1),
  /** Weekly phasing of the period (optional): the product calendar's time axis. */
  weeks: z.array(planWeek).optional(),
  /** Products of the product calendar (optional). */
  products: z.array(planProductV1).optional(),
  /** Low / high of uncertain assumptions, keyed by assumption path (`channels.search.cvr`). */
  uncertainty: z.record(z.string(), assumptionRange).optional(),
  /** Floors for budget allocation. */
  allocation: allocationFloors.optional(),
});

/**
 * The plan document, version 3: v2 plus the promotion calendar (activities
 * with tiers and phases, the resources they compete for, day weights, phase
 * multipliers and presale) and the new-shop flag. Every v3 part is optional.
 */
export const planV3 = planV2.extend({
  version: z.literal(3),
  /** A shop that is just starting: the scheduler keeps it out of S-tier platform festivals. */
  newShop: z.boolean().optional(),
  /** Weekday pattern, season, hangover, phase multipliers and tier defaults. */
  calendar: calendarSettings.optional(),
  /** Promotion activities to place on the year. */
  activities: z.array(activity).optional(),
  /** Scarce resources the activities need. */
  resources: z.array(resource).optional(),
  /** Where calibrated assumptions came from (file, period, rows); optional, so no version bump. */
  calibration: calibrationRecord.optional(),
});

/**
 * The plan document, version 4: v3 plus the product calendar of issue 12:
 * the category tree, products with role, cost, stock, lead time, lifecycle,
 * season, decoy flag and promotions, and the plan-wide product settings.
 * Every v4 part is optional; a v3 plan is a valid v4 plan.
 */
export const planV4 = planV3.extend({
  version: z.literal(4),
  /** The category tree (一级/二级/三级类目) the products' `category` ids point into. */
  categories: z.array(category).optional(),
  /** Products of the product calendar (optional). */
  products: z.array(planProduct).optional(),
  /** Price ending, planning date, role and stage weights for every product. */
  productSettings: productSettings.optional(),
});

/** A plan document in its current version. */
export type Plan = z.infer<typeof planV4>;
/**
 * The JSON a planner writes: defaults may be left out, and documents of
 * versions 1 to 3 are accepted too (parsePlan migrates them).
 */
export type PlanInput = z.input<typeof planV4> | z.input<typeof planV3> | z.input<typeof planV2> | z.input<typeof planV1>;
/** One week of a plan's phasing. */
export type PlanWeek = z.infer<typeof planWeek>;
/** One product of a plan's product calendar. */
export type PlanProduct = z.infer<typeof planProduct>;

/** The schema of the current plan document version. */
export const planSchema = planV4;
