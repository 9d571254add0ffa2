import { planIssue, type Plan, type PlanIssue, type ResponseCurve } from '@shopplan/schema';
import type { ChannelResult } from './results.ts';

/**
 * Visitors a Hill curve gives for a spend: β·sᵅ/(sᵅ+κᵅ). The engine's
 * searches use it to move quickly; every figure they report is read back
 * from the HyperFormula model, which holds the same curve as formulas.
 * @example hillVisitors({ curve: 'hill', maps: 'visitors', beta: 100, alpha: 1, kappa: 10 }, 10) // 50
 */
export function hillVisitors(c: ResponseCurve, spend: number): number {
  if (spend <= 0) return 0;
  // written with the ratio κ/s so large spends do not overflow sᵅ
  return c.beta / (1 + (c.kappa / spend) ** c.alpha);
}

/**
 * The spend that buys `visitors` on a Hill curve, κ·(v/(β−v))^(1/α); Infinity
 * at or above the ceiling β (no spend reaches it).
 * @example hillSpend({ curve: 'hill', maps: 'visitors', beta: 100, alpha: 1, kappa: 10 }, 50) // 10
 */
export function hillSpend(c: ResponseCurve, visitors: number): number {
  if (visitors <= 0) return 0;
  if (visitors >= c.beta) return Infinity;
  return c.kappa * (visitors / (c.beta - visitors)) ** (1 / c.alpha);
}

/**
 * Visitors per extra yuan at a spend: dv/ds = β·α·κᵅ·sᵅ⁻¹/(sᵅ+κᵅ)². At zero
 * spend the limit: ∞ for α < 1, β/κ for α = 1, 0 for α > 1.
 */
export function hillMarginalVisitors(c: ResponseCurve, spend: number): number {
  if (spend <= 0) return c.alpha < 1 ? Infinity : c.alpha === 1 ? c.beta / c.kappa : 0;
  // t = (min(s,κ)/max(s,κ))ᵅ ≤ 1: t/(1+t)² is the same for κᵅ/sᵅ and its inverse, and never overflows
  const t = (Math.min(spend, c.kappa) / Math.max(spend, c.kappa)) ** c.alpha;
  return (c.beta * c.alpha * t) / (spend * (1 + t) ** 2);
}

/**
 * Where an S-shaped curve (α > 1) turns from convex to concave: the spend of
 * the highest marginal return, κ·((α−1)/(α+1))^(1/α). 0 for α ≤ 1.
 */
export function hillInflection(c: ResponseCurve): number {
  return c.alpha <= 1 ? 0 : c.kappa * ((c.alpha - 1) / (c.alpha + 1)) ** (1 / c.alpha);
}

/**
 * Channels whose planned visitors reach their curve's ceiling β: no spend
 * buys them, so the target is above what the curve can ever give. One issue
 * per channel, at `channels.<id>.beta`, read from the computed visitors.
 * A `channels` objective has no target: its spend levers buy visitors on the
 * curve, which approach β (and may round to it) for a huge spend; no issue.
 */
export function saturationIssues(plan: Plan, channels: readonly ChannelResult[]): PlanIssue[] {
  const issues: PlanIssue[] = [];
  if (plan.objective.kind === 'channels') return issues;
  plan.channels.forEach((ch, i) => {
    const visitors = channels[i]?.visitors;
    if (!ch.response || visitors === undefined || visitors < ch.response.beta) return;
    const need = Math.round(visitors).toLocaleString('en-US');
    const cap = Math.round(ch.response.beta).toLocaleString('en-US');
    issues.push(planIssue(`channels.${ch.id}.beta`, 'saturated',
      `渠道“${ch.name.zh}”需要 ${need} 访客，但响应曲线的饱和上限 β 只有 ${cap}：目标超出了曲线所能带来的，请降低目标、调整流量占比或提高上限`,
      `channel "${ch.name.en}" needs ${need} visitors but its response curve saturates at β = ${cap}: the target is above what the curve can ever give; lower the target, change the shares or raise the ceiling`));
  });
  return issues;
}
