import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitGap, GapSplitError, logMean } from './gap-split.ts';

const fenOf = (x: number): number => Math.round(x * 100);

/** Factor values as shops have them, often exactly zero: visitors, CVR, AOV. */
const zeroOr = (a: fc.Arbitrary<number>) => fc.oneof(fc.constant(0), a);
const visitors = zeroOr(fc.double({ min: 1e-3, max: 1e8, noNaN: true }));
const cvr = zeroOr(fc.double({ min: 1e-6, max: 1, noNaN: true }));
const aov = zeroOr(fc.double({ min: 0.01, max: 1e5, noNaN: true }));
const factors = fc.tuple(visitors, cvr, aov, visitors, cvr, aov).map(([v0, c0, a0, v1, c1, a1]) => [
  { name: 'traffic', plan: v0, actual: v1 },
  { name: 'conversion', plan: c0, actual: c1 },
  { name: 'orderValue', plan: a0, actual: a1 },
]);

describe('splitting a GMV gap (LMDI)', () => {
  it('Given any plan and actuals, zeros included, Then the parts sum to the gap exactly in fen, in any factor order', () => {
    fc.assert(
      fc.property(factors, fc.nat(5), (fs, rot) => {
        const base = splitGap(fs);
        const sumFen = Object.values(base.parts).reduce((s, p) => s + fenOf(p), 0);
        expect(sumFen).toBe(fenOf(base.gap));
        for (const p of Object.values(base.parts)) expect(Number.isInteger(Math.round(p * 100))).toBe(true);
        // every ordering of the factors gives the same part per factor
        const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        const permuted = splitGap(orders[rot]!.map((i) => fs[i]!));
        expect(permuted).toEqual(base);
      }),
      { numRuns: 500 },
    );
  });

  it('Given zero visitors in the plan, Then the whole gap is traffic (the exact limit, no epsilon)', () => {
    const out = splitGap([
      { name: 'traffic', plan: 0, actual: 1000 },
      { name: 'conversion', plan: 0.02, actual: 0.03 },
      { name: 'orderValue', plan: 150, actual: 100 },
    ]);
    expect(out).toEqual({ gap: 3000, parts: { traffic: 3000, conversion: 0, orderValue: 0 } });
  });

  it('Given zero visitors in the actuals, Then the whole shortfall is traffic', () => {
    const out = splitGap([
      { name: 'traffic', plan: 1000, actual: 0 },
      { name: 'conversion', plan: 0.02, actual: 0.02 },
      { name: 'orderValue', plan: 150, actual: 150 },
    ]);
    expect(out).toEqual({ gap: -3000, parts: { traffic: -3000, conversion: 0, orderValue: 0 } });
  });

  it('Given only traffic changed, Then conversion and order value explain nothing', () => {
    const out = splitGap([
      { name: 'traffic', plan: 1000, actual: 1200 },
      { name: 'conversion', plan: 0.02, actual: 0.02 },
      { name: 'orderValue', plan: 150, actual: 150 },
    ]);
    expect(out).toEqual({ gap: 600, parts: { traffic: 600, conversion: 0, orderValue: 0 } });
  });

  it('Given a known case, Then the parts are the log-mean weights of the log changes', () => {
    const out = splitGap([
      { name: 'traffic', plan: 1000, actual: 2000 },
      { name: 'conversion', plan: 0.02, actual: 0.01 },
      { name: 'orderValue', plan: 100, actual: 150 },
    ]);
    // G0 = 2000, G1 = 3000, L = 1000 / ln 1.5
    const l = logMean(3000, 2000);
    expect(out.gap).toBe(1000);
    expect(out.parts.traffic).toBeCloseTo(l * Math.log(2), 2);
    expect(out.parts.conversion).toBeCloseTo(l * Math.log(0.5), 2);
    expect(out.parts.traffic! + out.parts.conversion!).toBeCloseTo(0, 2); // ×2 and ×½ cancel
  });

  it('Given a negative factor, Then it throws the documented error', () => {
    expect(() => splitGap([{ name: 'x', plan: -1, actual: 1 }])).toThrow(GapSplitError);
    expect(() => splitGap([{ name: 'x', plan: 1, actual: Number.NaN }])).toThrow(GapSplitError);
  });
});
