import { planIssue, type Plan, type PlanIssue } from '@shopplan/schema';
import type { ChannelResult } from '../results.ts';

/**
 * Warnings for channels whose planned daily spend falls outside the daily
 * spend their calibrated Hill curve was fitted on (recorded in the plan's
 * calibration record): there the curve is extrapolating, not describing the
 * shop's own history. Daily spend is the channel's period spend over the
 * plan's days. Warnings, not errors: the plan still computes.
 * @example spendBeyondHistory(plan, computePlan(plan).result.channels) // [{ path: 'channels.search.response', code: 'beyond_history', … }]
 */
export function spendBeyondHistory(plan: Plan, results: readonly ChannelResult[]): PlanIssue[] {
  const days = (Date.parse(`${plan.period.end}T00:00:00Z`) - Date.parse(`${plan.period.start}T00:00:00Z`)) / 86_400_000 + 1;
  const out: PlanIssue[] = [];
  for (const r of results) {
    const range = plan.calibration?.assumptions[`channels.${r.id}.response.kappa`]?.spendRange;
    if (!range) continue;
    const daily = r.spend / days;
    if (daily <= range.max && daily >= range.min) continue;
    const side = daily > range.max ? { zh: '高于', en: 'above' } : { zh: '低于', en: 'below' };
    const yuan = (x: number) => `¥${x.toFixed(2)}`;
    out.push(planIssue(
      `channels.${r.id}.response`, 'beyond_history',
      `渠道“${r.id}”计划日均花费 ${yuan(daily)} ${side.zh}历史数据的范围（${yuan(range.min)}–${yuan(range.max)}），响应曲线在此为外推`,
      `channel "${r.id}" plans ${yuan(daily)} a day, ${side.en} the daily spend its history covers (${yuan(range.min)}–${yuan(range.max)}): the response curve is extrapolating there`,
    ));
  }
  return out;
}
