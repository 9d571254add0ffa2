import { describe, expect, it } from 'vitest';
import { examplePlan, generateHistory } from '@shopplan/examples';
import { computePlan } from '../plan-model.ts';
import { phasePlan } from '../calendar/phase-report.ts';
import { schedulePlacements, schedulePlan } from '../calendar/schedule.ts';
import { dailyPlan, isoWeek, reviewPlan } from './review.ts';

const plan = examplePlan('history-shop-2026');
const computed = computePlan(plan);
if (!computed.ok) throw new Error('the example plan computes');
const results = computed.result.channels;
const phased = dailyPlan(plan, results);
if (!phased.ok) throw new Error('the example plan phases');
const daily = phased.daily;
const planFen = Math.round(results.reduce((s, r) => s + r.gmv, 0) * 100);
const rows = generateHistory({ year: 2026, seed: 14 }).rows;
const fen = (x: number) => Math.round(x * 100);

describe('plan versus actual', { timeout: 60_000 }, () => {
  it('Given a year of actuals, When reviewed by month, Then twelve periods whose plan sums to the plan and whose gaps split exactly', () => {
    const review = reviewPlan(plan, daily, rows, 'month');
    expect(review.periods.map((p) => p.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    // the phased plan is whole fen per channel and day: the months sum to the plan's GMV exactly
    const planTotal = review.periods.reduce((s, p) => s + fen(p.total.planGmv), 0);
    expect(planTotal).toBe(planFen);
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
    const review = reviewPlan(plan, daily, rows, 'promotion');
    expect(review.periods.map((p) => p.period).sort()).toEqual(['618', 'baseline', 'double11']);
  });

  it('Given actuals for the first ten days only, Then a week counts plan days up to the last actual day', () => {
    const review = reviewPlan(plan, daily, rows.filter((r) => r.date <= '2026-01-10'), 'week');
    // 2026-01-01 is a Thursday: ISO week 2026-W01 holds Jan 1–4, W02 Jan 5–11 (to date: 5–10)
    expect(review.periods.map((p) => p.period)).toEqual(['2026-W01', '2026-W02']);
    const organic = daily.channels.find((c) => c.id === 'organic')!;
    const jan5 = 4; // day index of 2026-01-05
    expect(fen(review.periods[1]!.channels[0]!.planGmv)).toBe(organic.gmvFen.subarray(jan5, jan5 + 6).reduce((s, x) => s + x, 0));
  });

  it('Given a channel with no visitors in the actuals, Then its whole gap is traffic', () => {
    const review = reviewPlan(plan, daily, rows.filter((r) => r.channel !== 'brand' && r.date <= '2026-01-31'), 'month');
    const brand = review.periods[0]!.channels.find((c) => c.id === 'brand')!;
    expect(Object.is(brand.actualGmv, 0)).toBe(true); // 0, not -0 (which prints as ¥-0.00)
    expect(brand.traffic).toBe(brand.gap);
    expect([brand.conversion, brand.orderValue]).toEqual([0, 0]);
    expect(brand.attainment).toBe(0);
  });

  it('Given a plan with a 618 peak, When phased by day, Then the peak day carries more GMV than a flat spread and the days sum to the plan to the fen', () => {
    expect(daily.days).toBe(365);
    // per channel, the days sum exactly to the channel's share of the plan; over channels, to the plan's GMV
    let all = 0;
    for (const c of daily.channels) {
      const sum = c.gmvFen.reduce((s, x) => s + x, 0);
      const own = fen(results.find((r) => r.id === c.id)!.gmv);
      expect(Math.abs(sum - own)).toBeLessThanOrEqual(1);
      expect(c.gmvFen.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      all += sum;
    }
    expect(all).toBe(planFen);
    // the peak days of 618, as the scheduler places it
    const scheduled = schedulePlan(plan);
    if (!scheduled.ok) throw new Error('the example plan schedules');
    const peak = scheduled.schedule.activities.find((a) => a.id === '618')!.phases.find((p) => p.kind === 'peak')!;
    const peakIndex = (Date.parse(`${peak.start}T00:00:00Z`) - Date.parse('2026-01-01T00:00:00Z')) / 86_400_000;
    const dayTotal = (d: number) => daily.channels.reduce((s, c) => s + c.gmvFen[d]!, 0);
    expect(dayTotal(peakIndex)).toBeGreaterThan(1.5 * (planFen / 365));
    // and it is the Days sheet's shape: the day's share of the plan is its phased share
    const days = phasePlan(plan, { by: 'day', placements: schedulePlacements(scheduled.schedule) });
    if (!days.ok) throw new Error('phases');
    const search = plan.channels.findIndex((c) => c.id === 'search');
    const phasedShare = days.result.periods[peakIndex]!.channels[search]!.gmv / days.result.periods.reduce((s, p) => s + p.channels[search]!.gmv, 0);
    const searchDaily = daily.channels[search]!;
    expect(searchDaily.gmvFen[peakIndex]! / searchDaily.gmvFen.reduce((s, x) => s + x, 0)).toBeCloseTo(phasedShare, 6);
  });

  it('Given actuals for the 618 peak day only, When reviewed by day, Then the plan side is that day\'s phased plan, not a 365th', () => {
    const scheduled = schedulePlan(plan);
    if (!scheduled.ok) throw new Error('the example plan schedules');
    const peakDay = scheduled.schedule.activities.find((a) => a.id === '618')!.phases.find((p) => p.kind === 'peak')!.start;
    const index = (Date.parse(`${peakDay}T00:00:00Z`) - Date.parse('2026-01-01T00:00:00Z')) / 86_400_000;
    const review = reviewPlan(plan, daily, rows.filter((r) => r.date === peakDay), 'day');
    expect(review.periods.map((p) => p.period)).toEqual([peakDay]);
    const day = review.periods[0]!;
    expect(fen(day.total.planGmv)).toBe(daily.channels.reduce((s, c) => s + c.gmvFen[index]!, 0));
    expect(fen(day.total.planGmv)).toBeGreaterThan(fen(computed.result.total.gmv / 365));
    for (const c of day.channels) expect(fen(c.traffic) + fen(c.conversion) + fen(c.orderValue)).toBe(fen(c.gap));
  });

  it('Given actuals of one channel on one day, Then the other channels show actual GMV 0, never -0 (which prints as ¥-0.00)', () => {
    const searchOnly = reviewPlan(plan, daily, [{ date: '2026-03-01', channel: 'search', spend: 10, impressions: null, clicks: null, visitors: 100, addToCart: null, orders: 2, gmv: 300, refunds: null }], 'day');
    for (const c of searchOnly.periods[0]!.channels.filter((x) => x.id !== 'search')) expect(Object.is(c.actualGmv, 0), c.id).toBe(true);
  });

  it('names ISO weeks across a year end', () => {
    expect(['2026-12-31', '2027-01-03', '2027-01-04', '2020-12-31'].map(isoWeek)).toEqual(['2026-W53', '2026-W53', '2027-W01', '2020-W53']);
  });
});
