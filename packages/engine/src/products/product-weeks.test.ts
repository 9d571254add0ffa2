import { describe, expect, it } from 'vitest';
import { parsePlan, type Plan } from '@shopplan/schema';
import { examplePlan } from '@shopplan/examples';
import { phasePlan } from '../index.ts';
import { dayNumber } from '../calendar/phasing.ts';
import { planWeekGmv, planWeekSpans, productWeekPromotion, productWeekStatus, weekGmvFromWeights, weekHasPeak } from './product-weeks.ts';

const day = (iso: string): number => dayNumber(iso)!;

/** June 2026 (DOMAIN.md's shop) with five Monday weeks, two products and an optional promotion. */
function juneWithWeeks(extra: Record<string, unknown> = {}): Plan {
  const base = examplePlan('june-shop');
  const parsed = parsePlan({
    ...base,
    version: 3,
    weeks: [
      { start: '2026-06-01', weight: 1 },
      { start: '2026-06-08', weight: 1 },
      { start: '2026-06-15', weight: 2 },
      { start: '2026-06-22', weight: 1 },
      { start: '2026-06-29', weight: 1 },
    ],
    products: [
      { id: 'tea', name: { zh: '茶', en: 'Tea' }, share: 0.6, price: 100 },
      { id: 'cup', name: { zh: '杯', en: 'Cup' }, share: 0.4, price: 30 },
    ],
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.plan;
}

describe('week spans', () => {
  it('runs a week seven days or to the next start, as phasing does', () => {
    const spans = planWeekSpans({ weeks: [{ start: '2026-06-01', weight: 1 }, { start: '2026-06-05', weight: 1 }, { start: '2026-06-29', weight: 1 }] });
    expect(spans.map((s) => [s.first - day('2026-06-01'), s.last - day('2026-06-01')])).toEqual([[0, 3], [4, 10], [28, 34]]);
  });
});

describe('week GMV', () => {
  it('Given no activities, the target splits over the week weights in whole fen summing to the target', () => {
    const plan = juneWithWeeks();
    const out = planWeekGmv(plan);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.source).toBe('weeks');
    expect(out.fen).toEqual([50_000_000, 50_000_000, 100_000_000, 50_000_000, 50_000_000]);
    expect(weekGmvFromWeights(1, [1, 1, 1])).toEqual([34, 33, 33]);
  });

  it('Given a promotion, each week is the phased days of that week, and the weeks sum to the target to the fen', () => {
    const plan = juneWithWeeks({
      activities: [{ id: 'mid-618', name: { zh: '618', en: '618' }, tier: 'A', window: { start: '2026-06-01', end: '2026-06-25' }, peakOn: '2026-06-16' }],
    });
    const out = planWeekGmv(plan);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.source).toBe('days');
    expect(out.fen.reduce((a, b) => a + b, 0)).toBe(300_000_000);
    // the same days the phase report gives (Monday weeks = the plan's weeks here)
    const phased = phasePlan(plan, { by: 'week' });
    expect(phased.ok).toBe(true);
    if (!phased.ok) return;
    expect(out.fen).toEqual(phased.result.periods.map((p) => Math.round(p.gmv * 100)));
    // the peak week carries more than the plain split gives it
    expect(out.fen[2]).toBeGreaterThan(100_000_000);
    expect(out.peaks.map((p) => p.activity)).toEqual(['mid-618']);
    expect(out.peaks[0]!.first).toBe(day('2026-06-16'));
  });
});

describe('product-week status', () => {
  const w = (iso: string) => [day(iso), day(iso) + 6] as const;
  const life = { id: 'p', lifecycle: { launch: '2026-03-02', growth: '2026-04-06', maturity: '2026-06-01', decline: '2026-09-07', end: '2026-11-29' } };
  it('is the stage whose start is the latest on or before the week start, off outside launch..end', () => {
    expect(productWeekStatus(life, ...w('2026-02-23'))).toBe('off');
    expect(productWeekStatus(life, ...w('2026-03-02'))).toBe('launch');
    expect(productWeekStatus(life, ...w('2026-04-06'))).toBe('growth');
    expect(productWeekStatus(life, ...w('2026-08-31'))).toBe('maturity');
    expect(productWeekStatus(life, ...w('2026-09-07'))).toBe('decline');
    expect(productWeekStatus(life, ...w('2026-11-23'))).toBe('decline');
    expect(productWeekStatus(life, ...w('2026-11-30'))).toBe('off');
  });
  it('is off outside a season, on in a week the season touches, maturity without a lifecycle', () => {
    const cherry = { id: 'c', season: { start: '2026-05-13', end: '2026-06-20' } };
    expect(productWeekStatus(cherry, ...w('2026-05-04'))).toBe('off');
    expect(productWeekStatus(cherry, ...w('2026-05-11'))).toBe('maturity');
    expect(productWeekStatus(cherry, ...w('2026-06-15'))).toBe('maturity');
    expect(productWeekStatus(cherry, ...w('2026-06-22'))).toBe('off');
  });
});

describe('activity of a product-week', () => {
  const peaks = [{ activity: 'a', first: day('2026-06-16'), last: day('2026-06-18') }, { activity: 'b', first: day('2026-06-18'), last: day('2026-06-19') }];
  it('is the first of its promotions whose peak overlaps the week', () => {
    const p = { id: 'p', promotions: [{ activity: 'b' }, { activity: 'a' }] };
    expect(productWeekPromotion(p, { first: day('2026-06-15'), last: day('2026-06-21') }, peaks)).toBe(0);
    expect(productWeekPromotion({ id: 'q', promotions: [{ activity: 'a' }] }, { first: day('2026-06-08'), last: day('2026-06-14') }, peaks)).toBe(-1);
    expect(productWeekPromotion({ id: 'r' }, { first: day('2026-06-15'), last: day('2026-06-21') }, peaks)).toBe(-1);
    expect(weekHasPeak({ first: day('2026-06-15'), last: day('2026-06-21') }, peaks)).toBe(true);
    expect(weekHasPeak({ first: day('2026-06-22'), last: day('2026-06-28') }, peaks)).toBe(false);
  });
});
