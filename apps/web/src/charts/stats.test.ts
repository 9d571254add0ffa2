import { describe, expect, it } from 'vitest';
import { finiteSorted, histogram, quantile, shareAtLeast } from './stats.ts';

describe('risk statistics', () => {
  it('quantiles interpolate like PERCENTILE.INC', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(s, 0.1)).toBeCloseTo(1.9, 12);
    expect(quantile(s, 0.5)).toBe(5.5);
    expect(quantile(s, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('bins cover every finite draw exactly once', () => {
    const draws = Array.from({ length: 1000 }, (_, i) => 2e6 + (i * 7919) % 1e6);
    const bins = histogram(draws);
    expect(bins.length).toBeGreaterThanOrEqual(10);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(1000);
    expect(bins[0]!.from).toBe(Math.min(...draws));
    expect(bins[bins.length - 1]!.to).toBe(Math.max(...draws));
    expect(histogram([5, 5, 5])).toEqual([{ from: 5, to: 5, count: 3 }]);
    expect(histogram([])).toEqual([]);
  });

  it('leaves out and counts non-finite draws', () => {
    expect(finiteSorted([3, Number.NaN, 1, Number.POSITIVE_INFINITY])).toEqual({ sorted: [1, 3], dropped: 2 });
    expect(shareAtLeast([1, 2, 3, 4, Number.NaN], 3)).toBe(0.5);
    expect(shareAtLeast([], 3)).toBeNull();
  });
});
