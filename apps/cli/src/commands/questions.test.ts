import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_DOCUMENTS } from '@shopplan/examples';
import { runCli } from '../cli.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const work = mkdtempSync(join(tmpdir(), 'shopplan-questions-'));
const JUNE = 'packages/examples/plans/june-shop.json';
const SAT = 'packages/examples/plans/saturation.json';

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd: repoRoot });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function saturationFile(name: string, edit: (doc: any) => void): string {
  const doc = structuredClone(EXAMPLE_PLAN_DOCUMENTS.saturation) as any;
  edit(doc);
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

/** A refusal a planner can act on: exit 1, the field's path, Chinese and English, no stack trace. */
function expectRefusal(r: { code: number; err: string }, path: string, english: string) {
  expect(r.code).toBe(1);
  expect(r.err).toContain(`${path}: `);
  expect(r.err).toContain(english);
  expect(r.err).toMatch(/[\u4e00-\u9fff]/);
  expect(r.err).not.toMatch(/\n\s+at /);
}

describe('shopplan seek', () => {
  it('Given the June plan, When seeking search CVR for ¥800,000, Then --json has the documented shape', async () => {
    const r = await run(['seek', JUNE, '--driver', 'channels.search.cvr', '--budget', '800000', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['driver', 'value', 'reachable', 'gmv', 'spend', 'roi']);
    expect(json).toMatchObject({ driver: 'channels.search.cvr', reachable: true });
    expect(json.value).toBeCloseTo(0.0254625, 9);
    expect(json.gmv).toBeCloseTo(3_000_000, 4);
    expect(json.spend).toBeCloseTo(800_000, 4);
  });

  it('prints the answer in English and Chinese; the budget driver needs no --budget', async () => {
    const en = await run(['seek', JUNE, '--driver', 'channels.display.cpm', '--budget', '800000', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toContain('reachable: GMV ¥3,000,000.00, spend ¥800,000.00');
    const zh = await run(['seek', JUNE, '--driver', 'budget', '--lang', 'zh']);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('求解值    ¥809,013.40');
  });

  it('Given no value in range reaches the target, Then JSON has value null with the best reachable figures, and exit 1 names the driver', async () => {
    const r = await run(['seek', JUNE, '--driver', 'channels.affiliate.commission', '--budget', '100000', '--json']);
    expectRefusal(r, 'channels.affiliate.commission', 'no value of "channels.affiliate.commission" in its valid range reaches the target');
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ value: null, reachable: false });
    expect(json.gmv).toBeLessThan(3_000_000);
    expect(json.spend).toBeCloseTo(100_000, 4);
  });

  it('refuses a driver path that does not exist, naming it in zh and en', async () => {
    expectRefusal(await run(['seek', JUNE, '--driver', 'channels.search.cvz', '--budget', '800000']), 'channels.search.cvz', 'the plan has no driver "channels.search.cvz"');
    expectRefusal(await run(['seek', JUNE, '--driver', 'channels.nowhere.cvr', '--budget', '800000']), 'channels.nowhere.cvr', 'the plan has no driver');
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['seek', JUNE, '--budget', '800000'])).code).toBe(2);
    expect((await run(['seek', JUNE, '--driver', 'channels.search.cvr', '--budget', 'lots'])).code).toBe(2);
    expect((await run(['seek', 'no-such.json', '--driver', 'budget'])).code).toBe(2);
  });
});

describe('shopplan allocate', () => {
  it('Given a budget, Then --json has the documented shape and bounds hold', async () => {
    const r = await run(['allocate', SAT, '--budget', '500000', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    // the public shape first; fields may be added after it, never removed or renamed
    expect(Object.keys(json).slice(0, 2)).toEqual(['channels', 'total']);
    expect(typeof json.equalMarginalRoi).toBe('boolean');
    expect(Object.keys(json.channels[0])).toEqual(['id', 'spend', 'visitors', 'gmv', 'roi', 'marginalRoi', 'atBound']);
    expect(Object.keys(json.total)).toEqual(['spend', 'gmv', 'roi', 'profit']);
    expect(json.total.spend).toBeCloseTo(500_000, 4);
    const affiliate = json.channels.find((c: any) => c.id === 'affiliate');
    expect(affiliate).toMatchObject({ atBound: 'max' });
    expect(affiliate.spend).toBeCloseTo(150_000, 6);
  });

  it('Given a target and -o, Then the written plan computes through the engine to the reported figures', async () => {
    const out = join(work, 'allocated.json');
    const r = await run(['allocate', SAT, '--target', '3000000', '--json', '-o', out]);
    expect(r.code).toBe(0);
    const reported = JSON.parse(r.out);
    const computed = await run(['compute', out, '--json']);
    expect(computed.code).toBe(0);
    expect(JSON.parse(computed.out).total.spend).toBe(reported.total.spend);
    expect(JSON.parse(computed.out).total.gmv).toBe(reported.total.gmv);
    expect(JSON.parse(readFileSync(out, 'utf8')).objective.kind).toBe('channels');
  });

  it('prints the allocation in Chinese and English with the equal marginal ROI', async () => {
    const zh = await run(['allocate', SAT, '--budget', '500000', '--lang', 'zh']);
    expect(zh.out).toContain('边际投产比');
    expect(zh.out).toContain('未触及上下限的渠道边际投产比相等');
    const en = await run(['allocate', SAT, '--budget', '2000000', '--breakeven-floor', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toContain('note: the breakeven ROI floor leaves');
  });

  it('Given saturation.json at a ¥4,000,000 target (issue 10), Then the channels not at a bound do share one marginal ROI, and the claim says so', async () => {
    const r = await run(['allocate', SAT, '--target', '4000000', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const free = json.channels.filter((c: any) => c.atBound === null);
    expect(free.map((c: any) => c.id)).toEqual(['search', 'display']);
    expect(json.equalMarginalRoi).toBe(true);
    for (const c of free) expect(Math.abs(c.marginalRoi / json.marginalRoi - 1)).toBeLessThan(1e-6);
    expect(json.total.gmv).toBeCloseTo(4_000_000, 4);
    // the least spend is below what the old allocator found (¥918,418)
    expect(json.total.spend).toBeLessThan(917_200);
    const en = await run(['allocate', SAT, '--target', '4000000', '--lang', 'en']);
    expect(en.out).toContain(`channels not at a bound share one marginal ROI: ${json.marginalRoi.toFixed(4)}`);
  });

  it('Given a budget every channel\'s maximum together cannot use, Then no channel is free and no marginal-ROI claim is printed', async () => {
    const json = JSON.parse((await run(['allocate', SAT, '--budget', '2000000', '--json'])).out);
    expect(json.channels.every((c: any) => c.atBound === 'max')).toBe(true);
    expect(json.equalMarginalRoi).toBe(false);
    for (const lang of ['zh', 'en']) {
      const text = (await run(['allocate', SAT, '--budget', '2000000', '--lang', lang])).out;
      expect(text).not.toContain('share one marginal ROI');
      expect(text).not.toContain('边际投产比相等');
    }
  });

  const badInputs: Array<[string, (doc: any) => void, string, string]> = [
    ['α of 0', (d) => (d.channels[1].response.alpha = 0), 'channels[1].response.alpha', 'curve shape α must be above 0'],
    ['negative κ', (d) => (d.channels[2].response.kappa = -1), 'channels[2].response.kappa', 'half-saturation spend κ must be above 0'],
    ['bounds with min above max', (d) => (d.channels[3].bounds = { min: 70_000, max: 60_000 }), 'channels[3].bounds.min', 'minimum spend 70,000 is above maximum spend 60,000'],
    ['a range that misses its base', (d) => (d.uncertainty['channels.search.cvr'] = { low: 0.03, high: 0.04 }), 'uncertainty.channels.search.cvr', 'low ≤ base 2.5% ≤ high'],
  ];
  for (const [what, edit, path, english] of badInputs) {
    it(`refuses a plan with ${what}: names ${path} in zh and en, exits 1 (allocate, seek and risk alike)`, async () => {
      const file = saturationFile(what.replace(/\W+/g, '-'), edit);
      expectRefusal(await run(['allocate', file, '--budget', '500000']), path, english);
      expectRefusal(await run(['seek', file, '--driver', 'budget']), path, english);
      expectRefusal(await run(['risk', file, '--draws', '10']), path, english);
    });
  }

  it('Given a plan whose target is above a curve\'s ceiling, Then compute and seek name the channel\'s β in zh and en, exit 1', async () => {
    const file = saturationFile('above-ceiling', (d) => (d.objective.gmv = 9_000_000));
    expectRefusal(await run(['compute', file]), 'channels.search.beta', 'its response curve saturates at β = 600,000');
    const seek = await run(['seek', file, '--driver', 'budget', '--json']);
    expectRefusal(seek, 'budget', 'no budget reaches the target ¥9,000,000');
    expect(JSON.parse(seek.out)).toMatchObject({ driver: 'budget', value: null, reachable: false, spend: null });
  });

  it('refuses a target above what the curves can ever give, naming the target', async () => {
    expectRefusal(await run(['allocate', SAT, '--target', '9000000']), 'target', 'is above the ¥4,312,962 the channels can ever give');
    expectRefusal(await run(['allocate', SAT, '--target', '3000000', '--min-roi', '100']), 'allocation.minTotalRoi', 'below the floor 100');
  });

  it('exits 2 unless exactly one of --target and --budget is given', async () => {
    expect((await run(['allocate', SAT])).code).toBe(2);
    expect((await run(['allocate', SAT, '--target', '1', '--budget', '1'])).code).toBe(2);
    expect((await run(['allocate', SAT, '--budget', '1e400'])).code).toBe(2);
  });
});

describe('shopplan risk', () => {
  it('Given a fixed seed, Then the same numbers print twice, in the documented --json shape', async () => {
    const a = await run(['risk', SAT, '--draws', '300', '--seed', '11', '--json']);
    const b = await run(['risk', SAT, '--draws', '300', '--seed', '11', '--json']);
    expect(a.code).toBe(0);
    expect(b.out).toBe(a.out);
    const json = JSON.parse(a.out);
    expect(Object.keys(json)).toEqual(['draws', 'seed', 'gmv', 'spend', 'roi', 'probabilityOfTarget', 'tornado', 'failedDraws']);
    expect(json.failedDraws).toBe(0);
    expect(Object.keys(json.gmv)).toEqual(['p10', 'p50', 'p90']);
    expect(Object.keys(json.tornado[0])).toEqual(['driver', 'low', 'high']);
    expect(json).toMatchObject({ draws: 300, seed: 11 });
  });

  it('prints percentiles, the probability and the tornado in zh and en', async () => {
    const zh = await run(['risk', SAT, '--draws', '200', '--lang', 'zh']);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('达成目标的概率');
    expect(zh.out).toContain('龙卷风图');
    const en = await run(['risk', JUNE, '--draws', '50', '--lang', 'en']);
    expect(en.out).toContain('probability of reaching the target: 100.0%'); // June has no uncertainty
  });

  it('exits 2 on a seed or draw count that is not a whole number, or draws outside 1 to 100,000', async () => {
    expect((await run(['risk', SAT, '--seed', '1.5'])).code).toBe(2);
    expect((await run(['risk', SAT, '--draws', 'many'])).code).toBe(2);
    expect((await run(['risk', SAT, '--draws', '0'])).code).toBe(2);
    const tooMany = await run(['risk', SAT, '--draws', '100001']);
    expect(tooMany.code).toBe(2);
    expect(tooMany.err).toContain('--draws must be from 1 to 100,000, not 100001');
    expect(tooMany.out).toBe('');
  });

  it('Given a range under which no draw computes, Then it refuses (exit 1, zh + en, the range named) instead of printing P10 = P50 = P90 = 0', async () => {
    const path = saturationFile('risk-overflow', (d) => (d.uncertainty = { 'channels.organic.aov': { low: 150, high: 1e307 } }));
    const r = await run(['risk', path, '--draws', '40', '--json']);
    expectRefusal(r, 'uncertainty.channels.organic.aov', 'none of the 40 draws could be computed');
    expect(r.out).toBe('');
  });

  it('Given a progress channel, Then progress goes there and never to stdout; --json stays one JSON document', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const progress: string[] = [];
    const code = await runCli(['risk', SAT, '--draws', '1000', '--json', '--lang', 'en'], { out: (t) => out.push(t), err: (t) => err.push(t), progress: (t) => progress.push(t), env: {}, cwd: repoRoot });
    expect(code).toBe(0);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[progress.length - 1]).toBe('draws 1,000 / 1,000 (100%)');
    expect(JSON.parse(out.join('\n')).draws).toBe(1000);
    expect(err).toEqual([]);
  });

  it('the real command: pnpm -s shopplan risk … --json exits 0 with JSON', () => {
    const proc = spawnSync('pnpm', ['-s', 'shopplan', 'risk', SAT, '--draws', '100', '--json'], { cwd: repoRoot, encoding: 'utf8' });
    expect(proc.status).toBe(0);
    expect(JSON.parse(proc.stdout).draws).toBe(100);
  }, 60_000); // a whole process start (pnpm, tsx) on a shared machine: generous, not a speed check
});
