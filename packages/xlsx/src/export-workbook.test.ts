import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CHANNEL_COLUMNS, columnLetter, dayCol, FORMULA_FUNCTIONS, PlanModel, SHEET, simulateRisk } from '@shopplan/engine';
import { examplePlan, EXAMPLE_PLAN_IDS, scalePlan } from '@shopplan/examples';
import { parsePlan, type Plan, type PlanningSession } from '@shopplan/schema';
import { exportWorkbook, formulaFunctions, PLAN_SHEET } from './index.ts';
import { XlsxXml } from './xlsx-xml.ts';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

const col = (key: string) => CHANNEL_COLUMNS.findIndex((c) => c.key === key) + 1;

describe('exportWorkbook', () => {
  for (const id of EXAMPLE_PLAN_IDS) {
    for (const streaming of [false, true]) {
      it(`${id} (${streaming ? 'streaming' : 'in-memory'} writer): every formula cell carries the engine's value; only portable functions`, async () => {
        const plan = examplePlan(id);
        const book = await load(await exportWorkbook({ plan, lang: 'en', streaming }));
        const model = PlanModel.build(plan);
        let formulas = 0;
        for (const sheet of model.spec.sheets) {
          const ws = book.getWorksheet(sheet.name);
          expect(ws, sheet.name).toBeDefined();
          sheet.rows.forEach((row, i) => row.forEach((spec, c) => {
            const cell = ws!.getCell(i + 2, c + 1);
            if (typeof spec.content === 'string' && spec.content.startsWith('=') && spec.format !== 'text') {
              formulas++;
              expect(cell.type).toBe(ExcelJS.ValueType.Formula);
              expect(`=${cell.formula}`).toBe(spec.content);
              for (const f of formulaFunctions(spec.content)) expect(FORMULA_FUNCTIONS).toContain(f);
              const engine = model.value(sheet.name, c, i + 1);
              const cached = cell.result;
              if (engine === null) expect(cached === '' || cached === undefined || cached === null).toBe(true);
              else expect(cached).toBe(engine);
            } else if (typeof spec.content === 'number') {
              expect(cell.value).toBe(spec.content);
            }
          }));
        }
        expect(formulas).toBeGreaterThan(20);
        // every name of the spec is a defined name on the same cell
        for (const n of model.spec.names) {
          const ranges = book.definedNames.getRanges(n.name).ranges;
          expect(ranges.map((r) => r.replaceAll('$', ''))).toEqual([`${n.sheet}!${String.fromCharCode(65 + n.col)}${n.row + 1}`]);
        }
        model.dispose();
      });
    }
  }

  it('writes headers and labels in the chosen language, formats, frozen panes, widths', async () => {
    const plan = examplePlan('june-shop');
    const zh = await load(await exportWorkbook({ plan, lang: 'zh' }));
    const en = await load(await exportWorkbook({ plan, lang: 'en' }));
    const chZh = zh.getWorksheet(SHEET.channels)!;
    const chEn = en.getWorksheet(SHEET.channels)!;
    expect(chZh.getCell(1, col('spend')).value).toBe('花费');
    expect(chEn.getCell(1, col('spend')).value).toBe('Spend');
    expect(chZh.getCell(3, col('name')).value).toBe('直通车');
    expect(chEn.getCell(3, col('name')).value).toBe('Paid search');
    expect(chZh.getCell(6, col('name')).value).toBe('合计');
    expect(chEn.getCell(3, col('share')).numFmt).toBe('0.00%');
    expect(chEn.getCell(3, col('spend')).numFmt).toBe('"¥"#,##0.00');
    expect(chZh.getCell(3, col('spend')).numFmt).toContain('万');
    expect(chEn.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 });
    expect(chEn.getColumn(col('impressions')).width).toBe(16);
    const assumptions = zh.getWorksheet(SHEET.assumptions)!;
    expect(assumptions.getCell('B6').value).toBe('直通车 · 转化率');
    expect(assumptions.getCell('E6').value).toBe('%（比率）');
    expect(zh.getWorksheet('Plan')!.getCell('B1').value).toBe('六月店铺计划');
    expect(zh.getWorksheet(PLAN_SHEET)!.state).toBe('veryHidden');
    const scale = scalePlan(3, 2);
    const products = (await load(await exportWorkbook({ plan: scale, lang: 'zh' }))).getWorksheet('Products')!;
    expect(products.getCell('B2').value).toBe(scale.products![0]!.name.zh);
  });

  it('validates rates (0–100%) and money (≥ 0) on assumption cells, and flags ROI below 1', async () => {
    const xml = await XlsxXml.open(await exportWorkbook({ plan: examplePlan('june-shop'), lang: 'en' }));
    const assumptions = await xml.read(await xml.sheetPath(SHEET.assumptions));
    // C6 is search.cvr (rate), C9 search.cpc (money)
    expect(assumptions).toMatch(/<dataValidation type="decimal"[^>]*sqref="C6"><formula1>0<\/formula1><formula2>1<\/formula2>/);
    expect(assumptions).toMatch(/<dataValidation type="decimal"[^>]*operator="greaterThanOrEqual"[^>]*sqref="[^"]*C9[^"]*"/);
    const channels = await xml.read(await xml.sheetPath(SHEET.channels));
    expect(channels).toMatch(/<conditionalFormatting sqref="Q2:Q6"><cfRule type="cellIs"[^>]*operator="lessThan"[^>]*><formula>1<\/formula>/);
    expect(channels).toMatch(/<conditionalFormatting sqref="T2:T6"><cfRule type="cellIs"[^>]*operator="lessThan"[^>]*><formula>0<\/formula>/); // profit below 0
  });

  it('writes plan text that starts with = + - @ or a tab as text, never as a formula', async () => {
    const evil = ['=HYPERLINK("http://x.example","click")', '+1+1', '-2+3', '@SUM(1)'];
    const doc = structuredClone(examplePlan('june-shop')) as Plan;
    evil.forEach((name, i) => {
      doc.channels[i]!.name = { zh: name, en: name };
    });
    doc.name = { zh: '\tcmd', en: '\tcmd' };
    doc.shop = '=1+1';
    const parsed = parsePlan(doc);
    expect(parsed.ok).toBe(true);
    for (const streaming of [false, true]) {
      const bytes = await exportWorkbook({ plan: doc, lang: 'en', streaming });
      const xml = await XlsxXml.open(bytes);
      for (let i = 0; i < doc.channels.length; i++) {
        const cell = await xml.cellXml(SHEET.channels, `B${i + 2}`);
        expect(cell).toMatch(/t="(s|inlineStr)"/);
        expect(cell).not.toContain('<f>');
      }
      const cover = await xml.cellXml('Plan', 'B1');
      expect(cover).toMatch(/t="(s|inlineStr)"/);
      const book = await load(bytes);
      expect(book.getWorksheet(SHEET.channels)!.getCell('B2').value).toBe(evil[0]);
      expect(book.getWorksheet(SHEET.channels)!.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    }
  });

  it('puts scenarios side by side with their differences from the baseline as formulas', async () => {
    const base = examplePlan('june-shop');
    const bold = structuredClone(base);
    bold.objective = { kind: 'target', gmv: 4_000_000 };
    const session: PlanningSession = {
      version: 1,
      scenarios: [
        { id: 'bold', name: { zh: '激进', en: 'Bold' }, plan: bold as unknown as Record<string, unknown> },
        { id: 'base', name: { zh: '基准', en: 'Base' }, plan: base as unknown as Record<string, unknown> },
      ],
      activeScenarioId: 'base',
      baselineScenarioId: 'base',
    };
    const book = await load(await exportWorkbook({ plan: base, lang: 'en', session }));
    const ws = book.getWorksheet('Scenarios')!;
    expect(ws.getCell('B1').value).toBe('Base');
    expect(ws.getCell('C1').value).toBe('Bold');
    expect(ws.getCell('B2').value).toBeCloseTo(3_000_000, 6);
    expect(ws.getCell('C2').value).toBeCloseTo(4_000_000, 6);
    expect(ws.getCell('D2').formula).toBe('C2-$B2');
    expect(ws.getCell('D2').result).toBeCloseTo(1_000_000, 6);
  });

  it('writes the engine’s Days and Calendar sheets when the plan has weeks: whole fen per day, as formulas', async () => {
    const plan = structuredClone(examplePlan('june-shop'));
    plan.weeks = [{ start: '2026-06-01', weight: 1 }, { start: '2026-06-08', weight: 3 }];
    const book = await load(await exportWorkbook({ plan, lang: 'en' }));
    expect(book.getWorksheet('Phasing')).toBeUndefined();
    const days = book.getWorksheet('Days')!;
    const target = columnLetter(dayCol('target'));
    expect(days.getCell('A2').value).toBe('2026-06-01');
    expect(days.getCell(`${target}2`).formula).toMatch(/\/100$/);
    // week 1 carries ¥750,000 over 7 days: 10,714,285.71… fen a day, the remainder fen to the earlier days
    expect(days.getCell(`${target}2`).result).toBe(107_142.86);
    expect(days.getCell(`${target}8`).result).toBe(107_142.85);
    // June 15–30 are in no week: weight 0
    expect(days.getCell(`${target}17`).result).toBe(0);
    expect(book.getWorksheet('Calendar')!.getCell('A2').value).toBe('2026-06-01');
  });

  it('writes a risk summary when given a risk result: percentiles as values, swings as formulas', async () => {
    const plan = examplePlan('saturation'); // has uncertainty ranges
    const risk = simulateRisk(plan, { draws: 200, seed: 7 });
    expect(risk.ok).toBe(true);
    if (!risk.ok) return;
    const book = await load(await exportWorkbook({ plan, lang: 'en', risk: risk.result }));
    const ws = book.getWorksheet('Risk')!;
    expect(ws.getCell('B2').value).toBe(risk.result.gmv.p10);
    expect(ws.getCell('D2').value).toBe(risk.result.gmv.p90);
    const first = risk.result.tornado[0]!;
    expect(ws.getCell('A9').value).toBe(first.driver);
    expect(ws.getCell('D9').formula).toBe('ABS(C9-B9)');
    expect(ws.getCell('D9').result).toBeCloseTo(Math.abs(first.high - first.low), 9);
  });
});
