import type { PlanIssue } from '@shopplan/schema';

/**
 * The figures of one channel as the engine computed them. A figure that does
 * not apply to the channel's cost model (clicks of a free channel, ROI of a
 * channel that costs nothing) is null, never NaN or Infinity.
 */
export interface ChannelResult {
  id: string;
  visitors: number;
  clicks: number | null;
  impressions: number | null;
  orders: number;
  gmv: number;
  spend: number;
  roi: number | null;
  costPerOrder: number | null;
  visitorValue: number | null;
}

/** The plan's totals over all channels, free ones included. */
export interface TotalResult {
  visitors: number;
  orders: number;
  gmv: number;
  spend: number;
  roi: number | null;
}

/** A computed plan: per channel, totals, and any issues that make it unsatisfiable. */
export interface PlanResult {
  channels: ChannelResult[];
  total: TotalResult;
  /** Empty when the plan is satisfiable; otherwise why not (free channels above target, budget below fees …). */
  issues: PlanIssue[];
}
