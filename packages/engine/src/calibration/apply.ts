import type { AssumptionRange, CalibratedAssumption, Channel, Plan } from '@shopplan/schema';
import { UNTESTED_RANGE } from '../risk.ts';
import type { ChannelCalibration } from './rates.ts';

/** Where the history came from, recorded with every assumption it set. */
export interface CalibrationSource {
  /** The file's name as the planner gave it. */
  file: string;
  /** First and last day read. */
  period: { start: string; end: string };
}

const RATE_FIELDS = new Set(['cvr', 'ctr', 'addToCartRate', 'refundRate']);

/**
 * A copy of the plan with its channels' assumptions replaced by the
 * calibrated ones: CVR, AOV, add-to-cart and refund rate, CPC or CPM and CTR
 * by cost model, and the Hill curve where one was fitted (fitted on daily
 * spend, it is scaled to the plan's period: β and κ times the plan's days; the
 * recorded spend range stays daily, as `spendBeyondHistory` compares). Each assumption it
 * sets is recorded in `calibration.assumptions` with the file, period, rows
 * and days. An `untested` channel is flagged and its rates get the wide
 * default range in `uncertainty`, which the risk simulation draws from.
 * Figures that are null (no data) leave the plan's own value alone. The plan
 * passed in is not changed.
 * @example applyCalibration(plan, calibrateHistory(plan, rows), { file: 'history.csv', period: { start: '2026-01-01', end: '2026-12-31' } })
 */
export function applyCalibration(plan: Plan, calibration: readonly ChannelCalibration[], source: CalibrationSource): Plan {
  const days = (Date.parse(`${plan.period.end}T00:00:00Z`) - Date.parse(`${plan.period.start}T00:00:00Z`)) / 86_400_000 + 1;
  const byId = new Map(calibration.map((c) => [c.id, c]));
  const assumptions: Record<string, CalibratedAssumption> = { ...(plan.calibration?.assumptions ?? {}) };
  const uncertainty: Record<string, AssumptionRange> = { ...(plan.uncertainty ?? {}) };
  const channels = plan.channels.map((original): Channel => {
    const cal = byId.get(original.id);
    if (!cal) return original;
    const channel: Channel = structuredClone(original);
    const record = (field: string, method: CalibratedAssumption['method'], value: number | null): void => {
      const path = `channels.${channel.id}.${field}`;
      assumptions[path] = {
        file: source.file, period: { ...source.period }, rows: cal.rows, days: cal.days, excludedDays: cal.excludedDays, confidence: cal.confidence, method,
      };
      const factor = UNTESTED_RANGE[field];
      if (cal.confidence === 'untested' && value !== null && factor) {
        const cap = RATE_FIELDS.has(field) ? 1 : Infinity;
        uncertainty[path] = { low: value * factor[0], high: Math.min(cap, value * factor[1]) };
      }
    };
    if (cal.cvr !== null && cal.cvr <= 1) {
      channel.cvr = cal.cvr;
      record('cvr', 'ratio_of_sums', cal.cvr);
    }
    if (cal.aov !== null && cal.aov > 0) {
      channel.aov = cal.aov;
      record('aov', 'ratio_of_sums', cal.aov);
    }
    if (cal.addToCartRate !== null && cal.addToCartRate <= 1) {
      channel.addToCartRate = cal.addToCartRate;
      record('addToCartRate', 'ratio_of_sums', cal.addToCartRate);
    }
    if (cal.refundRate !== null && cal.refundRate < 1) {
      channel.refundRate = cal.refundRate;
      record('refundRate', 'ratio_of_sums', cal.refundRate);
    }
    if (channel.cost.model === 'cpc' && cal.cpc !== null && cal.cpc > 0) {
      channel.cost.cpc = cal.cpc;
      record('cpc', 'ratio_of_sums', cal.cpc);
    }
    if (channel.cost.model === 'cpm') {
      if (cal.cpm !== null && cal.cpm > 0) {
        channel.cost.cpm = cal.cpm;
        record('cpm', 'ratio_of_sums', cal.cpm);
      }
      if (cal.ctr !== null && cal.ctr > 0 && cal.ctr <= 1) {
        channel.cost.ctr = cal.ctr;
        record('ctr', 'ratio_of_sums', cal.ctr);
      }
    }
    if (cal.curve) {
      // The curve is fitted on days (a day's spend → that day's visitors); the plan's curve maps the
      // period's spend to the period's visitors. With the spend spread evenly over the plan's n days,
      // n·β/(1+(κ/(S/n))^α) = (nβ)/(1+(nκ/S)^α): the same curve with β and κ scaled by n, α unchanged.
      const scaled = { beta: cal.curve.beta * days, alpha: cal.curve.alpha, kappa: cal.curve.kappa * days };
      channel.response = { curve: 'hill', maps: 'visitors', ...scaled };
      for (const field of ['beta', 'alpha', 'kappa'] as const) {
        record(`response.${field}`, 'hill_fit', scaled[field]);
        assumptions[`channels.${channel.id}.response.${field}`]!.spendRange = { min: cal.curve.spendMin, max: cal.curve.spendMax };
      }
    }
    if (cal.confidence === 'untested') channel.untested = true;
    else delete channel.untested;
    return channel;
  });
  const out: Plan = { ...plan, channels, calibration: { assumptions } };
  if (Object.keys(uncertainty).length > 0) out.uncertainty = uncertainty;
  return out;
}
