import { describe, expect, it } from 'vitest';
import { examplePlan, generateHistory } from '@shopplan/examples';
import { parsePlan, type HistoryRow } from '@shopplan/schema';
import { calibrateHistory, CalibrationUsageError, confidenceOf } from './rates.ts';
import { applyCalibration } from './apply.ts';
import { FIT_SAMPLE_DAYS, fitHill } from './hill-fit.ts';
import { computePlan } from '../plan-model.ts';
import { spendBeyondHistory } from './spend-range.ts';

const plan = examplePlan('history-shop-2026');
const history = generateHistory({ year: 2026, seed: 14 });
const rel = (got: number | null, want: number): number => Math.abs((got ?? Number.NaN) - want) / want;

describe('calibration from the generated history', { timeout: 60_000 }, () => {
  const calibrated = calibrateHistory(plan, history.rows, { promotionDays: history.promotionDays });

  it('Given a year of history, When promotion days are left out, Then every true rate comes back within 1%', () => {
    for (const truth of history.channels) {
      const c = calibrated.find((x) => x.id === truth.id)!;
      expect(rel(c.cvr, truth.cvr), `${truth.id} cvr`).toBeLessThan(0.01);
      expect(rel(c.aov, truth.aov), `${truth.id} aov`).toBeLessThan(0.01);
      expect(rel(c.addToCartRate, truth.addToCartRate), `${truth.id} add-to-cart`).toBeLessThan(0.01);
      expect(rel(c.refundRate, truth.refundRate), `${truth.id} refunds`).toBeLessThan(0.01);
      if (truth.model === 'cpm') expect(rel(c.ctr, truth.ctr!), `${truth.id} ctr`).toBeLessThan(0.01);
      if (truth.cpc !== null) expect(rel(c.cpc, truth.cpc), `${truth.id} cpc`).toBeLessThan(0.01);
      expect(c.confidence).toBe('high');
      expect(c.days).toBe(365 - history.promotionDays.length);
      expect(c.excludedDays).toBe(history.promotionDays.length);
    }
  });

  it('Given the saturating channels, When their curves are fitted, Then κ is within 10% and the fit is reported on a hold-out', () => {
    for (const truth of history.channels.filter((t) => t.hill)) {
      const c = calibrated.find((x) => x.id === truth.id)!;
      expect(c.curve, truth.id).not.toBeNull();
      expect(rel(c.curve!.kappa, truth.hill!.kappa), `${truth.id} kappa ${c.curve!.kappa}`).toBeLessThan(0.1);
      expect(c.curve!.r2).toBeGreaterThan(0.8);
      expect(c.curve!.mape).toBeLessThan(0.1);
      expect(c.curve!.spendMin).toBeLessThan(c.curve!.spendMax);
    }
  });

  it('Given the linear paid channel with flat CPC, Then it has a curve or says why not; free and commission channels never get one', () => {
    for (const id of ['organic', 'recommend', 'affiliate']) {
      const c = calibrated.find((x) => x.id === id)!;
      expect(c.curve).toBeNull();
      expect(c.curveNote).toBe('not_spend_bought');
      expect(c.cpc).toBeNull();
      expect(c.cpm).toBeNull();
    }
  });

  it('Given the plan has 618 and Double 11 as activities, When no days are given, Then their days (warm-up to peak) are left out by default', () => {
    const byPlan = calibrateHistory(plan, history.rows);
    const search = byPlan.find((c) => c.id === 'search')!;
    expect(search.excludedDays).toBe(20 + 24);
    expect(rel(search.cvr, 0.025)).toBeLessThan(0.01);
    const withPromotions = calibrateHistory(plan, history.rows, { includePromotions: true }).find((c) => c.id === 'search')!;
    expect(withPromotions.excludedDays).toBe(0);
    // keeping the promotion days in moves the baseline away from the truth
    expect(rel(withPromotions.cvr, 0.025)).toBeGreaterThan(0.01);
  });

  it('Given four days at 50%, 25%, 5%, 5%, Then the rate is the ratio of sums (8.6%), not the mean of the daily ratios (21%)', () => {
    const visits = [10, 20, 100, 100];
    const orders = [5, 5, 5, 5];
    const rows: HistoryRow[] = visits.map((v, i) => ({
      date: `2026-03-0${i + 1}`, channel: 'organic', spend: 0, impressions: 0, clicks: 0, visitors: v, addToCart: 0, orders: orders[i]!, gmv: orders[i]! * 100, refunds: 0,
    }));
    const c = calibrateHistory(plan, rows).find((x) => x.id === 'organic')!;
    expect(c.cvr).toBeCloseTo(20 / 230, 12);
    expect(c.confidence).toBe('untested');
    expect(calibrateHistory(plan, rows).find((x) => x.id === 'search')).toMatchObject({ days: 0, rows: 0, cvr: null, aov: null, confidence: 'untested', curve: null });
  });

  it('Given a from–to window, Then only its rows are used', () => {
    const march = calibrateHistory(plan, history.rows, { from: '2026-03-01', to: '2026-03-31' });
    expect(march.every((c) => c.days === 31 && c.rows === 31 && c.confidence === 'medium')).toBe(true);
  });

  it('Given a row of a channel the plan does not have, Then calibration throws its documented error', () => {
    expect(() => calibrateHistory(plan, [{ ...history.rows[0]!, channel: 'tiktok' }])).toThrow(CalibrationUsageError);
  });

  it('confidence follows the days of data: under 30 untested, under 90 medium, then high', () => {
    expect([0, 29, 30, 89, 90].map(confidenceOf)).toEqual(['untested', 'untested', 'medium', 'medium', 'high']);
  });
});

describe('applying a calibration to the plan', { timeout: 60_000 }, () => {
  it('Given a calibration, When applied, Then the plan takes the rates, records where each came from, and stays a valid plan', () => {
    const calibrated = calibrateHistory(plan, history.rows, { promotionDays: history.promotionDays });
    const source = { file: 'shop-2026.csv', period: { start: '2026-01-01', end: '2026-12-31' } };
    const next = applyCalibration(plan, calibrated, source);
    expect(parsePlan(next).ok).toBe(true);
    expect(computePlan(next).ok).toBe(true);
    const search = next.channels.find((c) => c.id === 'search')!;
    expect(search.cvr).toBe(calibrated.find((c) => c.id === 'search')!.cvr);
    // the daily curve, scaled to the plan's 365 days: the year's visitors come back near the history's level
    const daily = calibrated.find((c) => c.id === 'search')!.curve!;
    expect(search.response).toMatchObject({ alpha: daily.alpha });
    expect(search.response!.kappa).toBeCloseTo(daily.kappa * 365, 6);
    expect(search.response!.beta).toBeCloseTo(daily.beta * 365, 6);
    const computed = computePlan(next);
    if (!computed.ok) throw new Error('the calibrated plan should compute');
    const yearSpend = computed.result.channels.find((c) => c.id === 'search')!.spend;
    const perDay = yearSpend / 365;
    const expected = 365 * daily.beta / (1 + (daily.kappa / perDay) ** daily.alpha);
    expect(computed.result.channels.find((c) => c.id === 'search')!.visitors).toBeCloseTo(expected, 3);
    expect(next.calibration?.assumptions['channels.search.cvr']).toMatchObject({ file: 'shop-2026.csv', rows: 365 - history.promotionDays.length, confidence: 'high', method: 'ratio_of_sums' });
    expect(next.calibration?.assumptions['channels.search.response.kappa']?.spendRange?.max).toBe(calibrated.find((c) => c.id === 'search')!.curve!.spendMax);
    expect(plan.calibration).toBeUndefined(); // the input is not changed
  });

  it('Given two weeks of data for a channel, When applied, Then it is untested and its rates get a wide range in uncertainty', () => {
    const rows = history.rows.filter((r) => r.date <= '2026-01-14');
    const next = applyCalibration(plan, calibrateHistory(plan, rows), { file: 'h.csv', period: { start: '2026-01-01', end: '2026-01-14' } });
    const brand = next.channels.find((c) => c.id === 'brand')!;
    expect(brand.untested).toBe(true);
    const range = next.uncertainty?.['channels.brand.cvr'];
    expect(range!.low).toBeCloseTo(brand.cvr * 0.5, 12);
    expect(range!.high).toBeCloseTo(brand.cvr * 1.5, 12);
  });
});

describe('fitting a Hill curve', { timeout: 120_000 }, () => {
  it('Given four years of days (more than FIT_SAMPLE_DAYS), When fitted from a sample\'s best start refined on every day, Then κ is still within 10%', () => {
    const years = [2023, 2024, 2025, 2026].map((year) => generateHistory({ year, seed: year }));
    const rows = years.flatMap((y) => y.rows);
    const calibrated = calibrateHistory(plan, rows, { promotionDays: years.flatMap((y) => y.promotionDays) });
    for (const truth of years[0]!.channels.filter((t) => t.hill)) {
      const c = calibrated.find((x) => x.id === truth.id)!;
      expect(c.days).toBeGreaterThan(FIT_SAMPLE_DAYS);
      expect(rel(c.curve!.kappa, truth.hill!.kappa), `${truth.id} kappa ${c.curve!.kappa}`).toBeLessThan(0.1);
      expect(c.curve!.r2).toBeGreaterThan(0.8);
    }
  });

  it('Given flat spend, Then the channel stays linear and says so', () => {
    const days = Array.from({ length: 60 }, (_, i) => ({ spend: 1000 + (i % 3), visitors: 500 + i }));
    expect(fitHill(days)).toEqual({ ok: false, reason: 'flat_spend' });
    expect(fitHill(days.slice(0, 10))).toEqual({ ok: false, reason: 'too_few_days' });
  });
});

describe('spending beyond the history', { timeout: 60_000 }, () => {
  it('Given a calibrated curve, When the plan spends far more a day than the history ever did, Then it warns; within the range it does not', () => {
    const calibrated = calibrateHistory(plan, history.rows, { promotionDays: history.promotionDays });
    const next = applyCalibration(plan, calibrated, { file: 'h.csv', period: { start: '2026-01-01', end: '2026-12-31' } });
    const search = calibrated.find((c) => c.id === 'search')!.curve!;
    const within = { ...next, objective: { kind: 'channels' as const, spend: { search: ((search.spendMin + search.spendMax) / 2) * 365, display: 2_200_000, brand: 700_000 }, visitors: { affiliate: 1_100_000 } } };
    const beyond = { ...within, objective: { ...within.objective, spend: { ...within.objective.spend, search: search.spendMax * 2 * 365 } } };
    const a = computePlan(within);
    const b = computePlan(beyond);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(spendBeyondHistory(a.plan, a.result.channels).filter((i) => i.path === 'channels.search.response')).toEqual([]);
    expect(spendBeyondHistory(b.plan, b.result.channels)).toContainEqual(expect.objectContaining({ path: 'channels.search.response', code: 'beyond_history' }));
  });
});
