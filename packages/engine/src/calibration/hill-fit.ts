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

/**
 * More days than this and the several starts are tried on an evenly spaced
 * sample of this many days; only the best start is then refined on every
 * day. Levenberg–Marquardt here always runs its whole iteration budget, so
 * 100 years of days × 3 starts was most of a 50 MB file's calibration.
 */
export const FIT_SAMPLE_DAYS = 1000;
/** Iterations per round of the refinement on every day, from the sample's best start (already close: a few suffice). */
const REFINE_ITERATIONS = 3;
/** At most this many rounds of refinement. */
const REFINE_ROUNDS = 6;

type Params = [number, number, number];

/** One Levenberg–Marquardt run within the bounds; null when it wandered off to a non-finite answer. */
function runLm(x: number[], y: number[], start: Params, bounds: { min: number[]; max: number[] }, maxIterations: number): { params: Params; error: number } | null {
  const out = levenbergMarquardt({ x, y }, hill, {
    initialValues: [...start],
    minValues: bounds.min,
    maxValues: bounds.max,
    jacobianFunction: hillJacobian,
    maxIterations,
    errorTolerance: 1e-12,
    improvementThreshold: 1e-6,
    damping: 1e-2,
  });
  const [b, a, k] = out.parameterValues as Params;
  if (![b, a, k, out.parameterError].every(Number.isFinite)) return null;
  return { params: [b, a, k], error: out.parameterError };
}

/** Least-squares fit in scaled units (spend / median spend, visitors / max visitors), best of several starts. */
function fitScaled(spend: Float64Array, visitors: Float64Array, sScale: number, vScale: number, sMax: number): Params {
  const n = spend.length;
  const x = Array.from(spend, (s) => s / sScale);
  const y = Array.from(visitors, (v) => v / vScale);
  const bounds = { min: [0.5, 0.2, 1e-3], max: [1000, 5, (sMax / sScale) * 100] };
  // the starts on every day, or on an evenly spaced sample of a long history
  let sx = x;
  let sy = y;
  if (n > FIT_SAMPLE_DAYS) {
    sx = Array.from({ length: FIT_SAMPLE_DAYS }, (_, k) => x[Math.floor((k * n) / FIT_SAMPLE_DAYS)]!);
    sy = Array.from({ length: FIT_SAMPLE_DAYS }, (_, k) => y[Math.floor((k * n) / FIT_SAMPLE_DAYS)]!);
  }
  let best: { params: Params; error: number } | null = null;
  // A few starts around the median spend: the sum of squares of a Hill curve
  // can have more than one valley; LM converges within a few dozen steps here.
  for (const kappa0 of [0.5, 1, 2]) {
    const out = runLm(sx, sy, [2, 1, kappa0], bounds, 60);
    if (out && (!best || out.error < best.error)) best = out;
  }
  // The starting points are inside the bounds, so at least the first start is finite.
  let params = best!.params;
  if (sx === x) return params;
  // refine on every day in short rounds until a round no longer lowers the error
  let error = Infinity;
  for (let round = 0; round < REFINE_ROUNDS; round += 1) {
    const out = runLm(x, y, params, bounds, REFINE_ITERATIONS);
    if (!out) break;
    const better = out.error < error * (1 - 1e-9);
    if (out.error <= error) params = out.params;
    if (!better) break;
    error = out.error;
  }
  return params;
}

/** The median of a series (the upper one of an even count), without sorting it in place. */
function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor(sorted.length / 2)]!;
}

function fitCurve(spend: Float64Array, visitors: Float64Array, sMax: number): Params {
  const sScale = median(spend) || 1;
  let vMax = 0;
  for (const v of visitors) if (v > vMax) vMax = v;
  const vScale = vMax || 1;
  const [b, a, k] = fitScaled(spend, visitors, sScale, vScale, sMax);
  return [b * vScale, a, k * sScale];
}

function score(params: Params, spend: Float64Array, visitors: Float64Array): { r2: number; mape: number; nrmse: number } {
  const f = hill(params);
  const n = spend.length;
  let mean = 0;
  for (const v of visitors) mean += v;
  mean /= n;
  let sse = 0;
  let sst = 0;
  let ape = 0;
  let apeCount = 0;
  for (let i = 0; i < n; i += 1) {
    const v = visitors[i]!;
    const e = v - f(spend[i]!);
    sse += e * e;
    sst += (v - mean) ** 2;
    if (v > 0) {
      ape += Math.abs(e) / v;
      apeCount += 1;
    }
  }
  return {
    r2: sst > 0 ? 1 - sse / sst : sse === 0 ? 1 : 0,
    mape: apeCount > 0 ? ape / apeCount : 0,
    nrmse: mean > 0 ? Math.sqrt(sse / n) / mean : 0,
  };
}

/**
 * Fits a Hill curve to days in time order, or says why the channel stays
 * linear: fewer than MIN_CURVE_DAYS days, or spend that does not vary enough.
 * Days without spend are left out (they say nothing about the curve).
 * @example fitHill(days) // { ok: true, fit: { beta, alpha, kappa, r2, mape, nrmse, spendMin, spendMax } }
 */
export function fitHill(days: readonly SpendPoint[]): { ok: true; fit: HillFit } | { ok: false; reason: NoCurveReason } {
  return fitHillSeries(Float64Array.from(days, (d) => d.spend), Float64Array.from(days, (d) => d.visitors));
}

/**
 * fitHill over columns: day i spent `spend[i]` and brought `visitors[i]`,
 * days in time order (the form calibration keeps a long history in).
 * @example fitHillSeries(new Float64Array([...spend]), new Float64Array([...visitors]))
 */
export function fitHillSeries(spend: Float64Array, visitors: Float64Array): { ok: true; fit: HillFit } | { ok: false; reason: NoCurveReason } {
  let count = 0;
  for (const s of spend) if (s > 0) count += 1;
  if (count < MIN_CURVE_DAYS) return { ok: false, reason: 'too_few_days' };
  const s = new Float64Array(count);
  const v = new Float64Array(count);
  for (let i = 0, j = 0; i < spend.length; i += 1) {
    if (!(spend[i]! > 0)) continue;
    s[j] = spend[i]!;
    v[j] = visitors[i]!;
    j += 1;
  }
  let spendMin = Infinity;
  let spendMax = -Infinity;
  let total = 0;
  for (const x of s) {
    if (x < spendMin) spendMin = x;
    if (x > spendMax) spendMax = x;
    total += x;
  }
  const mean = total / count;
  let squares = 0;
  for (const x of s) squares += (x - mean) ** 2;
  const sd = Math.sqrt(squares / count);
  if (sd / mean < MIN_SPEND_CV || spendMax < MIN_SPEND_RATIO * spendMin) return { ok: false, reason: 'flat_spend' };
  const cut = Math.floor(count * 0.8);
  const trained = fitCurve(s.subarray(0, cut), v.subarray(0, cut), spendMax);
  const quality = score(trained, s.subarray(cut), v.subarray(cut));
  const [beta, alpha, kappa] = fitCurve(s, v, spendMax);
  return { ok: true, fit: { beta, alpha, kappa, ...quality, spendMin, spendMax } };
}
