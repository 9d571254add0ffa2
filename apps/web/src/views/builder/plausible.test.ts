import { describe, expect, it } from 'vitest';
import { implausibleAnswer, plannerNumber } from './plausible.ts';

describe('answers a planner can trust', () => {
  it('Given a tiny price, When printed, Then it keeps its digits instead of ¥0.00', () => {
    expect(plannerNumber(0.0000012, 'money', 'en')).toBe('¥0.0000012');
    expect(plannerNumber(1.2, 'money', 'en')).toBe('¥1.20');
  });

  it('Given a goal seek answer outside the registry’s plausible range, Then it is named with the change from the base', () => {
    expect(implausibleAnswer('channels.search.cvr', 0.025, 0.68, 'en')).toBe('conversion rate 68% is outside the plausible 0.05%–30% (base 2.5%, +65.5 pts)');
    expect(implausibleAnswer('channels.search.cpc', 1.2, 0.0000012, 'zh')).toContain('¥0.0000012');
    expect(implausibleAnswer('channels.search.cvr', 0.025, 0.03, 'en')).toBeUndefined();
  });
});
