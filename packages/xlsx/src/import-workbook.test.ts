import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { SHEET } from '@shopplan/engine';
import { examplePlan, scalePlan } from '@shopplan/examples';
import { writeAssumption } from '@shopplan/schema';
import { exportWorkbook, importWorkbook, PLAN_SHEET } from './index.ts';
import { XlsxXml } from './xlsx-xml.ts';

const june = examplePlan('june-shop');
const exported = (streaming = false) => exportWorkbook({ plan: june, lang: 'zh', streaming });

describe('importWorkbook', () => {
  it('Given an untouched export, When imported, Then the plan comes back unchanged with no warnings', async () => {
    for (const streaming of [false, true]) {
      const outcome = await importWorkbook(await exported(streaming));
      expect(outcome).toEqual({ ok: true, plan: june, warnings: [] });
    }
  });

  it('Given assumptions edited in the sheet XML, Then the plan carries the new values', async () => {
    const xml = await XlsxXml.open(await exported());
    await xml.setNumber(SHEET.assumptions, 'C6', 0.03); // search.cvr
    await xml.setNumber(SHEET.assumptions, 'C2', 3_500_000); // target GMV
    const outcome = await importWorkbook(await xml.bytes());
    expect(outcome.ok).toBe(true);
    const want = writeAssumption(writeAssumption(june, 'channels.search.cvr', 0.03)!, 'objective.gmv', 3_500_000);
    if (outcome.ok) expect(outcome.plan).toEqual(want);
  });

  const refusals: Array<[string, (xml: XlsxXml) => Promise<void>, string, string, RegExp]> = [
    ['text where a number belongs', (x) => x.setInlineText(SHEET.assumptions, 'C6', '3%'), 'Assumptions!C6', 'not_a_number', /must be a number, not "3%"/],
    ['a formula typed over an assumption', (x) => x.setCell(SHEET.assumptions, 'C9', '', '<f>1+1</f><v>2</v>'), 'Assumptions!C9', 'formula_over_assumption', /formula was typed over cost per click/],
    ['an emptied assumption', (x) => x.setCell(SHEET.assumptions, 'C7', '', ''), 'Assumptions!C7', 'empty', /is empty/],
    ['a rate above 100%', (x) => x.setNumber(SHEET.assumptions, 'C6', 1.5), 'Assumptions!C6', 'too_big', /at most 100%/],
    ['a negative price', (x) => x.setNumber(SHEET.assumptions, 'C9', -1), 'Assumptions!C9', 'too_small', /must be above 0/],
    ['a deleted name', async (x) => x.write('xl/workbook.xml', (await x.read('xl/workbook.xml')).replace(/<definedName name="search\.cpc">[^<]*<\/definedName>/, '')), 'Assumptions!C9', 'name_missing', /"search\.cpc".*deleted/],
  ];
  for (const [what, edit, path, code, english] of refusals) {
    it(`refuses ${what}, naming ${path} in zh and en, guessing nothing`, async () => {
      const xml = await XlsxXml.open(await exported());
      await edit(xml);
      const outcome = await importWorkbook(await xml.bytes());
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      const issue = outcome.issues.find((i) => i.path === path);
      expect(issue, JSON.stringify(outcome.issues)).toBeDefined();
      expect(issue!.code).toBe(code);
      expect(issue!.message.en).toMatch(english);
      expect(issue!.message.zh).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('names every share cell when the shares no longer sum to 100%', async () => {
    const xml = await XlsxXml.open(await exported());
    await xml.setNumber(SHEET.assumptions, 'C8', 0.4); // search.share 50% → 40%
    const outcome = await importWorkbook(await xml.bytes());
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues[0]).toMatchObject({ code: 'shares_sum', path: 'Assumptions!C8, Assumptions!C12, Assumptions!C17' });
  });

  it('warns (and does not take back) a derived cell typed over by hand', async () => {
    const xml = await XlsxXml.open(await exported());
    await xml.setNumber(SHEET.channels, 'P3', 1);
    const outcome = await importWorkbook(await xml.bytes());
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.plan).toEqual(june);
      expect(outcome.warnings.map((w) => [w.path, w.code])).toEqual([['Channels!P3', 'derived_changed']]);
    }
  });

  it('refuses a workbook shopplan did not write, and a damaged plan sheet', async () => {
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').getCell('A1').value = 1;
    const foreign = await importWorkbook(new Uint8Array(await other.xlsx.writeBuffer() as ArrayBuffer));
    expect(foreign).toMatchObject({ ok: false, issues: [{ path: `${PLAN_SHEET}!A1`, code: 'not_shopplan' }] });
    const xml = await XlsxXml.open(await exported());
    await xml.setInlineText(PLAN_SHEET, 'A3', '{"version":');
    expect(await importWorkbook(await xml.bytes())).toMatchObject({ ok: false, issues: [{ path: `${PLAN_SHEET}!A3`, code: 'plan_sheet_damaged' }] });
  });

  it('refuses what is not a zip, a file over the size limit, and a workbook over the cell limit', async () => {
    expect(await importWorkbook(new TextEncoder().encode('name,cvr\nsearch,0.03\n'))).toMatchObject({ ok: false, issues: [{ path: '(file)', code: 'not_xlsx' }] });
    const bytes = await exported();
    const big = await importWorkbook(bytes, { maxFileBytes: 1000 });
    expect(big).toMatchObject({ ok: false, issues: [{ code: 'too_large' }] });
    if (!big.ok) expect(big.issues[0]!.message.en).toMatch(/too large .* the limit is/);
    const cells = await importWorkbook(bytes, { maxCells: 50 });
    expect(cells).toMatchObject({ ok: false, issues: [{ code: 'too_many_cells' }] });
  });

  it('never inflates parts it does not read: a 64 MB image beside the sheets is no bomb', async () => {
    const zip = await JSZip.loadAsync(await exported());
    zip.file('xl/media/image1.png', new Uint8Array(64 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(await importWorkbook(bytes)).toEqual({ ok: true, plan: june, warnings: [] });
  }, 60_000);

  it('refuses a zip bomb before inflating it, whatever size its headers declare', async () => {
    const parts = unzipSync(await exported());
    parts['xl/worksheets/sheet9.xml'] = new Uint8Array(64 * 1024 * 1024);
    const bomb = zipSync(parts, { level: 6 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const outcome = await importWorkbook(bomb);
    expect(outcome).toMatchObject({ ok: false, issues: [{ path: '(file)', code: 'zip_bomb' }] });
    if (!outcome.ok) expect(outcome.issues[0]!.message.en).toMatch(/zip bomb/);
    // headers that lie (declared sizes zeroed): refused all the same, never inflated to 64 MB
    const lying = bomb.slice();
    const view = new DataView(lying.buffer);
    for (let i = 0; i < lying.length - 46; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0, true);
    }
    const lied = await importWorkbook(lying, { maxUncompressedBytes: 8 * 1024 * 1024 });
    expect(lied.ok).toBe(false);
    if (!lied.ok) expect(['zip_bomb', 'not_xlsx']).toContain(lied.issues[0]!.code);
  }, 60_000);

  it('refuses external links with a clear message', async () => {
    const xml = await XlsxXml.open(await exported());
    xml.write('xl/externalLinks/externalLink1.xml', '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></externalLink>');
    xml.write('xl/externalLinks/_rels/externalLink1.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/secret/budget.xlsx" TargetMode="External"/></Relationships>');
    const outcome = await importWorkbook(await xml.bytes());
    expect(outcome).toMatchObject({ ok: false, issues: [{ path: '(file)', code: 'external_links' }] });
    if (!outcome.ok) expect(outcome.issues[0]!.message.en).toMatch(/links to other files/);
  });

  it('reads a product price at its place, and refuses when the row no longer carries its product', async () => {
    const plan = scalePlan(6, 3);
    const xml = await XlsxXml.open(await exportWorkbook({ plan, lang: 'en' }));
    await xml.setNumber('Products', 'D3', 77);
    const ok = await importWorkbook(await xml.bytes());
    expect(ok.ok && ok.plan).toEqual(writeAssumption(plan, `products.${plan.products![1]!.id}.price`, 77));
    await xml.setInlineText('Products', 'A3', 'someone-else');
    const moved = await importWorkbook(await xml.bytes());
    expect(moved.ok).toBe(false);
    if (!moved.ok) expect(moved.issues.map((i) => [i.path, i.code])).toEqual([['Products!C3', 'row_moved'], ['Products!D3', 'row_moved']]);
  });
});
