import { describe, expect, it } from 'vitest';
import { parseHolidayOverride } from './override.ts';

const good = {
  year: 2027,
  days: [
    { date: '2026-12-31', holiday: '元旦', workday: false },
    { date: '2027-02-05', holiday: '春节', workday: false },
    { date: '2027-02-14', holiday: null, workday: true },
    { date: '2027-02-13', holiday: 'Spring Festival', workday: false },
  ],
};

describe('holiday override file', () => {
  it('Given a valid file, Then it is read with holiday names as ids', () => {
    const outcome = parseHolidayOverride(good, 2027);
    expect(outcome).toEqual({
      ok: true,
      override: {
        year: 2027,
        days: [
          { date: '2026-12-31', holiday: 'new-year', workday: false },
          { date: '2027-02-05', holiday: 'spring-festival', workday: false },
          { date: '2027-02-14', holiday: null, workday: true },
          { date: '2027-02-13', holiday: 'spring-festival', workday: false },
        ],
      },
    });
  });

  const bad: Array<[string, unknown, string, string]> = [
    ['not an object', [1, 2], '(file)', 'must be a JSON object'],
    ['no year', { days: good.days }, 'year', 'year is missing'],
    ['year as text', { ...good, year: '2027' }, 'year', 'year is missing or not a number'],
    ['another year', { ...good, year: 2026 }, 'year', 'the holiday file is for 2026, not 2027'],
    ['year out of range', { ...good, year: 2101 }, 'year', 'the year 2101 is outside'],
    ['no days', { year: 2027 }, 'days', 'days is missing'],
    ['empty days', { year: 2027, days: [] }, 'days', 'days is empty'],
    ['unknown top field', { ...good, notes: 'x' }, 'notes', 'unknown field "notes"'],
    ['day not an object', { year: 2027, days: ['2027-02-05'] }, 'days[0]', 'must be an object'],
    ['impossible date', { year: 2027, days: [{ date: '2027-02-30', holiday: '春节', workday: false }] }, 'days[0].date', 'date "2027-02-30" is not a date'],
    ['date outside the year', { year: 2027, days: [{ date: '2028-01-01', holiday: '元旦', workday: false }] }, 'days[0].date', 'date 2028-01-01 is not in 2027'],
    ['duplicate date', { year: 2027, days: [good.days[1], good.days[1]] }, 'days[1].date', 'listed twice (also days[0])'],
    ['workday as text', { year: 2027, days: [{ date: '2027-02-05', holiday: '春节', workday: 'no' }] }, 'days[0].workday', 'workday must be true'],
    ['empty name', { year: 2027, days: [{ date: '2027-02-05', holiday: ' ', workday: false }] }, 'days[0].holiday', "holiday must be a holiday's name"],
    ['weekday off without a name', { year: 2027, days: [{ date: '2027-02-05', holiday: null, workday: false }] }, 'days[0].holiday', '2027-02-05 is a weekday off: name the holiday'],
    ['misspelt field', { year: 2027, days: [{ date: '2027-02-05', holiday: '春节', work_day: false }] }, 'days[0].work_day', 'unknown field "work_day"'],
  ];
  it.each(bad)('Given %s, Then the issue names the field in zh and en', (_, value, path, en) => {
    const outcome = parseHolidayOverride(value, 2027);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const issue = outcome.issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(outcome.issues)).toBeDefined();
    expect(issue!.message.en).toContain(en);
    expect(issue!.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
