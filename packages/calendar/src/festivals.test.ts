import { describe, expect, it } from 'vitest';
import { dragonBoatFestival, festivalsOfYear, midAutumnFestival, solarTermDay, springFestival, SOLAR_TERM_IDS } from './festivals.ts';
import { isoDate } from './iso-date.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

describe('lunar festivals', () => {
  it('Given the years of the issue, When their festivals are computed, Then they fall on the real dates', () => {
    expect([2025, 2026, 2027, 2030].map((y) => day(springFestival(y)))).toEqual(['2025-01-29', '2026-02-17', '2027-02-06', '2030-02-03']);
    expect([2025, 2026, 2027].map((y) => day(midAutumnFestival(y)))).toEqual(['2025-10-06', '2026-09-25', '2027-09-15']);
    expect([2026, 2027].map((y) => day(dragonBoatFestival(y)))).toEqual(['2026-06-19', '2027-06-09']);
  });

  it('Given 2026, Then festivalsOfYear lists the required ids on their dates, sorted by date', () => {
    const festivals = festivalsOfYear(2026);
    const byId = new Map(festivals.map((f) => [f.id, f]));
    expect(byId.get('spring-festival')).toEqual({ id: 'spring-festival', name: { zh: '春节', en: 'Spring Festival' }, date: '2026-02-17', kind: 'lunar' });
    expect(byId.get('spring-festival-eve')?.date).toBe('2026-02-16');
    expect(byId.get('lantern')?.date).toBe('2026-03-03');
    expect(byId.get('dragon-boat')?.date).toBe('2026-06-19');
    expect(byId.get('qixi')?.date).toBe('2026-08-19');
    expect(byId.get('mid-autumn')?.date).toBe('2026-09-25');
    expect(['38', '618', '99', 'double-11', 'double-12'].map((id) => byId.get(id)?.date)).toEqual(['2026-03-08', '2026-06-18', '2026-09-09', '2026-11-11', '2026-12-12']);
    expect(byId.get('double-11')?.kind).toBe('platform');
    expect(byId.get('qingming')).toMatchObject({ date: '2026-04-05', kind: 'solar-term', name: { zh: '清明' } });
    expect(festivals.filter((f) => f.kind === 'solar-term')).toHaveLength(24);
    const dates = festivals.map((f) => f.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('Given every year 2001–2100, Then each festival lies in its year and the lunar ones in their seasons', { timeout: 60_000 }, () => {
    for (let year = 2001; year <= 2100; year++) {
      const festivals = festivalsOfYear(year);
      expect(festivals).toHaveLength(5 + 1 + 6 + 24);
      for (const f of festivals) expect(f.date.slice(0, 4), `${f.id} ${year}`).toBe(String(year));
      const on = (id: string) => festivals.find((f) => f.id === id)!.date.slice(5);
      // Spring Festival falls between Jan 21 and Feb 20, Mid-Autumn between Sep 7 and Oct 8
      expect(on('spring-festival') >= '01-21' && on('spring-festival') <= '02-20', `${year}`).toBe(true);
      expect(on('mid-autumn') >= '09-07' && on('mid-autumn') <= '10-08', `${year}`).toBe(true);
      // the solar terms come in their fixed order, about 15 days apart
      expect(festivals.filter((f) => f.kind === 'solar-term').map((f) => f.id)).toEqual(SOLAR_TERM_IDS);
    }
  });

  it('Given an unknown solar term, Then solarTermDay throws', () => {
    expect(isoDate(solarTermDay(2027, 'dongzhi'))).toBe('2027-12-22');
    expect(() => solarTermDay(2027, 'qingmin')).toThrow(/unknown solar term "qingmin"/);
  });
});
