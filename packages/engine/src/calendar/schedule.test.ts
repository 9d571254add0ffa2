import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examplePlan } from '@shopplan/examples';
import { parsePlan, PHASE_KINDS, TIER_DEFAULTS, type Plan, type PhaseKind } from '@shopplan/schema';
import { scheduleObjective, schedulePlan, type Schedule } from './schedule.ts';

const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

type ActivityDoc = Record<string, unknown> & { id: string };
type ResourceDoc = { id: string; capacity: number; per?: 'day' | 'week' };

/** A one-month plan (June 2026, Monday 2026-06-01) with the given calendar, parsed as a planner's file is. */
function planWith(activities: ActivityDoc[], resources: ResourceDoc[], extra: Record<string, unknown> = {}): Plan {
  const parsed = parsePlan({
    version: 3, id: 'sched', name: { zh: '排期', en: 'schedule' }, shop: 'shop',
    period: { start: '2026-06-01', end: '2026-06-30' },
    objective: { kind: 'target', gmv: 1_000_000 },
    channels: [{ id: 'organic', name: { zh: '自然', en: 'organic' }, cvr: 0.02, aov: 150, cost: { model: 'free', forecastVisitors: 400_000 } }],
    resources: resources.map((r) => ({ name: { zh: `资源${r.id}`, en: `resource ${r.id}` }, ...r })),
    activities: activities.map((a) => ({ name: { zh: `活动${a.id}`, en: `activity ${a.id}` }, leadTime: 0, ...a })),
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.plan;
}

function scheduled(plan: Plan): Schedule {
  const outcome = schedulePlan(plan);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.schedule;
}

/**
 * Recomputes every resource's use from the placed phases and the plan alone
 * (not from the scheduler's own counters): per day, and per Monday–Sunday week.
 */
function usageOf(plan: Plan, schedule: Schedule): Map<string, Map<string, number>> {
  const use = new Map<string, Map<string, number>>();
  for (const res of plan.resources ?? []) use.set(res.id, new Map());
  for (const placed of schedule.activities) {
    const act = plan.activities!.find((a) => a.id === placed.id)!;
    const needs = { ...(plan.calendar?.tiers?.[act.tier]?.needs ?? {}), ...act.needs };
    for (const phase of placed.phases) {
      for (let d = dayOf(phase.start); d <= dayOf(phase.end); d += 1) {
        for (const res of plan.resources ?? []) {
          const need = needs[res.id];
          const n = need === undefined ? 0 : typeof need === 'number' ? need : need[phase.kind as PhaseKind] ?? 0;
          const key = res.per === 'day' ? String(d) : String(Math.floor((d + 3) / 7));
          use.get(res.id)!.set(key, (use.get(res.id)!.get(key) ?? 0) + n);
        }
      }
    }
  }
  return use;
}

describe('schedulePlan: higher tiers first, within capacity, window and lead time', () => {
  it('Given an S and a C activity competing for one banner slot, When scheduled, Then the S is placed and the C is listed with the resource and the days', () => {
    const plan = planWith(
      [
        { id: 'push', tier: 'C', window: { start: '2026-06-10', end: '2026-06-12' }, needs: { banner: 1 } },
        // A preferred peak day pins the cherry season: the repair pass does not move it.
        { id: 'cherry', tier: 'S', window: { start: '2026-06-01', end: '2026-06-30' }, phases: { warmUp: 10, peak: 5, tail: 0, encore: 0 }, peakOn: '2026-06-11', needs: { banner: 1 } },
      ],
      [{ id: 'banner', capacity: 1 }],
    );
    const { activities } = scheduled(plan);
    expect(activities.map((a) => a.id)).toEqual(['push', 'cherry']); // plan order
    expect(activities[1]).toMatchObject({
      placed: { start: '2026-06-01', end: '2026-06-15' },
      phases: [{ kind: 'warmUp', start: '2026-06-01', end: '2026-06-10' }, { kind: 'peak', start: '2026-06-11', end: '2026-06-15' }],
      needs: { banner: 1 },
      reason: null,
    });
    expect(activities[0]).toMatchObject({
      placed: null,
      phases: [],
      reason: { code: 'capacity', resource: 'banner', dates: ['2026-06-10', '2026-06-11', '2026-06-12'] },
    });
    expect(activities[0]!.reason!.message).toEqual({
      zh: '活动“活动push”（push）在可排期窗口（activities[0].window：2026-06-10 至 2026-06-12）内放不下：资源“资源banner”（banner，每日容量 1）在 2026-06-10 – 2026-06-12 已被其他活动占满',
      en: 'activity "activity push" (push) does not fit in its window (activities[0].window: 2026-06-10 to 2026-06-12): resource "resource banner" (banner, daily capacity 1) is full on 2026-06-10 – 2026-06-12 with other activities',
    });
  });

  it('Given a placed activity with room to move, When a later one does not fit, Then the repair pass moves the first within its window and places both', () => {
    const plan = planWith(
      [
        { id: 'push', tier: 'C', window: { start: '2026-06-10', end: '2026-06-12' }, needs: { banner: 1 } },
        { id: 'cherry', tier: 'S', window: { start: '2026-06-01', end: '2026-06-30' }, phases: { warmUp: 10, peak: 5, tail: 0, encore: 0 }, needs: { banner: 1 } },
      ],
      [{ id: 'banner', capacity: 1 }],
    );
    expect(scheduled(plan).activities.map((a) => [a.id, a.placed])).toEqual([
      ['push', { start: '2026-06-10', end: '2026-06-10' }],
      ['cherry', { start: '2026-06-11', end: '2026-06-25' }],
    ]);
  });

  it('Given a weekly capacity, When two activities would exceed it in one week, Then the second starts as early as the weeks allow', () => {
    const plan = planWith(
      [
        { id: 'a', tier: 'B', window: { start: '2026-06-01', end: '2026-06-14' }, phases: { warmUp: 0, peak: 3, tail: 0, encore: 0 }, needs: { team: 10 } },
        { id: 'b', tier: 'B', window: { start: '2026-06-02', end: '2026-06-14' }, phases: { warmUp: 0, peak: 3, tail: 0, encore: 0 }, needs: { team: 10 } },
      ],
      [{ id: 'team', capacity: 40, per: 'week' }],
    );
    const schedule = scheduled(plan);
    expect(schedule.activities.map((a) => a.placed)).toEqual([
      { start: '2026-06-01', end: '2026-06-03' },
      // Starting June 2 to 6 would put 60 hours in the week of June 1 (capacity 40);
      // starting on Sunday June 7 puts 10 there (40 in all) and 20 in the next week.
      { start: '2026-06-07', end: '2026-06-09' },
    ]);
    // A weekly resource shows its week's use and capacity on each day of the week.
    expect(schedule.resources[0]!.days.slice(0, 8).map((d) => d.used)).toEqual([40, 40, 40, 40, 40, 40, 40, 20]);
    expect(schedule.resources[0]!.days[0]!.capacity).toBe(40);
  });

  it('Given needs per phase, Then each phase takes its own figure and needs shows the largest', () => {
    const plan = planWith(
      [{ id: 'd11', tier: 'S', window: { start: '2026-06-01', end: '2026-06-30' }, phases: { warmUp: 2, peak: 1, tail: 1, encore: 0 }, needs: { budget: { warmUp: 100, peak: 500, tail: 50 } } }],
      [{ id: 'budget', capacity: 1000 }],
    );
    const schedule = scheduled(plan);
    expect(schedule.activities[0]!.needs).toEqual({ budget: 500 });
    expect(schedule.resources[0]!.days.slice(0, 5).map((d) => d.used)).toEqual([100, 100, 500, 50, 0]);
  });

  it('Given a preferred peak day, Then the peak starts on it when there is room', () => {
    const plan = planWith(
      [{ id: 'p618', tier: 'S', window: { start: '2026-06-01', end: '2026-06-30' }, phases: { warmUp: 10, peak: 3, tail: 2, encore: 2 }, peakOn: '2026-06-16', needs: {} }],
      [],
    );
    expect(scheduled(plan).activities[0]!.phases[1]).toEqual({ kind: 'peak', start: '2026-06-16', end: '2026-06-18' });
  });

  it('Given a lead time, Then nothing starts inside it, and an activity whose window ends too soon is listed with lead_time', () => {
    const plan = planWith(
      [
        { id: 'late', tier: 'B', window: { start: '2026-06-01', end: '2026-06-30' }, leadTime: 10 },
        { id: 'early', tier: 'B', window: { start: '2026-06-01', end: '2026-06-12' }, leadTime: 10 },
      ],
      [],
    );
    const [late, early] = scheduled(plan).activities;
    expect(late!.placed).toEqual({ start: '2026-06-11', end: '2026-06-18' });
    expect(early!.reason).toMatchObject({ code: 'lead_time', resource: null, dates: ['2026-06-11'] });
    expect(early!.reason!.message.en).toBe('activity "activity early" (early) needs 10 days to prepare (activities[1].leadTime), so it starts on 2026-06-11 at the earliest, but its window (activities[1].window: 2026-06-01 to 2026-06-12) needs it to start by 2026-06-05');
  });

  it('Given a window that runs past the plan, Then the activity is listed with window when too few of its days are inside', () => {
    const plan = planWith([{ id: 'next', tier: 'B', window: { start: '2026-06-27', end: '2026-07-20' } }], []);
    const [next] = scheduled(plan).activities;
    expect(next!.reason).toMatchObject({ code: 'window', dates: ['2026-06-27', '2026-06-28', '2026-06-29', '2026-06-30'] });
    expect(next!.reason!.message.zh).toContain('activities[0].window');
  });

  it('Given a new shop, Then S-tier platform festivals stay out and S-tier seasonal themes do not', () => {
    const activities = [
      { id: 'd11', tier: 'S', kind: 'platform', window: { start: '2026-06-01', end: '2026-06-30' } },
      { id: 'crab', tier: 'S', kind: 'seasonal', window: { start: '2026-06-01', end: '2026-06-30' } },
    ];
    const newShop = scheduled(planWith(activities, [], { newShop: true })).activities;
    expect(newShop[0]!.reason).toMatchObject({ code: 'new_shop', message: { en: 'activity "activity d11" (d11) is an S-tier platform festival, which a new shop (newShop) stays out of' } });
    expect(newShop[1]!.placed).not.toBeNull();
    expect(scheduled(planWith(activities, [])).activities[0]!.placed).not.toBeNull();
  });

  it('Given tier defaults in the plan, Then an activity without its own phases, lead time or needs takes them', () => {
    const plan = planWith(
      [{ id: 'x', tier: 'A', window: { start: '2026-06-01', end: '2026-06-30' }, leadTime: undefined }],
      [{ id: 'live', capacity: 1 }],
      { calendar: { tiers: { A: { phases: { warmUp: 1, peak: 2, tail: 0, encore: 0 }, leadTime: 5, needs: { live: 1 } } } } },
    );
    expect(scheduled(plan).activities[0]).toMatchObject({ placed: { start: '2026-06-06', end: '2026-06-08' }, needs: { live: 1 } });
  });

  it('Given a plan built in code with a negative capacity, Then the issue comes back instead of a schedule', () => {
    const plan = planWith([], [{ id: 'banner', capacity: 1 }]);
    plan.resources![0]!.capacity = -2;
    expect(schedulePlan(plan)).toEqual({ ok: false, issues: [expect.objectContaining({ path: 'resources[0].capacity', code: 'negative_capacity' })] });
  });
});

describe('the 2027 example calendar', () => {
  const plan = examplePlan('year-2027');
  const schedule = scheduled(plan);

  it('places most activities and lists every unplaced one with a reason in zh and en', () => {
    const unplaced = schedule.activities.filter((a) => a.placed === null);
    expect(unplaced.length).toBeGreaterThan(0);
    expect(schedule.activities.length - unplaced.length).toBeGreaterThanOrEqual(60);
    for (const a of unplaced) {
      expect(a.reason?.message.zh).toContain(a.id);
      expect(a.reason?.message.en).toContain(a.id);
    }
    expect(new Set(unplaced.map((a) => a.reason!.code))).toEqual(new Set(['capacity', 'window', 'lead_time']));
    expect(schedule.activities.find((a) => a.id === 'double-11')!.phases.find((p) => p.kind === 'peak')).toEqual({ kind: 'peak', start: '2027-11-10', end: '2027-11-14' });
  });

  it('keeps every resource within its capacity on every day, by the scheduler\'s figures and by a recount', () => {
    for (const res of schedule.resources) for (const day of res.days) expect(day.used).toBeLessThanOrEqual(day.capacity);
    const recount = usageOf(plan, schedule);
    for (const res of plan.resources!) for (const used of recount.get(res.id)!.values()) expect(used).toBeLessThanOrEqual(res.capacity + 1e-6);
  });
});

/** Random small calendars: 1–8 activities over a month, 1–3 resources of either period. */
const calendars = fc
  .record({
    resources: fc.array(fc.record({ capacity: fc.integer({ min: 0, max: 6 }), per: fc.constantFrom('day' as const, 'week' as const) }), { minLength: 1, maxLength: 3 }),
    activities: fc.array(
      fc.record({
        tier: fc.constantFrom('S', 'A', 'B', 'C'),
        start: fc.integer({ min: 0, max: 25 }),
        span: fc.integer({ min: 0, max: 20 }),
        phases: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
        leadTime: fc.integer({ min: 0, max: 12 }),
        needs: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.record({ warmUp: fc.integer({ min: 0, max: 3 }), peak: fc.integer({ min: 0, max: 4 }) })), { minLength: 3, maxLength: 3 }),
        peakOn: fc.option(fc.integer({ min: 0, max: 29 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ resources, activities }) => {
    const date = (d: number): string => new Date((dayOf('2026-06-01') + Math.min(d, 29)) * DAY_MS).toISOString().slice(0, 10);
    return planWith(
      activities.map((a, i) => {
        const length = a.phases.reduce((x, y) => x + y, 0);
        const end = Math.min(29, a.start + Math.max(a.span, length - 1));
        const start = Math.max(0, Math.min(a.start, end - length + 1));
        const peakOn = a.peakOn === undefined ? undefined : Math.min(Math.max(a.peakOn, start), end);
        return {
          id: `act${i}`, tier: a.tier, window: { start: date(start), end: date(end) }, leadTime: a.leadTime,
          phases: { warmUp: a.phases[0], peak: a.phases[1], tail: a.phases[2], encore: a.phases[3] },
          needs: Object.fromEntries(resources.map((_, r) => [`r${r}`, a.needs[r]!])),
          ...(peakOn === undefined ? {} : { peakOn: date(peakOn) }),
        };
      }),
      resources.map((r, i) => ({ id: `r${i}`, ...r })),
    );
  });

describe('schedulePlan properties', () => {
  it('never exceeds a capacity (day or week), recounted from the placed phases', () => {
    fc.assert(fc.property(calendars, (plan) => {
      const recount = usageOf(plan, scheduled(plan));
      for (const res of plan.resources!) for (const used of recount.get(res.id)!.values()) expect(used).toBeLessThanOrEqual(res.capacity);
    }), { numRuns: 300 });
  });

  it('never places outside a window or inside the lead time, and lays the phases end to end', () => {
    fc.assert(fc.property(calendars, (plan) => {
      for (const placed of scheduled(plan).activities) {
        const act = plan.activities!.find((a) => a.id === placed.id)!;
        if (!placed.placed) {
          expect(placed.reason).not.toBeNull();
          continue;
        }
        expect(placed.placed.start >= act.window.start && placed.placed.end <= act.window.end).toBe(true);
        expect(dayOf(placed.placed.start) - dayOf(plan.period.start)).toBeGreaterThanOrEqual(act.leadTime!);
        const lengths = PHASE_KINDS.map((k) => act.phases![k]!).filter((n) => n > 0);
        expect(placed.phases.map((p) => dayOf(p.end) - dayOf(p.start) + 1)).toEqual(lengths);
        expect(placed.phases[0]!.start).toBe(placed.placed.start);
        expect(placed.phases.at(-1)!.end).toBe(placed.placed.end);
      }
    }), { numRuns: 300 });
  });

  it('is deterministic: the same plan gives the same schedule, and the order activities are listed in does not change where they go', () => {
    fc.assert(fc.property(calendars, (plan) => {
      const once = scheduled(plan);
      expect(scheduled(structuredClone(plan))).toEqual(once);
      const reversed = scheduled({ ...plan, activities: [...plan.activities!].reverse() });
      const where = (s: Schedule) => Object.fromEntries(s.activities.map((a) => [a.id, a.placed]));
      expect(where(reversed)).toEqual(where(once));
    }), { numRuns: 200 });
  });

  it('never claims more than the optimum an exhaustive search finds on tiny plans (the heuristic\'s count is a real, feasible count)', () => {
    fc.assert(fc.property(calendars, (plan) => {
      const optimum = exhaustiveOptimum(plan);
      fc.pre(optimum !== null);
      expect(scheduleObjective(scheduled(plan))).toBeLessThanOrEqual(optimum!);
    }), { numRuns: 150 });
  });
});

/**
 * The best tier-weighted placed count over every choice of start (or none)
 * for each activity, by depth-first search: the exact answer for tiny plans.
 */
function exhaustiveOptimum(plan: Plan): number | null {
  const first = dayOf(plan.period.start);
  const last = dayOf(plan.period.end);
  const resources = plan.resources ?? [];
  const acts = (plan.activities ?? []).map((act) => {
    const kinds: PhaseKind[] = PHASE_KINDS.flatMap((k) => Array<PhaseKind>(act.phases![k]!).fill(k));
    const lo = Math.max(dayOf(act.window.start), first + act.leadTime!);
    const hi = Math.min(dayOf(act.window.end), last) - kinds.length + 1;
    const need = resources.map((r) => kinds.map((k) => {
      const n = act.needs[r.id];
      return n === undefined ? 0 : typeof n === 'number' ? n : n[k] ?? 0;
    }));
    return { weight: TIER_DEFAULTS[act.tier].weight, lo, hi, need, length: kinds.length };
  });
  // Tiny plans only: every combination of starts is visited.
  if (acts.reduce((n, a) => n * Math.max(1, a.hi - a.lo + 2), 1) > 200_000) return null;
  const used = resources.map(() => new Map<number, number>());
  const slot = (r: number, d: number): number => (resources[r]!.per === 'day' ? d : Math.floor((d + 3) / 7));
  let best = 0;
  const visit = (i: number, value: number): void => {
    if (i === acts.length) {
      best = Math.max(best, value);
      return;
    }
    const a = acts[i]!;
    for (let s = a.lo; s <= a.hi; s += 1) {
      const fits = resources.every((res, r) => {
        const add = new Map<number, number>();
        for (let k = 0; k < a.length; k += 1) add.set(slot(r, s + k), (add.get(slot(r, s + k)) ?? 0) + a.need[r]![k]!);
        return [...add].every(([key, n]) => n === 0 || (used[r]!.get(key) ?? 0) + n <= res.capacity);
      });
      if (!fits) continue;
      resources.forEach((_, r) => { for (let k = 0; k < a.length; k += 1) used[r]!.set(slot(r, s + k), (used[r]!.get(slot(r, s + k)) ?? 0) + a.need[r]![k]!); });
      visit(i + 1, value + a.weight);
      resources.forEach((_, r) => { for (let k = 0; k < a.length; k += 1) used[r]!.set(slot(r, s + k), used[r]!.get(slot(r, s + k))! - a.need[r]![k]!); });
    }
    visit(i + 1, value);
  };
  visit(0, 0);
  return best;
}
