import { describe, expect, it } from 'vitest';
import { parsePlan } from '@shopplan/schema';
import { scalePlan } from './scale-plan.ts';
import { dragonBoatFestival, midAutumnFestival, springFestival } from '@shopplan/calendar';

const day = (d: Date) => d.toISOString().slice(0, 10);

describe('lunar festivals are computed, not looked up', () => {
  it('Given known years, Then Spring Festival, Dragon Boat and Mid-Autumn fall on the published dates', () => {
    expect([2024, 2025, 2026, 2027, 2030].map((y) => day(springFestival(y)))).toEqual(['2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2030-02-03']);
    expect([2024, 2025, 2026, 2027].map((y) => day(dragonBoatFestival(y)))).toEqual(['2024-06-10', '2025-05-31', '2026-06-19', '2027-06-09']);
    expect([2024, 2025, 2026, 2027].map((y) => day(midAutumnFestival(y)))).toEqual(['2024-09-17', '2025-10-06', '2026-09-25', '2027-09-15']);
  });
});

describe('scalePlan: a deterministic yearly plan of many products', () => {
  const plan = scalePlan(1_000);

  it('Given 1,000 products, Then the plan is valid, with 52 Monday weeks and shares summing to 100%', () => {
    expect(parsePlan(plan).ok).toBe(true);
    expect(plan.products).toHaveLength(1_000);
    expect(plan.weeks).toHaveLength(52);
    expect(plan.weeks?.every((w) => new Date(`${w.start}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(Math.abs((plan.products ?? []).reduce((a, p) => a + p.share, 0) - 1)).toBeLessThan(1e-9);
  });

  it('Then it is the same plan on every call', () => {
    expect(scalePlan(1_000)).toEqual(plan);
  });

  it('Then the Double 11 week and the 618 week are peaks, and the Spring Festival week a trough', () => {
    const weeks = plan.weeks ?? [];
    const weightOf = (date: string) => weeks.filter((w) => w.start <= date).at(-1)?.weight ?? 0;
    const median = [...weeks.map((w) => w.weight)].sort((a, b) => a - b)[26] ?? 0;
    expect(weightOf('2026-11-11')).toBe(Math.max(...weeks.map((w) => w.weight)));
    expect(weightOf('2026-06-18')).toBeGreaterThan(1.5 * median);
    expect(weightOf('2026-02-17')).toBeLessThan(0.6 * median);
  });

  it('Then prices end in 9, 8 or 5 and are whole yuan', () => {
    expect((plan.products ?? []).every((p) => Number.isInteger(p.price) && [5, 8, 9].includes(p.price % 10))).toBe(true);
  });

  it('Given a count that is not a positive integer, Then it throws a RangeError', () => {
    expect(() => scalePlan(0)).toThrow(RangeError);
    expect(() => scalePlan(1.5)).toThrow(RangeError);
    expect(() => scalePlan(10, 0)).toThrow(RangeError);
  });
});
