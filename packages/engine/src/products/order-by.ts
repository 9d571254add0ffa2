/**
 * Order-by dates (DOMAIN.md §5): the first day of the week the stock is
 * needed minus the supplier's lead time in the supplier's working days, with
 * statutory holidays and 调休 make-up workdays counted as @shopplan/calendar
 * has them (published years, or provisional ones made by rule).
 */

import { addWorkdays, dayNumber, isoDate, parseIsoDate, yearCalendar, CALENDAR_YEARS, type CalendarOptions } from '@shopplan/calendar';

/** Misuse of the order-by functions: a malformed date, a fractional or negative lead time, a week outside the lookup. */
export class OrderByUsageError extends Error {
  override name = 'OrderByUsageError';
}

function checkLead(leadDays: number): void {
  if (!(Number.isInteger(leadDays) && leadDays >= 0)) throw new OrderByUsageError(`a lead time is a whole number of working days ≥ 0, not ${leadDays}`);
}

/**
 * The date an order must be placed for stock needed on `weekStart`: that
 * date minus `leadDays` supplier working days (the week's first day not
 * counted; a lead time of 0 orders on the day itself, even a holiday).
 * @example orderByDate('2026-10-12', 1) // '2026-10-10': Saturday, a 调休 make-up workday after 国庆
 */
export function orderByDate(weekStart: string, leadDays: number, options?: CalendarOptions): string {
  checkLead(leadDays);
  return addWorkdays(weekStart, -leadDays, options);
}

/**
 * Order-by dates of many (week, lead time) pairs in constant time each: the
 * working days before the plan's first week are listed once, so a
 * 10,000-product × 52-week calendar asks the calendar for about a year and a
 * half of days instead of walking up to 250 working days 520,000 times.
 * Equal to `orderByDate` for every week and lead time up to `maxLeadDays`.
 */
export interface OrderByLookup {
  /** The weeks' first days, as given. */
  readonly weekStarts: readonly string[];
  /** The longest lead time the lookup answers for. */
  readonly maxLeadDays: number;
  /** The order-by date of week `week` (index into weekStarts) for a lead time of `leadDays` working days. */
  orderBy(week: number, leadDays: number): string;
  /** Whether any day from the order-by date to the week's first day lies in a year whose holidays are provisional (made by rule, not yet published). */
  provisional(week: number, leadDays: number): boolean;
}

/**
 * Builds an OrderByLookup for the plan's week start dates and the longest
 * lead time in the plan. Throws OrderByUsageError for a malformed date or a
 * bad maxLeadDays, and when the working days needed fall outside the
 * calendar's years.
 * @example createOrderByLookup(['2027-02-15'], 10).orderBy(0, 1) // '2027-02-14': a Sunday worked after 春节
 */
export function createOrderByLookup(weekStarts: readonly string[], maxLeadDays: number, options?: CalendarOptions): OrderByLookup {
  checkLead(maxLeadDays);
  const weekDays = weekStarts.map((w) => {
    const d = parseIsoDate(w);
    if (d === null) throw new OrderByUsageError(`a week start must be an ISO date (YYYY-MM-DD), not "${w}"`);
    return d;
  });
  const first = weekDays.length > 0 ? Math.min(...weekDays) : 0;
  const last = weekDays.length > 0 ? Math.max(...weekDays) : 0;
  // Every calendar year has ≥ 200 working days, so two working days per
  // calendar day back is ample; the exact start comes from the walk below.
  const from = weekDays.length > 0 ? first - 2 * maxLeadDays - 14 : 0;
  const firstYear = Number(isoDate(from).slice(0, 4));
  const lastYear = Number(isoDate(last).slice(0, 4));
  if (weekDays.length > 0 && (firstYear < CALENDAR_YEARS.first || lastYear > CALENDAR_YEARS.last)) {
    throw new OrderByUsageError(`order-by dates from ${isoDate(from)} to ${isoDate(last)} leave the calendar's years ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}`);
  }
  // working days in [from, last), ascending, and whether each day's year is provisional
  const workdays: number[] = [];
  const provisionalFrom = new Map<number, boolean>();
  for (let year = firstYear; weekDays.length > 0 && year <= lastYear; year++) {
    const outcome = yearCalendar(year, options);
    if (!outcome.ok) throw new OrderByUsageError(outcome.issues[0]?.message.en ?? `no calendar for ${year}`);
    provisionalFrom.set(year, outcome.calendar.provisional);
    const yearStart = dayNumber(year, 1, 1);
    outcome.calendar.days.forEach((day, i) => {
      const d = yearStart + i;
      if (d >= from && d < last && day.workday) workdays.push(d);
    });
  }
  const working = Int32Array.from(workdays);
  // for each week, how many listed working days lie before its first day
  const before = weekDays.map((d) => lowerBound(working, d));
  const dates = new Map<number, string>();
  const dateOf = (d: number) => {
    let s = dates.get(d);
    if (s === undefined) dates.set(d, (s = isoDate(d)));
    return s;
  };
  const orderByDay = (week: number, leadDays: number): number => {
    const start = weekDays[week];
    if (start === undefined) throw new OrderByUsageError(`week ${week} is not one of the lookup's ${weekDays.length} weeks`);
    checkLead(leadDays);
    if (leadDays > maxLeadDays) throw new OrderByUsageError(`lead time ${leadDays} is longer than the lookup's ${maxLeadDays} working days`);
    if (leadDays === 0) return start;
    const at = before[week]! - leadDays;
    if (at < 0) throw new OrderByUsageError(`internal: too few working days listed before week ${week}`);
    return working[at]!;
  };
  return {
    weekStarts: [...weekStarts],
    maxLeadDays,
    orderBy: (week, leadDays) => dateOf(orderByDay(week, leadDays)),
    provisional(week, leadDays) {
      const fromYear = Number(dateOf(orderByDay(week, leadDays)).slice(0, 4));
      const toYear = Number(weekStarts[week]!.slice(0, 4));
      for (let y = fromYear; y <= toYear; y++) if (provisionalFrom.get(y)) return true;
      return false;
    },
  };
}

/** Index of the first element ≥ x in an ascending array. */
function lowerBound(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
