/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`) and whole day numbers.
 *
 * The calendar module never reads the clock and never uses local time: a date
 * is a day in the Chinese civil calendar, not an instant, so it is kept as a
 * string and counted as days since 1970-01-01 (UTC arithmetic, no time zone).
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a Gregorian year/month/day. */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/**
 * The day number of an ISO date, or null when the text is not a real date
 * (`2027-02-30`, `2027-2-3`, `20270203` are all null).
 * @example parseIsoDate('1970-01-02') // 1
 */
export function parseIsoDate(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = dayNumber(y, mo, d);
  // Date.UTC rolls 02-30 over into March: a round trip catches it
  return isoDate(n) === text ? n : null;
}

/**
 * The ISO date of a day number.
 * @example isoDate(0) // '1970-01-01'
 */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * ISO weekday of a day number: 1 = Monday … 7 = Sunday.
 * @example isoWeekday(dayNumber(2026, 2, 17)) // 2 (a Tuesday)
 */
export function isoWeekday(day: number): number {
  // 1970-01-01 was a Thursday (4)
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Saturday or Sunday. */
export function isWeekend(day: number): boolean {
  return isoWeekday(day) >= 6;
}

/** The Gregorian year, month (1–12) and day of a day number. */
export function ymd(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
