import {
  checkCalendar, PHASE_KINDS, resolveLeadTime, resolveNeeds, resolvePhases, TIER_DEFAULTS, TIERS,
} from '@shopplan/schema';
import type { Activity, LocalizedText, PhaseKind, Plan, PlanIssue, Resource, ResourceNeed, Tier } from '@shopplan/schema';

/**
 * Promotion-tier scheduling (DOMAIN.md sections 2 and 5): activities compete
 * for scarce resources (banner slots, live-stream slots, team hours, budget).
 * Higher tiers are placed first, each at the first start (or the start whose
 * peak is nearest its preferred day) that keeps every resource within its
 * daily or weekly capacity, inside its window and after its lead time. Then a
 * repair pass gives each activity left out a second chance by moving one
 * placed activity (one without a preferred peak day) elsewhere in its own
 * window; nothing placed is ever taken off. What still cannot be placed is
 * listed with the reason. Pure and deterministic: the same plan always gives
 * the same schedule, whatever order the activities are listed in.
 */

const DAY_MS = 86_400_000;
/** Budget figures are yuan with decimals; a sum may miss a capacity by rounding only. */
const CAPACITY_SLACK = 1e-9;

/** Days since 1970-01-01 (UTC) of an ISO date. */
function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The ISO date of a day number. */
function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday-to-Sunday week number of a day (1970-01-01 was a Thursday). */
function weekOf(day: number): number {
  return Math.floor((day + 3) / 7);
}

/** One phase of a placed activity, first and last day inclusive. */
export interface ScheduledPhase {
  kind: PhaseKind;
  start: string;
  end: string;
}

/** Why an activity could not be placed. */
export type UnplacedCode = 'new_shop' | 'window' | 'lead_time' | 'capacity';

/**
 * The reason an activity stayed off the calendar: for `capacity` the
 * resource short for the most of its possible starts (in the final schedule)
 * and the days it was full; for `lead_time` the
 * first day preparation allows; for `window` the window's days inside the plan.
 */
export interface UnplacedReason {
  code: UnplacedCode;
  resource: string | null;
  dates: string[];
  message: LocalizedText;
}

/** One activity in the schedule, placed or not. */
export interface ScheduledActivity {
  id: string;
  name: LocalizedText;
  tier: Tier;
  window: { start: string; end: string };
  placed: { start: string; end: string } | null;
  /** The phases with at least one day, in order; empty when not placed. */
  phases: ScheduledPhase[];
  /** Per-day need of each resource; with needs per phase, the largest of them. */
  needs: Record<string, number>;
  reason: UnplacedReason | null;
}

/**
 * One day of a resource. For a daily resource `used` and `capacity` are that
 * day's; for a weekly resource they are its (Monday–Sunday) week's, repeated
 * on each of the week's days, so `used <= capacity` reads the same for both.
 */
export interface ResourceDay {
  date: string;
  used: number;
  capacity: number;
}

/** A resource's use over the plan's days. */
export interface ResourceUse {
  id: string;
  name: LocalizedText;
  per: 'day' | 'week';
  days: ResourceDay[];
}

/** A schedule: every activity in plan order, and every resource's use per day. */
export interface Schedule {
  start: string;
  end: string;
  activities: ScheduledActivity[];
  resources: ResourceUse[];
}

/** A schedule, or the calendar issues that stop one. */
export type ScheduleOutcome = { ok: true; schedule: Schedule } | { ok: false; issues: PlanIssue[] };

/** An activity resolved against the plan: days as numbers, needs per phase kind. */
interface Prepared {
  index: number;
  act: Activity;
  phases: Record<PhaseKind, number>;
  length: number;
  leadTime: number;
  /** need[r][offset]: what the activity takes from resource r on its offset-th day. */
  need: Float64Array[];
  peakOffset: number;
}

function needIn(need: ResourceNeed | undefined, kind: PhaseKind): number {
  if (need === undefined) return 0;
  return typeof need === 'number' ? need : need[kind] ?? 0;
}

/** Day ranges for messages: 2027-11-01 – 2027-11-03, 2027-11-07. */
function spans(dates: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < dates.length) {
    let j = i;
    while (j + 1 < dates.length && dates[j + 1] === dates[j]! + 1) j += 1;
    parts.push(j === i ? isoOf(dates[i]!) : `${isoOf(dates[i]!)} – ${isoOf(dates[j]!)}`);
    i = j + 1;
  }
  return parts.length > 4 ? `${parts.slice(0, 4).join(', ')} …` : parts.join(', ');
}

/**
 * The tier-weighted count of placed activities (S 8, A 4, B 2, C 1): the
 * objective a schedule is judged by, e.g. against an exact solve.
 * @example scheduleObjective(schedule) // 8 × placed S + 4 × placed A + …
 */
export function scheduleObjective(schedule: Schedule): number {
  return schedule.activities.reduce((sum, a) => sum + (a.placed ? TIER_DEFAULTS[a.tier].weight : 0), 0);
}

/**
 * The first day of each activity as the schedule placed it, null for one it
 * could not place: what daily phasing runs the activities on.
 * @example schedulePlacements(schedule) // { 'double-11': '2027-10-20', 'mango': null }
 */
export function schedulePlacements(schedule: Schedule): Record<string, string | null> {
  return Object.fromEntries(schedule.activities.map((a) => [a.id, a.placed?.start ?? null]));
}

/**
 * Places a plan's activities on its period. Checks the calendar first (the
 * same checks as parsePlan, for plans built in code) and returns its issues
 * instead of a schedule when there are any.
 * @example schedulePlan(plan) // { ok: true, schedule: { activities: [...], resources: [...] } }
 */
export function schedulePlan(plan: Plan): ScheduleOutcome {
  const issues = checkCalendar(plan);
  if (issues.length > 0) return { ok: false, issues };

  const first = dayOf(plan.period.start);
  const last = dayOf(plan.period.end);
  const dayCount = last - first + 1;
  const resources: readonly Resource[] = plan.resources ?? [];
  const firstWeek = weekOf(first);
  const weekCount = weekOf(last) - firstWeek + 1;
  // used[r] per day for daily resources, per week for weekly ones.
  const used = resources.map((r) => new Float64Array(r.per === 'week' ? weekCount : dayCount));

  const prepared: Prepared[] = (plan.activities ?? []).map((act, index) => {
    const phases = resolvePhases(act, plan.calendar);
    const length = PHASE_KINDS.reduce((sum, kind) => sum + phases[kind], 0);
    const needs = resolveNeeds(act, plan.calendar);
    const need = resources.map((r) => {
      const row = new Float64Array(length);
      let offset = 0;
      for (const kind of PHASE_KINDS) {
        const perDay = needIn(needs[r.id], kind);
        row.fill(perDay, offset, offset + phases[kind]);
        offset += phases[kind];
      }
      return row;
    });
    return { index, act, phases, length, leadTime: resolveLeadTime(act, plan.calendar), need, peakOffset: phases.warmUp };
  });

  const tierRank = (t: Tier): number => TIERS.indexOf(t);
  const order = [...prepared].sort((a, b) =>
    tierRank(a.act.tier) - tierRank(b.act.tier)
    || dayOf(a.act.window.start) - dayOf(b.act.window.start)
    || (a.act.id < b.act.id ? -1 : a.act.id > b.act.id ? 1 : a.index - b.index));

  const placedAt = new Map<number, number>(); // activity index → first day (plan day offset)
  const reasons = new Map<number, UnplacedReason>();

  // The plan week of each plan day, for weekly capacities.
  const weekAt = new Int32Array(dayCount);
  for (let d = 0; d < dayCount; d += 1) weekAt[d] = weekOf(first + d) - firstWeek;
  const room = (r: number): number => resources[r]!.capacity + CAPACITY_SLACK * Math.max(1, resources[r]!.capacity);

  /**
   * The days (plan offsets) on which resource r lacks room for the activity
   * started at s, or an empty list when it fits. Weekly resources are checked
   * per week, the activity's days in a week adding up.
   */
  const blockedDays = (p: Prepared, s: number, r: number): number[] => {
    const row = p.need[r]!;
    const blocked: number[] = [];
    const cap = room(r);
    if (resources[r]!.per === 'day') {
      for (let k = 0; k < p.length; k += 1) {
        const n = row[k]!;
        if (n > 0 && used[r]![s + k]! + n > cap) blocked.push(s + k);
      }
      return blocked;
    }
    let k = 0;
    while (k < p.length) {
      const week = weekAt[s + k]!;
      let add = 0;
      const days: number[] = [];
      while (k < p.length && weekAt[s + k] === week) {
        if (row[k]! > 0) days.push(s + k);
        add += row[k]!;
        k += 1;
      }
      if (add > 0 && used[r]![week]! + add > cap) blocked.push(...days);
    }
    return blocked;
  };

  /** Whether the activity started at s fits every resource (no allocation: the hot path). */
  const fits = (p: Prepared, s: number): boolean => {
    for (let r = 0; r < resources.length; r += 1) {
      const row = p.need[r]!;
      const cap = room(r);
      const use = used[r]!;
      if (resources[r]!.per === 'day') {
        for (let k = 0; k < p.length; k += 1) if (row[k]! > 0 && use[s + k]! + row[k]! > cap) return false;
        continue;
      }
      let k = 0;
      while (k < p.length) {
        const week = weekAt[s + k]!;
        let add = 0;
        while (k < p.length && weekAt[s + k] === week) add += row[k++]!;
        if (add > 0 && use[week]! + add > cap) return false;
      }
    }
    return true;
  };

  /** Adds (sign 1) or gives back (sign -1) what the activity started at s takes. */
  const take = (p: Prepared, s: number, sign: 1 | -1): void => {
    resources.forEach((res, r) => {
      const row = p.need[r]!;
      for (let k = 0; k < p.length; k += 1) {
        const slot = res.per === 'day' ? s + k : weekAt[s + k]!;
        used[r]![slot] = used[r]![slot]! + sign * row[k]!;
      }
    });
  };

  const startsOf = new Map<number, number[]>(); // activity index → candidate starts, in the order tried
  const firstFit = (p: Prepared): number | null => {
    for (const s of startsOf.get(p.index)!) if (fits(p, s)) return s;
    return null;
  };

  for (const p of order) {
    const { act } = p;
    const at = `activities[${p.index}]`;
    const who = { zh: `活动“${act.name.zh}”（${act.id}）`, en: `activity "${act.name.en}" (${act.id})` };
    const windowText = { zh: `可排期窗口（${at}.window：${act.window.start} 至 ${act.window.end}）`, en: `its window (${at}.window: ${act.window.start} to ${act.window.end})` };
    if (plan.newShop && act.tier === 'S' && act.kind === 'platform') {
      reasons.set(p.index, {
        code: 'new_shop', resource: null, dates: [],
        message: {
          zh: `${who.zh}是 S 级平台大促，新店（newShop）不参加`,
          en: `${who.en} is an S-tier platform festival, which a new shop (newShop) stays out of`,
        },
      });
      continue;
    }
    const lo = Math.max(dayOf(act.window.start), first) - first;
    const hi = Math.min(dayOf(act.window.end), last) - first - p.length + 1; // last possible start
    if (hi < lo) {
      const inside = Math.min(dayOf(act.window.end), last) - Math.max(dayOf(act.window.start), first) + 1;
      const dates: string[] = [];
      for (let d = Math.max(dayOf(act.window.start), first); d <= Math.min(dayOf(act.window.end), last); d += 1) dates.push(isoOf(d));
      reasons.set(p.index, {
        code: 'window', resource: null, dates,
        message: {
          zh: `${who.zh}的${windowText.zh}在计划周期（${plan.period.start} 至 ${plan.period.end}）内只有 ${Math.max(0, inside)} 天，放不下 ${p.length} 天的活动`,
          en: `${who.en} needs ${p.length} days but ${windowText.en} has ${Math.max(0, inside)} day(s) inside the plan's period (${plan.period.start} to ${plan.period.end})`,
        },
      });
      continue;
    }
    const earliest = Math.max(lo, p.leadTime);
    if (earliest > hi) {
      reasons.set(p.index, {
        code: 'lead_time', resource: null, dates: [isoOf(first + p.leadTime)],
        message: {
          zh: `${who.zh}需要 ${p.leadTime} 天筹备（${at}.leadTime），最早 ${isoOf(first + p.leadTime)} 开始，${windowText.zh}最晚须在 ${isoOf(first + hi)} 开始`,
          en: `${who.en} needs ${p.leadTime} days to prepare (${at}.leadTime), so it starts on ${isoOf(first + p.leadTime)} at the earliest, but ${windowText.en} needs it to start by ${isoOf(first + hi)}`,
        },
      });
      continue;
    }
    // Candidate starts: earliest first, or nearest the preferred peak day first.
    const starts: number[] = [];
    for (let s = earliest; s <= hi; s += 1) starts.push(s);
    if (act.peakOn !== undefined) {
      const want = dayOf(act.peakOn) - first - p.peakOffset;
      starts.sort((a, b) => Math.abs(a - want) - Math.abs(b - want) || a - b);
    }
    startsOf.set(p.index, starts);
    const chosen = firstFit(p);
    if (chosen !== null) {
      take(p, chosen, 1);
      placedAt.set(p.index, chosen);
    }
  }

  // Repair: an activity left out for lack of room is tried again by moving one
  // placed activity elsewhere in its own window. Nothing placed is ever taken
  // off, and an activity with a preferred peak day stays where it is.
  for (const u of order) {
    if (placedAt.has(u.index) || !startsOf.has(u.index)) continue;
    const starts = startsOf.get(u.index)!;
    const from = Math.min(...starts);
    const to = Math.max(...starts) + u.length - 1;
    for (const p of order) {
      const at = placedAt.get(p.index);
      if (at === undefined || p.act.peakOn !== undefined || at > to || at + p.length - 1 < from) continue;
      take(p, at, -1);
      const su = firstFit(u);
      if (su !== null) {
        take(u, su, 1);
        const sp = firstFit(p);
        if (sp !== null) {
          take(p, sp, 1);
          placedAt.set(p.index, sp);
          placedAt.set(u.index, su);
          break;
        }
        take(u, su, -1);
      }
      take(p, at, 1);
    }
  }

  // Reasons for what is still left out, against the final use of every resource.
  for (const p of order) {
    if (placedAt.has(p.index) || !startsOf.has(p.index)) continue;
    // A move made for another activity may have left room for this one.
    const late = firstFit(p);
    if (late !== null) {
      take(p, late, 1);
      placedAt.set(p.index, late);
      continue;
    }
    const { act } = p;
    const at = `activities[${p.index}]`;
    const who = { zh: `活动“${act.name.zh}”（${act.id}）`, en: `activity "${act.name.en}" (${act.id})` };
    const windowText = { zh: `可排期窗口（${at}.window：${act.window.start} 至 ${act.window.end}）`, en: `its window (${at}.window: ${act.window.start} to ${act.window.end})` };
    const blockedBy = new Map<number, { starts: number; days: Set<number> }>();
    for (const s of startsOf.get(p.index)!) {
      // Every resource that is short for this start counts, not only the first.
      for (let r = 0; r < resources.length; r += 1) {
        const days = blockedDays(p, s, r);
        if (days.length === 0) continue;
        const entry = blockedBy.get(r) ?? { starts: 0, days: new Set<number>() };
        entry.starts += 1;
        for (const d of days) entry.days.add(d);
        blockedBy.set(r, entry);
      }
    }
    // The resource that stopped the most starts (ties: the earlier resource).
    let worst = -1;
    for (const [r, entry] of blockedBy) {
      const best = worst < 0 ? undefined : blockedBy.get(worst);
      if (!best || entry.starts > best.starts || (entry.starts === best.starts && r < worst)) worst = r;
    }
    const res = resources[worst]!;
    const full = [...blockedBy.get(worst)!.days].sort((a, b) => a - b).map((d) => first + d);
    const per = res.per === 'week' ? { zh: '每周', en: 'weekly' } : { zh: '每日', en: 'daily' };
    reasons.set(p.index, {
      code: 'capacity', resource: res.id, dates: full.map(isoOf),
      message: {
        zh: `${who.zh}在${windowText.zh}内放不下：资源“${res.name.zh}”（${res.id}，${per.zh}容量 ${res.capacity}）在 ${spans(full)} 已被其他活动占满`,
        en: `${who.en} does not fit in ${windowText.en}: resource "${res.name.en}" (${res.id}, ${per.en} capacity ${res.capacity}) is full on ${spans(full)} with other activities`,
      },
    });
  }

  const activities: ScheduledActivity[] = prepared.map((p) => {
    const s = placedAt.get(p.index);
    const needs: Record<string, number> = {};
    resources.forEach((r, i) => {
      const row = p.need[i]!;
      let most = 0;
      for (const n of row) most = Math.max(most, n);
      if (most > 0 || Object.hasOwn(resolveNeeds(p.act, plan.calendar), r.id)) needs[r.id] = most;
    });
    const phases: ScheduledPhase[] = [];
    if (s !== undefined) {
      let offset = first + s;
      for (const kind of PHASE_KINDS) {
        const n = p.phases[kind];
        if (n > 0) phases.push({ kind, start: isoOf(offset), end: isoOf(offset + n - 1) });
        offset += n;
      }
    }
    return {
      id: p.act.id,
      name: p.act.name,
      tier: p.act.tier,
      window: { start: p.act.window.start, end: p.act.window.end },
      placed: s === undefined ? null : { start: isoOf(first + s), end: isoOf(first + s + p.length - 1) },
      phases,
      needs,
      reason: reasons.get(p.index) ?? null,
    };
  });

  const resourceUse: ResourceUse[] = resources.map((res, r) => {
    const days: ResourceDay[] = [];
    for (let d = 0; d < dayCount; d += 1) {
      const slot = res.per === 'day' ? d : weekOf(first + d) - firstWeek;
      days.push({ date: isoOf(first + d), used: tidy(used[r]![slot]!), capacity: res.capacity });
    }
    return { id: res.id, name: res.name, per: res.per, days };
  });
  return { ok: true, schedule: { start: plan.period.start, end: plan.period.end, activities, resources: resourceUse } };
}

/** Sums of decimal needs print as 0.30000000000000004; planners typed 0.3. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}
