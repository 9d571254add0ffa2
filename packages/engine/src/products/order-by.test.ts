import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkdays, dayNumber, isoDate, workdaysBetween } from '@shopplan/calendar';
import { createOrderByLookup, orderByDate, OrderByUsageError } from './order-by.ts';

describe('order-by across 春节 2027 (provisional: 2027 is not published yet)', () => {
  // The provisional 2027 break: Fri 02-05 (New Year's Eve) to Sat 02-13 off;
  // Sun 01-31 and Sun 02-14 are worked (调休).
  const week = '2027-02-15'; // Monday after the break
  it.each([
    [0, '2027-02-15'], // lead 0: the week's first day itself
    [1, '2027-02-14'], // Sunday 14th is a make-up workday
    [2, '2027-02-04'], // 13th … 5th are the break; Thursday 4th
    [5, '2027-02-01'], // 4th, 3rd, 2nd, 1st: Monday 1st is the 5th
    [6, '2027-01-31'], // Sunday 31st is worked too
    [7, '2027-01-29'], // the weekend 30th is off: Friday 29th
  ])('Given stock needed on %s… lead %i working days, Then order by %s', (lead, expected) => {
    expect(orderByDate(week, lead)).toBe(expected);
    const lookup = createOrderByLookup([week], 10);
    expect(lookup.orderBy(0, lead)).toBe(expected);
    expect(lookup.provisional(0, lead)).toBe(true);
  });
});

describe('order-by across 国庆 2026 with 调休 (published)', () => {
  // 2026: Mid-Autumn Fri 09-25 … Sun 09-27 off, Sun 09-20 worked;
  // National Day Thu 10-01 … Wed 10-07 off, Sat 10-10 worked.
  const week = '2026-10-12';
  it.each([
    [1, '2026-10-10'], // Saturday 10th, a make-up workday
    [2, '2026-10-09'],
    [3, '2026-10-08'],
    [4, '2026-09-30'], // 7th … 1st are the holiday
    [6, '2026-09-28'],
    [7, '2026-09-24'], // 27th … 25th are Mid-Autumn
    [10, '2026-09-21'], // 24, 23, 22, 21
    [11, '2026-09-20'], // Sunday 20th is worked
  ])('Given stock needed on 2026-10-12, lead %i working days, Then order by %s', (lead, expected) => {
    expect(orderByDate(week, lead)).toBe(expected);
    const lookup = createOrderByLookup(['2026-09-28', week], 20);
    expect(lookup.orderBy(1, lead)).toBe(expected);
    expect(lookup.provisional(1, lead)).toBe(false);
  });

  it('Given a week that starts inside the holiday, Then lead 0 orders that day and lead 1 the last working day before the break', () => {
    expect(orderByDate('2026-10-05', 0)).toBe('2026-10-05');
    expect(orderByDate('2026-10-05', 1)).toBe('2026-09-30');
  });
});

describe('order-by lookup equals the calendar walk', () => {
  it('Then for any weekly plan and lead time: equal to addWorkdays, never after the week start, and exactly lead working days before it', () => {
    const monday = dayNumber(2025, 1, 6);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 160 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 250 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 40 }), (offsetWeeks, weekCount, maxLead, probes) => {
        const weeks = Array.from({ length: weekCount }, (_, w) => isoDate(monday + 7 * (offsetWeeks + w)));
        const lookup = createOrderByLookup(weeks, maxLead);
        for (const [a, b] of probes) {
          const w = a % weekCount;
          const lead = b % (maxLead + 1);
          const date = lookup.orderBy(w, lead);
          expect(date).toBe(addWorkdays(weeks[w]!, -lead));
          expect(date <= weeks[w]!).toBe(true);
          expect(workdaysBetween(date, weeks[w]!)).toBe(lead);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('Then misuse throws OrderByUsageError: a fractional or negative lead, a lead beyond the lookup, an unknown week, a malformed date', () => {
    expect(() => orderByDate('2026-10-12', 1.5)).toThrow(OrderByUsageError);
    expect(() => orderByDate('2026-10-12', -1)).toThrow(OrderByUsageError);
    const lookup = createOrderByLookup(['2026-10-12'], 5);
    expect(() => lookup.orderBy(0, 6)).toThrow(OrderByUsageError);
    expect(() => lookup.orderBy(1, 1)).toThrow(OrderByUsageError);
    expect(() => createOrderByLookup(['2026-13-01'], 5)).toThrow(OrderByUsageError);
    expect(() => createOrderByLookup(['2001-01-08'], 250)).toThrow(OrderByUsageError);
    expect(createOrderByLookup([], 5).weekStarts).toEqual([]);
  });
});
