import { levenbergMarquardt } from 'ml-levenberg-marquardt';

/**
 * Fitting a paid channel's Hill curve, visitors(spend) = β·sᵅ / (sᵅ + κᵅ),
 * to its daily spend and visitors by bounded least squares
 * (Levenberg–Marquardt from ml-levenberg-marquardt). The fit is judged on a
 * time-ordered hold-out: the curve is fitted on the first 80% of days and
 * scored on the last 20% (R², MAPE, NRMSE), so a curve that only memorises
 * the past scores badly; the curve reported is then refitted on all days.
 */

/** One day's spend and the visitors it brought. */
export interface SpendPoint {
  spend: number;
  visitors: number;
}

/** A fitted curve and how well it predicted the days it was not fitted on. */
export interface HillFit {
  beta: number;
  alpha: number;
  kappa: number;
  /** Coefficient of determination on the hold-out days. */
  r2: number;
  /** Mean absolute percentage error on the hold-out days (a fraction). */
  mape: number;
  /** Root mean square error over mean visitors, on the hold-out days. */
  nrmse: number;
  /** The smallest and largest daily spend seen: beyond them the curve is a guess. */
  spendMin: number;
  spendMax: number;
}

/** Why a channel was kept linear. */
export type NoCurveReason = 'too_few_days' | 'flat_spend';

/** Fewer days than this and no curve is fitted. */
export const MIN_CURVE_DAYS = 30;
/**
 * Spend "varies enough" when its coefficient of variation is at least this
 * and the largest day is at least twice the smallest: otherwise the data
 * cannot tell saturation from a straight line.
 */
export const MIN_SPEND_CV = 0.2;
export const MIN_SPEND_RATIO = 2;

const hill = ([beta, alpha, kappa]: number[]) => (s: number): number => {
  if (s <= 0) return 0;
  const sa = Math.pow(s, alpha!);
  return (beta! * sa) / (sa + Math.pow(kappa!, alpha!));
};

/** Analytic partial derivatives of the Hill curve in β, α and κ. */
const hillJacobian = ([beta, alpha, kappa]: number[]) => (s: number): number[] => {
  if (s <= 0) return [0, 0, 0];
  const sa = Math.pow(s, alpha!);
  const ka = Math.pow(kappa!, alpha!);
  const d = sa + ka;
  const dBeta = sa / d;
  const common = (beta! * sa * ka) / (d * d);
  return [dBeta, common * (Math.log(s) - Math.log(kappa!)), (-common * alpha!) / kappa!];
};

/** Least-squares fit in scaled units (spend / median spend, visitors / max visitors), best of several starts. */
function fitScaled(points: readonly SpendPoint[], sScale: number, vScale: number, sMax: number): [number, number, number] {
  const x = points.map((p) => p.spend / sScale);
  const y = points.map((p) => p.visitors / vScale);
  const xMax = sMax / sScale;
  const minValues = [0.5, 0.2, 1e-3];
  const maxValues = [1000, 5, xMax * 100];
  let best: { params: [number, number, number]; error: number } | null = null;
  // A few starts around the median spend: the sum of squares of a Hill curve
  // can have more than one valley; LM converges within a few dozen steps here.
  for (const kappa0 of [0.5, 1, 2]) {
    for (const alpha0 of [1]) {
      const out = levenbergMarquardt({ x, y }, hill, {
        initialValues: [2, alpha0, kappa0],
        minValues,
        maxValues,
        jacobianFunction: hillJacobian,
        maxIterations: 60,
        errorTolerance: 1e-12,
        improvementThreshold: 1e-6,
        damping: 1e-2,
      });
      const [b, a, k] = out.parameterValues as [number, number, number];
      if (![b, a, k, out.parameterError].every(Number.isFinite)) continue;
      if (!best || out.parameterError < best.error) best = { params: [b, a, k], error: out.parameterError };
    }
  }
  // The starting points are inside the bounds, so at least the first start is finite.
  return best!.params;
}

function fitCurve(points: readonly SpendPoint[], sMax: number): [number, number, number] {
  const spends = points.map((p) => p.spend).sort((a, b) => a - b);
  const sScale = spends[Math.floor(spends.length / 2)]! || 1;
  const vScale = Math.max(...points.map((p) => p.visitors)) || 1;
  const [b, a, k] = fitScaled(points, sScale, vScale, sMax);
  return [b * vScale, a, k * sScale];
}

function score(params: [number, number, number], test: readonly SpendPoint[]): { r2: number; mape: number; nrmse: number } {
  const f = hill(params);
  const mean = test.reduce((s, p) => s + p.visitors, 0) / test.length;
  let sse = 0;
  let sst = 0;
  let ape = 0;
  let apeCount = 0;
  for (const p of test) {
    const e = p.visitors - f(p.spend);
    sse += e * e;
    sst += (p.visitors - mean) ** 2;
    if (p.visitors > 0) {
      ape += Math.abs(e) / p.visitors;
      apeCount += 1;
    }
  }
  return {
    r2: sst > 0 ? 1 - sse / sst : sse === 0 ? 1 : 0,
    mape: apeCount > 0 ? ape / apeCount : 0,
    nrmse: mean > 0 ? Math.sqrt(sse / test.length) / mean : 0,
  };
}

/**
 * Fits a Hill curve to days in time order, or says why the channel stays
 * linear: fewer than MIN_CURVE_DAYS days, or spend that does not vary enough.
 * Days without spend are left out (they say nothing about the curve).
 * @example fitHill(days) // { ok: true, fit: { beta, alpha, kappa, r2, mape, nrmse, spendMin, spendMax } }
 */
export function fitHill(days: readonly SpendPoint[]): { ok: true; fit: HillFit } | { ok: false; reason: NoCurveReason } {
  const points = days.filter((d) => d.spend > 0);
  if (points.length < MIN_CURVE_DAYS) return { ok: false, reason: 'too_few_days' };
  const spends = points.map((p) => p.spend);
  const spendMin = Math.min(...spends);
  const spendMax = Math.max(...spends);
  const mean = spends.reduce((s, v) => s + v, 0) / spends.length;
  const sd = Math.sqrt(spends.reduce((s, v) => s + (v - mean) ** 2, 0) / spends.length);
  if (sd / mean < MIN_SPEND_CV || spendMax < MIN_SPEND_RATIO * spendMin) return { ok: false, reason: 'flat_spend' };
  const cut = Math.floor(points.length * 0.8);
  const trained = fitCurve(points.slice(0, cut), spendMax);
  const quality = score(trained, points.slice(cut));
  const [beta, alpha, kappa] = fitCurve(points, spendMax);
  return { ok: true, fit: { beta, alpha, kappa, ...quality, spendMin, spendMax } };
}
