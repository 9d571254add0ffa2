import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkdays, CalendarUsageError, chineseDaysEntry, isPublishedYear, isWorkday, tymeEntry, workdaysBetween, yearCalendar, type CalendarOptions, type YearCalendar } from './holidays.ts';
import { dayNumber, isoDate, isWeekend, isoWeekday } from './iso-date.ts';
import { provisionalSchedule } from './provisional.ts';

function calendar(year: number, options?: CalendarOptions): YearCalendar {
  const outcome = yearCalendar(year, options);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.calendar;
}

const special = (cal: YearCalendar) => ({
  makeUp: cal.days.filter((d) => d.makeUpWorkday).map((d) => d.date),
  off: cal.days.filter((d) => d.holiday !== null).map((d) => `${d.date} ${d.holiday}`),
});

describe('published holidays', { timeout: 30_000 }, () => {
  it('Given 2026, Then the 调休 workdays are the six the State Council published, and the year is not provisional', () => {
    const cal = calendar(2026);
    expect(cal.provisional).toBe(false);
    expect(cal.source).toBe('published');
    expect(special(cal).makeUp).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    const feb14 = cal.days.find((d) => d.date === '2026-02-14');
    expect(feb14).toEqual({ date: '2026-02-14', weekday: 6, workday: true, holiday: null, makeUpWorkday: true, makeUpFor: 'spring-festival' });
    // Spring Festival: Sunday 15th to Monday 23rd, 9 days
    const sf = cal.days.filter((d) => d.holiday === 'spring-festival').map((d) => d.date);
    expect(sf).toEqual(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']);
    expect(cal.days.find((d) => d.date === '2026-10-07')).toMatchObject({ workday: false, holiday: 'national-day', weekday: 3 });
    expect(cal.days.find((d) => d.date === '2026-10-08')).toMatchObject({ workday: true, holiday: null, weekday: 4 });
    expect(cal.days.find((d) => d.date === '2026-03-09')).toMatchObject({ workday: true, holiday: null, makeUpWorkday: false, weekday: 1 });
  });

  it('Given the years 2002–2026, Then they are published; 2001 and 2027 on are not', () => {
    for (let y = 2002; y <= 2026; y++) expect(isPublishedYear(y), `${y}`).toBe(true);
    expect(isPublishedYear(2001)).toBe(false);
    expect(isPublishedYear(2027)).toBe(false);
  });

  /**
   * Every day 2004–2026 in chinese-days against tyme4ts's legal holidays:
   * whether the day is worked, which holiday a day off belongs to, which holiday
   * a worked weekend day pays back. Where they disagree, the reason. A library
   * update that changes any day makes this test fail.
   */
  const WORKDAY = 'workday: the libraries disagree on whether the day is worked';
  const MAKE_UP_DEC = `${WORKDAY}. The 2006 notice made Saturday 2005-12-31 a workday for New Year; chinese-days files each year's arrangement inside that year and so loses it; tyme4ts has it (the calendar takes tyme4ts's day where chinese-days lists nothing)`;
  const MAKE_UP_2013 = `${WORKDAY}. The 2013 notice (国办发明电〔2012〕14号) made this weekend day a workday; tyme4ts lacks it, chinese-days has it (the calendar takes chinese-days)`;
  const MERGED = 'name only: a day of a merged Mid-Autumn + National Day break; chinese-days names the Mid-Autumn day itself, tyme4ts names the days differently. Both agree the day is off (or worked)';
  const WEEKEND = 'name only: a weekend day inside a holiday break; tyme4ts names it with the holiday, chinese-days lists only the break\'s statutory range. Both agree the day is off';
  const ALLOWED: Record<string, string> = {
    '2005-12-31': MAKE_UP_DEC,
    '2013-04-07': MAKE_UP_2013,
    '2013-10-12': MAKE_UP_2013,
    ...Object.fromEntries(['2009-10-03', '2009-10-05', '2009-10-06', '2009-10-07', '2009-10-08', '2009-10-10', '2012-09-29', '2025-10-06'].map((d) => [d, MERGED])),
    ...Object.fromEntries(
      ['2011-06-05', '2012-06-23', '2014-05-31', '2014-06-01', '2014-09-06', '2014-09-07', '2015-04-04', '2015-05-02', '2015-05-03', '2015-06-21', '2015-09-05', '2015-09-26', '2016-01-02', '2016-01-03', '2016-04-02', '2016-04-03', '2016-04-30', '2016-12-31', '2017-04-29', '2017-04-30', '2017-12-30', '2017-12-31', '2018-06-16', '2018-06-17', '2018-09-22', '2018-09-23', '2023-12-30', '2023-12-31', '2024-06-08', '2024-06-09'].map((d) => [d, WEEKEND]),
    ),
  };

  it('Given every day 2004–2026, When chinese-days and tyme4ts are compared, Then they disagree only on the explained days', { timeout: 60_000 }, () => {
    const disagreements: Record<string, string> = {};
    let days = 0;
    for (let d = dayNumber(2004, 1, 1); d <= dayNumber(2026, 12, 31); d++, days++) {
      const view = (entry: ReturnType<typeof chineseDaysEntry>) => {
        const workday = entry ? entry.workday : !isWeekend(d);
        return JSON.stringify({ workday, holiday: entry && !workday ? entry.holiday : null, makeUpFor: entry && workday && isWeekend(d) ? entry.holiday : null });
      };
      const a = view(chineseDaysEntry(d));
      const b = view(tymeEntry(d));
      if (a !== b) {
        const workdayDiffers = JSON.parse(a).workday !== JSON.parse(b).workday;
        disagreements[isoDate(d)] = workdayDiffers ? 'workday' : 'name';
      }
    }
    expect(days).toBe(8401);
    expect(Object.keys(disagreements).sort()).toEqual(Object.keys(ALLOWED).sort());
    // the reason given matches the kind of disagreement
    for (const [date, kind] of Object.entries(disagreements)) expect(ALLOWED[date]!.startsWith(kind === 'workday' ? 'workday' : 'name only'), date).toBe(true);
    // and the calendar takes the right side of the three real ones
    expect(isWorkday('2005-12-31')).toBe(true);
    expect(isWorkday('2013-04-07')).toBe(true);
    expect(isWorkday('2013-10-12')).toBe(true);
  });
});

describe('provisional years', () => {
  it('Given the rules, When applied to 2025 and 2026, Then they reproduce the published schedules day for day', () => {
    for (const year of [2025, 2026]) {
      const rules = provisionalSchedule(year);
      const published = calendar(year);
      for (const day of published.days) {
        const entry = rules.get(dayNumber(year, Number(day.date.slice(5, 7)), Number(day.date.slice(8))));
        const workday = entry ? entry.workday : day.weekday < 6;
        expect({ date: day.date, workday, holiday: entry && !workday ? entry.holiday : null }).toEqual({ date: day.date, workday: day.workday, holiday: day.holiday });
      }
    }
  });

  it('Given 2027 without an override, Then it is provisional, made by the rules', () => {
    const cal = calendar(2027);
    expect(cal.provisional).toBe(true);
    expect(cal.source).toBe('provisional');
    const { makeUp, off } = special(cal);
    expect(makeUp).toEqual(['2027-01-31', '2027-02-14', '2027-05-08', '2027-09-26', '2027-10-09']);
    expect(off.filter((d) => d.endsWith('spring-festival')).map((d) => d.slice(0, 10))).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13']);
    // Dragon Boat and Mid-Autumn fall on Wednesdays: the day itself only
    expect(off).toContain('2027-06-09 dragon-boat');
    expect(off).toContain('2027-09-15 mid-autumn');
    expect(off.filter((d) => d.startsWith('2027-09-1'))).toEqual(['2027-09-15 mid-autumn']);
  });

  it('Given 2027 with an override, Then its days are the override\'s and it is no longer provisional', () => {
    const overrides = [{ year: 2027, days: [
      { date: '2027-02-06', holiday: 'spring-festival', workday: false },
      { date: '2027-02-08', holiday: '春节', workday: false },
      { date: '2027-02-09', holiday: 'Spring Festival', workday: false },
      { date: '2027-02-20', holiday: 'spring-festival', workday: true },
    ] }];
    const cal = calendar(2027, { overrides });
    expect(cal.provisional).toBe(false);
    expect(cal.source).toBe('override');
    expect(special(cal)).toEqual({ makeUp: ['2027-02-20'], off: ['2027-02-06 spring-festival', '2027-02-08 spring-festival', '2027-02-09 spring-festival'] });
    // a plain day of the override year is ordinary: the provisional Friday 5th off is gone
    expect(cal.days.find((d) => d.date === '2027-02-05')).toMatchObject({ workday: true, holiday: null });
    // the cache of the plain calendar is untouched
    expect(calendar(2027).provisional).toBe(true);
  });

  it('Given a provisional next year whose New Year bridges back, Then this December shows it and the year says provisional', () => {
    // Jan 1 2029 is a Monday: Saturday 30 and Sunday 31 Dec 2028 join it
    const cal = calendar(2028);
    expect(cal.days.slice(-2).map((d) => d.holiday)).toEqual(['new-year', 'new-year']);
    // 2001: tyme4ts's 2002 New Year makes Saturday and Sunday 29–30 Dec 2001 workdays
    const y2001 = calendar(2001);
    expect(y2001.provisional).toBe(true);
    expect(special(y2001).makeUp.slice(-2)).toEqual(['2001-12-29', '2001-12-30']);
  });

  it('Given every provisional year 2027–2100, Then the weekdays off net of make-up days are the 13 statutory days', { timeout: 60_000 }, () => {
    for (let year = 2027; year <= 2100; year++) {
      let net = 0;
      for (const [day, entry] of provisionalSchedule(year)) {
        if (!entry.workday && !isWeekend(day)) net++;
        if (entry.workday) {
          expect(isWeekend(day), `${year} ${isoDate(day)}`).toBe(true);
          net--;
        }
      }
      expect(net, `${year}`).toBe(13);
    }
  });

  it('Given every year 2001–2100, Then each day is listed once, in order, with a consistent status', { timeout: 120_000 }, () => {
    // problems are collected, not asserted one by one: 36,500 days
    const problems: string[] = [];
    for (let year = 2001; year <= 2100; year++) {
      const cal = calendar(year);
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      if (cal.days.length !== (leap ? 366 : 365)) problems.push(`${year}: ${cal.days.length} days`);
      if (cal.provisional !== (year === 2001 || year >= 2027)) problems.push(`${year}: provisional ${cal.provisional}`);
      cal.days.forEach((d, i) => {
        const day = dayNumber(year, 1, 1) + i;
        if (d.date !== isoDate(day) || d.weekday !== isoWeekday(day)) problems.push(`${d.date}: out of order`);
        if (d.holiday !== null && d.workday) problems.push(`${d.date}: a holiday worked`);
        if (d.makeUpWorkday && !(d.workday && d.weekday >= 6)) problems.push(`${d.date}: make-up day not a worked weekend day`);
        if (d.holiday === null && !d.makeUpWorkday && d.workday !== d.weekday <= 5) problems.push(`${d.date}: ordinary day with the wrong status`);
      });
      if (!cal.days.some((d) => d.holiday === 'spring-festival')) problems.push(`${year}: no Spring Festival`);
    }
    expect(problems).toEqual([]);
  });
});

describe('year outside the range', () => {
  it.each([2000, 2101, 1999, 2027.5, Number.NaN])('Given %s, Then the outcome is an issue naming the year in zh and en', (year) => {
    const outcome = yearCalendar(year);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues).toEqual([{ path: 'year', at: ['year'], code: 'year_out_of_range', message: { zh: `年份 ${year} 超出日历范围 2001–2100`, en: `the year ${year} is outside the calendar's range 2001–2100` } }]);
  });
});

describe('supplier working days', { timeout: 30_000 }, () => {
  it('Given an order needed after Spring Festival 2026, When counting 3 working days back, Then the break is skipped and the worked Saturday counts', () => {
    expect(addWorkdays('2026-02-24', -3)).toBe('2026-02-12');
    expect(workdaysBetween('2026-02-12', '2026-02-24')).toBe(3);
    expect(workdaysBetween('2026-02-24', '2026-02-12')).toBe(-3);
    expect(addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkdays('2026-02-14', 1)).toBe('2026-02-24');
    expect(addWorkdays('2026-02-17', 0)).toBe('2026-02-17');
    expect(isWorkday('2026-02-17')).toBe(false);
    // across a year end, into a provisional year
    expect(addWorkdays('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('Given an override, Then working days follow it', () => {
    const overrides = [{ year: 2027, days: [{ date: '2027-01-01', holiday: 'new-year', workday: false }, { date: '2027-01-04', holiday: 'new-year', workday: false }] }];
    expect(addWorkdays('2026-12-31', 1, { overrides })).toBe('2027-01-05');
    expect(workdaysBetween('2027-01-01', '2027-01-08', { overrides })).toBe(3);
    expect(workdaysBetween('2027-01-01', '2027-01-08')).toBe(4);
  });

  it('Property: counting back n working days and then between gives n', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber(2002, 1, 1), max: dayNumber(2099, 12, 31) }), fc.integer({ min: 0, max: 80 }), (day, n) => {
        const date = isoDate(day);
        const earlier = addWorkdays(date, -n);
        expect(workdaysBetween(earlier, date)).toBe(n);
        expect(earlier <= date).toBe(true);
        if (n > 0) expect(isWorkday(earlier)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('Given misuse, Then a CalendarUsageError names it', () => {
    expect(() => addWorkdays('2026-02-30', 1)).toThrow(CalendarUsageError);
    expect(() => addWorkdays('2026-02-24', 1.5)).toThrow(/must be whole/);
    expect(() => addWorkdays('2100-12-31', 1)).toThrow(/outside the calendar's range/);
    expect(() => workdaysBetween('2026-01-01', 'soon')).toThrow(/end "soon" is not an ISO date/);
  });
});
