/**
 * Spend → response curves, as marketing-mix models describe a channel
 * (DOMAIN.md §1): a Hill curve β·sᵅ/(sᵅ+κᵅ) that saturates, or a straight
 * line for a channel bought at a fixed price (visitors = spend / CPC).
 */

/** A channel's response to spend. */
export type ResponseCurveSpec =
  | { kind: 'hill'; /** ceiling of the response */ beta: number; /** shape (>1: S-shaped) */ alpha: number; /** spend at half the ceiling */ kappa: number }
  | { kind: 'linear'; /** response per yuan, e.g. 1 / CPC visitors per yuan */ perYuan: number };

/**
 * The response at a spend; 0 for no or negative spend, never NaN.
 * @example responseAt({ kind: 'hill', beta: 100, alpha: 1, kappa: 50 }, 50) // 50
 * @example responseAt({ kind: 'linear', perYuan: 1 / 1.2 }, 120) // 100
 */
export function responseAt(curve: ResponseCurveSpec, spend: number): number {
  if (!(spend > 0) || !Number.isFinite(spend)) return 0;
  if (curve.kind === 'linear') return Number.isFinite(curve.perYuan) ? curve.perYuan * spend : 0;
  const { beta, alpha, kappa } = curve;
  if (!(kappa > 0) || !Number.isFinite(beta) || !Number.isFinite(alpha)) return 0;
  // s^α/(s^α+κ^α) = 1/(1+(κ/s)^α): no overflow for large spends.
  const ratio = Math.pow(kappa / spend, alpha);
  const out = beta / (1 + ratio);
  return Number.isFinite(out) ? out : 0;
}

/**
 * The extra response per extra yuan at a spend (the slope of the curve),
 * which allocation equalises across channels.
 * @example marginalResponse({ kind: 'linear', perYuan: 2 }, 10) // 2
 */
export function marginalResponse(curve: ResponseCurveSpec, spend: number): number {
  if (curve.kind === 'linear') return Number.isFinite(curve.perYuan) ? curve.perYuan : 0;
  const { beta, alpha, kappa } = curve;
  if (!(spend > 0) || !(kappa > 0)) return alpha === 1 && kappa > 0 ? beta / kappa : 0;
  const x = Math.pow(spend / kappa, alpha);
  const out = (beta * alpha * x) / (spend * (1 + x) * (1 + x));
  return Number.isFinite(out) ? out : 0;
}

/**
 * Points of a curve from 0 to `maxSpend`, evenly spaced, for drawing.
 * @example sampleResponse({ kind: 'linear', perYuan: 1 }, 10, 3) // [[0, 0], [5, 5], [10, 10]]
 */
export function sampleResponse(curve: ResponseCurveSpec, maxSpend: number, points = 121): Array<[number, number]> {
  const n = Math.max(2, Math.floor(points));
  const top = Number.isFinite(maxSpend) && maxSpend > 0 ? maxSpend : 1;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const s = (top * i) / (n - 1);
    out.push([s, responseAt(curve, s)]);
  }
  return out;
}

/**
 * How far to draw a curve: past the chosen spends, and for a Hill curve far
 * enough to show it bend (2.5 κ), rounded up to a tidy figure.
 * @example defaultMaxSpend([{ kind: 'linear', perYuan: 1 }], [400]) // 1000
 */
export function defaultMaxSpend(curves: readonly ResponseCurveSpec[], chosen: readonly number[]): number {
  let top = 0;
  for (const s of chosen) if (Number.isFinite(s)) top = Math.max(top, s * 2);
  for (const c of curves) if (c.kind === 'hill' && Number.isFinite(c.kappa)) top = Math.max(top, c.kappa * 2.5);
  if (!(top > 0)) return 1;
  const magnitude = Math.pow(10, Math.floor(Math.log10(top)));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= top) return step * magnitude;
  return 10 * magnitude;
}
