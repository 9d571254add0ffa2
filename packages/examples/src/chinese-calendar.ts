import { LunarDay } from 'tyme4ts';

/**
 * Dates of the lunar festivals a shop plans around. Their Gregorian dates move
 * every year (DOMAIN.md §2), so they are computed by a Chinese-calendar
 * library (tyme4ts, which carries the astronomical tables and leap-month
 * rules), never hard-coded.
 */

/** The Gregorian date of a lunar month/day in a lunar year, as a UTC-midnight date. */
function lunarToDate(year: number, month: number, day: number): Date {
  const solar = LunarDay.fromYmd(year, month, day).getSolarDay();
  return new Date(Date.UTC(solar.getYear(), solar.getMonth() - 1, solar.getDay()));
}

/**
 * Spring Festival (春节, lunar 1/1) of a Gregorian year, as a UTC-midnight date.
 * @example springFestival(2026).toISOString().slice(0, 10) // '2026-02-17'
 */
export function springFestival(year: number): Date {
  return lunarToDate(year, 1, 1);
}

/**
 * Dragon Boat festival (端午, lunar 5/5).
 * @example dragonBoatFestival(2026).toISOString().slice(0, 10) // '2026-06-19'
 */
export function dragonBoatFestival(year: number): Date {
  return lunarToDate(year, 5, 5);
}

/**
 * Mid-Autumn festival (中秋, lunar 8/15).
 * @example midAutumnFestival(2026).toISOString().slice(0, 10) // '2026-09-25'
 */
export function midAutumnFestival(year: number): Date {
  return lunarToDate(year, 8, 15);
}
