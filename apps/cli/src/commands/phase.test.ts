import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_DOCUMENTS } from '@shopplan/examples';
import { runCli } from '../cli.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const work = mkdtempSync(join(tmpdir(), 'shopplan-phase-'));

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd: repoRoot });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const double11 = {
  id: 'double-11', name: { zh: '双11', en: 'Double 11' }, tier: 'S', kind: 'platform',
  window: { start: '2026-10-20', end: '2026-11-25' }, peakOn: '2026-11-11',
  phases: { warmUp: 10, peak: 3, tail: 2, encore: 4 },
  presale: { depositShare: 0.4, dropOutRate: 0.15, finalPaymentDays: 2 },
};

/** DOMAIN.md's June shop moved to November with a Double 11 presale. */
function novemberFile(name: string, edit: (doc: any) => void = () => {}): string {
  const doc = structuredClone(EXAMPLE_PLAN_DOCUMENTS['june-shop']) as any;
  doc.version = 3;
  doc.period = { start: '2026-11-01', end: '2026-11-30' };
  doc.calendar = { weekdays: [1, 1, 1, 1, 1.1, 1.4, 1.3], hangover: { factor: 0.7, days: 5 } };
  doc.activities = [structuredClone(double11)];
  edit(doc);
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

describe('shopplan phase', () => {
  it('--by week --json: exactly the issue’s shape; June’s weeks sum to the target and the period’s spend', async () => {
    const { code, out } = await run(['phase', 'packages/examples/plans/june-shop.json', '--by', 'week', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['periods', 'total']);
    expect(Object.keys(json.total)).toEqual(['gmv', 'spend']);
    expect(json.periods).toHaveLength(5);
    const first = json.periods[0];
    expect(Object.keys(first)).toEqual(['start', 'end', 'gmv', 'spend', 'visitors', 'phase', 'channels']);
    expect(first).toMatchObject({ start: '2026-06-01', end: '2026-06-07', gmv: 700_000, phase: null });
    expect(Object.keys(first.channels[0])).toEqual(['id', 'gmv', 'spend', 'visitors']);
    expect(json.total.gmv).toBe(3_000_000);
    expect(json.total.spend).toBeCloseTo(809_013.40, 2);
  });

  it('--by day --json on a Double 11 presale month: the peak is named, days sum to the target in fen', async () => {
    const { code, out } = await run(['phase', novemberFile('d11'), '--by', 'day', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.periods).toHaveLength(30);
    const peak = json.periods.find((p: any) => p.start === '2026-11-11');
    expect(peak.phase).toEqual({ activity: 'double-11', kind: 'peak' });
    expect(json.periods.find((p: any) => p.start === '2026-11-30').phase).toBeNull();
    const fen = json.periods.reduce((s: number, p: any) => s + Math.round(p.gmv * 100), 0);
    expect(fen).toBe(300_000_000);
    // the days' spend is the period's spend
    const spend = json.periods.reduce((s: number, p: any) => s + p.spend, 0);
    expect(spend).toBeCloseTo(json.total.spend, 4);
  });

  it('prints a readable table without --json, in zh and en', async () => {
    const zh = await run(['phase', novemberFile('d11-text'), '--by', 'week'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('双11 · 高峰期');
    expect(zh.out).toContain('合计');
    expect(zh.out).toContain('3,000,000.00');
    const en = await run(['phase', novemberFile('d11-text'), '--by', 'day', '--lang', 'en']);
    expect(en.out).toContain('Double 11 · warm-up');
    expect(en.out.split('\n').filter((l) => l.startsWith('2026-11-')).length).toBe(30);
  });

  it('refuses bad phasing input with zh and en messages naming the activity and field, exit 1', async () => {
    const { code, err } = await run(['phase', novemberFile('bad-final', (d) => (d.activities[0].presale.finalPaymentDays = 4)), '--by', 'day']);
    expect(code).toBe(1);
    expect(err).toContain('activities[0].presale.finalPaymentDays: ');
    expect(err).toContain('the final-payment days of activity "Double 11" (double-11) are 4, longer than its peak (3 days)');
    expect(err).toContain('活动“双11”（double-11）的尾款天数 4 天长于高峰期');
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('a wrong --by is a usage error, exit 2', async () => {
    const { code, err } = await run(['phase', 'packages/examples/plans/june-shop.json', '--by', 'month']);
    expect(code).toBe(2);
    expect(err).toContain('--by must be day or week');
  });
});
