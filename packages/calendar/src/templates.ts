import type { LocalizedText } from '@shopplan/schema';
import { dayNumber, isoDate } from './iso-date.ts';
import { midAutumnDay, solarTermDay, springFestivalDay } from './festivals.ts';

/**
 * Activity templates as date windows of a year (DOMAIN.md §2): the platform
 * festivals, a weekly member day and the seasonal themes. A template gives
 * the window an activity is allowed in and its default tier; the activity
 * itself (phases, lead time, needs) is the plan's. Windows of lunar-dated
 * themes move with the year; windows are computed, never typed in.
 */

/** Tiers, S the year's peaks to C routine (DOMAIN.md §2). */
export type ActivityTier = 'S' | 'A' | 'B' | 'C';

/** An activity template of a year. */
export interface ActivityTemplate {
  id: string;
  name: LocalizedText;
  /** Default tier; a plan may override it. */
  tier: ActivityTier;
  /** The allowed window, inclusive ISO dates. 年货节's may start in the December before. */
  window: { start: string; end: string };
  kind: 'platform' | 'seasonal' | 'routine';
  /** For a routine activity that repeats: the ISO weekday (1 = Monday … 7 = Sunday) it falls on each week of its window. */
  weekly?: { weekday: number };
}

/** Options of the templates. */
export interface TemplateOptions {
  /** ISO weekday of the weekly member day (default MEMBER_DAY_WEEKDAY). */
  memberDayWeekday?: number;
}

/** Default weekday of the weekly member day: Wednesday, away from the weekend's own peak. */
export const MEMBER_DAY_WEEKDAY = 3;

/**
 * The templates of a Gregorian year, by window start.
 * - 年货节 `nianhuo` (A): from 28 to 7 days before Spring Festival (couriers stop before the holiday);
 * - `38` 女王节 (B): Feb 26/27 – Mar 8; `618` (A): May 20 – Jun 20;
 *   `99` 划算节 (B): Aug 28 – Sep 10; `double-11` (S): Oct 10 – Nov 20 (presale from mid-October, encore after);
 *   `double-12` (B): Nov 28 – Dec 14;
 * - weekly `member-day` (C): the whole year, one day a week;
 * - seasonal: `spring-tea` (B) from 惊蛰 to 立夏 (明前 and 雨前 teas); `cherry` (S) May 1 – Jun 30;
 *   `mango` (A) Jun 1 – Aug 31; `mooncake` (A) the 40 days up to Mid-Autumn;
 *   `hairy-crab` (S) from 25 days before Mid-Autumn (crab cards are Mid-Autumn gifts) to Dec 31.
 * @example activityTemplates(2027).find((t) => t.id === 'nianhuo')?.window // { start: '2027-01-09', end: '2027-01-30' }
 */
export function activityTemplates(year: number, options: TemplateOptions = {}): ActivityTemplate[] {
  const weekday = options.memberDayWeekday ?? MEMBER_DAY_WEEKDAY;
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new RangeError(`memberDayWeekday must be 1 (Monday) … 7 (Sunday), not ${weekday}`);
  const d = (month: number, day: number) => dayNumber(year, month, day);
  const sf = springFestivalDay(year);
  const ma = midAutumnDay(year);
  const out: Array<Omit<ActivityTemplate, 'window'> & { start: number; end: number }> = [
    { id: 'nianhuo', name: { zh: '年货节', en: 'New Year goods festival' }, tier: 'A', kind: 'platform', start: sf - 28, end: sf - 7 },
    { id: '38', name: { zh: '38 女王节', en: "38 Queen's Day" }, tier: 'B', kind: 'platform', start: d(3, 8) - 10, end: d(3, 8) },
    { id: '618', name: { zh: '618 年中大促', en: '618 mid-year sale' }, tier: 'A', kind: 'platform', start: d(5, 20), end: d(6, 20) },
    { id: '99', name: { zh: '99 划算节', en: '99 Bargain Festival' }, tier: 'B', kind: 'platform', start: d(8, 28), end: d(9, 10) },
    { id: 'double-11', name: { zh: '双11', en: 'Double 11' }, tier: 'S', kind: 'platform', start: d(10, 10), end: d(11, 20) },
    { id: 'double-12', name: { zh: '双12', en: 'Double 12' }, tier: 'B', kind: 'platform', start: d(11, 28), end: d(12, 14) },
    { id: 'member-day', name: { zh: '会员日（每周）', en: 'member day (weekly)' }, tier: 'C', kind: 'routine', start: d(1, 1), end: d(12, 31), weekly: { weekday } },
    { id: 'spring-tea', name: { zh: '春茶季', en: 'spring tea season' }, tier: 'B', kind: 'seasonal', start: solarTermDay(year, 'jingzhe'), end: solarTermDay(year, 'lixia') },
    { id: 'cherry', name: { zh: '樱桃季', en: 'cherry season' }, tier: 'S', kind: 'seasonal', start: d(5, 1), end: d(6, 30) },
    { id: 'mango', name: { zh: '芒果季', en: 'mango season' }, tier: 'A', kind: 'seasonal', start: d(6, 1), end: d(8, 31) },
    { id: 'mooncake', name: { zh: '中秋月饼', en: 'Mid-Autumn mooncakes' }, tier: 'A', kind: 'seasonal', start: ma - 40, end: ma },
    { id: 'hairy-crab', name: { zh: '大闸蟹季', en: 'hairy-crab season' }, tier: 'S', kind: 'seasonal', start: ma - 25, end: d(12, 31) },
  ];
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out.map(({ start, end, ...t }) => ({ ...t, window: { start: isoDate(start), end: isoDate(end) } }));
}
