import { strToU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHEET } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import { exportWorkbook, importWorkbook, PLAN_SHEET, XlsxXml, type ImportOutcome } from '@shopplan/xlsx';
import { rawEntry, writeRawZip, type RawZipEntry } from './hostile-zip.ts';

const june = examplePlan('june-shop');
let parts: Record<string, Uint8Array>;
let assumptionsPart: string;

beforeAll(async () => {
  const bytes = await exportWorkbook({ plan: june, lang: 'zh' });
  parts = unzipSync(bytes);
  assumptionsPart = await (await XlsxXml.open(bytes)).sheetPath(SHEET.assumptions);
});

/** The exported workbook with some parts replaced or added, each deflated; `extra` entries go in as given. */
function workbookWith(replaced: Record<string, string | Uint8Array>, extra: RawZipEntry[] = []): Uint8Array {
  const all = { ...parts, ...Object.fromEntries(Object.entries(replaced).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])) };
  return writeRawZip([...Object.entries(all).map(([name, data]) => rawEntry(name, data)), ...extra]);
}

/** The exported Assumptions sheet with XML inserted after `</sheetData>` (or replacing it, for rows). */
function assumptionsWith(edit: (xml: string) => string): Record<string, string> {
  return { [assumptionsPart]: edit(new TextDecoder().decode(parts[assumptionsPart])) };
}

/** A refusal: not ok, one issue with this code at this path, in Chinese and English. */
function expectRefused(outcome: ImportOutcome, code: string, path = '(file)'): void {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.issues.map((i) => [i.path, i.code])).toEqual([[path, code]]);
  expect(outcome.issues[0]!.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(outcome.issues[0]!.message.en).toMatch(/[a-z]/);
}

describe('hostile workbooks are refused with a zh + en issue, before any spreadsheet library reads them', () => {
  it('a 14 kB workbook whose hidden plan sheet claims 100,000,000 chunks (and other counts that do not match)', async () => {
    for (const count of ['100000000', '4294967296', '0', '-1', '1e9', 'many']) {
      const xml = await XlsxXml.open(await exportWorkbook({ plan: june, lang: 'zh' }));
      await xml.setInlineText(PLAN_SHEET, 'A2', count);
      const bytes = await xml.bytes();
      expect(bytes.length).toBeLessThan(32 * 1024);
      expectRefused(await importWorkbook(bytes), 'plan_sheet_damaged', `${PLAN_SHEET}!A2`);
    }
  }, 60_000);

  it('a hidden plan sheet whose version is nested 20,000 levels deep', async () => {
    const xml = await XlsxXml.open(await exportWorkbook({ plan: june, lang: 'en' }));
    await xml.setInlineText(PLAN_SHEET, 'A2', '1');
    await xml.setInlineText(PLAN_SHEET, 'A3', `{"version":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    for (let r = 4; (await xml.cellXml(PLAN_SHEET, `A${r}`)) !== undefined; r++) await xml.setInlineText(PLAN_SHEET, `A${r}`, '');
    expectRefused(await importWorkbook(await xml.bytes()), 'plan_sheet_damaged', `${PLAN_SHEET}!A3`);
  });

  it('400,000 empty rows in a file of a few hundred kB: rows are counted as well as cells', async () => {
    const rows = Array.from({ length: 400_000 }, (_, i) => `<row r="${i + 100}"/>`).join('');
    const bytes = workbookWith(assumptionsWith((xml) => xml.replace('</sheetData>', `${rows}</sheetData>`)));
    expect(bytes.length).toBeLessThan(16 * 1024 * 1024);
    expectRefused(await importWorkbook(bytes), 'too_many_rows');
  }, 60_000);

  it('a shared-string table of 2,000,000 entries', async () => {
    const strings = Array.from({ length: 2_000_000 }, (_, i) => `<si><t>${i.toString(36)}</t></si>`).join('');
    const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings}</sst>`;
    const bytes = workbookWith({ 'xl/sharedStrings.xml': sst });
    expect(bytes.length).toBeLessThan(16 * 1024 * 1024);
    expectRefused(await importWorkbook(bytes), 'too_many_strings');
  }, 60_000);

  it('200 sheets of 1 MiB each, refused from their declared sizes', async () => {
    const mib = rawEntry('x', strToU8(`<worksheet>${' '.repeat(1024 * 1024 - 23)}</worksheet>`));
    const extra = Array.from({ length: 200 }, (_, i) => ({ ...mib, name: `xl/worksheets/sheet${100 + i}.xml` }));
    const bytes = workbookWith({}, extra);
    expect(bytes.length).toBeLessThan(16 * 1024 * 1024);
    expectRefused(await importWorkbook(bytes), 'zip_bomb');
  }, 60_000);

  it('3,000 entries of 1 MiB each that the import does not read: never inflated, the plan comes back', async () => {
    const mib = rawEntry('x', new Uint8Array(1024 * 1024));
    const extra = Array.from({ length: 3_000 }, (_, i) => ({ ...mib, name: `xl/media/image${i}.png` }));
    const bytes = workbookWith({}, extra);
    expect(bytes.length).toBeLessThan(16 * 1024 * 1024);
    expect(await importWorkbook(bytes)).toEqual({ ok: true, plan: june, warnings: [] });
  }, 60_000);

  it('more zip entries than any workbook has', async () => {
    const tiny = rawEntry('x', strToU8('x'));
    const extra = Array.from({ length: 12_000 }, (_, i) => ({ ...tiny, name: `customXml/item${i}.xml` }));
    expectRefused(await importWorkbook(workbookWith({}, extra)), 'too_many_entries');
  }, 60_000);

  it('a sheet part that inflates beyond the size it declares is cut at the declared size, never inflated further', async () => {
    const huge = strToU8(`<worksheet>${'<row/>'.repeat(2_000_000)}</worksheet>`);
    const lying = { ...rawEntry('xl/worksheets/sheet50.xml', huge), declaredSize: 1024 };
    // cut at 1 kB the sheet is incomplete XML (which ExcelJS would wait on forever): refused
    expectRefused(await importWorkbook(workbookWith({}, [lying])), 'not_xlsx');
  }, 60_000);

  it('a merged range over a whole sheet (a reader would visit 17 billion cells)', async () => {
    const bytes = workbookWith(assumptionsWith((xml) => xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="D1:XFD1048576"/></mergeCells>')));
    expectRefused(await importWorkbook(bytes), 'too_many_cells');
  });

  it('a data validation over whole columns is not expanded cell by cell: the plan comes back', async () => {
    const bytes = workbookWith(assumptionsWith((xml) => xml.replace(/<dataValidations[\s\S]*?<\/dataValidations>/, '').replace(/(<\/sheetData>[\s\S]*?)(<pageMargins|<\/worksheet>)/, '$1<dataValidations count="1"><dataValidation type="decimal" allowBlank="1" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>$2')));
    expect(await importWorkbook(bytes)).toEqual({ ok: true, plan: june, warnings: [] });
  }, 60_000);
});
