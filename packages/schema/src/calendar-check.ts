import { MAX_LEAD_TIME_DAYS, PHASE_KINDS, resolveLeadTime, resolveNeeds, resolvePhases } from './calendar.ts';
import { CALENDAR_FIELD_LABELS } from './calendar-fields.ts';
import { planIssue, type PlanIssue } from './issues.ts';
import type { Plan } from './plan.ts';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD that names a real day, else null. */
function dayNumber(iso: string): number | null {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/**
 * The plan v3 calendar checks that need more than one field: unique ids,
 * real dates, windows in order, phases that fit their window, lead times that
 * fit a year, needs of resources that exist, capacities that are not
 * negative. Each issue names the activity or resource and the field.
 * @example checkCalendar(plan) // [] when the calendar is sound
 */
export function checkCalendar(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const resources = plan.resources ?? [];
  const activities = plan.activities ?? [];
  const resourceIds = new Set<string>();
  resources.forEach((res, i) => {
    const at = `resources[${i}]`;
    if (resourceIds.has(res.id)) issues.push(planIssue(`${at}.id`, 'duplicate_id', `资源编号“${res.id}”重复`, `resource id "${res.id}" is used twice`));
    resourceIds.add(res.id);
    if (res.capacity < 0) {
      const per = res.per === 'week' ? { zh: '每周', en: 'weekly' } : { zh: '每日', en: 'daily' };
      issues.push(planIssue(`${at}.capacity`, 'negative_capacity',
        `资源“${res.name.zh}”（${res.id}）的${per.zh}容量不能为负数（现为 ${res.capacity}）`,
        `the ${per.en} capacity of resource "${res.name.en}" (${res.id}) cannot be negative (it is ${res.capacity})`));
    }
  });

  const checkNeeds = (needs: Record<string, unknown>, at: string, whose: { zh: string; en: string }): void => {
    for (const id of Object.keys(needs)) {
      if (!resourceIds.has(id)) {
        issues.push(planIssue(`${at}.${id}`, 'unknown_resource', `${whose.zh}需要的资源“${id}”不在资源列表中`, `${whose.en} needs resource "${id}", which is not in the resources`));
      }
    }
  };
  for (const tier of ['S', 'A', 'B', 'C'] as const) {
    const needs = plan.calendar?.tiers?.[tier]?.needs;
    if (needs) checkNeeds(needs, `calendar.tiers.${tier}.needs`, { zh: `${tier} 级默认值`, en: `the tier ${tier} default` });
  }

  const channelIds = new Set(plan.channels.map((ch) => ch.id));
  const checkRates = (rates: Record<string, { channels?: Record<string, unknown> } | undefined> | undefined, at: string): void => {
    for (const kind of PHASE_KINDS) {
      for (const id of Object.keys(rates?.[kind]?.channels ?? {})) {
        if (!channelIds.has(id)) issues.push(planIssue(`${at}.${kind}.channels.${id}`, 'unknown_channel', `没有编号为“${id}”的渠道`, `there is no channel with id "${id}"`));
      }
    }
  };
  checkRates(plan.calendar?.rates, 'calendar.rates');

  const activityIds = new Set<string>();
  activities.forEach((act, i) => {
    const at = `activities[${i}]`;
    const who = { zh: `活动“${act.name.zh}”（${act.id}）`, en: `activity "${act.name.en}" (${act.id})` };
    if (activityIds.has(act.id)) issues.push(planIssue(`${at}.id`, 'duplicate_id', `活动编号“${act.id}”重复`, `activity id "${act.id}" is used twice`));
    activityIds.add(act.id);
    checkNeeds(resolveNeeds(act, plan.calendar), `${at}.needs`, who);
    checkRates(act.rates, `${at}.rates`);

    const start = dayNumber(act.window.start);
    const end = dayNumber(act.window.end);
    if (start === null) issues.push(planIssue(`${at}.window.start`, 'invalid_date', `${who.zh}的窗口开始日期 ${act.window.start} 不存在`, `the window start ${act.window.start} of ${who.en} is not a real date`));
    if (end === null) issues.push(planIssue(`${at}.window.end`, 'invalid_date', `${who.zh}的窗口结束日期 ${act.window.end} 不存在`, `the window end ${act.window.end} of ${who.en} is not a real date`));
    const leadTime = resolveLeadTime(act, plan.calendar);
    if (leadTime > MAX_LEAD_TIME_DAYS) {
      issues.push(planIssue(`${at}.leadTime`, 'lead_time_too_long',
        `${who.zh}的筹备提前期 ${leadTime} 天超过一年（${MAX_LEAD_TIME_DAYS} 天）`,
        `the preparation lead time of ${who.en} is ${leadTime} days, longer than a year (${MAX_LEAD_TIME_DAYS} days)`));
    }
    const phases = resolvePhases(act, plan.calendar);
    const total = PHASE_KINDS.reduce((sum, kind) => sum + phases[kind], 0);
    if (phases.peak < 1) {
      issues.push(planIssue(`${at}.phases.peak`, 'no_peak', `${who.zh}的高峰期至少需要 1 天`, `the peak of ${who.en} needs at least 1 day`));
    }
    if (act.peakOn !== undefined && dayNumber(act.peakOn) === null) {
      issues.push(planIssue(`${at}.peakOn`, 'invalid_date', `${who.zh}的首选爆发日 ${act.peakOn} 不存在`, `the preferred peak day ${act.peakOn} of ${who.en} is not a real date`));
    }
    if (start === null || end === null) return;
    if (start > end) {
      issues.push(planIssue(`${at}.window.end`, 'window_order', `${who.zh}的窗口结束日期 ${act.window.end} 早于开始日期 ${act.window.start}`, `the window of ${who.en} ends (${act.window.end}) before it starts (${act.window.start})`));
      return;
    }
    const windowDays = end - start + 1;
    const longest = PHASE_KINDS.find((kind) => phases[kind] > windowDays);
    if (longest) {
      const label = CALENDAR_FIELD_LABELS[longest]!;
      issues.push(planIssue(`${at}.phases.${longest}`, 'phase_longer_than_window',
        `${who.zh}的${label.zh} ${phases[longest]} 天长于可排期窗口（${act.window.start} 至 ${act.window.end}，${windowDays} 天）`,
        `the ${label.en} of ${who.en} is ${phases[longest]} days, longer than its window (${act.window.start} to ${act.window.end}, ${windowDays} days)`));
    } else if (total > windowDays) {
      issues.push(planIssue(`${at}.phases`, 'phases_longer_than_window',
        `${who.zh}的各阶段共 ${total} 天，长于可排期窗口（${act.window.start} 至 ${act.window.end}，${windowDays} 天）`,
        `the phases of ${who.en} take ${total} days, longer than its window (${act.window.start} to ${act.window.end}, ${windowDays} days)`));
    }
    if (act.peakOn !== undefined) {
      const peak = dayNumber(act.peakOn);
      if (peak !== null && (peak < start || peak > end)) {
        issues.push(planIssue(`${at}.peakOn`, 'outside_window', `${who.zh}的首选爆发日 ${act.peakOn} 不在窗口内`, `the preferred peak day ${act.peakOn} of ${who.en} is outside its window`));
      }
    }
  });
  return issues;
}
