import { describe, expect, it } from 'vitest';
import { activityTemplates } from './templates.ts';
import { festivalsOfYear } from './festivals.ts';
import { parseIsoDate } from './iso-date.ts';

describe('activity templates', () => {
  it('Given 2027, Then every template of issue 11 has a window, a default tier and names', () => {
    const templates = activityTemplates(2027);
    expect(templates.map((t) => t.id).sort()).toEqual(['38', '618', '99', 'cherry', 'double-11', 'double-12', 'hairy-crab', 'mango', 'member-day', 'mooncake', 'nianhuo', 'spring-tea'].sort());
    const byId = new Map(templates.map((t) => [t.id, t]));
    expect(byId.get('nianhuo')).toEqual({ id: 'nianhuo', name: { zh: '年货节', en: 'New Year goods festival' }, tier: 'A', kind: 'platform', window: { start: '2027-01-09', end: '2027-01-30' } });
    expect(byId.get('double-11')).toMatchObject({ tier: 'S', window: { start: '2027-10-10', end: '2027-11-20' } });
    expect(byId.get('618')?.window).toEqual({ start: '2027-05-20', end: '2027-06-20' });
    expect(byId.get('member-day')).toMatchObject({ tier: 'C', weekly: { weekday: 3 }, window: { start: '2027-01-01', end: '2027-12-31' } });
    expect(byId.get('mooncake')?.window.end).toBe('2027-09-15');
    expect(byId.get('spring-tea')?.window).toEqual({ start: '2027-03-06', end: '2027-05-06' });
  });

  it('Given every year, Then lunar-dated windows follow the festival and every window is ordered', { timeout: 60_000 }, () => {
    for (let year = 2001; year <= 2100; year++) {
      const templates = activityTemplates(year);
      const festival = (id: string) => parseIsoDate(festivalsOfYear(year).find((f) => f.id === id)!.date)!;
      const win = (id: string) => {
        const t = templates.find((x) => x.id === id)!;
        return [parseIsoDate(t.window.start)!, parseIsoDate(t.window.end)!] as const;
      };
      expect(win('nianhuo')).toEqual([festival('spring-festival') - 28, festival('spring-festival') - 7]);
      expect(win('mooncake')[1]).toBe(festival('mid-autumn'));
      for (const t of templates) {
        expect(t.window.start <= t.window.end, `${t.id} ${year}`).toBe(true);
        expect(t.window.end.slice(0, 4)).toBe(String(year));
        if (t.id !== 'nianhuo') expect(t.window.start.slice(0, 4)).toBe(String(year));
      }
      const starts = templates.map((t) => t.window.start);
      expect(starts).toEqual([...starts].sort());
    }
  });

  it('Given a member-day weekday outside 1–7, Then it is refused', () => {
    expect(activityTemplates(2027, { memberDayWeekday: 5 }).find((t) => t.id === 'member-day')?.weekly).toEqual({ weekday: 5 });
    expect(() => activityTemplates(2027, { memberDayWeekday: 8 })).toThrow(/memberDayWeekday must be 1/);
  });
});
