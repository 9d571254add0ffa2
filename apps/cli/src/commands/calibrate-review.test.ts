import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computePlan } from '@shopplan/engine';
import { parsePlan } from '@shopplan/schema';
import { runCli } from '../cli.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const work = mkdtempSync(join(tmpdir(), 'shopplan-calibrate-'));
const PLAN = 'packages/examples/plans/history-shop-2026.json';
const HISTORY = 'packages/examples/history/shop-2026.csv';
const MESSY = 'packages/examples/history/messy-gbk.csv';

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd: repoRoot });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('shopplan calibrate', { timeout: 120_000 }, () => {
  it('Given the example history, When calibrated with --json and -o, Then the output has exactly the documented shape and the written plan records its sources', async () => {
    const out = join(work, 'calibrated.json');
    const r = await run(['calibrate', HISTORY, '--plan', PLAN, '--json', '-o', out]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['channels']);
    for (const c of json.channels) {
      expect(Object.keys(c)).toEqual(['id', 'days', 'rows', 'cvr', 'aov', 'cpc', 'cpm', 'ctr', 'addToCartRate', 'confidence', 'curve', 'excludedDays']);
      if (c.curve) expect(Object.keys(c.curve)).toEqual(['beta', 'alpha', 'kappa', 'r2', 'mape', 'nrmse', 'spendMin', 'spendMax']);
    }
    const search = json.channels.find((c: { id: string }) => c.id === 'search');
    expect(search).toMatchObject({ days: 321, rows: 321, cpm: null, ctr: null, confidence: 'high', excludedDays: 44 });
    expect(Math.abs(search.cvr / 0.025 - 1)).toBeLessThan(0.01);
    expect(json.channels.find((c: { id: string }) => c.id === 'organic')).toMatchObject({ cpc: null, cpm: null, ctr: null, curve: null });
    const written = parsePlan(JSON.parse(readFileSync(out, 'utf8')));
    expect(written.ok).toBe(true);
    if (written.ok) expect(written.plan.calibration?.assumptions['channels.search.cvr']).toMatchObject({ file: HISTORY, period: { start: '2026-01-01', end: '2026-12-31' }, rows: 321 });
  });

  it('Given the messy GBK file and a window, When calibrated, Then channels without rows are untested with null figures', async () => {
    const r = await run(['calibrate', MESSY, '--plan', PLAN, '--from', '2026-03-01', '--to', '2026-03-31', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.channels.find((c: { id: string }) => c.id === 'search')).toMatchObject({ days: 2, rows: 2, confidence: 'untested', curve: null });
    expect(json.channels.find((c: { id: string }) => c.id === 'brand')).toMatchObject({ days: 0, cvr: null, aov: null, confidence: 'untested' });
  });

  it('Given a history with an unknown channel, Then it exits 1 naming file, row and column in both languages, and writes nothing', async () => {
    const bad = join(work, 'bad.csv');
    writeFileSync(bad, '日期,渠道,访客数,支付买家数,支付金额\n2026-03-01,抖音,100,2,300\n2026-03-02,直通车,100,200,300\n');
    const out = join(work, 'never.json');
    const r = await run(['calibrate', bad, '--plan', PLAN, '-o', out, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.csv row 2, column 2 "渠道"');
    expect(r.err).toContain('bad.csv 第 2 行第 2 列');
    expect(r.err).toContain('bad.csv row 3, column 4');
    expect(() => readFileSync(out)).toThrow();
  });

  it('Given a usage mistake, Then it exits 2', async () => {
    expect((await run(['calibrate', HISTORY])).code).toBe(2);
    expect((await run(['calibrate', HISTORY, '--plan', PLAN, '--from', 'March'])).code).toBe(2);
    expect((await run(['calibrate', 'nope.csv', '--plan', PLAN])).code).toBe(2);
    expect((await run(['calibrate', HISTORY, '--plan', PLAN, '--map', 'x'])).code).toBe(2);
  });
});

describe('shopplan review', { timeout: 120_000 }, () => {
  it('Given the plan and a year of actuals, When reviewed by week with --json, Then the output has exactly the documented shape and each gap splits exactly', async () => {
    const r = await run(['review', PLAN, HISTORY, '--by', 'week', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['by', 'periods']);
    expect(json.by).toBe('week');
    expect(json.periods).toHaveLength(53);
    for (const p of json.periods) {
      expect(Object.keys(p)).toEqual(['period', 'channels', 'total']);
      expect(Object.keys(p.total)).toEqual(['planGmv', 'actualGmv', 'attainment', 'gap']);
      for (const c of p.channels) {
        expect(Object.keys(c)).toEqual(['id', 'planGmv', 'actualGmv', 'attainment', 'gap', 'traffic', 'conversion', 'orderValue']);
        expect(Math.round(c.traffic * 100) + Math.round(c.conversion * 100) + Math.round(c.orderValue * 100)).toBe(Math.round(c.gap * 100));
      }
    }
    // the weeks' plan is the phased plan in whole fen: over the year it is the plan's GMV exactly
    const plan = parsePlan(JSON.parse(readFileSync(join(repoRoot, PLAN), 'utf8')));
    if (!plan.ok) throw new Error('the example plan parses');
    const computed = computePlan(plan.plan);
    if (!computed.ok) throw new Error('the example plan computes');
    const planFen = Math.round(computed.result.channels.reduce((s, c) => s + c.gmv, 0) * 100);
    expect(json.periods.reduce((s: number, p: { total: { planGmv: number } }) => s + Math.round(p.total.planGmv * 100), 0)).toBe(planFen);
  });

  it('Given actuals outside the plan period, Then it exits 1 with the date out of range', async () => {
    const bad = join(work, 'late.csv');
    writeFileSync(bad, '日期,渠道,访客数,支付买家数,支付金额\n2027-01-01,直通车,100,2,300\n');
    const r = await run(['review', PLAN, bad, '--lang', 'zh']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('late.csv 第 2 行第 1 列「日期」：2027-01-01 不在 2026-01-01 至 2026-12-31 之内');
  });

  it('Given --by something else, Then it exits 2', async () => {
    expect((await run(['review', PLAN, HISTORY, '--by', 'quarter'])).code).toBe(2);
  });

  it('Given the default text output, Then it says the plan is phased by day', async () => {
    const r = await run(['review', PLAN, HISTORY, '--by', 'promotion', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('618');
    expect(r.out).toContain('phased by day');
  });
});
