import { z } from 'zod';

/**
 * Where a plan's calibrated assumptions came from (issue 14): the history
 * file, the period read, and how many rows and days went into each figure.
 * Optional on plan v3: a plan that was never calibrated has none, and older
 * documents need no migration.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * How far a calibrated rate can be trusted, from the amount of data behind it
 * (DOMAIN.md section 5): under 30 days `untested` (a wide range goes into the
 * plan's `uncertainty`), under 90 days `medium`, otherwise `high`.
 */
export const CONFIDENCE_LEVELS = ['untested', 'medium', 'high'] as const;
/** A calibrated rate's confidence. */
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** The provenance of one calibrated assumption. */
export const calibratedAssumption = z.strictObject({
  /** The history file's name as the planner gave it. */
  file: z.string().min(1),
  /** First and last day read (inclusive). */
  period: z.strictObject({ start: isoDate, end: isoDate }),
  /** Rows of the file used for this figure (promotion days left out are not counted). */
  rows: z.number().int().min(0),
  /** Distinct days those rows cover. */
  days: z.number().int().min(0),
  /** Days left out of the baseline (promotion days). */
  excludedDays: z.number().int().min(0).default(0),
  confidence: z.enum(CONFIDENCE_LEVELS),
  /** How the figure was found: a ratio of sums, or a fitted response curve. */
  method: z.enum(['ratio_of_sums', 'hill_fit']),
  /** For a fitted curve: the daily spend seen (a plan spending beyond it is extrapolating). */
  spendRange: z.strictObject({ min: z.number().min(0), max: z.number().min(0) }).optional(),
});
/** One calibrated assumption's provenance. */
export type CalibratedAssumption = z.infer<typeof calibratedAssumption>;

/** The calibration record of a plan: provenance keyed by assumption path (`channels.search.cvr`). */
export const calibrationRecord = z.strictObject({
  assumptions: z.record(z.string(), calibratedAssumption),
});
/** A plan's calibration record. */
export type CalibrationRecord = z.infer<typeof calibrationRecord>;

/**
 * One day of one channel from a shop's history (an analytics export): the
 * importer's output and calibration's input. A column the file did not have
 * is null; a figure the file had is a finite number ≥ 0. `channel` is the
 * plan channel's id the row was matched to.
 */
export interface HistoryRow {
  /** ISO date (YYYY-MM-DD). */
  date: string;
  channel: string;
  spend: number | null;
  impressions: number | null;
  clicks: number | null;
  visitors: number;
  addToCart: number | null;
  orders: number;
  gmv: number;
  refunds: number | null;
}
