import { describe, expect, it } from 'vitest';
import { examplePlan } from '@shopplan/examples';
import { channelCol, SHEET } from './channel-model.ts';
import { PlanModel } from './plan-model.ts';
import { breakevenRoi } from './profit.ts';
import { hillMarginalVisitors, hillSpend, hillVisitors } from './response-curve.ts';

const curve = { curve: 'hill', maps: 'visitors', beta: 600_000, alpha: 1.5, kappa: 300_000 } as const;

describe('Hill response curve', () => {
  it('the closed-form inverse returns the spend, and the derivative matches a finite difference', () => {
    for (const spend of [1_000, 100_000, 300_000, 2_000_000]) {
      expect(hillSpend(curve, hillVisitors(curve, spend)) / spend).toBeCloseTo(1, 9);
      const h = spend * 1e-6;
      const numeric = (hillVisitors(curve, spend + h) - hillVisitors(curve, spend - h)) / (2 * h);
      expect(hillMarginalVisitors(curve, spend) / numeric).toBeCloseTo(1, 5);
    }
    expect(hillVisitors(curve, 300_000)).toBe(300_000); // κ is the half-saturation spend
    expect(hillSpend(curve, 600_000)).toBe(Infinity);
  });

  it('Given the saturation plan, When HyperFormula computes it, Then the curve channels spend what the inverse says', () => {
    const plan = examplePlan('saturation');
    const model = PlanModel.build(plan);
    const result = model.result();
    expect(result.issues).toEqual([]);
    plan.channels.forEach((ch, i) => {
      if (!ch.response) return;
      const c = result.channels[i]!;
      expect(c.spend / hillSpend(ch.response, c.visitors)).toBeCloseTo(1, 12);
    });
    model.dispose();
  });

  it('Given a target above what a curve can give, Then the issue names the channel\'s β, in zh and en, and no NaN', () => {
    const plan = examplePlan('saturation');
    plan.objective = { kind: 'target', gmv: 9_000_000 };
    const model = PlanModel.build(plan);
    const result = model.result();
    expect(result.issues[0]).toMatchObject({ path: 'channels.search.beta', code: 'saturated' });
    expect(result.issues[0]!.message.zh).toContain('饱和上限');
    expect(result.issues.some((i) => i.code === 'not_computable')).toBe(false);
    for (const c of result.channels) expect(Number.isNaN(c.spend)).toBe(false);
    model.dispose();
  });

  it('uses only ^ and the portable functions: no new spreadsheet function', () => {
    const model = PlanModel.build(examplePlan('saturation'));
    const formulas = model.spec.sheets.flatMap((s) => s.rows.flat()).map((c) => c.content).filter((c): c is string => typeof c === 'string' && c.startsWith('='));
    const used = new Set(formulas.flatMap((f) => [...f.matchAll(/([A-Z]+)\(/g)].map((m) => m[1])));
    expect([...used].every((fn) => ['SUM', 'SUMPRODUCT', 'IF', 'OR', 'AND', 'ROUND', 'MAX', 'MIN', 'ABS'].includes(fn!))).toBe(true);
    model.dispose();
  });
});

describe('profit after ad spend', () => {
  it('Given margin and refund rate, Then profit = GMV × margin × (1 − refund) − spend and breakeven ROI = 1 / (margin × (1 − refund))', () => {
    const plan = examplePlan('saturation');
    const model = PlanModel.build(plan);
    const result = model.result();
    const i = plan.channels.findIndex((c) => c.id === 'search');
    const ch = plan.channels[i]!;
    const profit = model.value(SHEET.channels, channelCol('profit'), i + 1) as number;
    expect(profit).toBeCloseTo(result.channels[i]!.gmv * 0.45 * (1 - 0.08) - result.channels[i]!.spend, 6);
    expect(model.value(SHEET.channels, channelCol('breakevenRoi'), i + 1)).toBeCloseTo(1 / (0.45 * 0.92), 12);
    expect(breakevenRoi(ch)).toBeCloseTo(1 / (0.45 * 0.92), 12);
    // organic is free: a profit, but no breakeven ROI
    expect(model.value(SHEET.channels, channelCol('breakevenRoi'), 1)).toBeNull();
    model.dispose();
  });

  it('Given the v1 June plan, Then the new columns stay empty and the figures are unchanged', () => {
    const model = PlanModel.build(examplePlan('june-shop'));
    expect(model.value(SHEET.channels, channelCol('profit'), 2)).toBeNull();
    expect(model.value(SHEET.channels, channelCol('marginalRoi'), 2)).toBeCloseTo(1 / 0.3, 12); // search: 0.025 × 160 / 1.2
    expect(model.result().total.spend).toBeCloseTo(809_013.4, 1);
    model.dispose();
  });
});

describe('the Hill curve at extreme spends (issue 10: no NaN, no overflow)', () => {
  const steep = { curve: 'hill', maps: 'visitors', beta: 600_000, alpha: 40, kappa: 300_000 } as const;

  it('Given a tiny or a huge spend on a steep curve, Then visitors and the marginal are finite numbers at their limits', () => {
    for (const spend of [1e-300, 1e-100, 1, 3e5, 1e100, 1e300]) {
      expect(Number.isFinite(hillVisitors(steep, spend))).toBe(true);
      expect(Number.isFinite(hillMarginalVisitors(steep, spend))).toBe(true);
    }
    expect(hillVisitors(steep, 1e-100)).toBe(0);
    expect(hillMarginalVisitors(steep, 1e-100)).toBe(0);
    expect(hillVisitors(steep, 1e300)).toBe(600_000);
  });

  it('Given ordinary spends, Then the marginal equals the textbook derivative β·α·κᵅ·sᵅ⁻¹/(sᵅ+κᵅ)²', () => {
    const c = { curve: 'hill', maps: 'visitors', beta: 600_000, alpha: 2.5, kappa: 300_000 } as const;
    for (const s of [1_000, 100_000, 300_000, 900_000]) {
      const textbook = (c.beta * c.alpha * c.kappa ** c.alpha * s ** (c.alpha - 1)) / (s ** c.alpha + c.kappa ** c.alpha) ** 2;
      expect(hillMarginalVisitors(c, s) / textbook).toBeCloseTo(1, 12);
    }
  });
});
