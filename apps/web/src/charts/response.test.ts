import { describe, expect, it } from 'vitest';
import { defaultMaxSpend, marginalResponse, responseAt, sampleResponse } from './response.ts';

const hill = { kind: 'hill', beta: 1000, alpha: 2, kappa: 100 } as const;

describe('response curves', () => {
  it('a Hill curve gives half its ceiling at κ and saturates towards β', () => {
    expect(responseAt(hill, 100)).toBeCloseTo(500, 10);
    expect(responseAt(hill, 0)).toBe(0);
    expect(responseAt(hill, 1e12)).toBeCloseTo(1000, 6);
    expect(responseAt(hill, 300)).toBeCloseTo(1000 * 9 / 10, 10);
  });

  it('a linear channel buys at a fixed price (visitors = spend / CPC)', () => {
    expect(responseAt({ kind: 'linear', perYuan: 1 / 1.2 }, 328867.24)).toBeCloseTo(274056.03, 2);
    expect(marginalResponse({ kind: 'linear', perYuan: 2 }, 5)).toBe(2);
  });

  it('the marginal return is the slope of the curve and falls past the bend', () => {
    const h = 1e-3;
    const numeric = (responseAt(hill, 150 + h) - responseAt(hill, 150 - h)) / (2 * h);
    expect(marginalResponse(hill, 150)).toBeCloseTo(numeric, 6);
    expect(marginalResponse(hill, 400)).toBeLessThan(marginalResponse(hill, 150));
  });

  it('never returns NaN for degenerate input', () => {
    for (const spend of [Number.NaN, -5, Number.POSITIVE_INFINITY, 0]) {
      expect(Number.isFinite(responseAt(hill, spend))).toBe(true);
      expect(Number.isFinite(marginalResponse(hill, spend))).toBe(true);
    }
    expect(responseAt({ kind: 'hill', beta: 1, alpha: 1, kappa: 0 }, 10)).toBe(0);
  });

  it('samples from zero to the right end and picks a tidy axis end', () => {
    const pts = sampleResponse({ kind: 'linear', perYuan: 1 }, 10, 3);
    expect(pts).toEqual([[0, 0], [5, 5], [10, 10]]);
    expect(defaultMaxSpend([hill], [120])).toBe(250);
    expect(defaultMaxSpend([{ kind: 'linear', perYuan: 1 }], [328867])).toBe(1000000);
    expect(defaultMaxSpend([], [])).toBe(1);
  });
});
