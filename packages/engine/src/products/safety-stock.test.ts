import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safetyStock, safetyStockFormula, serviceLevelZ, SafetyStockUsageError } from './safety-stock.ts';
import { evaluateOverCells, functionsOutsideSubset } from './formula-harness.test-data.ts';

/** Φ(z) by Simpson's rule on the normal density: an independent check of the quantile. */
function normalCdf(z: number): number {
  const n = 20_000;
  const h = z / n;
  const density = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  let sum = density(0) + density(z);
  for (let i = 1; i < n; i++) sum += density(i * h) * (i % 2 === 1 ? 4 : 2);
  return 0.5 + (sum * h) / 3;
}

describe('safety stock: z from the service level (Acklam)', () => {
  it.each([
    [0.9, 1.2816],
    [0.95, 1.6449],
    [0.99, 2.3263],
    [0.5, 0],
    [0.999, 3.0902],
  ])('Given a service level of %s, Then z = %s (4 decimals, as the tables print it)', (level, z) => {
    expect(serviceLevelZ(level)).toBeCloseTo(z, 4);
  });

  it('Then Φ(z) gives back the service level to 1e-8 across all three regions of the approximation, and z rises with the level', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.001, noNaN: true }), (level, step) => {
        const z = serviceLevelZ(level);
        expect(Math.abs(normalCdf(z) - level)).toBeLessThan(1e-8);
        // rises with the level, up to the inverse's own accuracy: Φ is computed to ~1e-15 and
        // dz/dp = 1/φ(z) is ~17 in the tails, so a level 1e-16 higher may give a z 7e-14 lower
        // (fast-check found [0.025491…, 1.09e-16]); a planner's z never moves in the 12th decimal
        if (level + step < 1) expect(serviceLevelZ(level + step)).toBeGreaterThanOrEqual(z - 1e-12);
        expect(serviceLevelZ(1 - level)).toBeCloseTo(-z, 8);
      }),
      { numRuns: 200, examples: [[0.02549104566637209, 1.0928757898653886e-16]] },
    );
  });

  it.each([0, 1, -0.5, 1.5, Number.NaN])('Given a service level of %s, Then SafetyStockUsageError', (level) => {
    expect(() => serviceLevelZ(level)).toThrow(SafetyStockUsageError);
  });
});

describe('safety stock: the formula through HyperFormula equals the twin', () => {
  it('Given 95%, σ/mean 0.3, 100 units a week, 10 working days, Then 1.6449 × 30 × √2 ≈ 69.79 units', () => {
    const z = serviceLevelZ(0.95);
    // 1.64485 × 0.3 × 100 × √(10 / 5) = 1.64485 × 30 × 1.41421 = 69.785
    expect(safetyStock(z, 0.3, 100, 10)).toBeCloseTo(69.785, 2);
    expect(safetyStock(z, 0.3, 100, 0)).toBe(0);
  });

  it('Then for any inputs the formula is a finite number ≥ 0 for z ≥ 0, equal to the twin, using only FORMULA_FUNCTIONS', () => {
    const formula = safetyStockFormula({ z: 'A1', demandCv: 'B1', meanWeeklyUnits: 'C1', leadDays: 'D1' });
    expect(functionsOutsideSubset(formula)).toEqual([]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.5, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 250 })), { minLength: 1, maxLength: 30 }),
        (cases) => {
          const rows = cases.map(([level, cv, mean, lead]) => [serviceLevelZ(level), cv, mean, lead] as const);
          // columns A–D of row i hold the inputs; the harness puts one input in A, so the others are inlined literals here
          const hf = evaluateOverCells(
            rows.map((r) => r[0]),
            (ref, i) => safetyStockFormula({ z: ref, demandCv: String(rows[i]![1]), meanWeeklyUnits: String(rows[i]![2]), leadDays: String(rows[i]![3]) }),
          );
          rows.forEach(([z, cv, mean, lead], i) => {
            const twin = safetyStock(z, cv, mean, lead);
            expect(typeof hf[i]).toBe('number');
            expect(hf[i]).toBe(twin);
            expect(twin).toBeGreaterThanOrEqual(0);
          });
        },
      ),
      { numRuns: 20 },
    );
  });

  it('Then inputs that are not finite numbers ≥ 0 are misuse', () => {
    expect(() => safetyStock(1, -0.1, 10, 5)).toThrow(SafetyStockUsageError);
    expect(() => safetyStock(1, 0.3, Number.NaN, 5)).toThrow(SafetyStockUsageError);
    expect(() => safetyStock(Number.POSITIVE_INFINITY, 0.3, 10, 5)).toThrow(SafetyStockUsageError);
  });
});
