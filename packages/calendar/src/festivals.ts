import { LunarDay, SolarTerm } from 'tyme4ts';
import type { LocalizedText } from '@shopplan/schema';
import { dayNumber, isoDate } from './iso-date.ts';

/**
 * Festivals a shop plans around (DOMAIN.md §2). Lunar festivals and solar terms
 * move every year and are computed by tyme4ts (astronomical tables, leap-month
 * rules), never hard-coded; platform festivals sit on fixed Gregorian dates.
 */

/** What kind of day a festival is: a lunar festival, a platform sales festival, one of the 24 solar terms, or a fixed public day. */
export type FestivalKind = 'lunar' | 'platform' | 'solar-term' | 'public';

/** A festival on a date of a year. `id` is stable across years (`spring-festival`, `618`, `lichun`). */
export interface Festival {
  id: string;
  name: LocalizedText;
  /** ISO date, `YYYY-MM-DD`. */
  date: string;
  kind: FestivalKind;
}

/** The Gregorian day number of a lunar month/day in the lunar year that starts in Gregorian `year`. */
function lunarDayNumber(year: number, month: number, day: number): number {
  const solar = LunarDay.fromYmd(year, month, day).getSolarDay();
  return dayNumber(solar.getYear(), solar.getMonth(), solar.getDay());
}

/** Day number of Spring Festival (春节, lunar 1/1) in a Gregorian year. */
export function springFestivalDay(year: number): number {
  return lunarDayNumber(year, 1, 1);
}

/** Day number of Dragon Boat festival (端午, lunar 5/5) in a Gregorian year. */
export function dragonBoatDay(year: number): number {
  return lunarDayNumber(year, 5, 5);
}

/** Day number of the Mid-Autumn festival (中秋, lunar 8/15) in a Gregorian year. */
export function midAutumnDay(year: number): number {
  return lunarDayNumber(year, 8, 15);
}

const toDate = (day: number): Date => new Date(day * 86_400_000);

/**
 * Spring Festival (春节, lunar 1/1) of a Gregorian year, as a UTC-midnight date.
 * @example springFestival(2026).toISOString().slice(0, 10) // '2026-02-17'
 */
export function springFestival(year: number): Date {
  return toDate(springFestivalDay(year));
}

/**
 * Dragon Boat festival (端午, lunar 5/5), as a UTC-midnight date.
 * @example dragonBoatFestival(2026).toISOString().slice(0, 10) // '2026-06-19'
 */
export function dragonBoatFestival(year: number): Date {
  return toDate(dragonBoatDay(year));
}

/**
 * Mid-Autumn festival (中秋, lunar 8/15), as a UTC-midnight date.
 * @example midAutumnFestival(2026).toISOString().slice(0, 10) // '2026-09-25'
 */
export function midAutumnFestival(year: number): Date {
  return toDate(midAutumnDay(year));
}

/** The 24 solar terms in the order tyme4ts indexes them from 小寒 (index 1) to 冬至 (index 24) of a year. */
const SOLAR_TERMS: ReadonlyArray<readonly [id: string, zh: string, en: string]> = [
  ['xiaohan', '小寒', 'Minor Cold'],
  ['dahan', '大寒', 'Major Cold'],
  ['lichun', '立春', 'Start of Spring'],
  ['yushui', '雨水', 'Rain Water'],
  ['jingzhe', '惊蛰', 'Awakening of Insects'],
  ['chunfen', '春分', 'Spring Equinox'],
  ['qingming', '清明', 'Pure Brightness'],
  ['guyu', '谷雨', 'Grain Rain'],
  ['lixia', '立夏', 'Start of Summer'],
  ['xiaoman', '小满', 'Grain Buds'],
  ['mangzhong', '芒种', 'Grain in Ear'],
  ['xiazhi', '夏至', 'Summer Solstice'],
  ['xiaoshu', '小暑', 'Minor Heat'],
  ['dashu', '大暑', 'Major Heat'],
  ['liqiu', '立秋', 'Start of Autumn'],
  ['chushu', '处暑', 'End of Heat'],
  ['bailu', '白露', 'White Dew'],
  ['qiufen', '秋分', 'Autumn Equinox'],
  ['hanlu', '寒露', 'Cold Dew'],
  ['shuangjiang', '霜降', "Frost's Descent"],
  ['lidong', '立冬', 'Start of Winter'],
  ['xiaoxue', '小雪', 'Minor Snow'],
  ['daxue', '大雪', 'Major Snow'],
  ['dongzhi', '冬至', 'Winter Solstice'],
];

/** Ids of the 24 solar terms, 小寒 first (the order they fall in a Gregorian year). */
export const SOLAR_TERM_IDS: readonly string[] = SOLAR_TERMS.map(([id]) => id);

/**
 * Day number of a solar term of a Gregorian year, by id.
 * @example isoDate(solarTermDay(2026, 'qingming')) // '2026-04-05'
 */
export function solarTermDay(year: number, id: string): number {
  const index = SOLAR_TERM_IDS.indexOf(id);
  if (index < 0) throw new RangeError(`unknown solar term "${id}"`);
  // tyme4ts counts a year's terms from the previous 冬至 (index 0), so 小寒 is 1
  const day = SolarTerm.fromIndex(year, index + 1).getSolarDay();
  return dayNumber(day.getYear(), day.getMonth(), day.getDay());
}

/** The lunar festivals: id, lunar month/day, names. */
const LUNAR_FESTIVALS: ReadonlyArray<readonly [id: string, month: number, day: number, zh: string, en: string]> = [
  ['spring-festival', 1, 1, '春节', 'Spring Festival'],
  ['lantern', 1, 15, '元宵节', 'Lantern Festival'],
  ['dragon-boat', 5, 5, '端午节', 'Dragon Boat Festival'],
  ['qixi', 7, 7, '七夕', 'Qixi (Chinese Valentine’s Day)'],
  ['mid-autumn', 8, 15, '中秋节', 'Mid-Autumn Festival'],
];

/** Fixed-date days: platform sales festivals and New Year's Day. */
const FIXED_FESTIVALS: ReadonlyArray<readonly [id: string, month: number, day: number, zh: string, en: string, kind: FestivalKind]> = [
  ['new-year', 1, 1, '元旦', "New Year's Day", 'public'],
  ['38', 3, 8, '38 女王节', "38 Queen's Day", 'platform'],
  ['618', 6, 18, '618 年中大促', '618 mid-year sale', 'platform'],
  ['99', 9, 9, '99 划算节', '99 Bargain Festival', 'platform'],
  ['double-11', 11, 11, '双11', 'Double 11', 'platform'],
  ['double-12', 12, 12, '双12', 'Double 12', 'platform'],
];

/**
 * Every festival of a Gregorian year, by date (same date: lunar, platform,
 * public, then solar terms): the lunar festivals (spring-festival,
 * spring-festival-eve, lantern, dragon-boat, qixi, mid-autumn), the platform
 * festivals (38, 618, 99, double-11, double-12), new-year and the 24 solar
 * terms. The year is not range-checked here; `yearCalendar` does that.
 * @example festivalsOfYear(2026).find((f) => f.id === 'mid-autumn')?.date // '2026-09-25'
 */
export function festivalsOfYear(year: number): Festival[] {
  const out: Array<Festival & { day: number; order: number }> = [];
  const push = (id: string, day: number, zh: string, en: string, kind: FestivalKind, order: number) =>
    out.push({ id, name: { zh, en }, date: isoDate(day), kind, day, order });
  for (const [id, month, day, zh, en] of LUNAR_FESTIVALS) push(id, lunarDayNumber(year, month, day), zh, en, 'lunar', 0);
  // the eve is the last day of the previous lunar year (12/29 or 12/30): one day before Spring Festival
  push('spring-festival-eve', springFestivalDay(year) - 1, '除夕', "Spring Festival Eve (New Year's Eve)", 'lunar', 0);
  for (const [id, month, day, zh, en, kind] of FIXED_FESTIVALS) push(id, dayNumber(year, month, day), zh, en, kind, kind === 'platform' ? 1 : 2);
  SOLAR_TERMS.forEach(([id, zh, en]) => push(id, solarTermDay(year, id), zh, en, 'solar-term', 3));
  out.sort((a, b) => a.day - b.day || a.order - b.order);
  return out.map(({ id, name, date, kind }) => ({ id, name, date, kind }));
}
