import { describe, expect, it } from 'vitest';
import { examplePlan } from '@shopplan/examples';
import type { Plan } from '@shopplan/schema';
import { goalSeek } from './goal-seek.ts';
import { computePlan } from './plan-model.ts';

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Forward with a total budget: the GMV the written-back plan reaches (linear plans). */
function gmvWithBudget(plan: Plan, budget: number): number {
  const outcome = computePlan({ ...plan, objective: { kind: 'budget', spend: budget } });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.result.total.gmv;
}

/** Back-calculation: the spend the written-back plan needs for the target (any plan, curves too). */
function spendForTarget(plan: Plan, target: number): number {
  const outcome = computePlan({ ...plan, objective: { kind: 'target', gmv: target } });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.result.total.spend;
}

describe('goal seek on the June plan: which driver value reaches ¥3,000,000 with ¥800,000?', () => {
  const june = examplePlan('june-shop');
  const drivers = [
    'channels.search.cvr', 'channels.search.aov', 'channels.search.cpc', 'channels.display.cpm', 'channels.display.ctr',
    'channels.affiliate.commission', 'channels.search.share', 'channels.organic.forecastVisitors', 'objective.gmv',
  ];
  for (const driver of drivers) {
    it(`Given ${driver}, When the found value is written back, Then forward with ¥800,000 returns the target (rel. error < 1e-9)`, () => {
      const outcome = goalSeek(june, { driver, budget: 800_000 });
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      const { result } = outcome;
      expect(result.reachable).toBe(true);
      expect(result.value).not.toBeNull();
      expect(result.value).not.toBe(result.base);
      const target = driver === 'objective.gmv' ? result.value! : 3_000_000;
      expect(relErr(gmvWithBudget(result.plan!, 800_000), target)).toBeLessThan(1e-9);
      expect(relErr(result.spend!, 800_000)).toBeLessThan(1e-9);
    });
  }

  it('Given the share driver, Then the other paid shares keep their proportions and still sum to 100%', () => {
    const outcome = goalSeek(june, { driver: 'channels.search.share', budget: 800_000 });
    if (!outcome.ok) throw new Error('seek failed');
    const shares = outcome.result.plan!.channels.flatMap((c) => (c.cost.model === 'free' ? [] : [c.cost.share]));
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(shares[1]! / shares[2]!).toBeCloseTo(0.3 / 0.2, 12);
  });

  it('Given the budget driver, Then the value is the spend the target needs, and a budget plan with it reaches the target', () => {
    const outcome = goalSeek(june, { driver: 'budget' });
    if (!outcome.ok) throw new Error('seek failed');
    expect(outcome.result.value).toBeCloseTo(809_013.4, 1);
    expect(relErr(gmvWithBudget(june, outcome.result.value!), 3_000_000)).toBeLessThan(1e-9);
  });

  it('Given a commission and a budget of ¥100,000, When no commission in 0–100% reaches the target, Then value is null with the best reachable figures', () => {
    const outcome = goalSeek(june, { driver: 'channels.affiliate.commission', budget: 100_000 });
    if (!outcome.ok) throw new Error('seek failed');
    const { result } = outcome;
    expect(result).toMatchObject({ value: null, reachable: false, bestValue: 0 });
    expect(result.gmv).toBeLessThan(3_000_000);
    expect(result.gmv).toBeGreaterThan(1_200_000); // more than organic alone
    expect(relErr(result.spend!, 100_000)).toBeLessThan(1e-9);
    expect(result.issues[0]).toMatchObject({ path: 'channels.affiliate.commission', code: 'unreachable' });
    expect(result.issues[0]!.message.zh).toContain('没有任何取值');
  });

  it('Given a budget every value of the driver fits in, Then the plan\'s value stands, with a note', () => {
    const outcome = goalSeek(june, { driver: 'channels.affiliate.commission', budget: 5_000_000 });
    if (!outcome.ok) throw new Error('seek failed');
    expect(outcome.result).toMatchObject({ value: 0.2, reachable: true });
    expect(outcome.result.spend).toBeCloseTo(809_013.4, 1);
    expect(outcome.result.issues[0]).toMatchObject({ code: 'reached_anyway' });
  });

  it('Given a driver path that does not exist, Then an issue names it in zh and en', () => {
    const outcome = goalSeek(june, { driver: 'channels.search.cvx', budget: 800_000 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.issues[0]).toMatchObject({ path: 'channels.search.cvx', code: 'unknown_driver' });
      expect(outcome.issues[0]!.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('goal seek with saturating channels', () => {
  const plan = examplePlan('saturation');

  for (const driver of ['channels.search.cvr', 'channels.search.beta', 'channels.display.kappa', 'channels.crm.alpha', 'channels.display.share']) {
    it(`Given ${driver} and ¥500,000, When written back, Then the target needs exactly ¥500,000 (rel. error < 1e-9)`, () => {
      const outcome = goalSeek(plan, { driver, budget: 500_000 });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
      expect(outcome.result.reachable).toBe(true);
      expect(relErr(spendForTarget(outcome.result.plan!, 3_000_000), 500_000)).toBeLessThan(1e-9);
      expect(relErr(outcome.result.gmv, 3_000_000)).toBeLessThan(1e-9);
    });
  }

  it('Given a target above what the curves can ever give, Then the budget driver is unreachable and names the saturated channel', () => {
    const outcome = goalSeek(plan, { driver: 'budget', target: 9_000_000 });
    if (!outcome.ok) throw new Error('seek failed');
    expect(outcome.result).toMatchObject({ value: null, reachable: false, spend: null });
    expect(outcome.result.gmv).toBeLessThan(9_000_000);
    expect(outcome.result.issues.map((i) => i.code)).toContain('saturated');
  });
});
