import chineseDays from 'chinese-days';
import { LegalHoliday } from 'tyme4ts';
import { planIssue, type LocalizedText, type PlanIssue } from '@shopplan/schema';
import { dayNumber, isoDate, isoWeekday, isWeekend, parseIsoDate, ymd } from './iso-date.ts';
import { festivalsOfYear, type Festival } from './festivals.ts';
import { provisionalSchedule, type HolidaySchedule, type ScheduleEntry } from './provisional.ts';

/**
 * Statutory holidays and make-up workdays (调休), year by year.
 *
 * A year's schedule comes, in this order, from: a planner's override (the
 * notice as published, dropped in as data), the published data of two
 * libraries (chinese-days, checked day by day against tyme4ts's legal
 * holidays; where only one has a day, that one is taken), or the provisional
 * rules (provisional.ts), in which case the year says `provisional: true`.
 */

/** First and last year the calendar answers for. */
export const CALENDAR_YEARS = { first: 2001, last: 2100 } as const;

/** Ids of the statutory holidays. */
export type HolidayId = 'new-year' | 'spring-festival' | 'qingming' | 'labour-day' | 'dragon-boat' | 'mid-autumn' | 'national-day' | 'victory-day';

/** Names of the statutory holidays, by id. */
export const HOLIDAY_NAMES: Readonly<Record<HolidayId, LocalizedText>> = {
  'new-year': { zh: '元旦', en: "New Year's Day" },
  'spring-festival': { zh: '春节', en: 'Spring Festival' },
  qingming: { zh: '清明节', en: 'Qingming (Tomb-sweeping Day)' },
  'labour-day': { zh: '劳动节', en: 'Labour Day' },
  'dragon-boat': { zh: '端午节', en: 'Dragon Boat Festival' },
  'mid-autumn': { zh: '中秋节', en: 'Mid-Autumn Festival' },
  'national-day': { zh: '国庆节', en: 'National Day' },
  // 2015 only: the 70th anniversary of the victory in the War of Resistance
  'victory-day': { zh: '抗战胜利纪念日', en: 'Victory Day (2015)' },
};

/**
 * The holiday id for a name as chinese-days, tyme4ts or a planner writes it
 * (`春节`, `Spring Festival`, `spring-festival`); other text is kept as it is.
 * @example holidayId('国庆中秋') // 'national-day'
 */
export function holidayId(name: string): string {
  const text = name.trim();
  for (const [id, names] of Object.entries(HOLIDAY_NAMES)) {
    if (text === id || text === names.zh || text.toLowerCase() === names.en.toLowerCase()) return id;
  }
  return HOLIDAY_ALIASES[text] ?? text;
}

const HOLIDAY_ALIASES: Readonly<Record<string, HolidayId>> = {
  // chinese-days' English names
  "New Year's Day": 'new-year',
  'Tomb-sweeping Day': 'qingming',
  'Dragon Boat Festival': 'dragon-boat',
  'Mid-autumn Festival': 'mid-autumn',
  'Anti-Fascist 70th Day': 'victory-day',
  // tyme4ts's and the notices' Chinese names
  清明: 'qingming',
  端午: 'dragon-boat',
  中秋: 'mid-autumn',
  国庆: 'national-day',
  国庆中秋: 'national-day',
  抗战胜利日: 'victory-day',
};

/** A published day as chinese-days has it, or null when it lists nothing for the date. */
export function chineseDaysEntry(day: number): ScheduleEntry | null {
  const detail = chineseDays.getDayDetail(isoDate(day));
  // a listed day's name is "English,中文,statutory days"; an unlisted one is just the weekday
  if (!detail.name.includes(',')) return null;
  return { holiday: holidayId(detail.name.split(',')[0] ?? ''), workday: detail.work };
}

/** A published day as tyme4ts's legal holidays have it, or null. */
export function tymeEntry(day: number): ScheduleEntry | null {
  const { year, month, day: d } = ymd(day);
  const legal = LegalHoliday.fromYmd(year, month, d);
  return legal ? { holiday: holidayId(legal.getName()), workday: legal.isWork() } : null;
}

const publishedCache = new Map<number, ScheduleEntry | null>();

/**
 * A published day: chinese-days first, tyme4ts where chinese-days lists
 * nothing (see the diff test for why). Read lazily, day by day, and kept:
 * tyme4ts's look-up is slow (~0.1 ms), so a year costs tens of milliseconds
 * once, and only the years asked for.
 */
function publishedEntry(day: number): ScheduleEntry | null {
  let entry = publishedCache.get(day);
  if (entry === undefined) {
    entry = chineseDaysEntry(day) ?? tymeEntry(day);
    publishedCache.set(day, entry);
  }
  return entry;
}

/**
 * Whether a year's holidays are published in the bundled data (its New Year's
 * Day is listed as a day off).
 * @example isPublishedYear(2026) // true
 */
export function isPublishedYear(year: number): boolean {
  return publishedEntry(dayNumber(year, 1, 1))?.workday === false;
}

/** The published schedule of a holiday year: its days, plus the new-year days of the December before; without late December days that belong to the next New Year. */
function publishedSchedule(year: number): HolidaySchedule {
  const schedule = new Map<number, ScheduleEntry>();
  for (let day = dayNumber(year - 1, 12, 1); day <= dayNumber(year, 12, 31); day++) {
    const entry = publishedEntry(day);
    if (!entry) continue;
    const nextNewYear = ymd(day).month === 12 && entry.holiday === 'new-year';
    if ((ymd(day).year === year && !nextNewYear) || (ymd(day).year === year - 1 && nextNewYear)) schedule.set(day, entry);
  }
  return schedule;
}

/** One day of a planner's override: a day off with its holiday, or a make-up workday (with the holiday it pays back, or null). */
export interface HolidayOverrideDay {
  /** ISO date in the override's year, or in the December before (a New Year bridge). */
  date: string;
  holiday: string | null;
  workday: boolean;
}

/** A year's holidays as the State Council published them, supplied by the planner; replaces the provisional (or bundled) schedule of that year. */
export interface HolidayOverride {
  year: number;
  /** Only the special days: days off that are holidays and weekend days that are worked. Every other day is ordinary. */
  days: readonly HolidayOverrideDay[];
}

/** Where a year's holidays came from. */
export type HolidaySource = 'override' | 'published' | 'provisional';

/** Options of the calendar functions. */
export interface CalendarOptions {
  /** Planner-supplied schedules (validated with `parseHolidayOverride`), at most one per year. */
  overrides?: readonly HolidayOverride[];
}

/** Misuse of the calendar API (a malformed date, a year outside 2001–2100, a fractional count): a bug in the caller, not a planner's input. */
export class CalendarUsageError extends Error {
  override name = 'CalendarUsageError';
}

const scheduleCache = new Map<number, { source: HolidaySource; days: HolidaySchedule }>();

function scheduleOf(year: number, options: CalendarOptions | undefined): { source: HolidaySource; days: HolidaySchedule } {
  const override = options?.overrides?.find((o) => o.year === year);
  if (override) {
    const days = new Map<number, ScheduleEntry>();
    for (const d of override.days) {
      const day = parseIsoDate(d.date);
      if (day === null) throw new CalendarUsageError(`override day "${d.date}" is not a date; validate overrides with parseHolidayOverride`);
      days.set(day, { holiday: d.holiday === null ? '' : holidayId(d.holiday), workday: d.workday });
    }
    return { source: 'override', days };
  }
  let cached = scheduleCache.get(year);
  if (!cached) {
    cached = isPublishedYear(year) ? { source: 'published', days: publishedSchedule(year) } : { source: 'provisional', days: provisionalSchedule(year) };
    scheduleCache.set(year, cached);
  }
  return cached;
}

/** A day of the calendar. */
export interface CalendarDay {
  /** ISO date, `YYYY-MM-DD`. */
  date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Whether offices and suppliers work: weekdays, and weekend days made workdays (调休); not holidays. */
  workday: boolean;
  /** The statutory holiday this day off belongs to (a HolidayId, or the override's own name); null on ordinary days and on make-up workdays. */
  holiday: string | null;
  /** A weekend day worked to pay back a holiday (调休上班). */
  makeUpWorkday: boolean;
  /** The holiday a make-up workday pays back (null if not one, or not named). */
  makeUpFor: string | null;
}

/** A year's days and festivals. */
export interface YearCalendar {
  year: number;
  /** True when any of the year's holidays come from the provisional rules rather than published data or an override. */
  provisional: boolean;
  /** Where the year's own holidays came from. */
  source: HolidaySource;
  days: CalendarDay[];
  festivals: Festival[];
}

/** The outcome of asking for a year: the calendar, or issues (a year outside the range). */
export type YearCalendarOutcome = { ok: true; calendar: YearCalendar } | { ok: false; issues: PlanIssue[] };

/**
 * The issue for a year the calendar cannot answer for (not a whole number in
 * 2001–2100), or null.
 * @example calendarYearIssue(2150, 'year')?.message.en // 'the year 2150 is outside the calendar's range 2001–2100'
 */
export function calendarYearIssue(year: number, path = 'year'): PlanIssue | null {
  if (Number.isInteger(year) && year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last) return null;
  const { first, last } = CALENDAR_YEARS;
  return planIssue(path, 'year_out_of_range', `年份 ${year} 超出日历范围 ${first}–${last}`, `the year ${year} is outside the calendar's range ${first}–${last}`);
}

const yearDaysCache = new Map<number, { provisional: boolean; source: HolidaySource; days: CalendarDay[] }>();

function yearDays(year: number, options: CalendarOptions | undefined): { provisional: boolean; source: HolidaySource; days: CalendarDay[] } {
  const plain = !options?.overrides?.some((o) => o.year === year || o.year === year + 1);
  const cached = plain ? yearDaysCache.get(year) : undefined;
  if (cached) return cached;
  const own = scheduleOf(year, options);
  // next year's New Year may bridge back into this December (for 2100, 2101's rules are asked: harmless, they only compute)
  const next = scheduleOf(year + 1, options);
  const first = dayNumber(year, 1, 1);
  const last = dayNumber(year, 12, 31);
  let provisional = own.source === 'provisional';
  const days: CalendarDay[] = [];
  for (let d = first; d <= last; d++) {
    let entry = own.days.get(d);
    if (!entry) {
      entry = next.days.get(d);
      if (entry && next.source === 'provisional') provisional = true;
    }
    const weekend = isWeekend(d);
    const workday = entry ? entry.workday : !weekend;
    const makeUpWorkday = workday && weekend;
    days.push({
      date: isoDate(d),
      weekday: isoWeekday(d),
      workday,
      holiday: !workday && entry && entry.holiday !== '' ? entry.holiday : null,
      makeUpWorkday,
      makeUpFor: makeUpWorkday && entry && entry.holiday !== '' ? entry.holiday : null,
    });
  }
  const result = { provisional, source: own.source, days };
  if (plain) yearDaysCache.set(year, result);
  return result;
}

/**
 * A year's calendar: every day (workday, holiday, 调休) and every festival.
 * A year without a published schedule gets the provisional one, marked
 * `provisional: true`, unless `options.overrides` holds that year.
 * @example yearCalendar(2026).ok && yearCalendar(2026).calendar.days.filter((d) => d.makeUpWorkday).length // 6
 */
export function yearCalendar(year: number, options?: CalendarOptions): YearCalendarOutcome {
  const issue = calendarYearIssue(year);
  if (issue) return { ok: false, issues: [issue] };
  const { provisional, source, days } = yearDays(year, options);
  // copies, so that a caller's edit cannot reach the cache
  return { ok: true, calendar: { year, provisional, source, days: days.map((d) => ({ ...d })), festivals: festivalsOfYear(year) } };
}

function dayInfo(day: number, options: CalendarOptions | undefined): CalendarDay {
  const { year } = ymd(day);
  if (calendarYearIssue(year)) throw new CalendarUsageError(`${isoDate(day)} is outside the calendar's range ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last}`);
  return yearDays(year, options).days[day - dayNumber(year, 1, 1)]!;
}

function dateArg(date: string, what: string): number {
  const day = parseIsoDate(date);
  if (day === null) throw new CalendarUsageError(`${what} "${date}" is not an ISO date (YYYY-MM-DD)`);
  return day;
}

/**
 * Whether a date is a working day (holidays and 调休 counted).
 * @example isWorkday('2026-02-14') // true: a Saturday worked for Spring Festival
 */
export function isWorkday(date: string, options?: CalendarOptions): boolean {
  return dayInfo(dateArg(date, 'date'), options).workday;
}

/**
 * The date `n` working days after `date` (n > 0) or before it (n < 0), the
 * date itself not counted; n = 0 returns the date. Holidays and 调休 count: a
 * supplier's order-by date is `addWorkdays(needed, -leadDays)`. Days of a
 * year not yet published count by its provisional schedule: a caller showing
 * the result says so when `yearCalendar(year).calendar.provisional` is true.
 * Throws CalendarUsageError for a malformed date, a fractional n, or a walk
 * out of 2001–2100.
 * @example addWorkdays('2026-02-24', -3) // '2026-02-12': the Spring Festival break is skipped, Saturday 14th counts
 */
export function addWorkdays(date: string, n: number, options?: CalendarOptions): string {
  if (!Number.isInteger(n)) throw new CalendarUsageError(`a number of working days must be whole, not ${n}`);
  let day = dateArg(date, 'date');
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (dayInfo(day, options).workday) left--;
  }
  return isoDate(day);
}

/**
 * Working days from `start` (counted) to `end` (not counted); negative when
 * `end` is before `start`. So `workdaysBetween(addWorkdays(d, -n), d) === n`.
 * @example workdaysBetween('2026-02-12', '2026-02-24') // 3
 */
export function workdaysBetween(start: string, end: string, options?: CalendarOptions): number {
  const a = dateArg(start, 'start');
  const b = dateArg(end, 'end');
  const [from, to, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let d = from; d < to; d++) if (dayInfo(d, options).workday) count++;
  return sign * count;
}
