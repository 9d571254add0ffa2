import { dayNumber, isoDate, phasePlan, schedulePlan, yearCalendar, type CalendarDay, type Festival, type PhasePeriod, type Schedule, type ScheduledActivity } from '@shopplan/engine';
import type { LocalizedText, Plan, PlanIssue } from '@shopplan/schema';

/** A day of the plan's period the Gantt marks: a statutory holiday or a make-up workday (调休). */
export interface MarkedDay {
  date: string;
  holiday: string | null;
  makeUpWorkday: boolean;
}

/** What the Promotion calendar view draws: the schedule, the calendar of the period, the daily budget. */
export type PromotionsOutcome =
  | {
      ok: true;
      schedule: Schedule;
      /** True when any year of the period has a provisional holiday schedule. */
      provisional: boolean;
      festivals: Festival[];
      marked: MarkedDay[];
      /** The daily target and spend, or the issues that stop phasing (the Gantt still shows). */
      days: PhasePeriod[] | null;
      dayIssues: PlanIssue[];
    }
  | { ok: false; issues: PlanIssue[] };

/** The answer to dragging an activity: the edited plan, or why the move is refused. */
export type PromotionMove = { ok: true; plan: Plan } | { ok: false; reason: LocalizedText };

/** The schedule, the period's calendar and its days phased, all from the engine. */
export function promotionsOf(plan: Plan): PromotionsOutcome {
  const scheduled = schedulePlan(plan);
  if (!scheduled.ok) return { ok: false, issues: scheduled.issues };
  const firstYear = Number(plan.period.start.slice(0, 4));
  const lastYear = Number(plan.period.end.slice(0, 4));
  let provisional = false;
  const festivals: Festival[] = [];
  const marked: MarkedDay[] = [];
  const inPeriod = (date: string) => date >= plan.period.start && date <= plan.period.end;
  for (let year = firstYear; year <= lastYear; year += 1) {
    const cal = yearCalendar(year);
    if (!cal.ok) return { ok: false, issues: cal.issues };
    provisional ||= cal.calendar.provisional;
    festivals.push(...cal.calendar.festivals.filter((f) => f.kind !== 'solar-term' && inPeriod(f.date)));
    marked.push(...cal.calendar.days.filter((d: CalendarDay) => inPeriod(d.date) && (d.holiday !== null || d.makeUpWorkday)).map((d) => ({ date: d.date, holiday: d.holiday, makeUpWorkday: d.makeUpWorkday })));
  }
  const phased = phasePlan(plan, { by: 'day' });
  return { ok: true, schedule: scheduled.schedule, provisional, festivals, marked, days: phased.ok ? phased.result.periods : null, dayIssues: phased.ok ? [] : phased.issues };
}

/** Days a placed activity covers, as day numbers. */
function span(a: ScheduledActivity): { first: number; last: number } | null {
  if (!a.placed) return null;
  return { first: dayOf(a.placed.start), last: dayOf(a.placed.end) };
}

function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return dayNumber(y, m, d);
}

/** Monday-to-Sunday week key of a day number (relative; only compared with itself). */
function weekKey(day: number): number {
  return Math.floor((day + 3) / 7);
}

/**
 * Names the first resource a move would overfill, from the current schedule's
 * use: the activity's own use is taken out, its use on the new days put in.
 */
function capacityReason(schedule: Schedule, moved: ScheduledActivity, first: number): LocalizedText | null {
  const old = span(moved);
  if (!old) return null;
  const length = old.last - old.first + 1;
  for (const resource of schedule.resources) {
    const need = moved.needs[resource.id] ?? 0;
    if (!(need > 0)) continue;
    const own = (d: number, from: number) => (d >= from && d < from + length ? need : 0);
    const full: string[] = [];
    for (const day of resource.days) {
      const d = dayOf(day.date);
      let used: number;
      if (resource.per === 'day') used = day.used - own(d, old.first) + own(d, first);
      else {
        // a weekly resource: the activity's days in this day's week, before and after the move
        const week = weekKey(d);
        let before = 0;
        let after = 0;
        for (let k = 0; k < length; k += 1) {
          if (weekKey(old.first + k) === week) before += need;
          if (weekKey(first + k) === week) after += need;
        }
        used = day.used - before + after;
      }
      if (d >= first && d < first + length && used > day.capacity + 1e-9) full.push(day.date);
    }
    if (full.length > 0) {
      const dates = full.length > 3 ? `${full.slice(0, 3).join(', ')} …` : full.join(', ');
      return {
        zh: `「${moved.name.zh}」移到这里会超出资源「${resource.name.zh}」的容量（${dates}）`,
        en: `moving “${moved.name.en}” here would exceed the capacity of “${resource.name.en}” (${dates})`,
      };
    }
  }
  return null;
}

/**
 * Tries to move a placed activity so that it starts on `start`: the move
 * pins its peak (`peakOn`) and the engine schedules the plan again. Accepted
 * when the activity lands on that day and nothing placed before falls off;
 * otherwise refused with the reason (window, capacity, lead time, or the
 * activity it would push off).
 */
export function movePromotion(plan: Plan, activityId: string, start: string): PromotionMove {
  const current = schedulePlan(plan);
  if (!current.ok) return { ok: false, reason: current.issues[0]?.message ?? { zh: '计划无法排期', en: 'the plan cannot be scheduled' } };
  const moved = current.schedule.activities.find((a) => a.id === activityId);
  const index = (plan.activities ?? []).findIndex((a) => a.id === activityId);
  const old = moved ? span(moved) : null;
  if (!moved || !old || index < 0) return { ok: false, reason: { zh: '只能拖动已排上的活动', en: 'only a placed activity can be moved' } };
  const first = dayOf(start);
  const last = first + (old.last - old.first);
  if (first < dayOf(moved.window.start) || last > dayOf(moved.window.end)) {
    return {
      ok: false,
      reason: {
        zh: `「${moved.name.zh}」必须在允许窗口 ${moved.window.start} – ${moved.window.end} 之内`,
        en: `“${moved.name.en}” must stay in its window ${moved.window.start} – ${moved.window.end}`,
      },
    };
  }
  const peak = moved.phases.find((p) => p.kind === 'peak') ?? moved.phases[0];
  const peakOffset = peak ? dayOf(peak.start) - old.first : 0;
  const activities = [...(plan.activities ?? [])];
  activities[index] = { ...activities[index]!, peakOn: isoDate(first + peakOffset) };
  const edited: Plan = { ...plan, activities };
  const trial = schedulePlan(edited);
  if (!trial.ok) return { ok: false, reason: trial.issues[0]?.message ?? { zh: '计划无法排期', en: 'the plan cannot be scheduled' } };
  const landed = trial.schedule.activities.find((a) => a.id === activityId);
  if (landed?.placed?.start === start) {
    const pushedOff = trial.schedule.activities.find((a) => !a.placed && current.schedule.activities.some((b) => b.id === a.id && b.placed));
    if (!pushedOff) return { ok: true, plan: edited };
    return {
      ok: false,
      reason: {
        zh: `「${moved.name.zh}」移到这里会把「${pushedOff.name.zh}」挤出日历`,
        en: `moving “${moved.name.en}” here would push “${pushedOff.name.en}” off the calendar`,
      },
    };
  }
  const capacity = capacityReason(current.schedule, moved, first);
  if (capacity) return { ok: false, reason: capacity };
  if (landed?.reason) return { ok: false, reason: landed.reason.message };
  return { ok: false, reason: { zh: `「${moved.name.zh}」不能从 ${start} 开始`, en: `“${moved.name.en}” cannot start on ${start}` } };
}
