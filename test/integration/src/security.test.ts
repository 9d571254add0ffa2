import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { SHEET } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import { parsePlan, type Plan } from '@shopplan/schema';
import { exportWorkbook, importWorkbook } from '@shopplan/xlsx';
import { recalcWithLibreOffice, resaveWithLibreOffice } from './libreoffice.ts';
import { XlsxXml } from '@shopplan/xlsx';

const INJECTIONS = ['=HYPERLINK("http://evil.example","x")', '+SUM(1,1)', '-1+2', '@SUM(1)'];

function evilPlan(): Plan {
  const plan = structuredClone(examplePlan('june-shop'));
  INJECTIONS.forEach((name, i) => {
    plan.channels[i]!.name = { zh: name, en: name };
  });
  plan.shop = '\t=1+1';
  const parsed = parsePlan(plan);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.plan;
}

describe('formula injection', () => {
  it('names starting with = + - @ or a tab stay text: LibreOffice shows them literally, computes nothing from them', async () => {
    const bytes = await exportWorkbook({ plan: evilPlan(), lang: 'en' });
    const sheets = recalcWithLibreOffice(bytes, 'evil');
    const channels = sheets.get(SHEET.channels)!;
    INJECTIONS.forEach((name, i) => expect(channels[i + 1]![1]).toBe(name));
    expect(sheets.get('Plan')![1]![1]).toBe('\t=1+1');
    // nor does a LibreOffice save turn them into formulas
    const resaved = await XlsxXml.open(resaveWithLibreOffice(bytes, 'evil'));
    for (let i = 0; i < INJECTIONS.length; i++) expect(await resaved.cellXml(SHEET.channels, `B${i + 2}`)).not.toContain('<f>');
    const back = await importWorkbook(await resaved.bytes());
    expect(back.ok && back.plan.channels.map((c) => c.name.en)).toEqual(INJECTIONS);
  }, 120_000);
});

describe('an import refuses what it must not read, with a clear message', () => {
  it('a zip bomb (default limits: 64 MB of zeros in 62 KB is over 1000:1)', async () => {
    const zip = await JSZip.loadAsync(await exportWorkbook({ plan: examplePlan('june-shop'), lang: 'en' }));
    zip.file('xl/sharedStrings.xml', new Uint8Array(64 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const outcome = await importWorkbook(bomb);
    expect(outcome).toMatchObject({ ok: false, issues: [{ path: '(file)', code: 'zip_bomb' }] });
    if (!outcome.ok) expect(outcome.issues[0]!.message.en).toMatch(/looks like a zip bomb/);
  }, 120_000);

  it('a workbook over the size limit and over the cell limit', async () => {
    const bytes = await exportWorkbook({ plan: examplePlan('june-shop'), lang: 'en' });
    expect(await importWorkbook(bytes, { maxFileBytes: 4096 })).toMatchObject({ ok: false, issues: [{ code: 'too_large' }] });
    expect(await importWorkbook(bytes, { maxCells: 100 })).toMatchObject({ ok: false, issues: [{ code: 'too_many_cells' }] });
  });

  it('external links', async () => {
    const xml = await XlsxXml.open(await exportWorkbook({ plan: examplePlan('june-shop'), lang: 'en' }));
    const rels = await xml.read('xl/_rels/workbook.xml.rels');
    xml.write('xl/_rels/workbook.xml.rels', rels.replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>'));
    xml.write('xl/externalLinks/externalLink1.xml', '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
    const outcome = await importWorkbook(await xml.bytes());
    expect(outcome).toMatchObject({ ok: false, issues: [{ path: '(file)', code: 'external_links' }] });
    if (!outcome.ok) expect(outcome.issues[0]!.message.zh).toContain('外部链接');
  });
});
