import { dayNumber, isWeekend, isoWeekday } from './iso-date.ts';
import { dragonBoatDay, midAutumnDay, solarTermDay, springFestivalDay } from './festivals.ts';

/**
 * A provisional schedule of statutory holidays and make-up workdays (调休) for a
 * year the State Council has not published yet (it publishes each November
 * for the next year). It follows the rules the published schedules of
 * 2015–2026 show, in the form the 2025 revision of the holiday regulations
 * gives them:
 *
 * - one-day holidays (New Year, Qingming, Dragon Boat, Mid-Autumn) bridge to
 *   the weekend: on a Monday or Friday the break is 3 days with the weekend;
 *   on a Tuesday the Monday is taken off and the Saturday before is worked;
 *   on a Thursday the Friday is taken off and the Sunday after is worked; on
 *   a Wednesday only the day itself; on a Saturday or Sunday the next Monday
 *   is the day in lieu (补休);
 * - long breaks: Spring Festival 8 days from New Year's Eve (4 statutory days:
 *   the eve and the first three days), Labour Day 5 days (May 1–2 statutory),
 *   National Day 7 days (Oct 1–3), 8 when Mid-Autumn falls into it or right
 *   before it (merged). Every weekday of the break beyond the statutory days
 *   is paid back by a make-up workday on a weekend day near the break, one
 *   before and one after, the nearer side first, never the weekend day right
 *   next to the break (that one joins the break instead: 2026's Spring
 *   Festival ran Sunday 15th to Monday 23rd with Saturday 14th worked).
 *
 * Years before 2008 follow the rules of that time (Spring Festival, Labour
 * Day and National Day: 3 statutory days in 7-day breaks; no Qingming, Dragon
 * Boat or Mid-Autumn holiday). Checked in the tests: these rules reproduce the
 * published 2025 and 2026 schedules day for day.
 */

/** One special day of a holiday year's schedule: a day off (with its holiday) or a make-up workday (with the holiday it pays back). */
export interface ScheduleEntry {
  holiday: string;
  workday: boolean;
}

/** A holiday year's special days by day number. Days not in it are ordinary (weekdays worked, weekends off). */
export type HolidaySchedule = ReadonlyMap<number, ScheduleEntry>;

interface LongBreak {
  holiday: string;
  /** First day of the break. */
  start: number;
  length: number;
  /** Statutory days in the break (each weekday beyond them is paid back). */
  statutory: number;
}

interface Rules {
  /** Spring Festival: break start and statutory days as offsets from 春节 (lunar 1/1). */
  springFestival: { startOffset: number; length: number; statutory: number };
  labourDay: { statutoryDays: number; length: number };
  nationalDay: { length: number; mergeMidAutumn: boolean };
  /** One-day holidays besides New Year. */
  oneDay: ReadonlyArray<'qingming' | 'dragon-boat' | 'mid-autumn'>;
}

/** The rules since the 2025 revision (国务院令第 795 号): 13 statutory days. */
const RULES_2025: Rules = {
  springFestival: { startOffset: -1, length: 8, statutory: 4 },
  labourDay: { statutoryDays: 2, length: 5 },
  nationalDay: { length: 7, mergeMidAutumn: true },
  oneDay: ['qingming', 'dragon-boat', 'mid-autumn'],
};

/** The rules of 2000–2007: three 7-day "golden weeks", no traditional one-day holidays. */
const RULES_2000: Rules = {
  springFestival: { startOffset: 0, length: 7, statutory: 3 },
  labourDay: { statutoryDays: 3, length: 7 },
  nationalDay: { length: 7, mergeMidAutumn: false },
  oneDay: [],
};

function weekdaysIn(start: number, length: number): number {
  let n = 0;
  for (let d = start; d < start + length; d++) if (!isWeekend(d)) n++;
  return n;
}

/** Days off and the make-up workday (if any) of a one-day holiday on day `h`. */
function oneDayBreak(h: number): { off: number[]; makeUp: number | null } {
  switch (isoWeekday(h)) {
    case 1: return { off: [h - 2, h - 1, h], makeUp: null };
    case 2: return { off: [h - 2, h - 1, h], makeUp: h - 3 };
    case 3: return { off: [h], makeUp: null };
    case 4: return { off: [h, h + 1, h + 2], makeUp: h + 3 };
    case 5: return { off: [h, h + 1, h + 2], makeUp: null };
    case 6: return { off: [h, h + 1, h + 2], makeUp: null };
    default: return { off: [h - 1, h, h + 1], makeUp: null };
  }
}

/** Labour Day's break: the window holding May 1–N that needs the fewest make-up days; ties go to the latest start (May 1 when it can). */
function labourDayBreak(year: number, rules: Rules): LongBreak {
  const { statutoryDays, length } = rules.labourDay;
  const may1 = dayNumber(year, 5, 1);
  let best: LongBreak | null = null;
  for (let start = may1 + statutoryDays - length; start <= may1; start++) {
    const candidate = { holiday: 'labour-day', start, length, statutory: statutoryDays };
    if (!best || weekdaysIn(start, length) - statutoryDays <= weekdaysIn(best.start, length) - statutoryDays) best = candidate;
  }
  return best!;
}

/**
 * The provisional schedule of a holiday year: every day off and make-up
 * workday the rules give, by day number. A few days may fall in the December
 * before (a New Year on a Sunday, Monday or Tuesday bridges back into it).
 * @example provisionalSchedule(2027).get(dayNumber(2027, 2, 5)) // { holiday: 'spring-festival', workday: false }
 */
export function provisionalSchedule(year: number): HolidaySchedule {
  const rules = year < 2008 ? RULES_2000 : RULES_2025;
  const schedule = new Map<number, ScheduleEntry>();
  const off = (day: number, holiday: string) => schedule.set(day, { holiday, workday: false });
  const isFree = (day: number) => isWeekend(day) && !schedule.has(day);

  // which one-day holidays stand alone, and which long breaks there are
  const oneDays: Array<[string, number]> = [['new-year', dayNumber(year, 1, 1)]];
  const midAutumn = midAutumnDay(year);
  const oct1 = dayNumber(year, 10, 1);
  const merged = rules.nationalDay.mergeMidAutumn && midAutumn >= oct1 - 2 && midAutumn <= oct1 + 7;
  for (const id of rules.oneDay) {
    if (id === 'qingming') oneDays.push([id, solarTermDay(year, 'qingming')]);
    if (id === 'dragon-boat') oneDays.push([id, dragonBoatDay(year)]);
    if (id === 'mid-autumn' && !merged) oneDays.push([id, midAutumn]);
  }
  const sf = rules.springFestival;
  const longBreaks: LongBreak[] = [
    { holiday: 'spring-festival', start: springFestivalDay(year) + sf.startOffset, length: sf.length, statutory: sf.statutory },
    labourDayBreak(year, rules),
    merged
      ? { holiday: 'national-day', start: Math.min(oct1, midAutumn), length: rules.nationalDay.length + 1, statutory: 4 }
      : { holiday: 'national-day', start: oct1, length: rules.nationalDay.length, statutory: 3 },
  ];

  // 1. every day off first, so that no make-up day lands on another break
  const oneDayMakeUps: Array<[number, string]> = [];
  for (const [holiday, day] of oneDays) {
    const { off: days, makeUp } = oneDayBreak(day);
    for (const d of days) off(d, holiday);
    if (makeUp !== null) oneDayMakeUps.push([makeUp, holiday]);
  }
  for (const b of longBreaks) for (let d = b.start; d < b.start + b.length; d++) off(d, b.holiday);
  if (merged) off(midAutumn, 'mid-autumn');

  // 2. make-up workdays
  for (const [day, holiday] of oneDayMakeUps) if (isFree(day)) schedule.set(day, { holiday, workday: true });
  for (const b of longBreaks) {
    const end = b.start + b.length - 1;
    let owed = Math.max(0, weekdaysIn(b.start, b.length) - b.statutory);
    const before: number[] = [];
    const after: number[] = [];
    // the weekend day right next to the break joins it, so candidates start two days away
    for (let dist = 2; dist <= 35; dist++) {
      if (isFree(b.start - dist)) before.push(b.start - dist);
      if (isFree(end + dist)) after.push(end + dist);
    }
    let side: 'before' | 'after' = (before[0] ?? -Infinity) >= b.start - ((after[0] ?? Infinity) - end) ? 'before' : 'after';
    while (owed > 0 && (before.length > 0 || after.length > 0)) {
      const list = side === 'before' && before.length > 0 ? before : after.length > 0 ? after : before;
      schedule.set(list.shift()!, { holiday: b.holiday, workday: true });
      owed--;
      side = side === 'before' ? 'after' : 'before';
    }
    // 3. weekend days adjacent to the break are part of it: name them
    for (let d = b.start - 1; isFree(d); d--) off(d, b.holiday);
    for (let d = end + 1; isFree(d); d++) off(d, b.holiday);
  }
  return schedule;
}
