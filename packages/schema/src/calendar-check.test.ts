import { describe, expect, it } from 'vitest';
import { juneShopDocument } from './june-fixture.test-data.ts';
import { parsePlan } from './validate.ts';

/** The June shop with one resource and one activity, as a v3 document. */
function withCalendar(): any {
  return {
    ...juneShopDocument(),
    version: 3,
    resources: [{ id: 'banner', name: { zh: '首页横幅', en: 'Home banner' }, capacity: 2 }],
    activities: [{
      id: 'tea', name: { zh: '春茶季', en: 'Spring tea' }, tier: 'B',
      window: { start: '2026-06-05', end: '2026-06-20' }, needs: { banner: 1 },
    }],
  };
}

function issuesOf(doc: unknown) {
  const outcome = parsePlan(doc);
  return outcome.ok ? [] : outcome.issues;
}

describe('checkCalendar: bad calendar input, each named by activity or resource and field, in zh and en', () => {
  it('Given a sound calendar, Then the plan parses', () => {
    expect(issuesOf(withCalendar())).toEqual([]);
  });

  it('Given a negative capacity, Then the resource and its capacity are named', () => {
    const doc = withCalendar();
    doc.resources[0].capacity = -1;
    expect(issuesOf(doc)).toEqual([{
      path: 'resources[0].capacity', at: ['resources', 0, 'capacity'], code: 'negative_capacity',
      message: { zh: '资源“首页横幅”（banner）的每日容量不能为负数（现为 -1）', en: 'the daily capacity of resource "Home banner" (banner) cannot be negative (it is -1)' },
    }]);
  });

  it('Given phases longer than the window, Then the activity and its phases are named', () => {
    const doc = withCalendar();
    doc.activities[0].phases = { warmUp: 10, peak: 5, encore: 4 };
    expect(issuesOf(doc)).toEqual([expect.objectContaining({
      path: 'activities[0].phases', code: 'phases_longer_than_window',
      message: { zh: '活动“春茶季”（tea）的各阶段共 20 天，长于可排期窗口（2026-06-05 至 2026-06-20，16 天）', en: 'the phases of activity "Spring tea" (tea) take 20 days, longer than its window (2026-06-05 to 2026-06-20, 16 days)' },
    })]);
  });

  it('Given a single phase longer than the window, Then that phase is named', () => {
    const doc = withCalendar();
    doc.activities[0].phases = { warmUp: 30 };
    expect(issuesOf(doc).map((i) => [i.path, i.code])).toEqual([['activities[0].phases.warmUp', 'phase_longer_than_window']]);
  });

  it('Given a lead time longer than a year, Then the activity and its lead time are named', () => {
    const doc = withCalendar();
    doc.activities[0].leadTime = 400;
    expect(issuesOf(doc)).toEqual([expect.objectContaining({
      path: 'activities[0].leadTime', code: 'lead_time_too_long',
      message: { zh: '活动“春茶季”（tea）的筹备提前期 400 天超过一年（366 天）', en: 'the preparation lead time of activity "Spring tea" (tea) is 400 days, longer than a year (366 days)' },
    })]);
  });

  it('Given a need of a missing resource, a reversed window, a non-date and a duplicate id, Then each is named', () => {
    const doc = withCalendar();
    doc.activities[0].needs = { live: 1 };
    doc.activities.push({ id: 'tea', name: { zh: '樱桃季', en: 'Cherries' }, tier: 'S', window: { start: '2026-06-20', end: '2026-06-05' } });
    doc.activities.push({ id: 'crab', name: { zh: '大闸蟹', en: 'Hairy crab' }, tier: 'C', window: { start: '2026-02-30', end: '2026-06-05' } });
    expect(issuesOf(doc).map((i) => [i.path, i.code])).toEqual([
      ['activities[0].needs.live', 'unknown_resource'],
      ['activities[1].id', 'duplicate_id'],
      ['activities[1].window.end', 'window_order'],
      ['activities[2].window.start', 'invalid_date'],
    ]);
  });

  it('Given a wrong tier, Then zod names the field with its calendar label', () => {
    const doc = withCalendar();
    doc.activities[0].tier = 'X';
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ path: 'activities[0].tier', message: { zh: '活动等级只能是 S | A | B | C（现为 "X"）', en: 'tier must be one of S | A | B | C (it is "X")' } })]);
  });
});
