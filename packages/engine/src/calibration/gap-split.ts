/**
 * Splitting a GMV gap into the parts its factors explain (DOMAIN.md section 5):
 * GMV = visitors × CVR × AOV, so actual − plan = traffic + conversion + order
 * value. The split is the log-mean Divisia index (LMDI-I): each factor's part
 * is L(G₁, G₀) · ln(x₁ / x₀), where L is the logarithmic mean. The parts add
 * up to the gap because the logs of the factors add up to the log of GMV, and
 * no factor comes "first", so the order they are listed in does not matter.
 *
 * Where a factor is zero on one side the logs are infinite; the split then
 * takes the exact limit of the formula as that factor tends to zero (the
 * whole gap goes to the factors that are zero, shared equally), not a tiny
 * epsilon. Parts are whole fen that sum exactly to the gap in fen (exact
 * while GMV stays below about 9 × 10¹³ yuan, where fen still fit a double).
 */

/** One factor of a product: its value in the plan and in the actuals (both ≥ 0). */
export interface GapFactor {
  name: string;
  plan: number;
  actual: number;
}

/** Thrown for factors that are negative or not finite: a caller's bug, not a planner's. */
export class GapSplitError extends Error {
  override name = 'GapSplitError';
}

/** The logarithmic mean of two positive numbers; L(x, x) = x. */
export function logMean(a: number, b: number): number {
  if (a === b) return a;
  return (a - b) / (Math.log(a) - Math.log(b));
}

/**
 * Rounds real parts to whole fen that sum exactly to `totalFen`: each part is
 * rounded down, then the fen left over go to the parts with the largest
 * fractional remainders (ties by name, so listing order cannot matter).
 */
function toFen(parts: readonly { name: string; value: number }[], totalFen: number): Map<string, number> {
  const floors = parts.map((p) => ({ name: p.name, fen: Math.floor(p.value * 100), rest: p.value * 100 - Math.floor(p.value * 100) }));
  let left = totalFen - floors.reduce((s, f) => s + f.fen, 0);
  const order = [...floors].sort((x, y) => (left >= 0 ? y.rest - x.rest : x.rest - y.rest) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  // left is small (at most the number of parts, by floating error a little more); spread it one fen at a time
  let i = 0;
  while (left !== 0 && order.length > 0) {
    const f = order[i % order.length]!;
    f.fen += left > 0 ? 1 : -1;
    left += left > 0 ? -1 : 1;
    i += 1;
  }
  return new Map(floors.map((f) => [f.name, f.fen]));
}

/**
 * Splits the gap Π actual − Π plan over the factors by LMDI. Returns each
 * factor's part in yuan (whole fen); `gap` is the product's difference
 * rounded to fen, and the parts' fen sum to the gap's fen exactly.
 * @throws GapSplitError when a factor is negative or not finite, or names repeat.
 * @example splitGap([{name:'visitors',plan:100,actual:120},{name:'cvr',plan:0.02,actual:0.02},{name:'aov',plan:150,actual:150}])
 *   // { gap: 60, parts: { visitors: 60, cvr: 0, aov: 0 } }
 */
export function splitGap(factors: readonly GapFactor[]): { gap: number; parts: Record<string, number> } {
  const names = new Set<string>();
  for (const f of factors) {
    if (!(Number.isFinite(f.plan) && Number.isFinite(f.actual)) || f.plan < 0 || f.actual < 0) {
      throw new GapSplitError(`factor ${f.name}: values must be finite and ≥ 0 (plan ${f.plan}, actual ${f.actual})`);
    }
    if (names.has(f.name)) throw new GapSplitError(`factor ${f.name} is listed twice`);
    names.add(f.name);
  }
  // Multiply in name order, so the listing order cannot change a product's last bit.
  const byName = [...factors].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const g0 = byName.reduce((p, f) => p * f.plan, 1);
  const g1 = byName.reduce((p, f) => p * f.actual, 1);
  const gapFen = Math.round(g1 * 100) - Math.round(g0 * 100);
  let real: { name: string; value: number }[];
  if (gapFen === 0 || (g0 === 0 && g1 === 0)) {
    real = factors.map((f) => ({ name: f.name, value: 0 }));
  } else if (g0 === 0 || g1 === 0) {
    // Limit of L(G₁,G₀)·ln(x₁/x₀) as the zero factors tend to 0: the ratio of
    // each zero factor's log to the log of the product tends to 1 / (number of
    // zero factors), and every other factor's part tends to 0.
    const zeroSide = g0 === 0 ? 'plan' : 'actual';
    const zeros = factors.filter((f) => f[zeroSide] === 0).length;
    real = factors.map((f) => ({ name: f.name, value: f[zeroSide] === 0 ? gapFen / 100 / zeros : 0 }));
  } else {
    const l = logMean(g1, g0);
    real = factors.map((f) => ({ name: f.name, value: f.actual === f.plan ? 0 : l * Math.log(f.actual / f.plan) }));
  }
  const fen = toFen(real, gapFen);
  const parts: Record<string, number> = {};
  for (const f of factors) parts[f.name] = fen.get(f.name)! / 100;
  return { gap: gapFen / 100, parts };
}
