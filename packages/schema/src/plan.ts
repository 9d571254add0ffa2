import { z } from 'zod';
import { channel } from './channel.ts';
import { localizedText } from './localized.ts';

/** The plan document version this code writes. Older versions are migrated on read. */
export const PLAN_VERSION = 1 as const;

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
  z.strictObject({ kind: z.literal('target'), gmv: z.number().gt(0) }),
  z.strictObject({ kind: z.literal('budget'), spend: z.number().min(0) }),
  z.strictObject({
    kind: z.literal('channels'),
    spend: z.record(z.string(), z.number().min(0)).default({}),
    visitors: z.record(z.string(), z.number().min(0)).default({}),
  }),
]);

/** What a plan is solved for: a target, a budget, or per-channel levers. */
export type Objective = z.infer<typeof objective>;

/** One week of the phasing calendar; weights are relative and normalised over the plan. */
export const planWeek = z.strictObject({
  start: isoDate,
  weight: z.number().min(0),
});

/** A product of the product calendar: its part of GMV and its selling price. */
export const planProduct = z.strictObject({
  id: z.string().min(1).max(64),
  name: localizedText,
  /** Part of the plan's GMV this product carries, as a fraction. */
  share: z.number().min(0).max(1),
  /** Selling price per unit in yuan. */
  price: z.number().gt(0),
});

/** The plan document, version 1. */
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
  channels: z.array(channel).min(1),
  /** Weekly phasing of the period (optional): the product calendar's time axis. */
  weeks: z.array(planWeek).optional(),
  /** Products of the product calendar (optional). */
  products: z.array(planProduct).optional(),
});

/** A plan document in its current version. */
export type Plan = z.infer<typeof planV1>;
/** The JSON a planner writes: defaults may be left out. */
export type PlanInput = z.input<typeof planV1>;
/** One week of a plan's phasing. */
export type PlanWeek = z.infer<typeof planWeek>;
/** One product of a plan's product calendar. */
export type PlanProduct = z.infer<typeof planProduct>;

/** The schema of the current plan document version. */
export const planSchema = planV1;
