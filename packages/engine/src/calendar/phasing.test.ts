import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePlan, type Plan, type PlanInput } from '@shopplan/schema';
import { examplePlan } from '@shopplan/examples';
import { PlanModel, readModelSheetValues } from '../plan-model.ts';
import { channelDayCol, dayCol, DAYS_SHEET } from './days-sheet.ts';
import { phaseFromModel, phasePlan, type PhaseResult } from './phase-report.ts';
import { phasingInputs, splitFen } from './phasing.ts';
import { schedulePlan } from './schedule.ts';

function plan(doc: Record<string, unknown>): Plan {
  const parsed = parsePlan(doc as PlanInput);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.plan;
}

/** DOMAIN.md's June plan as v3, with whatever calendar parts a test adds. */
function june(extra: Record<string, unknown> = {}): Plan {
  return plan({ ...structuredClone(examplePlan('june-shop')), version: 3, ...extra });
}

function phased(p: Plan, by: 'day' | 'week' = 'day'): PhaseResult {
  const out = phasePlan(p, { by });
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
  return out.result;
}

const fenSum = (r: PhaseResult) => r.periods.reduce((s, p) => s + Math.round(p.gmv * 100), 0);
const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

const double11 = {
  id: 'double-11',
  name: { zh: '双11', en: 'Double 11' },
  tier: 'S',
  kind: 'platform',
  window: { start: '2026-10-20', end: '2026-11-20' },
  peakOn: '2026-11-11',
  phases: { warmUp: 10, peak: 3, tail: 2, encore: 4 },
};

describe('splitFen: whole fen, remainder to the largest fractions, ties to the earlier day', () => {
  it('Given 1000 fen over three equal days, Then the first day takes the remainder fen', () => {
    expect(splitFen(1000, [1, 1, 1])).toEqual([334, 333, 333]);
  });
  it('Given unequal fractions, Then the largest fractions get the remainder', () => {
    // exact 142.857…, 285.714…, 571.428…: floors sum to 998, the two largest fractions take a fen
    const parts = splitFen(1000, [1, 2, 4]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(parts).toEqual([143, 286, 571]);
  });
  it('refuses a total that is not whole fen, and weights summing to 0', () => {
    expect(() => splitFen(10.5, [1])).toThrow(RangeError);
    expect(() => splitFen(10, [0, 0])).toThrow(RangeError);
  });
  it('property: the parts are whole, sum exactly to the total, and each is within one fen of its exact share', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 10_000_000_000 }),
      fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 400 }).filter((w) => w.reduce((a, b) => a + b, 0) > 1e-6),
      (total, weights) => {
        const parts = splitFen(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0);
        expect(parts.every(Number.isInteger)).toBe(true);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((p, i) => expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1 + 1e-6 * total));
      },
    ), { numRuns: 300 });
  });
});

describe('the Days sheet of DOMAIN.md’s June plan (no activities: weekday pattern only)', () => {
  it('Given flat weights, Then 30 days of ¥100,000.00 and the days’ spend sums to the Channels spend', () => {
    const r = phased(june());
    expect(r.periods).toHaveLength(30);
    expect(r.periods.every((p) => p.gmv === 100_000 && p.phase === null)).toBe(true);
    expect(r.total.gmv).toBe(3_000_000);
    expect(r.total.spend).toBeCloseTo(809_013.40, 2);
    const search = r.periods.reduce((s, p) => s + p.channels.find((c) => c.id === 'search')!.spend, 0);
    expect(search).toBeCloseTo(328_867.24, 2);
  });

  it('Given a weekday pattern, Then Saturdays carry more and the days still sum to the target in fen', () => {
    const r = phased(june({ calendar: { weekdays: [1, 1, 1, 1, 1.2, 1.6, 1.5] } }));
    expect(fenSum(r)).toBe(300_000_000);
    const sat = r.periods.find((p) => p.start === '2026-06-06')!; // a Saturday
    const mon = r.periods.find((p) => p.start === '2026-06-08')!;
    expect(sat.gmv / mon.gmv).toBeCloseTo(1.6, 6);
  });

  it('Given ¥10.00 over three flat days, Then the sheet gives 334, 333, 333 fen: the remainder to the earlier day on a tie', () => {
    const r = phased(june({ period: { start: '2026-06-01', end: '2026-06-03' }, objective: { kind: 'target', gmv: 10 }, channels: examplePlan('june-shop').channels.slice(1) }));
    expect(r.periods.map((p) => Math.round(p.gmv * 100))).toEqual([334, 333, 333]);
  });

  it('Given a weekday pattern and an odd target, Then HyperFormula’s fen are splitFen’s, day by day', () => {
    const weekdays = [1, 0.93, 0.97, 1.01, 1.17, 1.61, 1.49];
    const r = phased(june({ calendar: { weekdays }, objective: { kind: 'target', gmv: 3_141_592.65 } }));
    const weights = r.periods.map((p) => weekdays[(new Date(`${p.start}T00:00:00Z`).getUTCDay() + 6) % 7]!);
    expect(r.periods.map((p) => Math.round(p.gmv * 100))).toEqual(splitFen(314_159_265, weights));
  });

  it('by week: Monday–Sunday weeks clipped to the period, summing to the target in fen', () => {
    const r = phased(june(), 'week');
    expect(r.periods.map((p) => [p.start, p.end])).toEqual([
      ['2026-06-01', '2026-06-07'], ['2026-06-08', '2026-06-14'], ['2026-06-15', '2026-06-21'], ['2026-06-22', '2026-06-28'], ['2026-06-29', '2026-06-30'],
    ]);
    expect(fenSum(r)).toBe(300_000_000);
    expect(r.periods[4]!.gmv).toBe(200_000);
  });

  it('plan.weeks weights: each week carries its weight over its days', () => {
    const weeks = [{ start: '2026-06-01', weight: 1 }, { start: '2026-06-08', weight: 1.5 }, { start: '2026-06-15', weight: 3 }, { start: '2026-06-22', weight: 1.2 }, { start: '2026-06-29', weight: 0.3 }];
    const r = phased(june({ weeks }), 'week');
    const total = 7;
    weeks.forEach((w, i) => expect(r.periods[i]!.gmv).toBeCloseTo((3_000_000 * w.weight) / total, 1));
    expect(fenSum(r)).toBe(300_000_000);
  });

  it('is in the plan’s own model when the plan has weeks, and its figures are formulas', () => {
    const model = PlanModel.build(june({ calendar: {} }));
    try {
      expect(model.spec.sheets.map((s) => s.name)).toEqual(['Assumptions', 'Channels', 'Summary', 'Days', 'Calendar']);
      expect(model.formula(DAYS_SHEET.days, dayCol('fen'), 1)).toMatch(/^=/);
      expect(model.formula(DAYS_SHEET.days, channelDayCol(1, 'spend'), 1)).toContain('Channels!');
    } finally {
      model.dispose();
    }
    const plain = PlanModel.build(examplePlan('june-shop'));
    try {
      expect(plain.spec.sheets.map((s) => s.name)).toEqual(['Assumptions', 'Channels', 'Summary']);
    } finally {
      plain.dispose();
    }
  });

  it('Given a target edit, Then HyperFormula re-phases the days to the new target in fen', () => {
    const model = PlanModel.build(june({ calendar: { weekdays: [1, 1, 1, 1, 1.2, 1.6, 1.5] } }), { days: 'always' });
    try {
      expect(model.setAssumptions([{ path: 'objective.gmv', value: 3_333_333.33 }]).ok).toBe(true);
      const out = phaseFromModel(model, 'day');
      if (!out.ok) throw new Error(JSON.stringify(out.issues));
      expect(fenSum(out.result)).toBe(333_333_333);
      expect(out.result.periods.every((p) => Number.isInteger(Math.round(p.gmv * 100)) && Math.abs(p.gmv * 100 - Math.round(p.gmv * 100)) < 1e-6)).toBe(true);
    } finally {
      model.dispose();
    }
  });
});

describe('phases move demand and rates', () => {
  const nov = (extra: Record<string, unknown> = {}) => plan({
    ...structuredClone(examplePlan('june-shop')),
    version: 3,
    period: { start: '2026-11-01', end: '2026-11-30' },
    activities: [double11],
    ...extra,
  });

  it('Given Double 11, Then the peak days carry the most GMV, clicks cost more and the governing phase is named', () => {
    const r = phased(nov());
    const peak = r.periods.find((p) => p.start === '2026-11-11')!;
    const plain = r.periods.find((p) => p.start === '2026-11-25')!;
    expect(peak.phase).toEqual({ activity: 'double-11', kind: 'peak' });
    expect(plain.phase).toBeNull();
    expect(peak.gmv / plain.gmv).toBeCloseTo(3, 6);
    // the peak's dearer clicks: spend per ¥ of GMV is higher than on a plain day
    const search = (p: (typeof r.periods)[number]) => p.channels.find((c) => c.id === 'search')!;
    expect(search(peak).spend / search(peak).gmv).toBeGreaterThan(search(plain).spend / search(plain).gmv);
    expect(fenSum(r)).toBe(300_000_000);
    // the days' spend is what the period costs: the sum of the days
    expect(r.total.spend).toBeCloseTo(r.periods.reduce((s, p) => s + p.spend, 0), 6);
  });

  it('Given a hangover after the S-tier peak, Then the day after the peak dips by the factor and recovers linearly', () => {
    const r = phased(nov({ activities: [{ ...double11, phases: { warmUp: 10, peak: 3, tail: 0, encore: 0 } }], calendar: { hangover: { factor: 0.6, days: 4 } } }));
    const g = (d: string) => r.periods.find((p) => p.start === d)!.gmv;
    const base = g('2026-11-25');
    expect(g('2026-11-14') / base).toBeCloseTo(0.6, 6);
    expect(g('2026-11-15') / base).toBeCloseTo(0.7, 6);
    expect(g('2026-11-17') / base).toBeCloseTo(0.9, 6);
    expect(g('2026-11-18') / base).toBeCloseTo(1, 6);
  });

  it('Given presale, Then warm-up orders are booked on the final-payment days, less drop-outs', () => {
    const presale = { depositShare: 0.5, dropOutRate: 0.2, finalPaymentDays: 1 };
    const p = nov({ activities: [{ ...double11, presale }] });
    const inputs = phasingInputs(p);
    if (!inputs.ok) throw new Error('inputs');
    const r = phased(p);
    expect(fenSum(r)).toBe(300_000_000);
    const model = PlanModel.build(p);
    try {
      const at = (date: string, key: 'weight' | 'paidWeight' | 'amount' | 'target') => {
        const row = inputs.inputs.days.findIndex((d) => d.date === date) + 1;
        return model.value(DAYS_SHEET.days, dayCol(key), row) as number;
      };
      // a warm-up day books half its orders now, half later
      expect(at('2026-11-05', 'paidWeight') / at('2026-11-05', 'weight')).toBeCloseTo(0.5, 9);
      expect(at('2026-11-05', 'target') / at('2026-11-05', 'amount')).toBeCloseTo(0.5, 6);
      // the final-payment day: its own weight + 10 warm-up days × 0.8 × 0.5 × 0.8 (drop-outs 20%)
      expect(at('2026-11-11', 'paidWeight')).toBeCloseTo(3 + 10 * 0.8 * 0.5 * 0.8, 9);
      expect(at('2026-11-12', 'paidWeight')).toBeCloseTo(3, 9);
    } finally {
      model.dispose();
    }
  });

  it('property: a bigger demand multiplier on a day never lowers that day’s share', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.1, max: 5, noNaN: true }),
      fc.double({ min: 1, max: 3, noNaN: true }),
      fc.integer({ min: 0, max: 6 }),
      (demand, bump, weekday) => {
        const weekdays = [1, 1.1, 0.9, 1, 1.2, 1.5, 1.4];
        weekdays[weekday] = weekdays[weekday]! * 1.3;
        const c11 = { ...double11, phases: { warmUp: 0, peak: 1, tail: 0, encore: 0 }, tier: 'C' };
        const at = (d: number) => phased(nov({ activities: [{ ...c11, rates: { peak: { demand: d } } }], calendar: { weekdays } })).periods.find((p) => p.start === '2026-11-11')!.gmv;
        expect(at(demand * bump)).toBeGreaterThanOrEqual(at(demand));
      },
    ), { numRuns: 10 });
  }, 180_000);
});

describe('property: every multiplier 1 and flat weights → the days’ spend sums to the period’s spend', () => {
  it('over random targets, rates and mixes, with a neutral activity on the calendar', () => {
    const neutral = { demand: 1, traffic: 1, cvr: 1, cpc: 1, cpm: 1 };
    fc.assert(fc.property(
      fc.integer({ min: 100_000, max: 50_000_000 }),
      fc.double({ min: 0.005, max: 0.08, noNaN: true }),
      fc.double({ min: 0.2, max: 5, noNaN: true }),
      fc.double({ min: 10, max: 90, noNaN: true }),
      fc.integer({ min: 1, max: 60 }),
      (yuan, cvr, cpc, cpm, length) => {
        const doc = structuredClone(examplePlan('june-shop')) as unknown as Record<string, unknown> & { channels: Array<Record<string, unknown> & { cost: Record<string, unknown> }> };
        doc.channels[1]!.cvr = cvr;
        doc.channels[1]!.cost.cpc = cpc;
        doc.channels[2]!.cost.cpm = cpm;
        const p = plan({
          ...doc, version: 3, objective: { kind: 'target', gmv: yuan },
          period: { start: '2026-03-01', end: isoPlus('2026-03-01', length - 1) },
          activities: [{ ...double11, window: { start: '2026-03-01', end: '2026-05-01' }, peakOn: undefined, rates: { warmUp: neutral, peak: neutral, tail: neutral, encore: neutral } }],
        });
        const model = PlanModel.build(p);
        try {
          const period = model.result();
          const out = phaseFromModel(model, 'day');
          if (!out.ok) throw new Error(JSON.stringify(out.issues));
          expect(fenSum(out.result)).toBe(yuan * 100);
          expect(close(out.result.total.spend, period.total.spend)).toBe(true);
          p.channels.forEach((ch, i) => {
            const days = out.result.periods.reduce((s, d) => s + d.channels[i]!.spend, 0);
            expect(close(days, period.channels[i]!.spend)).toBe(true);
          });
        } finally {
          model.dispose();
        }
      },
    ), { numRuns: 20 });
  }, 180_000);
});

describe('budget and channels plans phase their spend', () => {
  it('Given the live + CRM budget plan over a month with a weekday pattern, Then its days’ spend is the budget in whole fen', () => {
    const doc = structuredClone(examplePlan('live-crm-budget'));
    const p = plan({ ...doc, version: 3, calendar: { weekdays: [1, 1, 1, 1, 1.3, 1.6, 1.4] } });
    const r = phased(p);
    const model = PlanModel.build(p);
    try {
      const period = model.result().total;
      expect(r.measure).toBe('spend');
      expect(Math.round(r.total.spend * 100)).toBe(Math.round(period.spend * 100));
      expect(r.periods.reduce((s, x) => s + Math.round(x.spend * 100), 0)).toBe(Math.round(period.spend * 100));
      // no phase multipliers: the GMV the days buy is the period's
      expect(close(r.total.gmv, period.gmv, 1e-9)).toBe(true);
    } finally {
      model.dispose();
    }
  });
});

describe('bad input: zh + en messages naming the activity and field', () => {
  it('a placement outside the window', () => {
    const out = phasePlan(june({ period: { start: '2026-11-01', end: '2026-11-30' }, activities: [double11] }), { placements: { 'double-11': '2026-11-15' } });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues[0]).toMatchObject({ path: 'activities[0].window', code: 'placement_outside_window' });
    expect(out.issues[0]!.message.zh).toContain('双11');
    expect(out.issues[0]!.message.en).toContain('Double 11');
  });
  it('final-payment days longer than the peak, and a presale without warm-up', () => {
    const out = phasePlan(june({ activities: [
      { ...double11, presale: { depositShare: 0.3, dropOutRate: 0.1, finalPaymentDays: 5 } },
      { ...double11, id: 'flash', name: { zh: '闪购', en: 'Flash sale' }, phases: { warmUp: 0, peak: 1, tail: 0, encore: 0 }, presale: { depositShare: 0.3, dropOutRate: 0.1 } },
    ] }));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues.map((i) => [i.path, i.code])).toEqual([
      ['activities[0].presale.finalPaymentDays', 'final_payment_longer_than_peak'],
      ['activities[1].presale', 'presale_without_warm_up'],
    ]);
    expect(out.issues[1]!.message.zh).toContain('闪购');
  });
  it('every day weighted 0, and a period longer than two years', () => {
    const zero = phasePlan(june({ calendar: { months: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1] } }));
    expect(zero.ok ? [] : zero.issues.map((i) => [i.path, i.code])).toEqual([['calendar.months', 'zero_day_weights']]);
    const long = phasePlan(june({ period: { start: '2026-01-01', end: '2029-01-01' } }));
    expect(long.ok ? [] : long.issues.map((i) => [i.path, i.code])).toEqual([['period.end', 'period_too_long']]);
  });
  it('a placement of an activity the plan does not have', () => {
    const out = phasePlan(june(), { placements: { ghost: '2026-06-01' } });
    expect(out.ok ? [] : out.issues.map((i) => i.code)).toEqual(['unknown_activity']);
  });
});

function isoPlus(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('phasing follows the schedule when activities compete for resources', () => {
  it('Given the 2027 plan (some activities cannot fit), When it is phased, Then every activity runs on the days the scheduler placed it and an unplaced one on none', () => {
    const year = examplePlan('year-2027');
    const scheduled = schedulePlan(year);
    if (!scheduled.ok) throw new Error(JSON.stringify(scheduled.issues));
    const unplaced = scheduled.schedule.activities.filter((a) => a.placed === null).map((a) => a.id);
    expect(unplaced.length).toBeGreaterThan(0);
    const phased = phasingInputs(year);
    if (!phased.ok) throw new Error(JSON.stringify(phased.issues));
    const runs = new Set(phased.inputs.days.flatMap((d) => d.phases.map((p) => p.activity)));
    for (const id of unplaced) expect(runs.has(id)).toBe(false);
    for (const a of scheduled.schedule.activities) {
      if (!a.placed) continue;
      const first = phased.inputs.days.find((d) => d.phases.some((p) => p.activity === a.id));
      expect(first?.date, a.id).toBe(a.placed.start < year.period.start ? year.period.start : a.placed.start);
    }
  });
});

describe('the Calendar sheet names statutory holidays and says when they are provisional', () => {
  it('Given the 2027 plan (2027 not yet published), When its Calendar sheet is built, Then Spring Festival and its 调休 days read as provisional', () => {
    const model = PlanModel.build(examplePlan('year-2027'), { days: 'always' });
    try {
      const rows = readModelSheetValues(model, model.sheetId(DAYS_SHEET.calendar));
      const header = rows[0] ?? [];
      const col = header.length - 1;
      const noteOf = (date: string) => String(rows.find((r) => r[0] === date)?.[col] ?? '');
      expect(noteOf('2027-02-06')).toContain('春节 Spring Festival');
      expect(noteOf('2027-02-06')).toContain('provisional');
      expect(noteOf('2027-03-10')).toBe('');
    } finally {
      model.dispose();
    }
  });
});
