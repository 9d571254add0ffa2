import { describe, expect, it } from 'vitest';
import { examplePlan } from '@shopplan/examples';
import { parsePlan, type Channel, type Plan } from '@shopplan/schema';
import { allocateBudget, type AllocationGoal } from './allocation.ts';
import { computePlan } from './plan-model.ts';

/**
 * An independent brute force: GMV of a channel for a spend, written from
 * DOMAIN.md and the Hill curve directly (not from the allocator's code).
 */
function gmvOf(ch: Channel, x: number): number {
  const vpv = ch.cvr * ch.aov;
  if (ch.response) {
    const { beta, alpha, kappa } = ch.response;
    return x <= 0 ? 0 : (vpv * beta * x ** alpha) / (x ** alpha + kappa ** alpha);
  }
  switch (ch.cost.model) {
    case 'cpc': return (x / ch.cost.cpc) * vpv;
    case 'cpm': return (x / (ch.cost.cpm / 1000 / ch.cost.ctr)) * vpv;
    case 'crm': return (x / (ch.cost.messagePrice / ch.cost.responseRate)) * vpv;
    case 'cps': return x / ch.cost.commission;
    default: throw new Error('not in these tests');
  }
}

const paid = (plan: Plan) => plan.channels.filter((c) => c.cost.model !== 'free');
const freeGmv = (plan: Plan) => plan.channels.reduce((s, c) => s + (c.cost.model === 'free' ? c.cvr * c.aov * c.cost.forecastVisitors : 0), 0);
const range = (lo: number, hi: number, n: number) => Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);

/** Best GMV for a budget over a fine grid of the first channels' spends; the last takes what is left. */
function gridBestGmv(plan: Plan, budget: number, n: number): number {
  const chs = paid(plan);
  const lo = chs.map((c) => c.bounds?.min ?? 0);
  const hi = chs.map((c) => Math.min(c.bounds?.max ?? budget, budget));
  let best = -Infinity;
  const visit = (i: number, spent: number, gmv: number) => {
    if (i === chs.length - 1) {
      const x = Math.min(hi[i]!, budget - spent);
      if (x < lo[i]! - 1e-9) return;
      best = Math.max(best, gmv + gmvOf(chs[i]!, x));
      return;
    }
    for (const x of range(lo[i]!, hi[i]!, n)) if (spent + x <= budget + 1e-9) visit(i + 1, spent + x, gmv + gmvOf(chs[i]!, x));
  };
  visit(0, 0, 0);
  return best + freeGmv(plan);
}

/** Least spend for a target over a fine grid; the last channel's spend is solved by bisection. */
function gridLeastSpend(plan: Plan, target: number, n: number): number {
  const chs = paid(plan);
  const need = target - freeGmv(plan);
  const lo = chs.map((c) => c.bounds?.min ?? 0);
  const hi = chs.map((c) => c.bounds?.max ?? 5e6);
  let best = Infinity;
  const visit = (i: number, spent: number, gmv: number) => {
    if (i === chs.length - 1) {
      const ch = chs[i]!;
      if (gmv + gmvOf(ch, hi[i]!) < need) return;
      let [a, b] = [lo[i]!, hi[i]!];
      if (gmv + gmvOf(ch, a) >= need) b = a;
      for (let k = 0; k < 80; k++) { const m = (a + b) / 2; if (gmv + gmvOf(ch, m) >= need) b = m; else a = m; }
      best = Math.min(best, spent + b);
      return;
    }
    for (const x of range(lo[i]!, hi[i]!, n)) visit(i + 1, spent + x, gmv + gmvOf(chs[i]!, x));
  };
  visit(0, 0, 0);
  return best;
}

function plan(channels: unknown[]): Plan {
  const doc = {
    version: 2, id: 'grid', name: { zh: '网格', en: 'grid' }, shop: 'shop', period: { start: '2026-06-01', end: '2026-06-30' },
    objective: { kind: 'target', gmv: 3_000_000 },
    channels: [{ id: 'organic', name: { zh: '自然', en: 'organic' }, cvr: 0.02, aov: 150, cost: { model: 'free', forecastVisitors: 400_000 } }, ...channels],
  };
  const parsed = parsePlan(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.plan;
}

const hill = (id: string, share: number, cvr: number, aov: number, beta: number, alpha: number, kappa: number, bounds?: object) =>
  ({ id, name: { zh: id, en: id }, cvr, aov, cost: { model: 'cpc', share, cpc: 1 }, response: { curve: 'hill', beta, alpha, kappa }, ...(bounds ? { bounds } : {}) });

const cases: Array<[string, Plan]> = [
  ['two concave curves (α = 1, α = 0.7)', plan([
    hill('search', 0.6, 0.025, 160, 600_000, 1, 300_000, { min: 20_000, max: 700_000 }),
    hill('display', 0.4, 0.012, 140, 500_000, 0.7, 250_000),
  ])],
  ['an S-curve, a linear CPC channel with a cap, and affiliate commission', plan([
    hill('display', 0.4, 0.012, 140, 500_000, 1.6, 200_000, { min: 0, max: 600_000 }),
    { id: 'search', name: { zh: '直通车', en: 'search' }, cvr: 0.025, aov: 160, cost: { model: 'cpc', share: 0.4, cpc: 1.2 }, bounds: { min: 10_000, max: 150_000 } },
    { id: 'affiliate', name: { zh: '淘宝客', en: 'affiliate' }, cvr: 0.03, aov: 130, cost: { model: 'cps', share: 0.2, commission: 0.25 }, bounds: { max: 60_000 } },
  ])],
  ['three curves with bounds', plan([
    hill('a', 0.4, 0.02, 150, 400_000, 1, 150_000, { min: 30_000, max: 300_000 }),
    hill('b', 0.3, 0.03, 120, 300_000, 1.3, 120_000, { max: 400_000 }),
    hill('c', 0.3, 0.015, 200, 350_000, 0.8, 200_000, { min: 5_000 }),
  ])],
];

describe('allocation against an independent brute force (fine grid)', () => {
  for (const [what, p] of cases) {
    const three = paid(p).length === 3;
    for (const budget of [150_000, 400_000, 900_000]) {
      it(`Given ${what} and a budget of ¥${budget}, Then GMV is never below the grid's best by more than 0.1%, and bounds hold`, () => {
        const outcome = allocateBudget(p, { budget });
        if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
        const { result } = outcome;
        const grid = gridBestGmv(p, budget, three ? 300 : 4000);
        expect(result.total.gmv).toBeGreaterThanOrEqual(grid * (1 - 0.001));
        expect(result.total.spend).toBeLessThanOrEqual(budget * (1 + 1e-9));
        for (const c of result.channels) {
          const ch = p.channels.find((x) => x.id === c.id)!;
          expect(c.spend).toBeGreaterThanOrEqual((ch.bounds?.min ?? 0) * (1 - 1e-9));
          expect(c.spend).toBeLessThanOrEqual((ch.bounds?.max ?? Infinity) * (1 + 1e-9));
        }
      });
    }
    for (const target of [2_000_000, 3_000_000, 4_000_000]) {
      it(`Given ${what} and a target of ¥${target}, Then spend is never above the grid's least by more than 0.1%`, () => {
        const outcome = allocateBudget(p, { target });
        const grid = gridLeastSpend(p, target, three ? 300 : 4000);
        if (!Number.isFinite(grid)) {
          expect(outcome.ok).toBe(false); // the grid cannot reach it either
          return;
        }
        if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
        expect(outcome.result.total.spend).toBeLessThanOrEqual(grid * (1 + 0.001));
        expect(outcome.result.total.gmv).toBeGreaterThanOrEqual(target * (1 - 1e-9));
      });
    }
  }
});

describe('the allocation is a plan, and equalises marginal ROI', () => {
  const p = examplePlan('saturation');
  const outcome = allocateBudget(p, { budget: 500_000 });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  const { result } = outcome;

  it('Given the allocated plan, When computed through the engine, Then it gives the reported figures', () => {
    expect(result.plan.objective.kind).toBe('channels');
    const computed = computePlan(result.plan);
    if (!computed.ok) throw new Error(JSON.stringify(computed.issues));
    expect(computed.result.total.gmv).toBe(result.total.gmv);
    expect(computed.result.total.spend).toBe(result.total.spend);
    for (const c of result.channels) expect(computed.result.channels.find((x) => x.id === c.id)!.spend).toBe(c.spend);
  });

  it('Then channels not at a bound share one marginal ROI, and channels at a bound say which', () => {
    const free = result.channels.filter((c) => c.atBound === null);
    expect(free.length).toBeGreaterThan(0);
    for (const c of free) expect(c.marginalRoi! / result.marginalRoi!).toBeCloseTo(1, 6);
    for (const c of result.channels.filter((x) => x.atBound === 'max')) expect(c.marginalRoi!).toBeGreaterThanOrEqual(result.marginalRoi! * (1 - 1e-9));
    expect(result.total.profit).not.toBeNull();
  });
});

describe('floors', () => {
  const p = examplePlan('saturation');

  it('Given the breakeven ROI floor, Then every channel is at or above its breakeven ROI at the margin, or at its lower bound', () => {
    const outcome = allocateBudget(p, { budget: 2_000_000 }, { breakevenFloor: true });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
    for (const c of outcome.result.channels) {
      if (c.atBound === 'min' || c.breakevenRoi === null) continue;
      expect(c.marginalRoi!).toBeGreaterThanOrEqual(c.breakevenRoi * (1 - 1e-9));
    }
    expect(outcome.result.total.spend).toBeLessThan(2_000_000);
    expect(outcome.result.notes[0]).toMatchObject({ code: 'floor_caps_spend' });
  });

  it('Given a minimum total ROI, Then the total ROI holds it; an impossible floor is reported, not ignored', () => {
    const ok = allocateBudget(p, { budget: 2_000_000 }, { minTotalRoi: 6 });
    if (!ok.ok) throw new Error(JSON.stringify(ok.issues));
    expect(ok.result.total.roi!).toBeGreaterThanOrEqual(6 * (1 - 1e-9));
    const impossible = allocateBudget(p, { target: 3_000_000 }, { minTotalRoi: 100 });
    expect(!impossible.ok && impossible.issues[0]).toMatchObject({ path: 'allocation.minTotalRoi', code: 'floor_infeasible' });
    const breakeven = allocateBudget(p, { target: 4_300_000 }, { breakevenFloor: true });
    expect(!breakeven.ok && breakeven.issues[0]).toMatchObject({ path: 'allocation.breakevenRoi', code: 'floor_infeasible' });
  });

  it('Given a target above what the curves can ever give, Then an issue with a path, not NaN', () => {
    const outcome = allocateBudget(p, { target: 9_000_000 });
    expect(!outcome.ok && outcome.issues[0]).toMatchObject({ path: 'target', code: 'target_above_capacity' });
    const below = allocateBudget(p, { budget: 1_000 });
    expect(!below.ok && below.issues[0]).toMatchObject({ path: 'budget', code: 'budget_below_minimum' });
  });
});

describe('extreme channels (issue 10): never past the budget, never NaN', () => {
  const linear = (id: string, cost: object, extra: object = {}) => ({ id, name: { zh: id, en: id }, cvr: 0.02, aov: 150, cost, ...extra });
  const finite = (o: Extract<ReturnType<typeof allocateBudget>, { ok: true }>) => {
    for (const c of o.result.channels) for (const v of [c.spend, c.visitors, c.gmv]) expect(Number.isFinite(v)).toBe(true);
    for (const v of [o.result.total.spend, o.result.total.gmv]) expect(Number.isFinite(v)).toBe(true);
  };

  it('Given a channel earning 1e10 GMV per yuan and a ¥1,000 budget, Then it spends at most the ¥1,000', () => {
    const p = plan([linear('search', { model: 'cpc', share: 0.5, cpc: 3e-10 }), linear('display', { model: 'cpc', share: 0.5, cpc: 1.2 }, { bounds: { min: 100 } })]);
    const outcome = allocateBudget(p, { budget: 1_000 });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
    finite(outcome);
    expect(outcome.result.total.spend).toBeLessThanOrEqual(1_000 * (1 + 1e-12));
    expect(outcome.result.channels.find((c) => c.id === 'search')!.spend).toBeCloseTo(900, 6);
    const target = allocateBudget(p, { target: 5_000_000 });
    if (!target.ok) throw new Error(JSON.stringify(target.issues));
    finite(target);
    expect(target.result.total.gmv).toBeCloseTo(5_000_000, 2);
  });

  it('Given a tiny commission, Then the figures are finite numbers or an issue at the commission, never NaN', () => {
    for (const commission of [1e-9, 1e-15, 1e-300]) {
      const p = plan([linear('affiliate', { model: 'cps', share: 0.5, commission }), linear('search', { model: 'cpc', share: 0.5, cpc: 1.2 })]);
      for (const goal of [{ budget: 1_000 }, { budget: 5e6 }, { target: 4_000_000 }] as AllocationGoal[]) {
        const outcome = allocateBudget(p, goal);
        if (outcome.ok) {
          finite(outcome);
          if ('budget' in goal) expect(outcome.result.total.spend).toBeLessThanOrEqual(goal.budget * (1 + 1e-12));
          else expect(outcome.result.total.gmv).toBeCloseTo(goal.target, 2);
        } else {
          expect(outcome.issues[0]).toMatchObject({ path: 'channels.affiliate.commission' });
          expect(JSON.stringify(outcome.issues)).not.toContain('NaN');
        }
      }
    }
  });

  it('Given a commission channel whose CVR is 0, Then it spends nothing (it brings no GMV to pay commission on); with a minimum spend, an issue at that bound', () => {
    const p = plan([linear('affiliate', { model: 'cps', share: 0, commission: 0.2 }, { cvr: 0 }), linear('search', { model: 'cpc', share: 1, cpc: 1.2 })]);
    const outcome = allocateBudget(p, { budget: 10_000 });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
    expect(outcome.result.channels.find((c) => c.id === 'affiliate')!.spend).toBe(0);
    expect(outcome.result.total.spend).toBeCloseTo(10_000, 6);
    const withMin = plan([linear('affiliate', { model: 'cps', share: 0, commission: 0.2 }, { cvr: 0, bounds: { min: 500 } }), linear('search', { model: 'cpc', share: 1, cpc: 1.2 })]);
    const refused = allocateBudget(withMin, { budget: 10_000 });
    expect(!refused.ok && refused.issues[0]).toMatchObject({ path: 'channels.affiliate.bounds.min', code: 'no_gmv_to_commission' });
  });
});

describe('S-shaped curves where the old allocator failed (issue 10)', () => {
  it('Given two steep S-curves (α = 3) and a budget for only one, Then one channel is left at zero and the other takes the budget', () => {
    const p = plan([hill('a', 0.5, 0.02, 150, 400_000, 3, 100_000), hill('b', 0.5, 0.02, 150, 400_000, 3, 100_000)]);
    const outcome = allocateBudget(p, { budget: 150_000 });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
    const spends = outcome.result.channels.map((c) => c.spend).sort((x, y) => x - y);
    expect(spends[0]).toBe(0);
    expect(spends[1]).toBeCloseTo(150_000, 6);
    // splitting evenly (the old answer's shape: equal marginal ROI on the rising parts) brings less
    const even = 2 * 3 * 400_000 / (1 + (100_000 / 75_000) ** 3);
    expect(outcome.result.total.gmv - freeGmv(p)).toBeGreaterThan(even);
    expect(outcome.result.equalMarginalRoi).toBe(true); // the one free channel trivially
    expect(outcome.result.optimalityGap).toBeLessThanOrEqual(1e-9);
  });
});
