import { describe, expect, it } from 'vitest';
import { examplePlan } from '@shopplan/examples';
import { schedulePlan } from '@shopplan/engine';
import { movePromotion, promotionsOf } from './promotions.ts';

// The real engine on the bundled 2027 yearly plan: no mocks.
const year = examplePlan('year-2027');

describe('promotionsOf', () => {
  it('gives the schedule, the provisional 2027 calendar and every day phased', () => {
    const out = promotionsOf(year);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.provisional).toBe(true);
    expect(out.days).toHaveLength(365);
    expect(out.festivals.some((f) => f.id === 'spring-festival' && f.date === '2027-02-06')).toBe(true);
    expect(out.marked.some((d) => d.makeUpWorkday)).toBe(true);
    expect(out.schedule.activities.some((a) => !a.placed && a.reason)).toBe(true);
  });
});

describe('movePromotion', () => {
  it('accepts a move inside the window that keeps every capacity, by pinning the peak day', () => {
    const answer = movePromotion(year, 'mango', '2027-06-22');
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const again = schedulePlan(answer.plan);
    expect(again.ok && again.schedule.activities.find((a) => a.id === 'mango')?.placed?.start).toBe('2027-06-22');
  });

  it('refuses a move that overfills a resource, naming it in zh and en', () => {
    const answer = movePromotion(year, 'mango', '2027-06-20');
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.reason.en).toContain('Promotion budget');
    expect(answer.reason.zh).toContain('容量');
  });

  it('refuses a move out of the window', () => {
    const answer = movePromotion(year, 'lantern', '2027-02-18');
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.reason.en).toContain('window 2027-02-14 – 2027-02-20');
  });

  it('refuses moving an activity that is not placed or does not exist', () => {
    const out = promotionsOf(year);
    const unplaced = out.ok ? out.schedule.activities.find((a) => !a.placed) : undefined;
    expect(unplaced).toBeDefined();
    expect(movePromotion(year, unplaced!.id, '2027-07-01').ok).toBe(false);
    expect(movePromotion(year, 'no-such-activity', '2027-07-01').ok).toBe(false);
  });
});
