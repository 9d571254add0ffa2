/**
 * Dates of the lunar festivals a shop plans around, computed (not looked up):
 * their Gregorian dates move every year (DOMAIN.md §2).
 *
 * A lunar month begins on the day (China time, UTC+8) of a new moon; month n
 * is the one that contains the n-th principal solar term. So Spring Festival
 * is the new moon on or before 雨水 (sun at 330°), the Dragon Boat festival
 * (5/5) counts from the new moon on or before the June solstice, and
 * Mid-Autumn (8/15) from the new moon on or before the September equinox.
 * New moons follow Meeus, Astronomical Algorithms ch. 49 (main periodic
 * terms, minutes of error); equinoxes and solstices ch. 27 (mean terms, about
 * an hour). A new moon within an hour of China's midnight could land on the
 * wrong day; no year from 2000 to 2050 is known to hit that. Leap months do
 * not matter for these three rules.
 */

const DAY_MS = 86_400_000;
const RAD = Math.PI / 180;
/** Julian day of 1970-01-01T00:00Z. */
const UNIX_EPOCH_JD = 2_440_587.5;

/** Julian Ephemeris Day of the k-th new moon after 2000-01-06 (Meeus 49.1 + main corrections). */
function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const jde = 2_451_550.09766 + 29.530588861 * k + 0.00015437 * T * T - 0.00000015 * T ** 3;
  const E = 1 - 0.002516 * T - 0.0000074 * T * T;
  const M = (2.5534 + 29.1053567 * k - 0.0000014 * T * T) * RAD;
  const Mp = (201.5643 + 385.81693528 * k + 0.0107582 * T * T) * RAD;
  const F = (160.7108 + 390.67050284 * k - 0.0016118 * T * T) * RAD;
  const Om = (124.7746 - 1.56375588 * k + 0.0020672 * T * T) * RAD;
  const corr =
    -0.4072 * Math.sin(Mp) + 0.17241 * E * Math.sin(M) + 0.01608 * Math.sin(2 * Mp) + 0.01039 * Math.sin(2 * F)
    + 0.00739 * E * Math.sin(Mp - M) - 0.00514 * E * Math.sin(Mp + M) + 0.00208 * E * E * Math.sin(2 * M)
    - 0.00111 * Math.sin(Mp - 2 * F) - 0.00057 * Math.sin(Mp + 2 * F) + 0.00056 * E * Math.sin(2 * Mp + M)
    - 0.00042 * Math.sin(3 * Mp) + 0.00042 * E * Math.sin(M + 2 * F) + 0.00038 * E * Math.sin(M - 2 * F)
    - 0.00024 * E * Math.sin(2 * Mp - M) - 0.00017 * Math.sin(Om);
  return jde + corr;
}

/** Mean equinox/solstice JDE for 2000–3000 (Meeus table 27.B). */
function seasonJde(year: number, season: 'march' | 'june' | 'september' | 'december'): number {
  const Y = (year - 2000) / 1000;
  const c = {
    march: [2_451_623.80984, 365_242.37404, 0.05169, -0.00411, -0.00057],
    june: [2_451_716.56767, 365_241.62603, 0.00325, 0.00888, -0.0003],
    september: [2_451_810.21715, 365_242.01767, -0.11575, 0.00337, 0.00078],
    december: [2_451_900.05952, 365_242.74049, -0.06223, -0.00823, 0.00032],
  }[season] as [number, number, number, number, number];
  return c[0] + c[1] * Y + c[2] * Y * Y + c[3] * Y ** 3 + c[4] * Y ** 4;
}

/** The calendar day in China (UTC+8) of a Julian day, as UTC midnight of that day. */
function chinaDay(jd: number): Date {
  const ms = (jd - UNIX_EPOCH_JD) * DAY_MS + 8 * 3_600_000;
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS);
}

/** The day (China time) of the last new moon on or before the given day. */
function newMoonOnOrBefore(day: Date): Date {
  const jd = day.getTime() / DAY_MS + UNIX_EPOCH_JD;
  let k = Math.floor((jd - 2_451_550.09766) / 29.530588861) + 1;
  while (chinaDay(newMoonJde(k)).getTime() > day.getTime()) k -= 1;
  return chinaDay(newMoonJde(k));
}

const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * DAY_MS);

/**
 * Spring Festival (春节, lunar 1/1) of a Gregorian year, as a UTC-midnight date.
 * @example springFestival(2026).toISOString().slice(0, 10) // '2026-02-17'
 */
export function springFestival(year: number): Date {
  // 雨水 (330°) comes about 30 days before the March equinox (360°).
  const yushui = chinaDay(seasonJde(year, 'march') - 29.9);
  return newMoonOnOrBefore(yushui);
}

/**
 * Dragon Boat festival (端午, lunar 5/5).
 * @example dragonBoatFestival(2026).toISOString().slice(0, 10) // '2026-06-19'
 */
export function dragonBoatFestival(year: number): Date {
  return addDays(newMoonOnOrBefore(chinaDay(seasonJde(year, 'june'))), 4);
}

/**
 * Mid-Autumn festival (中秋, lunar 8/15).
 * @example midAutumnFestival(2026).toISOString().slice(0, 10) // '2026-09-25'
 */
export function midAutumnFestival(year: number): Date {
  return addDays(newMoonOnOrBefore(chinaDay(seasonJde(year, 'september'))), 14);
}
