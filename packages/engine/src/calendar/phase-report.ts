import { planIssue, type PhaseKind, type Plan, type PlanIssue } from '@shopplan/schema';
import { PlanModel, readModelSheetValues } from '../plan-model.ts';
import { channelDayCol, dayCol, DAYS_SHEET, phasedMeasure, type ChannelDayColumn, type DayColumnKey, type PhasedMeasure } from './days-sheet.ts';
import { dayNumber, type PhasingOptions } from './phasing.ts';

/** How finely `phasePlan` reports: one period per day, or per Monday–Sunday week clipped to the plan's period. */
export type PhaseGrain = 'day' | 'week';

/** One channel's figures in a period. */
export interface PhaseChannel {
  id: string;
  /** GMV of the orders placed in the period through the channel. */
  gmv: number;
  spend: number;
  visitors: number;
}

/** One period (a day or a week) of a phased plan: the `shopplan phase` JSON shape. */
export interface PhasePeriod {
  start: string;
  end: string;
  /**
   * The period's GMV as booked: whole fen summing exactly to the target for a
   * target plan (presale deposits count on the final-payment days); the
   * channels' GMV for a budget or channels plan.
   */
  gmv: number;
  /** The period's spend: the days' back-calculated spend (whole fen for a budget or channels plan). */
  spend: number;
  visitors: number;
  /** The phase governing the period (a week: the one governing most of its days), or null. */
  phase: { activity: string; kind: PhaseKind } | null;
  channels: PhaseChannel[];
}

/** A phased plan: the periods and their totals. */
export interface PhaseResult {
  periods: PhasePeriod[];
  total: { gmv: number; spend: number };
  /** What the days split in whole fen: the GMV target or the period's spend. */
  measure: PhasedMeasure;
}

/** The outcome of phasing: the periods, or the issues (zh + en, with paths) that stop it. */
export type PhaseOutcome = { ok: true; result: PhaseResult } | { ok: false; issues: PlanIssue[] };

/** One day read back from the Days sheet. */
interface ReadDay {
  date: string;
  fen: number;
  gmv: number;
  spend: number;
  visitors: number;
  phase: { activity: string; kind: PhaseKind } | null;
  channels: PhaseChannel[];
}

/**
 * Reads every day of a model's Days sheet as HyperFormula computed it. A
 * cell that is not a finite number becomes an issue naming the day and figure.
 */
function readDays(model: PlanModel): { ok: true; days: ReadDay[] } | { ok: false; issues: PlanIssue[] } {
  const plan = model.plan;
  const values = readModelSheetValues(model, model.sheetId(DAYS_SHEET.days));
  const issues: PlanIssue[] = [];
  const days: ReadDay[] = [];
  const count = values.length - 2; // header and total rows
  for (let row = 1; row <= count; row++) {
    const line = values[row] ?? [];
    const date = String(line[dayCol('date')] ?? '');
    const num = (col: number, what: string): number => {
      const v = line[col];
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      const shown = typeof v === 'object' && v !== null ? `${v.value}` : String(v);
      issues.push(planIssue(`days.${date}.${what}`, 'not_computable', `${date} 的${what}无法计算（${shown}）`, `the ${what} of ${date} cannot be computed (${shown})`));
      return 0;
    };
    const day = (key: DayColumnKey) => num(dayCol(key), key);
    const ch = (i: number, key: ChannelDayColumn, id: string) => num(channelDayCol(i, key), `${id}.${key}`);
    const activity = String(line[dayCol('activity')] ?? '');
    const kind = String(line[dayCol('phase')] ?? '') as PhaseKind;
    days.push({
      date,
      fen: day('fen'),
      gmv: day('gmv'),
      spend: day('spend'),
      visitors: day('visitors'),
      phase: activity ? { activity, kind } : null,
      channels: plan.channels.map((c, i) => ({ id: c.id, gmv: ch(i, 'gmv', c.id), spend: ch(i, 'spend', c.id), visitors: ch(i, 'visitors', c.id) })),
    });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, days };
}

/** Monday of the week a YYYY-MM-DD falls in, as a day number. */
function mondayOf(iso: string): number {
  const d = dayNumber(iso) ?? 0;
  return d - ((new Date(d * 86_400_000).getUTCDay() + 6) % 7);
}

/** The phase governing most days of a group (ties: the one met first). */
function mostDays(days: readonly ReadDay[]): ReadDay['phase'] {
  const counts = new Map<string, { phase: NonNullable<ReadDay['phase']>; n: number }>();
  for (const d of days) {
    if (!d.phase) continue;
    const key = `${d.phase.activity}\u0000${d.phase.kind}`;
    const seen = counts.get(key);
    if (seen) seen.n++;
    else counts.set(key, { phase: d.phase, n: 1 });
  }
  let best: { phase: NonNullable<ReadDay['phase']>; n: number } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best ? best.phase : null;
}

/** Sums days into one period; money booked in fen is summed in fen, so it stays exact. */
function period(days: readonly ReadDay[], measure: PhasedMeasure): PhasePeriod {
  const fen = days.reduce((s, d) => s + d.fen, 0);
  const sum = (f: (d: ReadDay) => number) => days.reduce((s, d) => s + f(d), 0);
  const first = days[0]!;
  return {
    start: first.date,
    end: days[days.length - 1]!.date,
    gmv: measure === 'gmv' ? fen / 100 : sum((d) => d.gmv),
    spend: measure === 'spend' ? fen / 100 : sum((d) => d.spend),
    visitors: sum((d) => d.visitors),
    phase: days.length === 1 ? first.phase : mostDays(days),
    channels: first.channels.map((c, i) => ({
      id: c.id,
      gmv: sum((d) => d.channels[i]!.gmv),
      spend: sum((d) => d.channels[i]!.spend),
      visitors: sum((d) => d.channels[i]!.visitors),
    })),
  };
}

/**
 * Groups a model's Days sheet into periods. The model must have been built
 * with daily phasing (PlanModel.build(plan, { days: 'always' })).
 */
export function phaseFromModel(model: PlanModel, by: PhaseGrain = 'day'): PhaseOutcome {
  const read = readDays(model);
  if (!read.ok) return read;
  const measure = phasedMeasure(model.plan);
  const groups: ReadDay[][] = [];
  for (const d of read.days) {
    const tail = groups[groups.length - 1];
    if (by === 'week' && tail && mondayOf(tail[0]!.date) === mondayOf(d.date)) tail.push(d);
    else groups.push([d]);
  }
  const periods = groups.map((g) => period(g, measure));
  const fen = read.days.reduce((s, d) => s + d.fen, 0);
  const total = measure === 'gmv'
    ? { gmv: fen / 100, spend: periods.reduce((s, p) => s + p.spend, 0) }
    : { gmv: periods.reduce((s, p) => s + p.gmv, 0), spend: fen / 100 };
  return { ok: true, result: { periods, total, measure } };
}

/**
 * Phases a valid plan day by day or week by week (DOMAIN.md section 5): the
 * target (or a budget plan's spend) split over the days in whole fen by day
 * weight, every day back-calculated with its own phase rates, all of it
 * computed by HyperFormula from the Days sheet's formulas.
 * @example phasePlan(plan, { by: 'week' }) // { ok: true, result: { periods: [...], total: { gmv, spend } } }
 */
export function phasePlan(plan: Plan, options: PhasingOptions & { by?: PhaseGrain } = {}): PhaseOutcome {
  const model = PlanModel.build(plan, { days: 'always', ...(options.placements ? { placements: options.placements } : {}) });
  try {
    const result = model.result();
    if (result.issues.length > 0) return { ok: false, issues: result.issues };
    return phaseFromModel(model, options.by ?? 'day');
  } finally {
    model.dispose();
  }
}
