import type { ResponseCurve } from '@shopplan/schema';
import { hillInflection, hillMarginalVisitors, hillSpend, hillVisitors } from './response-curve.ts';

/*
 * The allocator's search: the best spend per channel for a budget or a GMV
 * need, where each channel's GMV is a curve of its spend. Hill curves with
 * α > 1 are S-shaped (convex, then concave), so "equalise marginal ROI" alone
 * can stop at a poor point: a curve has two spends with the same marginal
 * ROI, and the best mix may leave a channel at its minimum.
 *
 * The method is branch and bound over concave envelopes (sigmoidal
 * programming, as in Udell & Boyd, "Maximizing a sum of sigmoids"):
 * - on a spend interval [a, b] each curve is replaced by its concave
 *   envelope: a chord from a to the point where a line from (a, g(a))
 *   touches the curve, then the curve itself. With envelopes the problem is
 *   concave and one multiplier λ solves it exactly (bisection on λ);
 * - its value bounds the true optimum on that box; where the relaxed spend
 *   of a channel lies inside a chord, the envelope overstates the curve, and
 *   that channel's interval is split at the spend, giving two tighter boxes;
 * - best box first; boxes that cannot beat the best real mix found are
 *   dropped, until the bound and the best mix agree to RELATIVE_GAP.
 * The result carries the remaining gap, so a caller can say how close it is.
 */

/** GMV as a function of spend for one paid channel, as the search sees it. */
export interface Arm {
  /** GMV the spend x brings. */
  gmv(x: number): number;
  /** GMV the next yuan brings at x (right derivative). */
  marginal(x: number): number;
  /** GMV is concave in spend from here on (the S-curve's inflection; a fee for a live stream). */
  inflection: number;
  /** The spend in [a, b] (a ≥ inflection) whose marginal GMV is λ, or the end of [a, b] nearest to it. */
  stationary(lambda: number, a: number, b: number): number;
  /** The spend that brings `gmv` (Infinity when the curve never reaches it). */
  spendFor(gmv: number): number;
}

/**
 * A channel whose GMV grows linearly with spend above a fee: `rate` yuan of
 * GMV per yuan (cpc/cpm/crm without a curve: UV value / cost per visitor;
 * commission channels: 1 / commission; a live stream's fee buys nothing).
 */
export function linearArm(rate: number, fee: number): Arm {
  return {
    gmv: (x) => rate * Math.max(0, x - fee),
    marginal: (x) => (x >= fee ? rate : 0),
    inflection: fee,
    stationary: (lambda, a, b) => (rate > lambda ? b : a),
    spendFor: (g) => (g <= 0 ? fee : rate > 0 ? fee + g / rate : Infinity),
  };
}

/** A channel on a Hill curve: GMV = UV value × β·xᵅ/(xᵅ+κᵅ). */
export function hillArm(c: ResponseCurve, valuePerVisitor: number): Arm {
  const k = valuePerVisitor * c.beta * c.alpha;
  const lnKappa = Math.log(c.kappa);
  const marginal = (x: number) => valuePerVisitor * hillMarginalVisitors(c, x);
  return {
    gmv: (x) => valuePerVisitor * hillVisitors(c, x),
    marginal,
    inflection: hillInflection(c),
    spendFor: (g) => (valuePerVisitor > 0 ? hillSpend(c, g / valuePerVisitor) : g <= 0 ? 0 : Infinity),
    stationary(lambda, a, b) {
      if (!(k > 0) || !(marginal(a) > lambda)) return a;
      if (Number.isFinite(b) && marginal(b) >= lambda) return b;
      if (c.alpha === 1) {
        // closed form of vpv·β·κ/(x+κ)² = λ
        return Math.min(b, Math.max(a, Math.sqrt((valuePerVisitor * c.beta * c.kappa) / lambda) - c.kappa));
      }
      // a bracket in ln x: marginal ≥ λ at lo, ≤ λ at hi
      let lo = a > 0 ? Math.log(a) : lnKappa;
      while (marginal(Math.exp(lo)) < lambda && lo > -700) lo -= 8;
      let hi = Number.isFinite(b) ? Math.log(b) : Math.max(lo, lnKappa) + 8;
      while (!Number.isFinite(b) && marginal(Math.exp(hi)) > lambda && hi < 700) hi += 8;
      return Math.min(b, Math.max(a, Math.exp(solveMarginal(k, c.alpha, lnKappa, lambda, lo, hi))));
    },
  };
}

/**
 * ln x where a Hill curve's marginal GMV, K·q/(x(1+q)²) with q = (κ/x)^α,
 * equals λ on its concave branch, x in [e^ul, e^uh]. Newton's method in log
 * space (d ln g'/d ln x = −1 − α(1−q)/(1+q)) kept inside a bisection bracket.
 */
function solveMarginal(k: number, alpha: number, lnKappa: number, lambda: number, ul: number, uh: number): number {
  const target = Math.log(lambda);
  const lnK = Math.log(k);
  const phi = (u: number) => {
    const lq = alpha * (lnKappa - u);
    return lnK + lq - u - 2 * (lq > 30 ? lq : Math.log1p(Math.exp(lq))) - target;
  };
  let [l, h] = [ul, uh];
  // start from the secant of the bracket: φ is close to linear in ln x
  const [fl, fh] = [phi(l), phi(h)];
  let u = Number.isFinite(fl) && Number.isFinite(fh) && fl > fh ? l + (fl * (h - l)) / (fl - fh) : (l + h) / 2;
  if (!(u > l && u < h)) u = (l + h) / 2;
  for (let i = 0; i < 200; i++) {
    const f = phi(u);
    // the marginal equals λ to 1e-15 (relative), or the bracket is down to neighbouring doubles
    if (Math.abs(f) < 1e-15 || h - l <= 4e-16 * Math.max(1, Math.abs(u))) return u;
    if (f > 0) l = u; else h = u; // φ falls with u on the concave branch
    const q = Math.exp(alpha * (lnKappa - u));
    const slope = Number.isFinite(q) ? -1 - (alpha * (1 - q)) / (1 + q) : -1 + alpha;
    let next = slope < 0 ? u - f / slope : NaN;
    if (!(next > l && next < h)) next = (l + h) / 2;
    if (next === u) return u;
    u = next;
  }
  return u;
}

/**
 * The concave envelope of an arm on [a, b]: the chord from (a, g(a)) with
 * `slope` up to p, then the curve itself on [p, b] (p = a: no chord).
 */
interface Envelope {
  a: number;
  b: number;
  p: number;
  slope: number;
  ga: number;
}

function envelope(arm: Arm, a: number, b: number): Envelope {
  const ga = arm.gmv(a);
  if (a >= arm.inflection || b <= a) return { a, b, p: a, slope: arm.marginal(a), ga };
  // The line from (a, g(a)) touching the curve at t: F(t) = g'(t)(t−a) − (g(t)−g(a)) = 0.
  // F > 0 up to the inflection (the curve is convex there) and falls beyond it.
  const f = (t: number) => arm.marginal(t) * (t - a) - (arm.gmv(t) - ga);
  if (Number.isFinite(b) && f(b) >= 0) return { a, b, p: b, slope: (arm.gmv(b) - ga) / (b - a), ga };
  let lo = Math.max(arm.inflection, a);
  let hi = Number.isFinite(b) ? b : 2 * Math.max(lo, 1);
  while (!Number.isFinite(b) && f(hi) > 0 && hi < 1e300) hi *= 4;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid; else hi = mid;
  }
  return { a, b, p: hi, slope: (arm.gmv(hi) - ga) / (hi - a), ga };
}

const envValue = (arm: Arm, e: Envelope, x: number) => (x < e.p ? e.ga + e.slope * (x - e.a) : arm.gmv(x));
const envSlopeLeft = (arm: Arm, e: Envelope) => (e.p > e.a ? e.slope : arm.marginal(e.a));
const envSlopeRight = (arm: Arm, e: Envelope) => (e.p >= e.b ? e.slope : arm.marginal(e.b));

/**
 * The largest spend on [lo, hi] that maximises gmv(x) − λ·x (the profit of a
 * channel at a price λ per yuan of GMV; the breakeven floor uses it).
 */
export function bestSpendAt(arm: Arm, lambda: number, lo: number, hi: number): number {
  return demand(arm, envelope(arm, lo, hi), lambda);
}

/** The largest spend maximising envelope(x) − λx on [a, b]. */
function demand(arm: Arm, e: Envelope, lambda: number): number {
  if (e.p > e.a) {
    if (lambda > e.slope) return e.a;
    if (e.p >= e.b) return e.b;
    return arm.stationary(lambda, e.p, e.b);
  }
  return arm.stationary(lambda, e.a, e.b);
}

/** What the search is for: the most GMV for a budget, or the least spend for a GMV. */
export type SearchGoal = { budget: number } | { need: number };

/** The relaxed optimum of one box: spends, the bound (GMV or spend), and how far each envelope overstates its curve. */
interface Relaxed {
  xs: number[];
  bound: number;
  gaps: number[];
}

/** Solves the concave (envelope) problem on a box by bisection on the multiplier λ. Null when the box is infeasible. */
function relax(arms: readonly Arm[], envs: readonly Envelope[], goal: SearchGoal): Relaxed | null {
  const n = arms.length;
  const at = (xs: number[]): Relaxed => {
    const values = xs.map((x, i) => envValue(arms[i]!, envs[i]!, x));
    const bound = 'budget' in goal ? values.reduce((s, v) => s + v, 0) : xs.reduce((s, x) => s + x, 0);
    return { xs, bound, gaps: xs.map((x, i) => Math.max(0, values[i]! - arms[i]!.gmv(x))) };
  };
  const los = envs.map((e) => e.a);
  const his = envs.map((e) => e.b);
  const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
  const gmvOf = (xs: number[]) => xs.reduce((s, x, i) => s + envValue(arms[i]!, envs[i]!, x), 0);
  const measure = 'budget' in goal ? sum : gmvOf;
  const target = 'budget' in goal ? goal.budget : goal.need;
  if ('budget' in goal) {
    if (sum(los) > goal.budget * (1 + 1e-12)) return null;
    if (sum(his) <= goal.budget) return at(his);
  } else {
    if (gmvOf(his) < goal.need * (1 - 1e-12)) return null;
    if (gmvOf(los) >= goal.need) return at(los);
  }
  // bracket ln λ: above the steepest left slope every channel sits at a, below the flattest right slope at b
  const left = Math.max(...arms.map((a, i) => envSlopeLeft(a, envs[i]!)));
  const right = Math.min(...arms.map((a, i) => envSlopeRight(a, envs[i]!)));
  let lo = Math.log(Math.min(1e300, Math.max(1e-300, right > 0 ? right : 1e-300))) - 1;
  let hi = Math.log(Math.min(1e300, Number.isFinite(left) ? left : 1e300)) + 1;
  if (!(lo < hi)) lo = hi - 2;
  const demands = (l: number) => arms.map((a, i) => demand(a, envs[i]!, Math.exp(l)));
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo), Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    if (measure(demands(mid)) > target) lo = mid; else hi = mid;
  }
  const xs = demands(hi); // measure ≤ target
  const more = demands(lo); // measure ≥ target
  // between the two the envelopes are linear with slope λ (to rounding): fill what is missing
  let rest = target - measure(xs);
  const order = Array.from({ length: n }, (_, i) => i)
    .filter((i) => more[i]! > xs[i]!)
    .sort((i, j) => envSlopeLeft(arms[j]!, envs[j]!) - envSlopeLeft(arms[i]!, envs[i]!));
  for (const i of order) {
    if (!(rest > 0)) break;
    const arm = arms[i]!;
    const e = envs[i]!;
    const x0 = xs[i]!;
    const x1 = more[i]!;
    const room = 'budget' in goal ? x1 - x0 : envValue(arm, e, x1) - envValue(arm, e, x0);
    if (room <= rest) {
      xs[i] = x1;
      rest -= room;
    } else {
      xs[i] = x0 + ((x1 - x0) * rest) / room;
      rest = 0;
    }
  }
  return at(xs);
}

/** The relative difference between the best mix found and the bound at which the search stops. */
export const RELATIVE_GAP = 1e-9;
/** Boxes examined at most; past it the best mix found is returned with its gap to the bound. */
export const MAX_BOXES = 3000;

/** The best spends found, and how far from the proven bound they may be (relative; 0 when proven optimal). */
export interface SearchResult {
  xs: number[];
  /** (bound − found) / found for a budget, (found − bound) / found for a GMV need; ≤ RELATIVE_GAP unless MAX_BOXES stopped it. */
  gap: number;
  boxes: number;
}

interface Box {
  a: number[];
  b: number[];
  relaxed: Relaxed;
  envs: Envelope[];
}

/**
 * The most GMV for `{ budget }` (Σx ≤ budget) or the least spend for
 * `{ need }` (Σ gmv ≥ need), each spend within [lo, hi] (hi finite for a
 * budget). Null when no spends within the bounds can meet the goal.
 */
export function searchAllocation(arms: readonly Arm[], lo: readonly number[], hi: readonly number[], goal: SearchGoal): SearchResult | null {
  const maximise = 'budget' in goal;
  const better = (x: number, y: number) => (maximise ? x > y : x < y);
  const makeBox = (a: number[], b: number[]): Box | null => {
    const envs = arms.map((arm, i) => envelope(arm, a[i]!, b[i]!));
    const relaxed = relax(arms, envs, goal);
    return relaxed ? { a, b, relaxed, envs } : null;
  };
  const root = makeBox([...lo], [...hi]);
  if (!root) return null;

  let best: number[] | null = null;
  let bestValue = maximise ? -Infinity : Infinity;
  const consider = (xs: number[]) => {
    const value = maximise ? xs.reduce((s, x, i) => s + arms[i]!.gmv(x), 0) : xs.reduce((s, x) => s + x, 0);
    if (best === null || better(value, bestValue)) {
      best = xs;
      bestValue = value;
    }
  };
  const feasibleFrom = (box: Box): number[] => {
    if (maximise) return box.relaxed.xs; // any spends within the budget are a mix
    // a GMV need: a channel inside a chord spends what its curve needs to bring the envelope's GMV
    // (at most the chord's end, where the curve meets the envelope)
    return box.relaxed.xs.map((x, i) => {
      const e = box.envs[i]!;
      if (!(box.relaxed.gaps[i]! > 0 && x < e.p)) return x;
      const exact = arms[i]!.spendFor(envValue(arms[i]!, e, x));
      return Number.isFinite(exact) ? Math.min(e.p, Math.max(x, exact)) : e.p;
    });
  };
  const closeEnough = (bound: number) => best !== null && (maximise ? bound - bestValue : bestValue - bound) <= RELATIVE_GAP * Math.abs(bestValue);

  const queue: Box[] = [root];
  let boxes = 1;
  // the best bound of the boxes not yet examined when the search stopped (best first: the box at hand)
  let openBound: number | null = null;
  while (queue.length > 0) {
    let k = 0;
    for (let i = 1; i < queue.length; i++) if (better(queue[i]!.relaxed.bound, queue[k]!.relaxed.bound)) k = i;
    const box = queue.splice(k, 1)[0]!;
    if (closeEnough(box.relaxed.bound)) {
      openBound = box.relaxed.bound;
      break;
    }
    consider(feasibleFrom(box));
    const { gaps, xs } = box.relaxed;
    let j = -1;
    for (let i = 0; i < gaps.length; i++) if (gaps[i]! > 0 && (j < 0 || gaps[i]! > gaps[j]!)) j = i;
    if (j < 0 || gaps[j]! <= RELATIVE_GAP * 1e-3 * Math.abs(box.relaxed.bound)) continue; // exact on this box
    if (boxes >= MAX_BOXES) {
      openBound = box.relaxed.bound;
      break;
    }
    const split = xs[j]!;
    const leftB = [...box.b];
    leftB[j] = split;
    const rightA = [...box.a];
    rightA[j] = split;
    for (const child of [makeBox(box.a, leftB), makeBox(rightA, box.b)]) {
      boxes++;
      if (child && !closeEnough(child.relaxed.bound)) queue.push(child);
    }
  }
  if (best === null) return null;
  const found: number = bestValue;
  const bound = openBound ?? found;
  const gap = found === 0 ? 0 : Math.max(0, (maximise ? bound - found : found - bound) / Math.abs(found));
  return { xs: polish(arms, lo, hi, goal, best, bestValue), gap, boxes };
}

/**
 * Moves the channels that are free (not at a bound, on the concave part of
 * their curve) to the exact point where their marginal GMV is equal, keeping
 * the others where they are; kept only if it is no worse. The search stops
 * within RELATIVE_GAP of the optimum, possibly at a split point; this step
 * puts the answer on the optimum's own first-order condition.
 */
function polish(arms: readonly Arm[], lo: readonly number[], hi: readonly number[], goal: SearchGoal, xs: number[], value: number): number[] {
  const near = (x: number, b: number) => Number.isFinite(b) && Math.abs(x - b) <= 1e-9 * Math.max(1, Math.abs(b));
  const a = xs.map((x, i) => (near(x, lo[i]!) || near(x, hi[i]!) || x < arms[i]!.inflection ? x : Math.max(lo[i]!, arms[i]!.inflection)));
  const b = xs.map((x, i) => (near(x, lo[i]!) || near(x, hi[i]!) || x < arms[i]!.inflection ? x : hi[i]!));
  const envs = arms.map((arm, i) => envelope(arm, a[i]!, b[i]!));
  const relaxed = relax(arms, envs, goal);
  if (!relaxed) return xs;
  const maximise = 'budget' in goal;
  const polished = relaxed.xs;
  const v = maximise ? polished.reduce((s, x, i) => s + arms[i]!.gmv(x), 0) : polished.reduce((s, x) => s + x, 0);
  const ok = maximise ? v >= value * (1 - 1e-15) : v <= value * (1 + 1e-15) && polished.reduce((s, x, i) => s + arms[i]!.gmv(x), 0) >= goal.need * (1 - 1e-12);
  return ok ? polished : xs;
}
