import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan, type Plan } from '@shopplan/schema';
import { EXAMPLE_PLAN_DOCUMENTS, examplePlan } from '@shopplan/examples';
import { PlanModel, computePlan } from './plan-model.ts';
import { validTargetPlan } from './plan-arbitrary.test-data.ts';
import type { PlanResult } from './results.ts';

const cents = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
const roi4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

function resultOf(plan: Plan): PlanResult {
  const model = PlanModel.build(plan);
  try {
    return model.result();
  } finally {
    model.dispose();
  }
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
}

function allNumbers(result: PlanResult): Array<number | null> {
  return [...result.channels.flatMap((c) => Object.values(c).filter((v) => typeof v !== 'string')), ...Object.values(result.total)] as Array<number | null>;
}

describe('back-calculation on HyperFormula: DOMAIN.md worked example', () => {
  const result = resultOf(examplePlan('june-shop'));
  const byId = Object.fromEntries(result.channels.map((c) => [c.id, c]));

  it('Given the June plan, Then every channel figure matches the table to the cent', () => {
    expect([byId.search!.visitors, byId.search!.orders, byId.search!.gmv, byId.search!.spend].map(cents)).toEqual([274_056.03, 6_851.4, 1_096_224.12, 328_867.24]);
    expect([byId.display!.visitors, byId.display!.impressions, byId.display!.orders, byId.display!.gmv, byId.display!.spend].map(cents)).toEqual([164_433.62, 10_962_241.17, 1_973.2, 276_248.48, 394_640.68]);
    expect([byId.affiliate!.visitors, byId.affiliate!.orders, byId.affiliate!.gmv, byId.affiliate!.spend].map(cents)).toEqual([109_622.41, 3_288.67, 427_527.41, 85_505.48]);
    expect([byId.search!.roi, byId.display!.roi, byId.affiliate!.roi].map(roi4)).toEqual([3.3333, 0.7, 5]);
    expect([byId.search!.costPerOrder, byId.display!.costPerOrder, byId.affiliate!.costPerOrder].map(cents)).toEqual([48, 200, 26]);
  });

  it('Then the totals match, with organic included', () => {
    expect([result.total.visitors, result.total.orders, result.total.gmv, result.total.spend].map(cents)).toEqual([948_112.06, 20_113.28, 3_000_000, 809_013.4]);
    expect(roi4(result.total.roi)).toBe(3.7082);
  });

  it('Then figures that do not apply are null: a free channel has no ROI or clicks', () => {
    expect(byId.organic).toMatchObject({ clicks: null, impressions: null, roi: null, costPerOrder: null, spend: 0 });
    expect(byId.affiliate!.clicks).toBeNull();
  });
});

describe('forward mode', () => {
  it('Given the live-stream and CRM plan with a budget, Then total spend is the budget', () => {
    const result = resultOf(examplePlan('live-crm-budget'));
    expect(relErr(result.total.spend, 1_200_000)).toBeLessThan(1e-12);
    expect(result.issues).toEqual([]);
  });

  it('Given per-channel spend levers, Then each spend-bought channel spends its lever', () => {
    const plan = examplePlan('june-shop');
    plan.objective = { kind: 'channels', spend: { search: 300_000, display: 100_000 }, visitors: { affiliate: 50_000 } };
    const result = resultOf(plan);
    const byId = Object.fromEntries(result.channels.map((c) => [c.id, c]));
    expect(byId.search!.spend).toBeCloseTo(300_000, 6);
    expect(byId.search!.visitors).toBeCloseTo(250_000, 6);
    expect(byId.affiliate!.visitors).toBe(50_000);
    expect(byId.affiliate!.spend).toBeCloseTo(50_000 * 0.03 * 130 * 0.2, 6);
  });
});

// Each run builds HyperFormula models; on a loaded 2-core machine that takes seconds.
describe('properties over random valid plans', { timeout: 180_000 }, () => {
  it('back-calculation then forward with the spend it found returns the target', () => {
    fc.assert(
      fc.property(validTargetPlan, (plan) => {
        const back = resultOf(plan);
        expect(back.issues).toEqual([]);
        const target = plan.objective.kind === 'target' ? plan.objective.gmv : NaN;
        const forward = resultOf({ ...plan, objective: { kind: 'budget', spend: back.total.spend } });
        expect(relErr(forward.total.gmv, target)).toBeLessThan(1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('more budget never lowers reachable GMV', () => {
    fc.assert(
      fc.property(validTargetPlan, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (plan, a, b) => {
        const back = resultOf(plan);
        const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
        const fees = plan.channels.reduce((acc, c) => acc + (c.cost.model === 'live' ? c.cost.fixedFee : 0), 0);
        const budget = (x: number) => fees + x * 2 * back.total.spend;
        const gmvLo = resultOf({ ...plan, objective: { kind: 'budget', spend: budget(lo) } }).total.gmv;
        const gmvHi = resultOf({ ...plan, objective: { kind: 'budget', spend: budget(hi) } }).total.gmv;
        expect(gmvHi).toBeGreaterThanOrEqual(gmvLo * (1 - 1e-12));
      }),
      { numRuns: 40 },
    );
  });

  it('channel GMVs sum to the total, and no figure is NaN or Infinity', () => {
    fc.assert(
      fc.property(validTargetPlan, (plan) => {
        const result = resultOf(plan);
        const sum = result.channels.reduce((acc, c) => acc + c.gmv, 0);
        expect(relErr(sum, result.total.gmv)).toBeLessThan(1e-12);
        for (const v of allNumbers(result)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('plans that cannot be satisfied are values with a path', () => {
  it('a sub-normal commission makes ROI overflow: reported as an issue at the commission (the input, issue 10), never NaN', () => {
    const plan = examplePlan('june-shop');
    plan.channels[3]!.cost = { model: 'cps', share: 0.2, commission: 5e-324 };
    const result = resultOf(plan);
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([['channels.affiliate.commission', 'overflow']]);
    for (const v of allNumbers(result)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
  });

  it('free channels that already exceed the target', () => {
    const doc = structuredClone(EXAMPLE_PLAN_DOCUMENTS['june-shop']) as any;
    doc.objective.gmv = 1_000_000;
    const outcome = computePlan(doc);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.issues[0]).toMatchObject({ path: 'objective.gmv', code: 'free_exceeds_target' });
      expect(outcome.issues[0]?.message.zh).toContain('¥1200000.00');
    }
  });

  it('paid channels that cost nothing cannot be driven by a budget', () => {
    const plan = examplePlan('june-shop');
    plan.objective = { kind: 'budget', spend: 100_000 };
    plan.channels = [plan.channels[0]!, { ...plan.channels[3]!, cost: { model: 'live', share: 1, fixedFee: 0, commission: 0 } }];
    expect(resultOf(plan).issues.map((i) => `${i.path}:${i.code}`)).toContain('channels:paid_cost_zero');
  });

  it('a budget below the fixed fees', () => {
    const doc = structuredClone(EXAMPLE_PLAN_DOCUMENTS['live-crm-budget']) as any;
    doc.objective.spend = 100_000;
    const outcome = computePlan(doc);
    expect(!outcome.ok && outcome.issues[0]).toMatchObject({ path: 'objective.spend', code: 'budget_below_fees' });
  });
});

describe('editing a live model', () => {
  it('Given the June model, When search CVR rises, Then HyperFormula recomputes spend and the plan keeps the edit', () => {
    const model = PlanModel.build(examplePlan('june-shop'));
    const before = model.result().total.spend;
    const outcome = model.setAssumptions([{ path: 'channels.search.cvr', value: 0.03 }]);
    expect(outcome.ok).toBe(true);
    expect(model.result().total.spend).toBeLessThan(before);
    expect(model.plan.channels[1]!.cvr).toBe(0.03);
    model.dispose();
  });

  it('When a rate of 150% is entered, Then the edit is refused by field and the last good state stays', () => {
    const model = PlanModel.build(examplePlan('june-shop'));
    const before = model.result();
    const outcome = model.setAssumptions([{ path: 'channels.search.cvr', value: 1.5 }]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues[0]?.path).toBe('channels[1].cvr');
    expect(model.result()).toEqual(before);
    model.dispose();
  });

  it('When an edit makes the objective unsatisfiable, Then it is rolled back', () => {
    const model = PlanModel.build(examplePlan('june-shop'));
    const before = model.result();
    const outcome = model.setAssumptions([{ path: 'channels.organic.forecastVisitors', value: 5_000_000 }]);
    expect(!outcome.ok && outcome.issues[0]?.code).toBe('free_exceeds_target');
    expect(model.result()).toEqual(before);
    expect(model.plan.channels[0]!.cost).toEqual({ model: 'free', forecastVisitors: 400_000 });
    model.dispose();
  });

  it('parses what it builds: the example documents are valid', () => {
    for (const doc of Object.values(EXAMPLE_PLAN_DOCUMENTS)) expect(parsePlan(doc).ok).toBe(true);
  });
});

describe('text from the plan stays text in HyperFormula', () => {
  it('Given a channel named =1+1, Then the model holds the name, not 2', () => {
    const plan = examplePlan('june-shop');
    plan.channels[1]!.name = { zh: '=1+1', en: '=1+1' };
    const model = PlanModel.build(plan);
    expect(model.value('Channels', 1, 2)).toBe('=1+1');
    expect(model.result().total.gmv).toBeCloseTo(3_000_000, 6);
    model.dispose();
  });
});
