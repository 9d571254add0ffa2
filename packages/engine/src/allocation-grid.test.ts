import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePlan, type Channel, type Plan } from '@shopplan/schema';
import { allocateBudget } from './allocation.ts';

/*
 * The allocator against an exhaustive grid on random plans with 2–6 paid
 * channels and Hill curves from α = 0.5 to α = 20 (S-shaped above 1). The
 * grid is a dynamic programme over spend steps of size u: every channel but
 * the last spends its minimum plus a whole number of steps (bounds are
 * multiples of u, so they are on the grid), the last takes the exact rest.
 * It is written from DOMAIN.md and the Hill formula, not from the allocator.
 */

/** GMV of a channel for a spend, from the plan alone. */
function gmvOf(ch: Channel, x: number): number {
  const vpv = ch.cvr * ch.aov;
  if (ch.response) {
    const { beta, alpha, kappa } = ch.response;
    return x <= 0 ? 0 : (vpv * beta) / (1 + (kappa / x) ** alpha);
  }
  switch (ch.cost.model) {
    case 'cpc': return (x / ch.cost.cpc) * vpv;
    case 'cps': return x / ch.cost.commission;
    default: throw new Error('not in these tests');
  }
}

/** The spend that brings `g` on one channel within [lo, hi] (bisection: GMV rises with spend), or Infinity. */
function spendFor(ch: Channel, g: number, lo: number, hi: number): number {
  if (gmvOf(ch, lo) >= g) return lo;
  if (gmvOf(ch, hi) < g) return Infinity;
  let [a, b] = [lo, hi];
  for (let k = 0; k < 200 && b - a > 1e-12 * b; k++) {
    const m = (a + b) / 2;
    if (gmvOf(ch, m) >= g) b = m; else a = m;
  }
  return b;
}

/**
 * best[k] = the most GMV the channels but the last can bring with their
 * minimums plus k steps of u in total (each channel a whole number of steps).
 */
function gridTable(chs: Channel[], lo: number[], hi: number[], u: number, steps: number): Float64Array {
  let best = new Float64Array(steps + 1).fill(-Infinity);
  best[0] = 0;
  for (let i = 0; i < chs.length - 1; i++) {
    const ch = chs[i]!;
    const maxSteps = Math.min(steps, Math.floor((hi[i]! - lo[i]!) / u + 1e-9));
    const value = Float64Array.from({ length: maxSteps + 1 }, (_, m) => gmvOf(ch, lo[i]! + m * u));
    const next = new Float64Array(steps + 1).fill(-Infinity);
    for (let k = 0; k <= steps; k++) {
      if (best[k] === -Infinity) continue;
      for (let m = 0; m <= maxSteps && k + m <= steps; m++) {
        const v = best[k]! + value[m]!;
        if (v > next[k + m]!) next[k + m] = v;
      }
    }
    best = next;
  }
  return best;
}

interface Random { plan: Plan; budget: number; target: number }

const STEP = 1000; // every bound is a multiple of ¥1,000

const hillChannel = fc.record({
  kind: fc.constant('hill' as const),
  alpha: fc.oneof(fc.double({ min: 0.5, max: 1, noNaN: true }), fc.double({ min: 1, max: 4, noNaN: true }), fc.double({ min: 4, max: 20, noNaN: true })),
  beta: fc.integer({ min: 20, max: 600 }).map((n) => n * 1000),
  kappa: fc.integer({ min: 10, max: 300 }).map((n) => n * 1000),
  cvr: fc.integer({ min: 5, max: 60 }).map((n) => n / 1000),
  aov: fc.integer({ min: 50, max: 300 }),
  min: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 }).map((n) => n * STEP)),
  extra: fc.option(fc.integer({ min: 20, max: 600 }).map((n) => n * STEP), { nil: undefined }),
});
const linearChannel = fc.record({
  kind: fc.constantFrom('cpc' as const, 'cps' as const),
  roi: fc.double({ min: 1, max: 6, noNaN: true }),
  cvr: fc.integer({ min: 5, max: 60 }).map((n) => n / 1000),
  aov: fc.integer({ min: 50, max: 300 }),
  min: fc.integer({ min: 0, max: 20 }).map((n) => n * STEP),
  extra: fc.integer({ min: 10, max: 200 }).map((n) => n * STEP),
});

const randomPlan: fc.Arbitrary<Random> = fc
  .tuple(fc.array(fc.oneof({ weight: 3, arbitrary: hillChannel }, { weight: 1, arbitrary: linearChannel }), { minLength: 2, maxLength: 6 }), fc.double({ min: 0.1, max: 1.5, noNaN: true }), fc.double({ min: 0.05, max: 0.95, noNaN: true }))
  .map(([specs, budgetShare, targetShare]) => {
    const share = 1 / specs.length;
    const channels = specs.map((s, i) => {
      const id = `chan_${'abcdef'[i]}`;
      const base = { id, name: { zh: id, en: id }, cvr: s.cvr, aov: s.aov };
      const bounds = { min: s.min, ...(s.extra !== undefined ? { max: s.min + s.extra } : {}) };
      if (s.kind === 'hill') return { ...base, cost: { model: 'cpc', share, cpc: 1 }, response: { curve: 'hill', beta: s.beta, alpha: s.alpha, kappa: s.kappa }, bounds };
      // a linear channel earns `roi` per yuan: cpc = UV value / roi, cps commission = 1 / roi
      return s.kind === 'cpc'
        ? { ...base, cost: { model: 'cpc', share, cpc: (s.cvr * s.aov) / s.roi }, bounds }
        : { ...base, cost: { model: 'cps', share, commission: 1 / s.roi }, bounds };
    });
    const doc = {
      version: 2, id: 'random', name: { zh: '随机', en: 'random' }, shop: 'shop', period: { start: '2026-06-01', end: '2026-06-30' },
      objective: { kind: 'target', gmv: 1 }, channels,
    };
    const parsed = parsePlan(doc);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const plan = parsed.plan;
    const paid = plan.channels;
    const minSpend = paid.reduce((s, c) => s + (c.bounds?.min ?? 0), 0);
    const scale = paid.reduce((s, c) => s + (c.response ? c.response.kappa : c.bounds?.max ?? 0), 0);
    const budget = minSpend + Math.round((budgetShare * scale) / STEP) * STEP;
    // a target between the minimums' GMV and what the channels can ever give
    const atMin = paid.reduce((s, c) => s + gmvOf(c, c.bounds?.min ?? 0), 0);
    const cap = paid.reduce((s, c) => s + (c.bounds?.max !== undefined ? gmvOf(c, c.bounds.max) : c.cvr * c.aov * (c.response?.beta ?? Infinity)), 0);
    const target = atMin + targetShare * (cap - atMin);
    return { plan, budget, target };
  });

/** The grid's most GMV for a budget. */
function gridBestGmv(plan: Plan, budget: number): number {
  const chs = plan.channels;
  const lo = chs.map((c) => c.bounds?.min ?? 0);
  const room = budget - lo.reduce((s, x) => s + x, 0);
  const j = Math.max(1, Math.floor((2500 * STEP) / Math.max(room, STEP))); // steps of ¥1,000 / j: about 2,500 of them
  const u = STEP / j;
  const steps = Math.round(room / u);
  const hi = chs.map((c, i) => Math.min(c.bounds?.max ?? Infinity, lo[i]! + steps * u));
  const best = gridTable(chs, lo, hi, u, steps);
  const last = chs.length - 1;
  let result = -Infinity;
  for (let k = 0; k <= steps; k++) {
    if (best[k] === -Infinity) continue;
    const x = Math.min(hi[last]!, lo[last]! + room - k * u);
    if (x < lo[last]! - 1e-9) continue;
    result = Math.max(result, best[k]! + gmvOf(chs[last]!, x));
  }
  return result;
}

/** The grid's least spend for a target GMV, searching spends up to `ceiling` in total. */
function gridLeastSpend(plan: Plan, target: number, ceiling: number): number {
  const chs = plan.channels;
  const lo = chs.map((c) => c.bounds?.min ?? 0);
  const minSpend = lo.reduce((s, x) => s + x, 0);
  const room = Math.max(STEP, ceiling - minSpend);
  // bounds stay on the grid: steps of ¥1,000 / j, or ¥1,000 for wide searches
  const u = room > 2500 * STEP ? STEP : STEP / Math.floor((2500 * STEP) / room);
  const steps = Math.ceil(room / u);
  const hi = chs.map((c, i) => Math.min(c.bounds?.max ?? Infinity, lo[i]! + steps * u));
  const best = gridTable(chs, lo, hi, u, steps);
  const last = chs.length - 1;
  let result = Infinity;
  for (let k = 0; k <= steps; k++) {
    if (best[k] === -Infinity) continue;
    const x = spendFor(chs[last]!, target - best[k]!, lo[last]!, Math.min(hi[last]!, Number.MAX_VALUE));
    if (Number.isFinite(x)) result = Math.min(result, minSpend - lo[last]! + k * u + x);
  }
  return result;
}

const bounded = (plan: Plan, id: string) => plan.channels.find((c) => c.id === id)!.bounds;

describe('allocation on random S-shaped plans against an exhaustive grid (α from 0.5 to 20, 2–6 channels)', () => {
  it('Given a budget, Then the GMV is at least the grid\'s best less 0.1%, the budget and bounds hold, and the marginal-ROI claim is true when made', () => {
    fc.assert(fc.property(randomPlan, ({ plan, budget }) => {
      const outcome = allocateBudget(plan, { budget });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
      const { result } = outcome;
      const grid = gridBestGmv(plan, budget);
      expect(result.total.gmv).toBeGreaterThanOrEqual(grid * (1 - 0.001));
      expect(result.total.spend).toBeLessThanOrEqual(budget * (1 + 1e-12));
      for (const c of result.channels) {
        const b = bounded(plan, c.id);
        expect(c.spend).toBeGreaterThanOrEqual((b?.min ?? 0) * (1 - 1e-12));
        expect(c.spend).toBeLessThanOrEqual((b?.max ?? Infinity) * (1 + 1e-12));
        expect(Number.isFinite(c.gmv)).toBe(true);
      }
      const free = result.channels.filter((c) => c.atBound === null);
      if (result.equalMarginalRoi) for (const c of free) expect(Math.abs(c.marginalRoi! / result.marginalRoi! - 1)).toBeLessThanOrEqual(1e-6);
      else expect(result.marginalRoi).toBeNull();
    }), { seed: 20261130, numRuns: 60 });
  }, 300_000);

  it('Given a target, Then the spend is at most the grid\'s least plus 0.1%, and the target is reached', () => {
    fc.assert(fc.property(randomPlan, ({ plan, target }) => {
      const outcome = allocateBudget(plan, { target });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
      const { result } = outcome;
      // every channel of the best mix spends at most the allocator's total (which is at least the best)
      const grid = gridLeastSpend(plan, target, 2 * result.total.spend + STEP);
      expect(result.total.spend).toBeLessThanOrEqual(grid * (1 + 0.001));
      expect(result.total.gmv).toBeGreaterThanOrEqual(target * (1 - 1e-9));
    }), { seed: 20261130, numRuns: 60 });
  }, 300_000);
});
