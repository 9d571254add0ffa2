import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { examplePlan } from '@shopplan/examples';
import { calibrateFile, reviewFile, type ReadProgress } from './calibration.ts';

// The real history package and engine on the bundled 2026 plan and its history: no mocks.
const plan = examplePlan('history-shop-2026');
const example = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../packages/examples/history/${name}`, import.meta.url)));
const fileOf = (bytes: Uint8Array | string, name: string) => new File([bytes as BlobPart], name, { lastModified: 1 });

describe('calibrateFile (the Calibration view in the worker)', () => {
  it('Given the example history, Then every channel is calibrated, curves come with their points, and the calibrated plan records where each figure came from', async () => {
    const progress: ReadProgress[] = [];
    const out = await calibrateFile({ file: fileOf(example('shop-2026.csv'), 'shop-2026.csv'), mapping: {}, plan }, (p) => progress.push(p));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.reading.header?.columns.find((c) => c.header === '支付买家数')?.field).toBe('orders');
    expect(out.reading.labels.find((l) => l.label === '直通车')).toEqual({ label: '直通车', channel: 'search', rows: 365 });
    expect(out.reading.period).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    const search = out.channels.find((c) => c.id === 'search')!;
    expect(search.cvr).toBeCloseTo(0.025, 3);
    expect(search.curve).not.toBeNull();
    expect(search.excludedDays).toBeGreaterThan(0);
    expect(out.promotionMonthDays).toContain('06-16');
    // points: every day of the channel, the promotion days marked as left out
    expect(out.points.search).toHaveLength(365);
    expect(out.points.search!.filter((p) => !p.used)).toHaveLength(search.excludedDays);
    expect(out.points.organic).toBeUndefined();
    // the calibrated plan is a new document: the base is untouched
    expect(out.calibrated.channels.find((c) => c.id === 'search')!.cvr).toBe(search.cvr);
    expect(plan.channels.find((c) => c.id === 'search')!.cvr).toBe(0.025);
    expect(plan.calibration).toBeUndefined();
    expect(out.calibrated.calibration?.assumptions['channels.search.cvr']).toMatchObject({ file: 'shop-2026.csv', period: { start: '2026-01-01', end: '2026-12-31' }, rows: search.rows });
    expect(out.plannedDailySpend.search).toBeCloseTo(1_300_000 / 365, 6);
    expect(progress.at(-1)).toEqual({ done: example('shop-2026.csv').byteLength, total: example('shop-2026.csv').byteLength });
  });

  it('Given a period and extra days left out, Then only those days count', async () => {
    const out = await calibrateFile({ file: fileOf(example('shop-2026.csv'), 'shop-2026.csv'), mapping: {}, plan, from: '2026-03-01', to: '2026-03-31', promotionDays: ['2026-03-08'] }, () => {});
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const search = out.channels.find((c) => c.id === 'search')!;
    expect(search.days).toBe(30);
    expect(search.excludedDays).toBe(1);
    expect(search.confidence).toBe('medium');
    expect(out.calibrated.calibration?.assumptions['channels.search.cvr']?.period).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(out.points.search!.filter((p) => p.used)).toHaveLength(30);
  });

  it('Given a file with an unknown channel and a negative value, Then every problem comes back in zh and en, with the unmatched label; mapping it fixes the channel', async () => {
    const csv = '日期,渠道,花费,访客数,支付买家数,支付金额\n2026-03-01,抖音,100,50,2,300\n2026-03-01,直通车,-5,50,2,300\n2026-03-02,抖音,100,50,2,300\n';
    const out = await calibrateFile({ file: fileOf(csv, 'bad.csv'), mapping: {}, plan }, () => {});
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues.map((i) => i.code)).toEqual(['unknown_channel', 'negative', 'unknown_channel']);
    expect(out.issues[1]!.message.zh).toContain('bad.csv 第 3 行第 3 列「花费」');
    expect(out.issues[1]!.message.en).toContain('bad.csv row 3, column 3');
    expect(out.reading.labels.filter((l) => l.channel === null).map((l) => l.label)).toEqual(['抖音']);
    const fixed = await calibrateFile({ file: fileOf(csv.replace('-5', '5'), 'bad.csv'), mapping: { 抖音: 'display' }, plan }, () => {});
    expect(fixed.ok).toBe(true);
    if (fixed.ok) expect(fixed.channels.find((c) => c.id === 'display')!.confidence).toBe('untested');
  });

  it('Given the messy GBK file, Then it reads, with the percent column listed as ignored', async () => {
    const out = await calibrateFile({ file: fileOf(example('messy-gbk.csv'), 'messy-gbk.csv'), mapping: {}, plan }, () => {});
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.reading.encoding).toBe('gbk');
    expect(out.reading.header?.columns.find((c) => c.header === '转化率')?.field).toBeNull();
    expect(out.channels.find((c) => c.id === 'search')!.confidence).toBe('untested');
  });

  it('Given an empty file, Then the problem says so (no crash)', async () => {
    const out = await calibrateFile({ file: fileOf('', 'empty.csv'), mapping: {}, plan }, () => {});
    expect(out).toMatchObject({ ok: false, issues: [{ code: 'empty_file' }] });
  });
});

describe('reviewFile (plan vs actual in the worker)', () => {
  it('Given the 2026 history as actuals, Then each month reviews every channel and the parts add up to the gap', async () => {
    const out = await reviewFile({ file: fileOf(example('shop-2026.csv'), 'actuals.csv'), mapping: {}, plan, by: 'month' }, () => {});
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.review.periods).toHaveLength(12);
    for (const p of out.review.periods) {
      for (const c of p.channels) expect(Math.round((c.traffic + c.conversion + c.orderValue) * 100)).toBe(Math.round(c.gap * 100));
    }
    const byPromotion = await reviewFile({ file: fileOf(example('shop-2026.csv'), 'actuals.csv'), mapping: {}, plan, by: 'promotion' }, () => {});
    expect(byPromotion.ok && byPromotion.review.periods.map((p) => p.period)).toEqual(expect.arrayContaining(['baseline', '618', 'double11']));
  });

  it('Given actuals outside the plan period, Then each out-of-range row is named', async () => {
    const csv = '日期,渠道,访客数,支付买家数,支付金额\n2025-12-31,直通车,50,2,300\n2026-01-01,直通车,50,2,300\n';
    const out = await reviewFile({ file: fileOf(csv, 'late.csv'), mapping: {}, plan, by: 'day' }, () => {});
    expect(out).toMatchObject({ ok: false, issues: [{ code: 'date_out_of_range' }] });
  });
});
