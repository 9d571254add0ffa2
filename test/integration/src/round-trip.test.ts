import { describe, expect, it } from 'vitest';
import { computePlan, PlanModel, SHEET } from '@shopplan/engine';
import { examplePlan, scalePlan } from '@shopplan/examples';
import { writeAssumption, type Plan } from '@shopplan/schema';
import { describeWorkbook, exportWorkbook, importWorkbook } from '@shopplan/xlsx';
import { compareDerivedCells } from './derived-cells.ts';
import { recalcWithLibreOffice, resaveWithLibreOffice } from './libreoffice.ts';
import { XlsxXml } from '@shopplan/xlsx';

/** The Assumptions-sheet address of an assumption path, from the workbook's own defined names. */
async function addressOf(xml: XlsxXml, name: string): Promise<string> {
  const book = await xml.read('xl/workbook.xml');
  const ref = new RegExp(`<definedName name="${name.replace('.', '\\.')}"[^>]*>([^<]+)</definedName>`).exec(book)?.[1];
  if (!ref) throw new Error(`no name ${name}`);
  return ref.split('!')[1]!.replaceAll('$', '');
}

describe('round trip: export → edit three assumptions outside ExcelJS → LibreOffice saves → import', () => {
  const cases: Array<[string, Array<[string, string, number]>]> = [
    ['june-shop', [['channels.search.cvr', 'search.cvr', 0.031], ['objective.gmv', 'target_gmv', 3_600_000], ['channels.display.cpm', 'display.cpm', 41.5]]],
    ['live-crm-budget', [['objective.spend', 'budget', 1_350_000], ['channels.live.fixedFee', 'live.fixedFee', 180_000], ['channels.crm.responseRate', 'crm.responseRate', 0.025]]],
  ];
  for (const [id, requested] of cases) {
    it(`${id}: the imported plan computes exactly what the engine computes for the same changed plan`, async () => {
      const plan = examplePlan(id);
      const edits = requested;
      const xml = await XlsxXml.open(await exportWorkbook({ plan, lang: 'zh' }));
      for (const [, name, value] of edits) await xml.setNumber(SHEET.assumptions, await addressOf(xml, name), value);
      const saved = resaveWithLibreOffice(await xml.bytes(), `${id}-edited`);
      // the file is LibreOffice's writing now
      expect(await (await XlsxXml.open(saved)).read('docProps/app.xml')).toMatch(/LibreOffice/);

      const outcome = await importWorkbook(saved);
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.warnings).toEqual([]);
      let changed: Plan = plan;
      for (const [path, , value] of edits) changed = writeAssumption(changed, path, value)!;
      expect(outcome.plan).toEqual(changed);
      const fromImport = computePlan(outcome.plan);
      const fromEngine = computePlan(changed);
      expect(fromImport.ok && fromEngine.ok).toBe(true);
      if (fromImport.ok && fromEngine.ok) expect(fromImport.result).toEqual(fromEngine.result);

      // and LibreOffice's own figures for the edited workbook are the engine's for the changed plan
      const model = PlanModel.build(changed);
      try {
        const layout = describeWorkbook({ plan: changed, lang: 'zh' }, model);
        const resaved = await XlsxXml.open(saved);
        const cached = new Map<string, Map<string, number | string>>();
        for (const sheet of layout.sheets) if (!sheet.hidden) cached.set(sheet.name, await resaved.cachedFormulaValues(sheet.name));
        const { mismatches, compared } = compareDerivedCells(layout, recalcWithLibreOffice(saved, `${id}-resaved`), cached);
        expect(mismatches).toEqual([]);
        expect(compared).toBeGreaterThan(40);
      } finally {
        model.dispose();
      }
    }, 180_000);
  }

  it('a product calendar: a product price edited in place comes back; a changed week weight is reported, not taken back', async () => {
    const plan = scalePlan(40, 8);
    const xml = await XlsxXml.open(await exportWorkbook({ plan, lang: 'en' }));
    await xml.setNumber('Products', 'D3', 88); // products.p02.price
    await xml.setNumber(SHEET.assumptions, await addressOf(xml, 'search.cpc'), 1.35);
    await xml.setNumber('Weeks', 'B4', 9.5);
    const saved = resaveWithLibreOffice(await xml.bytes(), 'scale-edited');
    const outcome = await importWorkbook(saved);
    expect(outcome.ok, JSON.stringify(outcome).slice(0, 500)).toBe(true);
    if (!outcome.ok) return;
    const changed = writeAssumption(writeAssumption(plan, 'products.p02.price', 88)!, 'channels.search.cpc', 1.35)!;
    expect(outcome.plan).toEqual(changed);
    expect(outcome.warnings.map((w) => [w.path, w.code])).toEqual([['Weeks!B4', 'value_not_taken_back']]);
    expect(computePlan(outcome.plan)).toEqual(computePlan(changed));
  }, 180_000);
});
