import { schedulePlacements, schedulePlan } from './schedule.ts';
import {
  PHASE_KINDS, PHASE_RATE_DEFAULTS, planIssue, resolvePhases, TIERS,
  type Activity, type Channel, type PhaseKind, type PhaseRates, type Plan, type PlanIssue, type Tier,
} from '@shopplan/schema';

/**
 * Daily phasing inputs (DOMAIN.md sections 2 and 5): for every day of the
 * plan's period, its baseline weight (weekday pattern × season × the plan's
 * weekly weight), the demand multiplier of the promotion phase it falls in,
 * the hangover after an S-tier peak, presale deposits, and each channel's
 * rate multipliers. Pure and clock-free: every date comes from the plan.
 * The Days sheet (days-sheet.ts) turns these into formulas.
 */

const DAY_MS = 86_400_000;

/** The longest period phased day by day: two years and a leap day. */
export const MAX_PHASED_DAYS = 732;

/** Weekday labels, Monday first (the order of `calendar.weekdays`). */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Days since 1970-01-01 of a YYYY-MM-DD that names a real day, else null. */
export function dayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** The YYYY-MM-DD of a day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday = 0 … Sunday = 6. */
function weekdayIndex(day: number): number {
  return (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
}

/** Where an activity sits: the first day of its warm-up, as a YYYY-MM-DD. */
export type Placements = Readonly<Record<string, string | null>>;

/** How phasing is asked for. */
export interface PhasingOptions {
  /**
   * Where each activity starts (activity id → first day of its warm-up), as
   * the scheduler placed it. An activity left out sits at its natural place:
   * its peak on `peakOn` when it has one, else at the start of its window,
   * always inside the window.
   */
  placements?: Placements;
}

/** The multipliers one phase applies to one channel on one day. */
export interface ChannelDayRates {
  traffic: number;
  cvr: number;
  /** CPC for cpc channels, CPM for cpm channels, 1 for the others. */
  cost: number;
}

/** The phase a day falls in: the activity and which of its phases. */
export interface DayPhase {
  activity: string;
  kind: PhaseKind;
  tier: Tier;
}

/** One day's inputs to the Days sheet. */
export interface PhasingDay {
  date: string;
  weekday: (typeof WEEKDAYS)[number];
  /** Weekday pattern × season (month) × the plan's weekly weight over the week's days. */
  base: number;
  /** The governing phase's demand multiplier (1 outside activities). */
  demand: number;
  /** The hangover factor after an S-tier peak (1 outside a hangover). */
  hangover: number;
  /** Share of the day's orders that are presale deposits paid later (0 outside a presale warm-up). */
  depositShare: number;
  /** The phase that governs the day (highest tier; earlier in the plan's list on ties), or null. */
  phase: DayPhase | null;
  /** Every activity phase the day falls in, governing one first. */
  phases: DayPhase[];
  /** Per channel (in plan order): traffic, CVR (with the hangover) and cost multipliers. */
  channels: ChannelDayRates[];
}

/**
 * Presale money flow: the deposit orders placed on the warm-up `rows` (Days
 * sheet data rows, zero-based) are paid on the `finalRows`, less drop-outs.
 */
export interface PresaleFlow {
  activity: string;
  warmUpRows: number[];
  finalRows: number[];
  dropOutRate: number;
}

/** Everything the Days and Calendar sheets are built from. */
export interface PhasingInputs {
  days: PhasingDay[];
  presales: PresaleFlow[];
  /** Where each activity was placed: first day of each phase that has days. */
  placed: Array<{ activity: Activity; phases: Array<{ kind: PhaseKind; start: number; end: number }> }>;
}

interface PlacedActivity {
  activity: Activity;
  index: number;
  phases: Array<{ kind: PhaseKind; start: number; end: number }>;
}

const who = (act: Activity) => ({ zh: `活动“${act.name.zh}”（${act.id}）`, en: `activity "${act.name.en}" (${act.id})` });

/** The first day of an activity: the scheduler's placement, else its natural place in its window. */
function startOf(act: Activity, total: number, warmUp: number, placements: Placements | undefined, at: string, issues: PlanIssue[]): number | null {
  const winStart = dayNumber(act.window.start);
  const winEnd = dayNumber(act.window.end);
  if (winStart === null || winEnd === null) return null; // checkCalendar names it
  const placed = placements?.[act.id];
  // the scheduler could not place it (capacity, window, lead time): it runs on no day
  if (placed === null) return null;
  if (placed !== undefined) {
    const day = dayNumber(placed);
    if (day === null || day < winStart || day + total - 1 > winEnd) {
      const w = who(act);
      issues.push(planIssue(`${at}.window`, 'placement_outside_window',
        `${w.zh}被排在 ${placed} 开始，共 ${total} 天，不在可排期窗口（${act.window.start} 至 ${act.window.end}）内`,
        `${w.en} is placed to start on ${placed} for ${total} days, which is not inside its window (${act.window.start} to ${act.window.end})`));
      return null;
    }
    return day;
  }
  const peakOn = act.peakOn !== undefined ? dayNumber(act.peakOn) : null;
  const wanted = peakOn !== null ? peakOn - warmUp : winStart;
  return Math.max(winStart, Math.min(wanted, winEnd - total + 1));
}

/** The multipliers of one phase kind for one channel: the activity's, else the plan's, else DOMAIN.md's defaults. */
function channelRates(kind: PhaseKind, ch: Channel, act: Activity, plan: Plan): ChannelDayRates & { demand: number } {
  const layers: Array<PhaseRates | undefined> = [act.rates?.[kind], plan.calendar?.rates?.[kind]];
  const pick = (field: 'demand' | 'traffic' | 'cvr' | 'cpc' | 'cpm'): number => {
    for (const layer of layers) {
      const own = field !== 'demand' ? layer?.channels?.[ch.id]?.[field] : undefined;
      if (own !== undefined) return own;
      const all = layer?.[field];
      if (all !== undefined) return all;
    }
    return PHASE_RATE_DEFAULTS[kind][field];
  };
  const cost = ch.cost.model === 'cpc' ? pick('cpc') : ch.cost.model === 'cpm' ? pick('cpm') : 1;
  return { demand: pick('demand'), traffic: pick('traffic'), cvr: pick('cvr'), cost };
}

/** The demand multiplier of a phase kind of an activity (channel-independent). */
function demandOf(kind: PhaseKind, act: Activity, plan: Plan): number {
  return act.rates?.[kind]?.demand ?? plan.calendar?.rates?.[kind]?.demand ?? PHASE_RATE_DEFAULTS[kind].demand;
}

/**
 * The day-by-day inputs of a plan's phasing, or the issues that stop it.
 * Checks of its own (each naming the activity or field, in zh and en): a
 * period that is backwards or longer than MAX_PHASED_DAYS, a placement
 * outside its window, presale final-payment days longer than the peak, a
 * presale without warm-up, days whose weights are all zero.
 * @example phasingInputs(plan).ok && phasingInputs(plan).inputs.days.length // 30 for June
 */
export function phasingInputs(plan: Plan, options: PhasingOptions = {}): { ok: true; inputs: PhasingInputs } | { ok: false; issues: PlanIssue[] } {
  if (options.placements === undefined && (plan.resources?.length ?? 0) > 0) {
    // activities compete for resources: the days they run on are the scheduler's, so the
    // budget follows the same calendar the Gantt shows (what it cannot place runs on no day)
    const scheduled = schedulePlan(plan);
    if (!scheduled.ok) return scheduled;
    options = { ...options, placements: schedulePlacements(scheduled.schedule) };
  }
  const issues: PlanIssue[] = [];
  const first = dayNumber(plan.period.start);
  const last = dayNumber(plan.period.end);
  if (first === null || last === null || last < first) {
    return { ok: false, issues: [planIssue('period.end', 'period_order', `计划周期 ${plan.period.start} 至 ${plan.period.end} 无效：结束日期早于开始日期或日期不存在`, `the period ${plan.period.start} to ${plan.period.end} is not valid: it ends before it starts or names a day that does not exist`)] };
  }
  const count = last - first + 1;
  if (count > MAX_PHASED_DAYS) {
    return { ok: false, issues: [planIssue('period.end', 'period_too_long', `计划周期共 ${count} 天，按日拆解最多 ${MAX_PHASED_DAYS} 天`, `the period has ${count} days; daily phasing takes at most ${MAX_PHASED_DAYS}`)] };
  }
  const settings = plan.calendar;
  const weekdays = settings?.weekdays ?? [1, 1, 1, 1, 1, 1, 1];
  const months = settings?.months ?? new Array<number>(12).fill(1);

  // the plan's weekly weights: a week's weight over its days inside the period
  const weekFactor = new Float64Array(count).fill(plan.weeks && plan.weeks.length > 0 ? 0 : 1);
  if (plan.weeks && plan.weeks.length > 0) {
    const starts = plan.weeks.map((w) => dayNumber(w.start));
    plan.weeks.forEach((w, i) => {
      const s = starts[i];
      if (s === null || s === undefined) {
        issues.push(planIssue(`weeks[${i}].start`, 'invalid_date', `第 ${i + 1} 周的开始日期 ${w.start} 不存在`, `the start ${w.start} of week ${i + 1} is not a real date`));
        return;
      }
      // a week runs 7 days or up to the next week's start, whichever is sooner
      const next = starts.filter((x): x is number => x !== null && x > s).reduce((a, b) => Math.min(a, b), s + 7);
      const from = Math.max(s, first);
      const to = Math.min(next - 1, s + 6, last);
      const inPeriod = to - from + 1;
      for (let d = from; d <= to; d++) weekFactor[d - first] = w.weight / inPeriod;
    });
  }

  const placed: PlacedActivity[] = [];
  (plan.activities ?? []).forEach((act, index) => {
    const lengths = resolvePhases(act, settings);
    const total = PHASE_KINDS.reduce((s, k) => s + lengths[k], 0);
    const start = startOf(act, total, lengths.warmUp, options.placements, `activities[${index}]`, issues);
    if (start === null) return;
    const phases: PlacedActivity['phases'] = [];
    let at = start;
    for (const kind of PHASE_KINDS) {
      if (lengths[kind] > 0) phases.push({ kind, start: at, end: at + lengths[kind] - 1 });
      at += lengths[kind];
    }
    placed.push({ activity: act, index, phases });
    const w = who(act);
    if (act.presale) {
      const peak = lengths.peak;
      if (lengths.warmUp === 0) {
        issues.push(planIssue(`activities[${index}].presale`, 'presale_without_warm_up', `${w.zh}设置了预售，但没有预热期：定金只能在预热期支付`, `${w.en} has a presale but no warm-up: deposits are paid in the warm-up`));
      }
      const finalDays = act.presale.finalPaymentDays;
      if (finalDays !== undefined && finalDays > peak) {
        issues.push(planIssue(`activities[${index}].presale.finalPaymentDays`, 'final_payment_longer_than_peak',
          `${w.zh}的尾款天数 ${finalDays} 天长于高峰期（${peak} 天）：尾款在高峰期支付`,
          `the final-payment days of ${w.en} are ${finalDays}, longer than its peak (${peak} days): final payments fall in the peak`));
      }
    }
  });
  for (const key of Object.keys(options.placements ?? {})) {
    if (!(plan.activities ?? []).some((a) => a.id === key)) {
      issues.push(planIssue(`activities`, 'unknown_activity', `排期中的活动“${key}”不在计划的活动列表中`, `the schedule places activity "${key}", which is not among the plan's activities`));
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const tierRank = (t: Tier) => TIERS.indexOf(t);
  // which phases cover each day; governing = highest tier, then plan order
  const cover: Array<Array<{ p: PlacedActivity; kind: PhaseKind }>> = Array.from({ length: count }, () => []);
  for (const p of placed) {
    for (const ph of p.phases) {
      for (let d = Math.max(ph.start, first); d <= Math.min(ph.end, last); d++) cover[d - first]!.push({ p, kind: ph.kind });
    }
  }
  for (const list of cover) list.sort((a, b) => tierRank(a.p.activity.tier) - tierRank(b.p.activity.tier) || a.p.index - b.p.index);

  // hangover after every S-tier peak: factor on the first day after, back to 1 linearly over N days
  const hangover = new Float64Array(count).fill(1);
  const h = settings?.hangover;
  if (h && h.days > 0 && h.factor < 1) {
    for (const p of placed) {
      if (p.activity.tier !== 'S') continue;
      const peak = p.phases.find((ph) => ph.kind === 'peak');
      if (!peak) continue;
      for (let k = 1; k <= h.days; k++) {
        const d = peak.end + k - first;
        if (d < 0 || d >= count) continue;
        const f = h.factor + ((1 - h.factor) * (k - 1)) / h.days;
        hangover[d] = Math.min(hangover[d]!, f);
      }
    }
  }

  // presale: deposit days claimed by the first presale activity whose warm-up covers them
  const depositShare = new Float64Array(count);
  const claimedBy = new Array<number>(count).fill(-1);
  const presales: PresaleFlow[] = [];
  for (const p of placed) {
    const terms = p.activity.presale;
    if (!terms) continue;
    const warm = p.phases.find((ph) => ph.kind === 'warmUp');
    const peak = p.phases.find((ph) => ph.kind === 'peak');
    if (!warm || !peak) continue;
    const warmUpRows: number[] = [];
    for (let d = Math.max(warm.start, first); d <= Math.min(warm.end, last); d++) {
      const row = d - first;
      if (claimedBy[row] !== -1) continue;
      claimedBy[row] = p.index;
      depositShare[row] = terms.depositShare;
      warmUpRows.push(row);
    }
    const finalEnd = peak.start + (terms.finalPaymentDays ?? peak.end - peak.start + 1) - 1;
    const finalRows: number[] = [];
    for (let d = Math.max(peak.start, first); d <= Math.min(finalEnd, last); d++) finalRows.push(d - first);
    // deposits whose final payment falls outside the period leave the period's GMV
    if (warmUpRows.length > 0) presales.push({ activity: p.activity.id, warmUpRows, finalRows, dropOutRate: terms.dropOutRate });
  }

  const days: PhasingDay[] = [];
  for (let row = 0; row < count; row++) {
    const day = first + row;
    const date = isoDay(day);
    const month = Number(date.slice(5, 7)) - 1;
    const wd = weekdayIndex(day);
    const list = cover[row]!;
    const gov = list[0];
    const channels = plan.channels.map((ch): ChannelDayRates => {
      const r = gov ? channelRates(gov.kind, ch, gov.p.activity, plan) : { traffic: 1, cvr: 1, cost: 1 };
      return { traffic: r.traffic, cvr: r.cvr * hangover[row]!, cost: r.cost };
    });
    days.push({
      date,
      weekday: WEEKDAYS[wd]!,
      base: (weekdays[wd] ?? 1) * (months[month] ?? 1) * weekFactor[row]!,
      demand: gov ? demandOf(gov.kind, gov.p.activity, plan) : 1,
      hangover: hangover[row]!,
      depositShare: depositShare[row]!,
      phase: gov ? { activity: gov.p.activity.id, kind: gov.kind, tier: gov.p.activity.tier } : null,
      phases: list.map((c) => ({ activity: c.p.activity.id, kind: c.kind, tier: c.p.activity.tier })),
      channels,
    });
  }
  if (!days.some((d) => d.base * d.demand * d.hangover > 0)) {
    const path = plan.weeks && plan.weeks.length > 0 ? 'weeks' : settings?.weekdays ? 'calendar.weekdays' : 'calendar.months';
    return { ok: false, issues: [planIssue(path, 'zero_day_weights', `周期内每一天的权重都是 0（星期、月份或周权重），目标无法按日拆分`, `every day of the period has weight 0 (weekday, month or weekly weights), so the target cannot be split over days`)] };
  }
  return { ok: true, inputs: { days, presales, placed: placed.map((p) => ({ activity: p.activity, phases: p.phases })) } };
}

/**
 * Splits a whole number of fen over weights: each part is the floor of its
 * exact share, and the remainder goes one fen each to the parts with the
 * largest fractional parts (ties: the earlier part first), so the parts sum
 * exactly to the total. The exact share is rounded to 1e-6 fen first, as the
 * Days sheet does, so that spreadsheets summing in another order agree.
 * Throws RangeError for a total that is not a whole number or weights that sum to 0.
 * @example splitFen(1000, [1, 1, 1]) // [334, 333, 333]
 */
export function splitFen(totalFen: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(totalFen)) throw new RangeError(`splitFen: ${totalFen} is not a whole number of fen`);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new RangeError('splitFen: the weights sum to 0');
  const exact = weights.map((w) => Math.round((totalFen * w / sum) * 100) / 100);
  const floors = exact.map((x) => Math.floor(x));
  // fractions in whole hundredths of a fen, as the Days sheet's remainder key: exact, ties by day
  const fracs = exact.map((x, i) => Math.round((x - floors[i]!) * 100));
  let remainder = totalFen - floors.reduce((a, b) => a + b, 0);
  const order = fracs.map((f, i) => i).sort((a, b) => fracs[b]! - fracs[a]! || a - b);
  const out = [...floors];
  for (const i of order) {
    if (remainder <= 0) break;
    out[i]! += 1;
    remainder--;
  }
  return out;
}
