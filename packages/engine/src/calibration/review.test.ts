import { describe, expect, it } from 'vitest';
import { examplePlan, generateHistory } from '@shopplan/examples';
import { computePlan } from '../plan-model.ts';
import { isoWeek, reviewPlan } from './review.ts';

const plan = examplePlan('history-shop-2026');
const computed = computePlan(plan);
if (!computed.ok) throw new Error('the example plan computes');
const results = computed.result.channels;
const rows = generateHistory({ year: 2026, seed: 14 }).rows;
const fen = (x: number) => Math.round(x * 100);

describe('plan versus actual', { timeout: 60_000 }, () => {
  it('Given a year of actuals, When reviewed by month, Then twelve periods whose plan sums to the plan and whose gaps split exactly', () => {
    const review = reviewPlan(plan, results, rows, 'month');
    expect(review.periods.map((p) => p.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    const planTotal = review.periods.reduce((s, p) => s + fen(p.total.planGmv), 0);
    expect(Math.abs(planTotal - fen(computed.result.total.gmv))).toBeLessThanOrEqual(12 * 6); // each channel-month rounded to the fen
    const actualTotal = review.periods.reduce((s, p) => s + fen(p.total.actualGmv), 0);
    expect(actualTotal).toBe(fen(rows.reduce((s, r) => s + r.gmv, 0)));
    for (const p of review.periods) {
      for (const c of p.channels) {
        expect(fen(c.traffic) + fen(c.conversion) + fen(c.orderValue)).toBe(fen(c.gap));
        expect(fen(c.actualGmv) - fen(c.planGmv)).toBe(fen(c.gap));
        expect(c.attainment).toBeCloseTo(c.actualGmv / c.planGmv, 12);
      }
      expect(fen(p.total.gap)).toBe(p.channels.reduce((s, c) => s + fen(c.gap), 0));
    }
  });

  it('Given the plan has 618 and Double 11, When reviewed by promotion, Then each activity and the baseline is a period', () => {
    const review = reviewPlan(plan, results, rows, 'promotion');
    expect(review.periods.map((p) => p.period).sort()).toEqual(['618', 'baseline', 'double11']);
  });

  it('Given actuals for the first ten days only, Then a week counts plan days up to the last actual day', () => {
    const review = reviewPlan(plan, results, rows.filter((r) => r.date <= '2026-01-10'), 'week');
    // 2026-01-01 is a Thursday: ISO week 2026-W01 holds Jan 1–4, W02 Jan 5–11 (to date: 5–10)
    expect(review.periods.map((p) => p.period)).toEqual(['2026-W01', '2026-W02']);
    const organic = results.find((r) => r.id === 'organic')!;
    expect(review.periods[1]!.channels[0]!.planGmv).toBeCloseTo((organic.gmv * 6) / 365, 2);
  });

  it('Given a channel with no visitors in the actuals, Then its whole gap is traffic', () => {
    const review = reviewPlan(plan, results, rows.filter((r) => r.channel !== 'brand' && r.date <= '2026-01-31'), 'month');
    const brand = review.periods[0]!.channels.find((c) => c.id === 'brand')!;
    expect(brand.actualGmv).toBe(0);
    expect(brand.traffic).toBe(brand.gap);
    expect([brand.conversion, brand.orderValue]).toEqual([0, 0]);
    expect(brand.attainment).toBe(0);
  });

  it('names ISO weeks across a year end', () => {
    expect(['2026-12-31', '2027-01-03', '2027-01-04', '2020-12-31'].map(isoWeek)).toEqual(['2026-W53', '2026-W53', '2027-W01', '2020-W53']);
  });
});
