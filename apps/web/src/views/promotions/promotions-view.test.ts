import { describe, expect, it } from 'vitest';
import type { PhasePeriod } from '@shopplan/engine';
import { dailySummary, dailyTooltip } from './daily-option.ts';
import { addDays, dayWidth, monthStarts, usedShare } from './geometry.ts';

const HOSTILE = '<img src=x onerror=window.__pwned=1>';
const day: PhasePeriod = { start: '2027-06-18', end: '2027-06-18', gmv: 1200.5, spend: 300, visitors: 10, phase: { activity: 'a1', kind: 'peak' }, channels: [] };

describe('daily chart text', () => {
  it('escapes an activity name from the plan in the tooltip', () => {
    const html = dailyTooltip(day, { a1: HOSTILE }, 'en');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=window.__pwned=1&gt; · peak');
    expect(dailyTooltip(day, {}, 'zh')).toContain('a1 · 爆发');
  });

  it('sums the days in the summary', () => {
    expect(dailySummary([day, { ...day, gmv: 800, spend: 100 }], 'en')).toBe('Daily target and spend: Target GMV 2,001 · Spend 400');
  });
});

describe('Gantt geometry', () => {
  it('steps over month and year ends', () => {
    expect(addDays('2027-02-27', 2)).toBe('2027-03-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(monthStarts('2027-10-15', '2028-01-10')).toEqual(['2027-10-15', '2027-11-01', '2027-12-01', '2028-01-01']);
  });

  it('fits a year in about 1100 px and gives a month room', () => {
    expect(dayWidth(365)).toBe(3);
    expect(dayWidth(37)).toBe(28);
  });

  it('reads a capacity share between 0 and 1', () => {
    expect(usedShare(1, 2)).toBe(0.5);
    expect(usedShare(0, 0)).toBe(0);
    expect(usedShare(3, 0)).toBe(1);
  });
});
