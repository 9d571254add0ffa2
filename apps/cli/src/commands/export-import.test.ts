import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { examplePlan, EXAMPLE_PLAN_DOCUMENTS } from '@shopplan/examples';
import { runCli } from '../cli.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const work = mkdtempSync(join(tmpdir(), 'shopplan-xlsx-cli-'));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd: repoRoot });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('shopplan export / import', () => {
  it('exports a plan to xlsx and imports it back unchanged (zh and en)', async () => {
    for (const lang of ['zh', 'en']) {
      const book = join(work, `june-${lang}.xlsx`);
      const back = join(work, `june-${lang}.json`);
      const exported = await run(['export', 'packages/examples/plans/june-shop.json', '-o', book, '--lang', lang]);
      expect(exported.code).toBe(0);
      expect(readFileSync(book).subarray(0, 2).toString()).toBe('PK');
      const imported = await run(['import', book, '-o', back]);
      expect(imported.code, imported.err).toBe(0);
      expect(JSON.parse(readFileSync(back, 'utf8'))).toEqual(examplePlan('june-shop'));
    }
  });

  it('--risk adds the Monte Carlo risk summary sheet', async () => {
    const book = join(work, 'risk.xlsx');
    const { code, err } = await run(['export', 'packages/examples/plans/saturation.json', '-o', book, '--risk']);
    expect(code, err).toBe(0);
    const imported = await run(['import', book]);
    expect(imported.code).toBe(0);
  }, 60_000);

  it('exports a planning session: the active scenario, and the scenarios side by side', async () => {
    const plan = EXAMPLE_PLAN_DOCUMENTS['june-shop'];
    const session = { version: 1, activeScenarioId: 'a', baselineScenarioId: 'a', scenarios: [{ id: 'a', name: { zh: '基准', en: 'Base' }, plan }] };
    const file = join(work, 'session.json');
    writeFileSync(file, JSON.stringify(session));
    const { code } = await run(['export', file, '-o', join(work, 'session.xlsx')]);
    expect(code).toBe(0);
  });

  it('refuses an invalid plan and a file that is not a workbook with exit 1, naming the problem in zh and en', async () => {
    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...(EXAMPLE_PLAN_DOCUMENTS['june-shop'] as object), shop: '' }));
    const exported = await run(['export', bad, '-o', join(work, 'bad.xlsx')]);
    expect(exported.code).toBe(1);
    expect(exported.err).toContain('shop');
    const notBook = join(work, 'not-a-book.xlsx');
    writeFileSync(notBook, 'id,cvr\nsearch,0.03\n');
    const imported = await run(['import', notBook, '-o', join(work, 'x.json')]);
    expect(imported.code).toBe(1);
    expect(imported.err).toContain('(file): ');
    expect(imported.err).toContain('not an xlsx workbook');
    expect(imported.err).toMatch(/[\u4e00-\u9fff]/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['export', 'packages/examples/plans/june-shop.json'])).code).toBe(2);
    expect((await run(['export', 'packages/examples/plans/june-shop.json', '-o', join(work, 'x.csv')])).code).toBe(2);
    expect((await run(['export', 'no-such.json', '-o', join(work, 'x.xlsx')])).code).toBe(2);
    expect((await run(['export', 'packages/examples/plans/june-shop.json', '-o', '/no/such/dir/x.xlsx'])).code).toBe(2);
    expect((await run(['import'])).code).toBe(2);
    expect((await run(['import', 'no-such.xlsx'])).code).toBe(2);
    expect((await run(['import', 'x.xlsx', '--frobnicate'])).code).toBe(2);
  });

  it('runs as planners run it: pnpm -s shopplan export … && pnpm -s shopplan import …', () => {
    const book = join(work, 'proc.xlsx');
    const exp = spawnSync('pnpm', ['-s', 'shopplan', 'export', 'packages/examples/plans/live-crm-budget.json', '-o', book], { cwd: repoRoot, encoding: 'utf8' });
    expect(exp.status, exp.stderr).toBe(0);
    const imp = spawnSync('pnpm', ['-s', 'shopplan', 'import', book], { cwd: repoRoot, encoding: 'utf8' });
    expect(imp.status, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout)).toEqual(examplePlan('live-crm-budget'));
  }, 60_000);
});
