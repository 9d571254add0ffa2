import { describe, expect, it } from 'vitest';
import { SHEET } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import { exportWorkbook, importWorkbook, XlsxXml } from '@shopplan/xlsx';

const june = examplePlan('june-shop');
// june-shop's Assumptions sheet: C6 is search.cvr, C7 search.aov, C5 organic's AOV
const open = async () => XlsxXml.open(await exportWorkbook({ plan: june, lang: 'zh' }));

/** Points the defined name `name` at `ref` in workbook.xml. */
async function repoint(xml: XlsxXml, name: string, ref: string): Promise<void> {
  const book = await xml.read('xl/workbook.xml');
  const re = new RegExp(`(<definedName name="${name.replace('.', '\\.')}"[^>]*>)[^<]*(</definedName>)`);
  expect(re.test(book)).toBe(true);
  xml.write('xl/workbook.xml', book.replace(re, `$1${ref}$2`));
}

/** Puts XML right after the Assumptions sheet's `</sheetData>`. */
async function afterSheetData(xml: XlsxXml, inserted: string): Promise<void> {
  const path = await xml.sheetPath(SHEET.assumptions);
  xml.write(path, (await xml.read(path)).replace('</sheetData>', `</sheetData>${inserted}`));
}

/** The import refuses, naming `cell` with `code`, in zh and en. */
async function expectNamed(xml: XlsxXml, cell: string, code: string, english: RegExp): Promise<void> {
  const outcome = await importWorkbook(await xml.bytes());
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  const issue = outcome.issues.find((i) => i.path === cell);
  expect(issue, JSON.stringify(outcome.issues)).toBeDefined();
  expect(issue!.code).toBe(code);
  expect(issue!.message.en).toMatch(english);
  expect(issue!.message.zh).toMatch(/[\u4e00-\u9fff]/);
}

describe('tampered workbooks are named by cell, never imported silently', () => {
  it('an array formula spilling over an assumption cell', async () => {
    const xml = await open();
    await xml.setCell(SHEET.assumptions, 'B6', '', '<f t="array" ref="B6:C6">{"x",0.9}</f><v>0</v>');
    await expectNamed(xml, 'Assumptions!C6', 'array_over_assumption', /array formula at Assumptions!B6 spills over/);
  });

  it('an assumption cell merged into its neighbour (it would show the neighbour\'s value)', async () => {
    const xml = await open();
    await afterSheetData(xml, '<mergeCells count="1"><mergeCell ref="C5:C6"/></mergeCells>');
    await expectNamed(xml, 'Assumptions!C6', 'merged_over_assumption', /merged into Assumptions!C5/);
  });

  it('a defined name repointed to another sheet', async () => {
    const xml = await open();
    await repoint(xml, 'search.cvr', 'Channels!$D$3');
    await expectNamed(xml, 'Assumptions!C6', 'name_repointed', /"search\.cvr".*Channels!D3.*not on the Assumptions sheet/);
  });

  it("a defined name repointed to another assumption's cell", async () => {
    const xml = await open();
    await repoint(xml, 'search.cvr', 'Assumptions!$C$7');
    await expectNamed(xml, 'Assumptions!C6', 'name_repointed', /"search\.cvr".*Assumptions!C7.*another assumption \(channels\.search\.aov\)/);
  });

  it('rows sorted in the sheet (names move with their rows) still import', async () => {
    const xml = await open();
    const path = await xml.sheetPath(SHEET.assumptions);
    // swap rows 6 and 7 the way a sort does: cells, and the names that follow them
    const sheet = await xml.read(path);
    const row = (r: number) => new RegExp(`<row r="${r}"[^>]*>.*?</row>`).exec(sheet)![0];
    const six = row(6);
    const seven = row(7);
    const moved = (text: string, from: number, to: number) => text.replace(`<row r="${from}"`, `<row r="${to}"`).replace(new RegExp(`r="([A-Z]+)${from}"`, 'g'), `r="$1${to}"`);
    xml.write(path, sheet.replace(six, moved(seven, 7, 6)).replace(seven, moved(six, 6, 7)));
    await repoint(xml, 'search.cvr', 'Assumptions!$C$7');
    await repoint(xml, 'search.aov', 'Assumptions!$C$6');
    expect(await importWorkbook(await xml.bytes())).toEqual({ ok: true, plan: june, warnings: [] });
  });

  it('an external link in a renamed part, declared with single quotes', async () => {
    const xml = await open();
    const rels = await xml.read('xl/_rels/workbook.xml.rels');
    xml.write('xl/_rels/workbook.xml.rels', rels.replace('</Relationships>', "<Relationship Id='rId77' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink' Target='misc/data1.xml'/></Relationships>"));
    xml.write('xl/misc/data1.xml', '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
    const outcome = await importWorkbook(await xml.bytes());
    expect(outcome).toMatchObject({ ok: false, issues: [{ path: '(file)', code: 'external_links' }] });
  });

  it('an external link known only from the content types or the workbook, and one in the strict namespace', async () => {
    const types = await open();
    const ct = await types.read('[Content_Types].xml');
    types.write('[Content_Types].xml', ct.replace('</Types>', '<Override PartName="/xl/misc/a.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>'));
    const book = await open();
    const wb = await book.read('xl/workbook.xml');
    book.write('xl/workbook.xml', wb.replace('</sheets>', '</sheets><externalReferences><externalReference r:id="rId90"/></externalReferences>'));
    const strict = await open();
    const rels = await strict.read('xl/_rels/workbook.xml.rels');
    strict.write('xl/_rels/workbook.xml.rels', rels.replace('</Relationships>', '<Relationship Id="rId78" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/externalLink" Target="x/y.bin"/></Relationships>'));
    for (const xml of [types, book, strict]) {
      expect(await importWorkbook(await xml.bytes())).toMatchObject({ ok: false, issues: [{ path: '(file)', code: 'external_links' }] });
    }
  });
});
