/**
 * The statistics the risk chart shows, over simulated GMV draws. Non-finite
 * draws are left out (and counted), so no NaN reaches the screen.
 */

/** One bar of a histogram: [from, to) with its count (the last bar includes its upper edge). */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** The finite draws, sorted ascending, and how many were not finite. */
export function finiteSorted(values: readonly number[]): { sorted: number[]; dropped: number } {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return { sorted, dropped: values.length - sorted.length };
}

/**
 * The p-quantile of sorted values by linear interpolation (Excel's
 * PERCENTILE.INC), or null for no values.
 * @example quantile([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const q = Math.min(1, Math.max(0, p));
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

/**
 * Equal-width bins over the values' range; the default count is √n kept
 * between 10 and 40. Equal values make one bin.
 * @example histogram([1, 2, 2, 3], 2) // [{ from: 1, to: 2, count: 1 }, { from: 2, to: 3, count: 3 }]
 */
export function histogram(values: readonly number[], bins?: number): HistogramBin[] {
  const { sorted } = finiteSorted(values);
  if (sorted.length === 0) return [];
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (min === max) return [{ from: min, to: max, count: sorted.length }];
  const n = Math.max(1, Math.floor(bins ?? Math.min(40, Math.max(10, Math.ceil(Math.sqrt(sorted.length))))));
  const width = (max - min) / n;
  const out: HistogramBin[] = Array.from({ length: n }, (_, i) => ({ from: min + i * width, to: i === n - 1 ? max : min + (i + 1) * width, count: 0 }));
  for (const v of sorted) {
    const i = Math.min(n - 1, Math.floor((v - min) / width));
    out[i]!.count++;
  }
  return out;
}

/**
 * The share of draws at or above a target: the chance the plan makes it.
 * @example shareAtLeast([1, 2, 3, 4], 3) // 0.5
 */
export function shareAtLeast(values: readonly number[], target: number): number | null {
  const { sorted } = finiteSorted(values);
  if (sorted.length === 0 || !Number.isFinite(target)) return null;
  let count = 0;
  for (const v of sorted) if (v >= target) count++;
  return count / sorted.length;
}
