import { z } from 'zod';
import { localizedText } from './localized.ts';

/**
 * Plan v3's time parts (DOMAIN.md sections 2 and 5): promotion activities with
 * tiers and phases, the scarce resources they compete for, and the day
 * weights and phase multipliers that daily phasing reads.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** Activity and resource ids: what planners type and what the CLI prints. */
const calendarId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);
const days = z.number().int().min(0);
const multiplier = z.number().gt(0);
const fraction = z.number().min(0).max(1);

/** Activity tiers, most important first (DOMAIN.md section 2). */
export const TIERS = ['S', 'A', 'B', 'C'] as const;
/** An activity tier: S the year's peaks … C routine pushes. */
export type Tier = (typeof TIERS)[number];
/** Phase kinds in the order an activity runs through them. */
export const PHASE_KINDS = ['warmUp', 'peak', 'tail', 'encore'] as const;
/** A phase kind: warm-up 预热期, peak 高峰期, tail 尾期, encore 返场期. */
export type PhaseKind = (typeof PHASE_KINDS)[number];

/** A tier. */
export const tier = z.enum(TIERS);

/** Length in days of each phase; a phase of 0 days is skipped. */
export const phaseLengths = z.strictObject({
  warmUp: days.optional(),
  peak: days.optional(),
  tail: days.optional(),
  encore: days.optional(),
});
/** Phase lengths in days, any left out taken from the tier's default. */
export type PhaseLengths = z.infer<typeof phaseLengths>;

/**
 * What one day of an activity takes from a resource: one figure for every
 * phase, or a figure per phase (a phase left out takes nothing).
 */
export const resourceNeed = z.union([
  z.number().min(0),
  z.strictObject({
    warmUp: z.number().min(0).optional(),
    peak: z.number().min(0).optional(),
    tail: z.number().min(0).optional(),
    encore: z.number().min(0).optional(),
  }),
]);
/** A per-day need of one resource. */
export type ResourceNeed = z.infer<typeof resourceNeed>;

/**
 * How a phase moves a day (DOMAIN.md section 5): `demand` multiplies the
 * day's weight; `traffic`, `cvr`, `cpc` and `cpm` multiply every channel's
 * visitors, conversion rate and click or impression price, and `channels`
 * overrides them for single channels by channel id. All are multipliers
 * (1 = unchanged).
 */
export const phaseRates = z.strictObject({
  demand: multiplier.optional(),
  traffic: multiplier.optional(),
  cvr: multiplier.optional(),
  cpc: multiplier.optional(),
  cpm: multiplier.optional(),
  channels: z
    .record(z.string(), z.strictObject({ traffic: multiplier.optional(), cvr: multiplier.optional(), cpc: multiplier.optional(), cpm: multiplier.optional() }))
    .optional(),
});
/** Multipliers one phase applies to demand and channel rates. */
export type PhaseRates = z.infer<typeof phaseRates>;

/** Multipliers per phase kind; a kind left out takes the defaults. */
export const phaseRatesByKind = z.strictObject({
  warmUp: phaseRates.optional(),
  peak: phaseRates.optional(),
  tail: phaseRates.optional(),
  encore: phaseRates.optional(),
});
/** Phase multipliers keyed by phase kind. */
export type PhaseRatesByKind = z.infer<typeof phaseRatesByKind>;

/**
 * Presale 定金/尾款 (618, Double 11). Of the orders placed on warm-up days,
 * `depositShare` are deposit orders: they count as GMV on the final-payment
 * days (the first `finalPaymentDays` days of the peak, the whole peak if left
 * out), less the `dropOutRate` of deposits that are never paid in full.
 */
export const presale = z.strictObject({
  depositShare: fraction,
  dropOutRate: fraction,
  finalPaymentDays: z.number().int().min(1).optional(),
});
/** An activity's presale terms. */
export type Presale = z.infer<typeof presale>;

/**
 * What a theme is, for the shop's rules: a new shop stays out of S-tier
 * platform festivals (DOMAIN.md section 2).
 */
export const ACTIVITY_KINDS = ['platform', 'seasonal', 'routine', 'shop'] as const;

/** One promotion activity the scheduler places within its window. */
export const activity = z.strictObject({
  id: calendarId,
  name: localizedText,
  tier,
  /** Platform festival, seasonal theme, routine push or the shop's own. */
  kind: z.enum(ACTIVITY_KINDS).default('shop'),
  /** The days the whole activity (warm-up to encore) must fall in. */
  window: z.strictObject({ start: isoDate, end: isoDate }),
  /** Phase lengths in days; left-out phases take the tier's default. */
  phases: phaseLengths.optional(),
  /** Preferred first day of the peak (a festival's date); the scheduler comes as close as it can. */
  peakOn: isoDate.optional(),
  /** Preparation lead time in days: the activity may start no earlier than this many days after the plan's start. */
  leadTime: days.optional(),
  /** Per-day needs, keyed by resource id. */
  needs: z.record(z.string(), resourceNeed).default({}),
  /** This activity's own phase multipliers, over the plan's. */
  rates: phaseRatesByKind.optional(),
  presale: presale.optional(),
});
/** A promotion activity. */
export type Activity = z.infer<typeof activity>;

/** A scarce resource: banner slots, live-stream slots, team hours, promotion budget. */
export const resource = z.strictObject({
  id: calendarId,
  name: localizedText,
  /**
   * How much there is per day or per (Monday–Sunday) week; a week cut by the
   * plan's start or end keeps the whole week's capacity. Checked for sign by checkCalendar.
   */
  capacity: z.number(),
  per: z.enum(['day', 'week']).default('day'),
  /** What the figures count, e.g. 个 / slots, 小时 / hours, 元 / yuan. */
  unit: localizedText.optional(),
});
/** A resource with a capacity per day or week. */
export type Resource = z.infer<typeof resource>;

/** A tier's defaults: phase lengths, lead time and per-day needs. */
export const tierDefault = z.strictObject({
  phases: phaseLengths.optional(),
  leadTime: days.optional(),
  needs: z.record(z.string(), resourceNeed).optional(),
});
/** Overrides of a tier's defaults. */
export type TierDefault = z.infer<typeof tierDefault>;

/**
 * The day weights of phasing: weekday pattern (Monday first) × season (one
 * weight per month, January first) × phase demand × hangover. After an S-tier
 * peak, demand and CVR are multiplied by `hangover.factor`, returning linearly
 * to 1 over `hangover.days`.
 */
export const calendarSettings = z.strictObject({
  weekdays: z.array(z.number().min(0)).length(7).optional(),
  months: z.array(z.number().min(0)).length(12).optional(),
  hangover: z.strictObject({ factor: z.number().gt(0).max(1), days }).optional(),
  /** Phase multipliers for every activity (each activity may override). */
  rates: phaseRatesByKind.optional(),
  /** Tier defaults overriding DOMAIN.md's. */
  tiers: z.strictObject({ S: tierDefault.optional(), A: tierDefault.optional(), B: tierDefault.optional(), C: tierDefault.optional() }).optional(),
});
/** The plan's calendar settings. */
export type CalendarSettings = z.infer<typeof calendarSettings>;

/** A tier's resolved defaults. */
export interface TierDefaults {
  phases: Readonly<Record<PhaseKind, number>>;
  leadTime: number;
  /** The weight of a placed activity in the schedule's objective. */
  weight: number;
}

/**
 * DOMAIN.md's tiers as numbers: an S cycle of 27 days (warm-up 13 ≈ 48%,
 * peak 5, encore 6 ≈ 22%) with two months to prepare, down to a one-day C
 * push with three days' notice.
 */
export const TIER_DEFAULTS: Readonly<Record<Tier, TierDefaults>> = {
  S: { phases: { warmUp: 13, peak: 5, tail: 3, encore: 6 }, leadTime: 60, weight: 8 },
  A: { phases: { warmUp: 7, peak: 3, tail: 2, encore: 3 }, leadTime: 30, weight: 4 },
  B: { phases: { warmUp: 3, peak: 2, tail: 1, encore: 2 }, leadTime: 14, weight: 2 },
  C: { phases: { warmUp: 0, peak: 1, tail: 0, encore: 0 }, leadTime: 3, weight: 1 },
};

/**
 * Default phase multipliers (DOMAIN.md section 5): warm-up fills carts but
 * converts little; the peak brings more visitors, converts better and clicks
 * cost more; tail and encore fall back towards the baseline.
 */
export const PHASE_RATE_DEFAULTS: Readonly<Record<PhaseKind, Required<Omit<PhaseRates, 'channels'>>>> = {
  warmUp: { demand: 0.8, traffic: 1.3, cvr: 0.5, cpc: 1.1, cpm: 1.1 },
  peak: { demand: 3, traffic: 2.5, cvr: 1.4, cpc: 1.6, cpm: 1.5 },
  tail: { demand: 1.2, traffic: 1.2, cvr: 1, cpc: 1.1, cpm: 1.1 },
  encore: { demand: 1.4, traffic: 1.4, cvr: 1.1, cpc: 1.2, cpm: 1.2 },
};

/** Lead times past this many days cannot fit in a plan year. */
export const MAX_LEAD_TIME_DAYS = 366;

/**
 * An activity's phase lengths: its own, else its tier's override in the
 * plan's calendar settings, else DOMAIN.md's tier default.
 * @example resolvePhases({ tier: 'C', ... }) // { warmUp: 0, peak: 1, tail: 0, encore: 0 }
 */
export function resolvePhases(act: Pick<Activity, 'tier' | 'phases'>, settings?: CalendarSettings): Record<PhaseKind, number> {
  const override = settings?.tiers?.[act.tier]?.phases;
  const base = TIER_DEFAULTS[act.tier].phases;
  const out = { ...base };
  for (const kind of PHASE_KINDS) out[kind] = act.phases?.[kind] ?? override?.[kind] ?? base[kind];
  return out;
}

/**
 * An activity's preparation lead time in days: its own, else its tier's.
 * @example resolveLeadTime({ tier: 'S' }) // 60
 */
export function resolveLeadTime(act: Pick<Activity, 'tier' | 'leadTime'>, settings?: CalendarSettings): number {
  return act.leadTime ?? settings?.tiers?.[act.tier]?.leadTime ?? TIER_DEFAULTS[act.tier].leadTime;
}

/**
 * An activity's per-day needs: the tier's default needs with the activity's
 * own on top (an activity names a resource to change or add it).
 */
export function resolveNeeds(act: Pick<Activity, 'tier' | 'needs'>, settings?: CalendarSettings): Record<string, ResourceNeed> {
  return { ...(settings?.tiers?.[act.tier]?.needs ?? {}), ...act.needs };
}
