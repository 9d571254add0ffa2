import { parseArgs } from 'node:util';
import { HOLIDAY_NAMES, parseHolidayOverride, yearCalendar, type CalendarDay, type Festival, type HolidayOverride, type YearCalendar } from '@shopplan/engine';
import { planIssue, type Lang, type PlanIssue } from '@shopplan/schema';
import { displayWidth } from '../format.ts';
import { EXIT, UsageError, resolveLang, type CliIo } from '../io.ts';
import { readInputFile } from '../plan-file.ts';

/** Holiday files are a few kilobytes; anything near this is not one. */
const MAX_HOLIDAY_FILE_BYTES = 1024 * 1024;

/**
 * The `--json` shape of `shopplan calendar`: a public interface, keep it as
 * named. `weekday` is ISO: 1 = Monday … 7 = Sunday. `holiday` is the holiday
 * id of a day off (`spring-festival`), null otherwise (make-up workdays too).
 */
export function calendarJson(cal: YearCalendar): unknown {
  return {
    year: cal.year,
    provisional: cal.provisional,
    days: cal.days.map((d) => ({ date: d.date, weekday: d.weekday, workday: d.workday, holiday: d.holiday, makeUpWorkday: d.makeUpWorkday })),
    festivals: cal.festivals.map((f) => ({ id: f.id, name: { zh: f.name.zh, en: f.name.en }, date: f.date, kind: f.kind })),
  };
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = { zh: ['一', '二', '三', '四', '五', '六', '日'], en: ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] };
const CELL = 6;

function holidayName(id: string | null, lang: Lang): string {
  if (id === null) return '';
  return (HOLIDAY_NAMES as Record<string, { zh: string; en: string } | undefined>)[id]?.[lang] ?? id;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** One month as a grid (Monday first) and the lines that name its holidays, 调休 and festivals. */
function monthText(days: readonly CalendarDay[], festivals: readonly Festival[], year: number, month: number, lang: Lang): string[] {
  const zh = lang === 'zh';
  const marks = zh ? { off: '休', work: '班' } : { off: 'H', work: 'W' };
  const festivalDates = new Set(festivals.filter((f) => f.kind !== 'solar-term').map((f) => f.date));
  const lines = [zh ? `${year} 年 ${month} 月` : `${MONTHS_EN[month - 1]} ${year}`, WEEKDAYS[lang].map((w) => pad(` ${w}`, CELL)).join('').trimEnd()];
  let row = ' '.repeat(CELL * ((days[0]?.weekday ?? 1) - 1));
  for (const d of days) {
    const mark = d.holiday !== null ? marks.off : d.makeUpWorkday ? marks.work : '';
    row += pad(`${String(Number(d.date.slice(8))).padStart(3)}${mark}${festivalDates.has(d.date) ? '*' : ''}`, CELL);
    if (d.weekday === 7) {
      lines.push(row.trimEnd());
      row = '';
    }
  }
  if (row.trim() !== '') lines.push(row.trimEnd());

  // breaks as ranges, make-up days one by one
  const md = (date: string) => date.slice(5);
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (d.holiday !== null) {
      let j = i;
      while (j + 1 < days.length && days[j + 1]!.holiday === d.holiday) j++;
      const n = j - i + 1;
      const range = n === 1 ? md(d.date) : `${md(d.date)} – ${md(days[j]!.date)}`;
      lines.push(zh ? `   ${marks.off} ${range} ${holidayName(d.holiday, lang)}（${n} 天）` : `   ${marks.off} ${range} ${holidayName(d.holiday, lang)} (${n} day${n === 1 ? '' : 's'} off)`);
      i = j;
    } else if (d.makeUpWorkday) {
      const what = holidayName(d.makeUpFor, lang);
      lines.push(zh ? `   ${marks.work} ${md(d.date)} 调休上班${what ? `（${what}）` : ''}` : `   ${marks.work} ${md(d.date)} make-up workday (调休)${what ? ` for ${what}` : ''}`);
    }
  }
  const named = festivals.filter((f) => f.kind !== 'solar-term').map((f) => `${md(f.date)} ${f.name[lang]}`);
  if (named.length > 0) lines.push(`   * ${named.join(' · ')}`);
  const terms = festivals.filter((f) => f.kind === 'solar-term').map((f) => `${md(f.date)} ${f.name[lang]}`);
  if (terms.length > 0) lines.push(`   ${zh ? '节气' : 'solar terms'}: ${terms.join(' · ')}`);
  return lines;
}

/** The year as a planner reads it: a banner saying where the holidays come from (provisional in capitals), then twelve month grids. */
export function calendarText(cal: YearCalendar, lang: Lang, holidayFile?: string): string {
  const zh = lang === 'zh';
  const source = cal.source === 'override'
    ? (zh ? `节假日：来自 ${holidayFile ?? '覆盖文件'}` : `holidays: from ${holidayFile ?? 'the override'}`)
    : cal.source === 'published'
      ? (zh ? '节假日：国务院已公布' : 'holidays: as published by the State Council')
      : (zh ? '节假日：暂定（PROVISIONAL）——尚未公布，按国务院放假规则推算' : 'holidays: PROVISIONAL (暂定) — not published yet, made by the State Council\'s rules');
  const lines = [zh ? `${cal.year} 年日历 · ${source}` : `Calendar ${cal.year} · ${source}`];
  if (cal.provisional) {
    lines.push(cal.source === 'provisional'
      ? (zh ? `公布后请用 shopplan calendar ${cal.year} --holidays FILE 覆盖` : `when the schedule is announced, pass it with: shopplan calendar ${cal.year} --holidays FILE`)
      : (zh ? `注意：12 月末的元旦调休来自下一年的暂定安排` : 'note: the late-December New Year days come from next year\'s provisional schedule'));
  }
  lines.push(zh ? '休 = 节假日放假  班 = 调休上班  * = 节日' : 'H = holiday (day off)  W = make-up workday (调休)  * = festival');
  for (let month = 1; month <= 12; month++) {
    const prefix = `${cal.year}-${String(month).padStart(2, '0')}-`;
    lines.push('', ...monthText(cal.days.filter((d) => d.date.startsWith(prefix)), cal.festivals.filter((f) => f.date.startsWith(prefix)), cal.year, month, lang));
  }
  return lines.join('\n');
}

function printCalendarIssues(header: { zh: string; en: string }, issues: readonly PlanIssue[], lang: Lang, io: CliIo): void {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  io.err(header[lang]);
  for (const issue of issues) {
    io.err(`  ${issue.path}: ${issue.message[lang]}`);
    io.err(`  ${' '.repeat(issue.path.length)}  ${issue.message[other]}`);
  }
}

/** Reads and checks a holiday override file for the year. */
function readHolidayFile(path: string, year: number, io: CliIo): { ok: true; override: HolidayOverride } | { ok: false; issues: PlanIssue[] } {
  const read = readInputFile(path, io, 'holiday', MAX_HOLIDAY_FILE_BYTES);
  if (!read.ok) return read;
  let value: unknown;
  try {
    value = JSON.parse(read.bytes.toString('utf8'));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [planIssue('(file)', 'bad_json', `节假日文件不是有效的 JSON：${why}`, `the holiday file is not valid JSON: ${why}`)] };
  }
  return parseHolidayOverride(value, year);
}

/**
 * `shopplan calendar YEAR [--json] [--holidays FILE] [--lang zh|en]`: the
 * year's days (workdays, statutory holidays, 调休) and festivals. A year
 * without a published schedule is provisional and says so; `--holidays`
 * replaces it with the published notice.
 */
export function calendar(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      holidays: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const lang = resolveLang(values.lang, io.env);
  const [yearText, ...extra] = positionals;
  if (yearText === undefined) throw new UsageError('a YEAR is required, e.g. shopplan calendar 2027');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!/^-?\d+(\.\d+)?$/.test(yearText)) throw new UsageError(`YEAR must be a number such as 2027, not "${yearText}"`);
  const year = Number(yearText);
  let overrides: HolidayOverride[] = [];
  if (values.holidays !== undefined) {
    // the year first: a file cannot be checked against a year out of range
    const probe = yearCalendar(year);
    if (probe.ok) {
      const read = readHolidayFile(values.holidays, year, io);
      if (!read.ok) {
        printCalendarIssues({ zh: `节假日文件 ${values.holidays} 有误：`, en: `The holiday file ${values.holidays} has problems:` }, read.issues, lang, io);
        return EXIT.invalidPlan;
      }
      overrides = [read.override];
    }
  }
  const outcome = yearCalendar(year, { overrides });
  if (!outcome.ok) {
    printCalendarIssues({ zh: '年份有误：', en: 'The year is not valid:' }, outcome.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const cal = outcome.calendar;
  if (values.json) {
    io.out(JSON.stringify(calendarJson(cal), null, 2));
    if (cal.provisional) io.err(lang === 'zh' ? `shopplan: ${year} 年节假日为暂定（provisional），尚未公布` : `shopplan: the ${year} holidays are provisional (not published yet)`);
  } else io.out(calendarText(cal, lang, values.holidays));
  return EXIT.ok;
}
