import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { examplePlan } from '@shopplan/examples';
import type { ReviewPeriod } from '@shopplan/engine';
import { calibrateFile, reviewFile } from '../../worker/calibration.ts';
import { monthDayRuns, parseDayList, periodParts, rateRows, sumPeriods, waterfallBars } from './calibration-model.ts';
import { curveOption, waterfallOption } from './calibration-options.ts';

// The view's arrangement of real worker answers (real history package and engine): no mocks.
const plan = examplePlan('history-shop-2026');
const csv = readFileSync(fileURLToPath(new URL('../../../../../packages/examples/history/shop-2026.csv', import.meta.url)));
const file = (name: string) => new File([csv], name, { lastModified: 2 });
const HOSTILE = '<img src=x onerror=window.__pwned=1>';

/** Every string a tooltip formatter of the option (a `formatter` under a `tooltip`) returns for the given parameters. */
function tooltips(option: unknown, params: unknown[]): string[] {
  const out: string[] = [];
  const walk = (x: unknown, key: string, inTooltip: boolean) => {
    if (typeof x === 'function' && key === 'formatter' && inTooltip) for (const p of params) { const r = (x as (p: unknown) => unknown)(p); if (typeof r === 'string') out.push(r); }
    else if (Array.isArray(x)) for (const v of x) walk(v, key, inTooltip);
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, k, inTooltip || k === 'tooltip');
  };
  walk(option, '', false);
  return out;
}

describe('rates beside the plan', () => {
  it('Given the example history, Then each channel shows the plan and the calibrated value of the figures its cost model has, and a month of data is untested with a range', async () => {
    const full = await calibrateFile({ file: file('shop-2026.csv'), mapping: {}, plan }, () => {});
    if (!full.ok) throw new Error('the example history should read');
    const rows = rateRows(plan, full.channels, full.calibrated);
    expect(rows.map((r) => r.id)).toEqual(plan.channels.map((c) => c.id));
    const search = rows.find((r) => r.id === 'search')!;
    expect(search.cells.find((c) => c.key === 'cvr')).toMatchObject({ plan: 0.025, applies: true, range: null });
    expect(search.cells.find((c) => c.key === 'cvr')!.calibrated).toBeCloseTo(0.025, 3);
    expect(search.cells.find((c) => c.key === 'cpm')).toMatchObject({ applies: false, plan: null, calibrated: null });
    expect(rows.find((r) => r.id === 'display')!.cells.find((c) => c.key === 'ctr')!.applies).toBe(true);

    const short = await calibrateFile({ file: file('shop-2026.csv'), mapping: {}, plan, from: '2026-03-01', to: '2026-03-20' }, () => {});
    if (!short.ok) throw new Error('the example history should read');
    const untested = rateRows(plan, short.channels, short.calibrated).find((r) => r.id === 'search')!;
    expect(untested.confidence).toBe('untested');
    const cvr = untested.cells.find((c) => c.key === 'cvr')!;
    expect(cvr.range).not.toBeNull();
    expect(cvr.range!.low).toBeLessThan(cvr.calibrated!);
    expect(cvr.range!.high).toBeGreaterThan(cvr.calibrated!);
  });
});

describe('days left out', () => {
  it('reads dates and ranges, and names what is not a date', () => {
    expect(parseDayList('2026-03-08, 2026-09-01..2026-09-03、2026-10-01~2026-10-01')).toEqual({ days: ['2026-03-08', '2026-09-01', '2026-09-02', '2026-09-03', '2026-10-01'], bad: [] });
    expect(parseDayList('2026-02-30 38节 2026-05-02..2026-05-01 2024-01-01..2026-01-01').bad).toEqual(['2026-02-30', '38节', '2026-05-02..2026-05-01', '2024-01-01..2026-01-01']);
    expect(parseDayList('   ')).toEqual({ days: [], bad: [] });
  });

  it('folds month-days into runs, across month ends', () => {
    expect(monthDayRuns(['06-01', '05-31', '06-02', '11-11', '02-28', '02-29', '03-01'])).toEqual(['02-28–03-01', '05-31–06-02', '11-11']);
    expect(monthDayRuns([])).toEqual([]);
  });
});

/** A period as the engine shapes it, from plan and part figures in fen. */
function periodOf(channels: Array<[string, number, number, number, number]>): ReviewPeriod {
  const list = channels.map(([id, plan, t, c, o]) => {
    const gap = t + c + o;
    return { id, planGmv: plan / 100, actualGmv: (plan + gap) / 100, attainment: plan > 0 ? (plan + gap) / plan : null, gap: gap / 100, traffic: t / 100, conversion: c / 100, orderValue: o / 100 };
  });
  const plan = channels.reduce((s, c) => s + c[1], 0);
  const actual = list.reduce((s, c) => s + Math.round(c.actualGmv * 100), 0);
  return { period: 'p', channels: list, total: { planGmv: plan / 100, actualGmv: actual / 100, attainment: plan > 0 ? actual / plan : null, gap: (actual - plan) / 100 } };
}

describe('the gap waterfall', () => {
  it('Given any period, Then the bars start at plan GMV, each part starts where the last ended, and the last part ends exactly at actual GMV', () => {
    const fen = fc.integer({ min: -5_000_000_00, max: 5_000_000_00 });
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 9_000_000_00 }), fen, fen, fen), { minLength: 1, maxLength: 6 }), (chs) => {
      const period = periodOf(chs);
      const bars = waterfallBars(period);
      expect(bars[0]).toMatchObject({ kind: 'plan', start: 0, end: period.total.planGmv });
      const last = bars.at(-1)!;
      expect(last).toMatchObject({ kind: 'actual', start: 0, end: period.total.actualGmv });
      for (let i = 2; i < bars.length - 1; i += 1) expect(bars[i]!.start).toBe(bars[i - 1]!.end);
      const lastPart = bars.at(-2)!;
      expect(Math.round(lastPart.end * 100)).toBe(Math.round(period.total.actualGmv * 100));
    }));
  });

  it('Given the example reviewed by month, Then the months summed to date keep parts that add up to the gap, and the waterfall draws with escaped names', async () => {
    const out = await reviewFile({ file: file('actuals.csv'), mapping: {}, plan, by: 'month' }, () => {});
    if (!out.ok) throw new Error('the example actuals should read');
    const all = sumPeriods(out.review.periods, 'all');
    const parts = periodParts(all);
    expect(Math.round((parts.traffic + parts.conversion + parts.orderValue) * 100)).toBe(Math.round(all.total.gap * 100));
    expect(all.total.planGmv).toBeCloseTo(out.review.periods.reduce((s, p) => s + p.total.planGmv, 0), 2);
    const bars = waterfallBars(all);
    const option = waterfallOption(bars, new Map([['search', HOSTILE]]), 'en') as { xAxis: { data: string[] } };
    expect(option.xAxis.data).toContain(`${HOSTILE} · Traffic`); // canvas text: drawn, never parsed
    const tips = tooltips(option, bars.map((_, i) => [{ dataIndex: i }]));
    expect(tips.length).toBe(bars.length);
    expect(tips.some((s) => s.includes('&lt;img'))).toBe(true);
    expect(tips.every((s) => !s.includes('<img'))).toBe(true);
  });
});

describe('the curve chart', () => {
  it('marks the planned daily spend red when beyond the observed range, and escapes the channel name in tooltips', () => {
    const fit = { beta: 9000, alpha: 1.2, kappa: 4000, r2: 0.9, mape: 0.05, nrmse: 0.06, spendMin: 1000, spendMax: 6000 };
    const points = [{ spend: 1000, visitors: 1500, used: true }, { spend: 6000, visitors: 6000, used: false }];
    const inside = curveOption(HOSTILE, points, fit, 3000, 'zh') as { series: Array<{ markLine?: { data: Array<{ xAxis: number; lineStyle: { color: string } }> } }> };
    const outside = curveOption(HOSTILE, points, fit, 9000, 'zh') as typeof inside;
    const planned = (o: typeof inside) => o.series[2]!.markLine!.data[2]!;
    expect(planned(inside)).toMatchObject({ xAxis: 3000, lineStyle: { color: '#2b9a66' } });
    expect(planned(outside)).toMatchObject({ xAxis: 9000, lineStyle: { color: '#e03131' } });
    const tips = tooltips(inside, [{ value: [1000, 1500] }]);
    expect(tips.length).toBe(2);
    expect(tips.every((s) => s.includes('&lt;img') && !s.includes('<img'))).toBe(true);
  });
});
