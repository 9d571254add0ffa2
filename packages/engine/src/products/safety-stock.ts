/**
 * Safety stock (DOMAIN.md §5): z × σ(weekly demand) × √(lead time in weeks),
 * z from the service level, σ = demandCv × mean weekly units over the weeks
 * on sale, and the lead time in supplier working days over 5 to a week.
 */

import { literal } from './mechanics.ts';

/** Misuse: a service level outside (0, 1), or a safety-stock input that is not a finite number ≥ 0. */
export class SafetyStockUsageError extends Error {
  override name = 'SafetyStockUsageError';
}

/** Supplier working days in a week, for √(lead time in weeks). */
export const WORKDAYS_PER_WEEK = 5;

// P. J. Acklam, "An algorithm for computing the inverse normal cumulative
// distribution function" (2003): a rational approximation in three regions,
// relative error below 1.15e-9 over (0, 1); ample for a z that multiplies a
// demand forecast. Coefficients as Acklam published them.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function horner(coefficients: readonly number[], x: number): number {
  let sum = 0;
  for (const c of coefficients) sum = sum * x + c;
  return sum;
}

/** The lower tail of Acklam's approximation: x for p < P_LOW. */
function lowerTail(p: number): number {
  const q = Math.sqrt(-2 * Math.log(p));
  return horner(C, q) / (horner(D, q) * q + 1);
}

/**
 * z of a service level: the standard normal quantile Φ⁻¹(level), by Acklam's
 * rational approximation (relative error < 1.15e-9).
 * Throws SafetyStockUsageError for a level outside (0, 1) (plan v4 holds
 * 0.5–0.999; the schema refuses the rest).
 * @example serviceLevelZ(0.95) // 1.6448536…
 */
export function serviceLevelZ(level: number): number {
  if (!(level > 0 && level < 1)) throw new SafetyStockUsageError(`a service level must lie strictly between 0 and 1, not ${level}`);
  if (level < P_LOW) return lowerTail(level);
  if (level > 1 - P_LOW) return -lowerTail(1 - level);
  const q = level - 0.5;
  const r = q * q;
  return (horner(A, r) * q) / (horner(B, r) * r + 1);
}

/** The cells the safety-stock formula reads (references or expressions). */
export interface SafetyStockRefs {
  /**
   * z of the product's service level: a value cell written from
   * `serviceLevelZ`. The inverse normal is not in FORMULA_FUNCTIONS
   * (NORM.S.INV differs in its last digits from program to program, and
   * Acklam's tails need LN, also outside the subset), so z is computed once in
   * TypeScript and written as a number; editing the service level rewrites it.
   */
  z: string;
  /** Weekly demand variability σ / mean. */
  demandCv: string;
  /** Mean weekly units over the weeks on sale. */
  meanWeeklyUnits: string;
  /** Supplier lead time in working days. */
  leadDays: string;
}

/**
 * The formula expression (no leading `=`) of a product's safety stock in units:
 * z × demandCv × mean weekly units × (leadDays / 5)^0.5. The square root is
 * the `^` operator, which Excel, LibreOffice and HyperFormula share (SQRT is
 * not in FORMULA_FUNCTIONS); a lead time of 0 gives 0 safety stock. Not
 * rounded: the order quantity rounds up.
 * @example safetyStockFormula({ z: 'F2', demandCv: 'G2', meanWeeklyUnits: 'H2', leadDays: 'I2' }) // '(F2)*(G2)*(H2)*((I2)/5)^0.5'
 */
export function safetyStockFormula(refs: SafetyStockRefs): string {
  return `(${refs.z})*(${refs.demandCv})*(${refs.meanWeeklyUnits})*((${refs.leadDays})/${literal(WORKDAYS_PER_WEEK)})^0.5`;
}

/**
 * Safety stock in units, computed as `safetyStockFormula` is evaluated
 * (TypeScript twin). Throws SafetyStockUsageError for inputs that are not
 * finite numbers ≥ 0 (z may be negative: a service level under 50%).
 * @example safetyStock(serviceLevelZ(0.95), 0.3, 100, 10) // ≈ 69.79: 1.645 × 30 × √2
 */
export function safetyStock(z: number, demandCv: number, meanWeeklyUnits: number, leadDays: number): number {
  if (!Number.isFinite(z)) throw new SafetyStockUsageError(`z must be a finite number, not ${z}`);
  for (const [what, x] of [['demandCv', demandCv], ['meanWeeklyUnits', meanWeeklyUnits], ['leadDays', leadDays]] as const) {
    if (!(Number.isFinite(x) && x >= 0)) throw new SafetyStockUsageError(`${what} must be a finite number ≥ 0, not ${x}`);
  }
  return z * demandCv * meanWeeklyUnits * (leadDays / WORKDAYS_PER_WEEK) ** 0.5;
}
