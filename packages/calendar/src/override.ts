import { planIssue, type PlanIssue } from '@shopplan/schema';
import { dayNumber, isWeekend, parseIsoDate } from './iso-date.ts';
import { calendarYearIssue, holidayId, type HolidayOverride, type HolidayOverrideDay } from './holidays.ts';

/**
 * A planner's holiday file, the year's notice as the State Council published it:
 *
 * ```json
 * { "year": 2027,
 *   "days": [
 *     { "date": "2027-02-05", "holiday": "春节", "workday": false },
 *     { "date": "2027-02-14", "holiday": "春节", "workday": true } ] }
 * ```
 *
 * `days` lists only the special days: each day off that belongs to a holiday
 * (weekend days inside the break too, if the planner likes) and each weekend
 * day that is worked (调休上班, `holiday` naming the holiday it pays back or
 * null). Every other day is ordinary: Monday–Friday worked, weekends off.
 * `holiday` is a holiday id (`spring-festival`), or its Chinese or English
 * name (`春节`, `Spring Festival`), or any other name. Dates lie in the year,
 * or in the December before for a New Year that bridges back into it.
 */

const MAX_NAME_LENGTH = 40;
const DAY_KEYS = new Set(['date', 'holiday', 'workday']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a holiday file's content (already parsed from JSON). With
 * `expectedYear`, a file for another year is refused. Every problem is an
 * issue naming its field (`days[3].date`), in Chinese and English.
 * @example parseHolidayOverride({ year: 2027, days: [] }).ok // false: a year with no holidays is a mistake
 */
export function parseHolidayOverride(value: unknown, expectedYear?: number): { ok: true; override: HolidayOverride } | { ok: false; issues: PlanIssue[] } {
  const issues: PlanIssue[] = [];
  if (!isRecord(value)) {
    return { ok: false, issues: [planIssue('(file)', 'not_an_object', '节假日文件应为 JSON 对象 {"year", "days"}', 'the holiday file must be a JSON object {"year", "days"}')] };
  }
  for (const key of Object.keys(value)) {
    if (key !== 'year' && key !== 'days') issues.push(planIssue(key, 'unknown_field', `未知字段 "${key}"（只允许 year 和 days）`, `unknown field "${key}" (only year and days are allowed)`));
  }
  const year = value.year;
  let yearOk = false;
  if (typeof year !== 'number') {
    issues.push(planIssue('year', 'missing', 'year 缺失或不是数字，应为年份，如 2027', 'year is missing or not a number; it must be a year such as 2027'));
  } else {
    const rangeIssue = calendarYearIssue(year, 'year');
    if (rangeIssue) issues.push(rangeIssue);
    else if (expectedYear !== undefined && year !== expectedYear) {
      issues.push(planIssue('year', 'year_mismatch', `节假日文件是 ${year} 年的，不是 ${expectedYear} 年的`, `the holiday file is for ${year}, not ${expectedYear}`));
    } else yearOk = true;
  }
  const days = value.days;
  const parsed: HolidayOverrideDay[] = [];
  if (!Array.isArray(days)) {
    issues.push(planIssue('days', 'missing', 'days 缺失或不是数组', 'days is missing or not an array'));
  } else if (days.length === 0) {
    issues.push(planIssue('days', 'empty', 'days 为空：一年不可能没有节假日', 'days is empty: a year always has holidays'));
  } else {
    const seen = new Map<number, number>();
    days.forEach((entry: unknown, i) => {
      const at = `days[${i}]`;
      if (!isRecord(entry)) {
        issues.push(planIssue(at, 'not_an_object', `${at} 应为对象 {"date", "holiday", "workday"}`, `${at} must be an object {"date", "holiday", "workday"}`));
        return;
      }
      for (const key of Object.keys(entry)) {
        if (!DAY_KEYS.has(key)) issues.push(planIssue(`${at}.${key}`, 'unknown_field', `未知字段 "${key}"（只允许 date、holiday、workday）`, `unknown field "${key}" (only date, holiday and workday are allowed)`));
      }
      const { date, holiday, workday } = entry;
      let day: number | null = null;
      if (typeof date !== 'string' || (day = parseIsoDate(date)) === null) {
        issues.push(planIssue(`${at}.date`, 'bad_date', `日期 ${JSON.stringify(date ?? null)} 无效，应为 YYYY-MM-DD`, `date ${JSON.stringify(date ?? null)} is not a date; use YYYY-MM-DD`));
      } else if (yearOk && typeof year === 'number' && (day < dayNumber(year - 1, 12, 1) || day > dayNumber(year, 12, 31))) {
        issues.push(planIssue(`${at}.date`, 'outside_year', `日期 ${date} 不在 ${year} 年内（也不在前一年 12 月）`, `date ${date} is not in ${year} (nor in the December before)`));
      } else if (seen.has(day)) {
        issues.push(planIssue(`${at}.date`, 'duplicate', `日期 ${date} 与 days[${seen.get(day)}] 重复`, `date ${date} is listed twice (also days[${seen.get(day)}])`));
      } else seen.set(day, i);
      if (typeof workday !== 'boolean') {
        issues.push(planIssue(`${at}.workday`, 'not_boolean', 'workday 应为 true（上班）或 false（放假）', 'workday must be true (worked) or false (day off)'));
      }
      if (holiday !== null && (typeof holiday !== 'string' || holiday.trim() === '' || holiday.length > MAX_NAME_LENGTH)) {
        issues.push(planIssue(`${at}.holiday`, 'bad_name', `holiday 应为节日名称（不超过 ${MAX_NAME_LENGTH} 个字符）或 null`, `holiday must be a holiday's name (at most ${MAX_NAME_LENGTH} characters) or null`));
      } else if (holiday === null && workday === false && day !== null && !isWeekend(day)) {
        issues.push(planIssue(`${at}.holiday`, 'missing', `${date} 是工作日却放假：请写明是哪个节日`, `${date} is a weekday off: name the holiday it belongs to`));
      }
      if (typeof date === 'string' && typeof workday === 'boolean' && (holiday === null || typeof holiday === 'string')) {
        parsed.push({ date, holiday: holiday === null ? null : holidayId(holiday), workday });
      }
    });
  }
  if (issues.length > 0 || typeof year !== 'number') return { ok: false, issues };
  return { ok: true, override: { year, days: parsed } };
}
