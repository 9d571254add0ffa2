import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_DOCUMENTS } from '@shopplan/examples';
import { runCli } from './cli.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const work = mkdtempSync(join(tmpdir(), 'shopplan-cli-'));

async function run(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd: repoRoot });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function planFile(name: string, edit: (doc: any) => void): string {
  const doc = structuredClone(EXAMPLE_PLAN_DOCUMENTS['june-shop']) as any;
  edit(doc);
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

describe('shopplan compute', () => {
  it('prints the channel table in English and Chinese', async () => {
    const en = await run(['compute', 'packages/examples/plans/june-shop.json', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toContain('Paid search     274,056.03');
    expect(en.out).toMatch(/Total\s+948,112.06\s+20,113.28\s+3,000,000.00\s+809,013.40\s+3.7082/);
    const zh = await run(['compute', 'packages/examples/plans/june-shop.json'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.out).toContain('直通车');
    expect(zh.out).toContain('合计');
  });

  it('--json has the documented shape with full precision and nulls', async () => {
    const { code, out } = await run(['compute', 'packages/examples/plans/june-shop.json', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['channels', 'total']);
    expect(Object.keys(json.channels[0])).toEqual(['id', 'visitors', 'clicks', 'impressions', 'orders', 'gmv', 'spend', 'roi', 'costPerOrder', 'visitorValue']);
    expect(Object.keys(json.total)).toEqual(['visitors', 'orders', 'gmv', 'spend', 'roi']);
    expect(json.channels[1].visitors).toBeCloseTo(274_056.0292326, 6);
    expect(json.channels[0].roi).toBeNull();
  });

  const badInputs: Array<[string, (doc: any) => void, string, string]> = [
    ['rate above 100%', (d) => (d.channels[2].cvr = 1.2), 'channels[2].cvr', 'conversion rate must be at most 100%'],
    ['rate below 0', (d) => (d.channels[1].cost.share = -0.5), 'channels[1].cost.share', 'share must be at least 0%'],
    ['negative spend', (d) => (d.objective = { kind: 'budget', spend: -10 }), 'objective.spend', 'budget must be at least 0'],
    ['negative price', (d) => (d.channels[1].aov = -160), 'channels[1].aov', 'average order value must be above 0'],
    ['shares off 100%', (d) => (d.channels[1].cost.share = 0.4), 'channels', "paid channels' shares sum to 90%"],
    ['CTR of 0', (d) => (d.channels[2].cost.ctr = 0), 'channels[2].cost.ctr', 'click-through rate must be above 0%'],
    ['missing channel id', (d) => delete d.channels[3].id, 'channels[3].id', 'id is missing'],
    ['duplicated channel id', (d) => (d.channels[2].id = 'search'), 'channels[2].id', 'channel id "search" is used twice'],
    ['free channels above target', (d) => (d.objective.gmv = 900_000), 'objective.gmv', 'the free channels already bring ¥1200000.00'],
    ['unknown version', (d) => (d.version = 7), 'version', 'unknown plan version 7'],
  ];
  for (const [what, edit, path, english] of badInputs) {
    it(`refuses a plan with a ${what}: names ${path} in zh and en, exits 1`, async () => {
      const { code, err } = await run(['compute', planFile(what.replace(/\W+/g, '-'), edit)]);
      expect(code).toBe(1);
      expect(err).toContain(`${path}: `);
      expect(err).toContain(english);
      expect(err).toMatch(/[\u4e00-\u9fff]/);
      expect(err).not.toMatch(/\n\s+at /);
    });
  }

  it('refuses a malformed JSON file with exit 1', async () => {
    const path = join(work, 'broken.json');
    writeFileSync(path, '{"version": 1, "channels": [');
    const { code, err } = await run(['compute', path]);
    expect(code).toBe(1);
    expect(err).toContain('(file): ');
    expect(err).toContain('not valid JSON');
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['compute'])).code).toBe(2);
    expect((await run(['compute', 'no-such-plan.json'])).code).toBe(2);
    expect((await run(['compute', 'packages/examples/plans/june-shop.json', '--lang', 'fr'])).code).toBe(2);
    expect((await run(['compute', 'packages/examples/plans/june-shop.json', '--frobnicate'])).code).toBe(2);
    expect((await run(['teleport'])).code).toBe(2);
  });

  const june = 'packages/examples/plans/june-shop.json';
  const year = 'packages/examples/plans/year-2027.json';
  it.each([
    [['compute']], [['risk', '--draws', '10']], [['schedule']], [['phase', '--by', 'week']], [['products']], [['reorders']],
    [['allocate', '--budget', '800000']], [['seek', '--driver', 'channels.search.cvr', '--budget', '800000']], [['export', '-o', join(work, 'two.xlsx')]],
  ])('%j with two plan files is a usage error naming both, never the first alone', async ([verb, ...flags]) => {
    const { code, err, out } = await run([verb!, june, year, ...flags]);
    expect(code).toBe(2);
    expect(err).toContain('one plan file, not 2');
    expect(err).toContain('year-2027.json');
    expect(out).toBe('');
  });
});

describe('shopplan schema', () => {
  it('prints the JSON Schema generated from zod', async () => {
    const { code, out } = await run(['schema']);
    expect(code).toBe(0);
    expect(JSON.parse(out).title).toBe('shopplan plan document');
  });
});

// Each case starts pnpm, tsx and HyperFormula in a fresh process: slow on a loaded machine.
describe('the real command, as planners run it', { timeout: 60_000 }, () => {
  it('pnpm -s shopplan compute … --json from the repo root exits 0 with JSON', () => {
    const out = execFileSync('pnpm', ['-s', 'shopplan', 'compute', 'packages/examples/plans/june-shop.json', '--json'], { cwd: repoRoot, encoding: 'utf8' });
    expect(JSON.parse(out).total.gmv).toBeCloseTo(3_000_000, 6);
  });

  it('an invalid plan exits 1 through the process, with no stack trace', () => {
    const bad = planFile('proc-bad', (d) => (d.channels[2].cvr = 1.5));
    const proc = spawnSync('pnpm', ['-s', 'shopplan', 'compute', bad], { cwd: repoRoot, encoding: 'utf8' });
    expect(proc.status).toBe(1);
    expect(proc.stderr).toContain('channels[2].cvr');
    expect(proc.stderr).not.toContain('    at ');
  });

  it('a reader that stops early (| head) closes the pipe: the command leaves quietly, no stack trace', async () => {
    // the command resolves files against INIT_CWD when pnpm sets it (a test run under turbo sets it to this package): give it the repo root
    const proc = spawn('node', ['apps/cli/dist/shopplan.js', 'reorders', 'packages/examples/plans/products-2027.json', '--json'], { cwd: repoRoot, env: { ...process.env, INIT_CWD: repoRoot } });
    let stderr = '';
    let answered = false;
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<number | null>((done) => proc.on('close', (c) => done(c)));
    // read the first chunk of the answer, then hang up as `head -c` does (or learn why none came)
    await Promise.race([new Promise<void>((done) => proc.stdout.once('data', () => { answered = true; proc.stdout.destroy(); done(); })), closed]);
    const code = await closed;
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toContain('    at ');
    expect(answered, stderr).toBe(true);
    // 141 when the write met the closed pipe, 0 when the answer was already out
    expect([0, 141]).toContain(code);
  });
});
