import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRODUCT_PLAN_SHEET } from '@shopplan/engine';
import { examplePlan, EXAMPLE_PLAN_DOCUMENTS } from '@shopplan/examples';
import { XlsxXml } from '@shopplan/xlsx';
import { runCli } from '../cli.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const work = mkdtempSync(join(tmpdir(), 'shopplan-export-products-'));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd: repoRoot });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The sheet names of a workbook, in order, from its workbook.xml. */
async function sheetNames(file: string): Promise<string[]> {
  const xml = await XlsxXml.open(new Uint8Array(readFileSync(file)));
  return [...(await xml.read('xl/workbook.xml')).matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]!);
}

describe('shopplan export of a plan with a product plan', () => {
  it('Given products-2027, When exported, Then it exits 0, the workbook carries every product plan sheet after the budget sheets, and it imports back unchanged', async () => {
    const book = join(work, 'products-2027.xlsx');
    const exported = await run(['export', 'packages/examples/plans/products-2027.json', '-o', book, '--lang', 'en']);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.err).toBe('');
    const names = await sheetNames(book);
    for (const name of Object.values(PRODUCT_PLAN_SHEET)) expect(names).toContain(name);
    expect(names.indexOf(PRODUCT_PLAN_SHEET.weeks)).toBeGreaterThan(names.indexOf('Days'));
    // the import reads the plan and its assumptions; the product sheets are derived and do not disturb it
    const back = join(work, 'products-2027.json');
    const imported = await run(['import', book, '-o', back]);
    expect(imported.code, imported.err).toBe(0);
    expect(JSON.parse(readFileSync(back, 'utf8'))).toEqual(examplePlan('products-2027'));
  }, 300_000);

  it('Given a plan whose product plan cannot be built (no product on sale before the last week), When exported, Then the workbook is written without product sheets (exit 0) and the issues are printed in zh and en with their paths', async () => {
    const doc = structuredClone(EXAMPLE_PLAN_DOCUMENTS['products-2027']) as { products: Array<Record<string, unknown>> };
    for (const product of doc.products) product.lifecycle = { launch: '2027-12-27' };
    const file = join(work, 'late-launch.json');
    writeFileSync(file, JSON.stringify(doc));
    const book = join(work, 'late-launch.xlsx');
    const exported = await run(['export', file, '-o', book, '--lang', 'zh']);
    expect(exported.code).toBe(0);
    expect(exported.err).toContain('weeks[0]: 2027-01-04 这一周有成交额目标，但没有在售商品');
    expect(exported.err).toContain('the week of 2027-01-04 has GMV to plan but no product on sale');
    const names = await sheetNames(book);
    expect(names).toContain('Days');
    expect(names).not.toContain(PRODUCT_PLAN_SHEET.weeks);
  }, 300_000);
});
