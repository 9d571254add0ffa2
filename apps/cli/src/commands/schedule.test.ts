import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_DOCUMENTS } from '@shopplan/examples';
import { runCli } from '../cli.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const work = mkdtempSync(join(tmpdir(), 'shopplan-schedule-'));
const YEAR = 'packages/examples/plans/year-2027.json';
const PRESALE = 'packages/examples/plans/double-11-presale.json';

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd: repoRoot });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function yearFile(name: string, edit: (doc: any) => void): string {
  const doc = structuredClone(EXAMPLE_PLAN_DOCUMENTS['year-2027']) as any;
  edit(doc);
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

describe('shopplan schedule', () => {
  it('Given the 2027 calendar, When scheduled with --json, Then the output has exactly the documented shape', async () => {
    const r = await run(['schedule', YEAR, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['activities', 'resources']);
    for (const a of json.activities) {
      expect(Object.keys(a)).toEqual(['id', 'tier', 'window', 'placed', 'phases', 'needs', 'reason']);
      expect(Object.keys(a.window)).toEqual(['start', 'end']);
      if (a.placed) {
        expect(Object.keys(a.placed)).toEqual(['start', 'end']);
        expect(a.reason).toBeNull();
        for (const p of a.phases) expect(Object.keys(p)).toEqual(['kind', 'start', 'end']);
      } else {
        expect(a.phases).toEqual([]);
        expect(Object.keys(a.reason)).toEqual(['code', 'resource', 'dates', 'message']);
        expect(Object.keys(a.reason.message)).toEqual(['zh', 'en']);
      }
    }
    const d11 = json.activities.find((a: any) => a.id === 'double-11');
    expect(d11).toMatchObject({ tier: 'S', placed: { start: '2027-10-21', end: '2027-11-23' }, needs: { banner: 2, live: 1, team: 8, budget: 45000 } });
    expect(d11.phases.map((p: any) => p.kind)).toEqual(['warmUp', 'peak', 'tail', 'encore']);
    expect(json.resources.map((r: any) => r.id)).toEqual(['banner', 'live', 'team', 'budget']);
    for (const res of json.resources) {
      expect(res.days).toHaveLength(365);
      expect(Object.keys(res.days[0])).toEqual(['date', 'used', 'capacity']);
      for (const day of res.days) expect(day.used).toBeLessThanOrEqual(day.capacity);
    }
    const live = json.activities.find((a: any) => a.id === 'autumn-live-marathon');
    expect(live.reason).toMatchObject({ code: 'capacity', resource: 'live' });
    expect(live.reason.dates[0]).toBe('2027-11-01');
  });

  it('Given the 2027 calendar, When scheduled without --json, Then a text Gantt by tier with phase letters, resource strips and the unplaced list is printed', async () => {
    const en = await run(['schedule', YEAR, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toContain('by week (from Monday)');
    expect(en.out).toMatch(/^S double-11 Double 11 +[ ·]*W+P+T?E+/m);
    expect(en.out).toContain('73 of 79 activities placed');
    expect(en.out).toContain('activities not placed (6):');
    expect(en.out).toContain('✗ B new-year-flash [lead_time]: activity "New Year flash sale" (new-year-flash) needs 14 days to prepare');
    expect(en.out).toMatch(/^budget Promotion budget +[ .:\-=#]+$/m);
    const zh = await run(['schedule', YEAR, '--lang', 'zh']);
    expect(zh.out).toContain('未排期的活动（6）：');
    expect(zh.out).toContain('资源“直播档期”（live，每日容量 2）');
  });

  it('Given the presale month, Then it is drawn day by day', async () => {
    const r = await run(['schedule', PRESALE, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('by day');
    // 2027-10-15 … 2027-11-20 is 37 days; Double 11 starts on October 18 (the window allows no later start).
    expect(r.out).toMatch(/^S double-11 Double 11 presale +···W{21}P{4}T{3}E{6}$/m);
  });

  it.each([
    ['a negative capacity', (d: any) => (d.resources[1].capacity = -1), 'resources[1].capacity', 'the daily capacity of resource "Live-stream slots" (live) cannot be negative (it is -1)'],
    ['a phase longer than its window', (d: any) => (d.activities[2].phases = { warmUp: 9 }), 'activities[2].phases.warmUp', 'the warm-up of activity "Lantern festival" (lantern) is 9 days, longer than its window (2027-02-14 to 2027-02-20, 7 days)'],
    ['a lead time longer than the year', (d: any) => (d.activities[0].leadTime = 400), 'activities[0].leadTime', 'the preparation lead time of activity "New Year goods festival" (nianhuo) is 400 days, longer than a year (366 days)'],
    ['a need of a resource that does not exist', (d: any) => (d.activities[3].needs = { stage: 1 }), 'activities[3].needs.stage', 'needs resource "stage", which is not in the resources'],
  ])('Given %s, Then it exits 1 naming the activity or resource and the field in zh and en', async (_name, edit, path, english) => {
    const r = await run(['schedule', yearFile(String(_name).replace(/\W+/g, '-'), edit)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${path}: `);
    expect(r.err).toContain(english);
    expect(r.err).toMatch(/[\u4e00-\u9fff]/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('Given no plan file, Then it is a usage error', async () => {
    const r = await run(['schedule']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: shopplan schedule PLAN [--json]');
  });
});
