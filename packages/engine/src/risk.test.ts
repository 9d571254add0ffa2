import { describe, expect, it } from 'vitest';
import { examplePlan } from '@shopplan/examples';
import type { Plan } from '@shopplan/schema';
import { MAX_RISK_DRAWS, riskHistogram, riskRanges, simulateRisk } from './risk.ts';

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('risk: seeded Monte Carlo over low / base / high', () => {
  const plan = examplePlan('saturation');

  it('Given the same seed twice, Then the numbers are the same; another seed gives others', () => {
    const a = simulateRisk(plan, { draws: 400, seed: 7 });
    const b = simulateRisk(plan, { draws: 400, seed: 7 });
    const c = simulateRisk(plan, { draws: 400, seed: 8 });
    if (!a.ok || !b.ok || !c.ok) throw new Error('risk failed');
    expect(b.result).toEqual(a.result);
    expect(c.result.gmv).not.toEqual(a.result.gmv);
    expect(a.result.gmv.p10).toBeLessThan(a.result.gmv.p50);
    expect(a.result.gmv.p50).toBeLessThan(a.result.gmv.p90);
    expect(a.result.probabilityOfTarget).toBeGreaterThan(0);
    expect(a.result.probabilityOfTarget).toBeLessThan(1);
  });

  it('Given every range collapsed to its base, Then P10 = P50 = P90 = the base plan and the target is reached', () => {
    const collapsed: Plan = structuredClone(plan);
    collapsed.uncertainty = Object.fromEntries(riskRanges(plan).map((r) => [r.driver, { low: r.base, high: r.base }]));
    for (const ch of collapsed.channels) delete ch.untested;
    const outcome = simulateRisk(collapsed, { draws: 200, seed: 3 });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
    const { result } = outcome;
    for (const figure of ['gmv', 'spend', 'roi'] as const) {
      const base = result.base[figure]!;
      for (const p of ['p10', 'p50', 'p90'] as const) expect(relErr(result[figure][p], base)).toBeLessThan(1e-9);
    }
    expect(relErr(result.base.gmv, 3_000_000)).toBeLessThan(1e-9);
    expect(result.probabilityOfTarget).toBe(1);
    for (const row of result.tornado) expect(row.low).toBeCloseTo(row.high, 6);
  });

  it('Given an untested channel, Then its rates get the wide default range; the tornado puts the biggest swing first', () => {
    const ranges = riskRanges(plan);
    const display = ranges.filter((r) => r.driver.startsWith('channels.display.'));
    expect(display.find((r) => r.driver === 'channels.display.ctr')).toMatchObject({ source: 'untested', low: 0.0075, high: 0.0225 });
    // the plan's own range wins over the default
    expect(display.find((r) => r.driver === 'channels.display.cvr')).toMatchObject({ source: 'plan', low: 0.008, high: 0.016 });
    const outcome = simulateRisk(plan, { draws: 100 });
    if (!outcome.ok) throw new Error('risk failed');
    const swings = outcome.result.tornado.map((t) => Math.abs(t.high - t.low));
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    expect(outcome.result.seed).toBe(1);
  });

  it('refuses a draw count that is not a whole positive number, or above MAX_RISK_DRAWS', () => {
    const outcome = simulateRisk(plan, { draws: 0 });
    expect(!outcome.ok && outcome.issues[0]).toMatchObject({ path: 'draws' });
    const tooMany = simulateRisk(plan, { draws: MAX_RISK_DRAWS + 1 });
    expect(!tooMany.ok && tooMany.issues[0]).toMatchObject({ path: 'draws', code: 'invalid_draws' });
  });

  it('Given a range under which no draw computes, Then it refuses naming the range instead of P10 = P50 = P90 = 0', () => {
    // an average order value drawn near 1e307 overflows GMV in every draw
    const doc = structuredClone(plan) as Plan;
    doc.uncertainty = { 'channels.organic.aov': { low: 150, high: 1e307 } };
    const outcome = simulateRisk(doc, { draws: 50 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues).toHaveLength(1);
    expect(outcome.issues[0]).toMatchObject({ path: 'uncertainty.channels.organic.aov', code: 'no_draw_computed' });
    expect(outcome.issues[0]?.message.zh).toContain('50 次抽样全部无法计算');
    expect(outcome.issues[0]?.message.en).toContain('none of the 50 draws could be computed');
  });

  it('Given onProgress, Then it hears rising counts of draws done, ending at the total, and the numbers do not change', () => {
    const heard: Array<[number, number]> = [];
    const withProgress = simulateRisk(plan, { draws: 1_000, seed: 5, onProgress: (done, total) => heard.push([done, total]) });
    const without = simulateRisk(plan, { draws: 1_000, seed: 5 });
    if (!withProgress.ok || !without.ok) throw new Error('risk failed');
    expect(heard.length).toBeGreaterThan(2);
    expect(heard.every(([, total]) => total === 1_000)).toBe(true);
    expect(heard.map(([done]) => done)).toEqual([...heard.map(([done]) => done)].sort((a, b) => a - b));
    expect(heard[heard.length - 1]).toEqual([1_000, 1_000]);
    expect(withProgress.result.gmv).toEqual(without.result.gmv);
    expect(withProgress.result.failedDraws).toBe(0);
  });
});

describe('answers for the web worker: plain, serialisable, never NaN', () => {
  /** Every number in a value, recursively. */
  const numbers = (value: unknown): number[] =>
    typeof value === 'number' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(numbers) : [];

  it('Given the saturation plan, Then seek, allocate and risk answers survive structuredClone and hold only finite numbers', async () => {
    const { goalSeek } = await import('./goal-seek.ts');
    const { allocateBudget } = await import('./allocation.ts');
    const plan = examplePlan('saturation');
    const answers = [
      goalSeek(plan, { driver: 'channels.search.cvr', budget: 500_000 }),
      goalSeek(plan, { driver: 'channels.affiliate.commission', budget: 10_000 }),
      goalSeek(plan, { driver: 'budget', target: 9_000_000 }),
      allocateBudget(plan, { budget: 500_000 }),
      allocateBudget(plan, { target: 3_000_000 }, { breakevenFloor: true }),
      simulateRisk(plan, { draws: 50 }),
    ];
    for (const answer of answers) {
      expect(structuredClone(answer)).toEqual(answer);
      for (const n of numbers(answer)) expect(Number.isFinite(n)).toBe(true);
    }
  });
});

describe('the GMV histogram for the risk chart', () => {
  it('Given draws, Then every draw lands in exactly one bar and bars tile the range', () => {
    const values = new Float64Array([5, 1, 2, 2, 3, 9, 9, 7]);
    const bins = riskHistogram(values, 4);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(values.length);
    expect(bins[0]!.from).toBe(1);
    expect(bins[3]!.to).toBe(9);
    for (let i = 1; i < bins.length; i++) expect(bins[i]!.from).toBe(bins[i - 1]!.to);
    expect(bins.map((b) => b.count)).toEqual([3, 1, 1, 3]);
  });

  it('Given collapsed ranges, Then one bar holds every draw', () => {
    expect(riskHistogram(new Float64Array([4, 4, 4]))).toEqual([{ from: 4, to: 4, count: 3 }]);
    expect(riskHistogram(new Float64Array([]))).toEqual([]);
  });
});
