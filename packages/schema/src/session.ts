import { z } from 'zod';
import { localizedText } from './localized.ts';

/**
 * A scenario: one variant of a plan (保守 / 基准 / 激进) inside a planning
 * session. The plan is stored as the raw document so that a scenario saved by
 * an older shopplan is migrated when it is read, like any plan file.
 */
export const scenario = z.strictObject({
  id: z.string().min(1).max(64),
  name: localizedText,
  /** The plan document of this scenario (validated with parsePlan on read). */
  plan: z.record(z.string(), z.unknown()),
  /** The scenario it was duplicated from, or the action that made it (goal seek, allocation). */
  origin: z.string().optional(),
});

/** One scenario of a planning session. */
export type Scenario = z.infer<typeof scenario>;

/** The session document version this code writes. */
export const SESSION_VERSION = 1 as const;

/**
 * A budget planning session: the scenarios a planner edits and compares,
 * the one in front, and which is the baseline of comparisons.
 */
export const planningSession = z.strictObject({
  version: z.literal(1),
  scenarios: z.array(scenario).min(1),
  activeScenarioId: z.string(),
  baselineScenarioId: z.string(),
});

/** A planning session with its scenarios. */
export type PlanningSession = z.infer<typeof planningSession>;
