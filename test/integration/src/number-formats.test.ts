import { describe, expect, it } from 'vitest';
import { CHANNEL_COLUMNS, columnLetter, SHEET, type CellFormat } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import type { Lang, PlanningSession } from '@shopplan/schema';
import { exportWorkbook, XlsxXml } from '@shopplan/xlsx';
import { shownByLibreOffice } from './libreoffice.ts';

/**
 * The number a displayed figure stands for: `-¥12.1702万` → -121702,
 * `-1.23%` → -0.0123, `"-¥150,800.00"` → -150800. Undefined for text.
 */
function shownNumber(text: string): number | undefined {
  const t = text.trim();
  const wan = t.endsWith('万');
  const percent = t.endsWith('%');
  const n = Number(t.replace(/[¥,万%\s]/g, ''));
  if (t === '' || !Number.isFinite(n)) return undefined;
  return wan ? n * 10_000 : percent ? n / 100 : n;
}

/** Zero-based row and column of an A1 address. */
function position(address: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(`not an address: ${address}`);
  const col = [...m[1]!].reduce((acc, ch) => acc * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(m[2]) - 1, col };
}

/** Negative values per format, each shown to its format's precision. */
const NEGATIVES: Record<Exclude<CellFormat, 'text'>, Array<[number, number]>> = {
  // [value, how close the shown figure must be]
  money: [[-121_702, 0.005], [-150_800, 0.005], [-99_999.99, 0.005], [-100_000, 0.005], [-5.5, 0.005], [-3_456_789.12, 0.005]],
  count: [[-121_702, 0.005], [-3.25, 0.005], [-1_000_000, 0.005]],
  ratio: [[-0.75, 0.00005], [-1.5, 0.00005], [-12.3456, 0.00005]],
  rate: [[-0.0123, 0.00005], [-1.5, 0.00005], [-0.5, 0.00005]],
};

describe('every number format shows a negative value with its minus sign in LibreOffice', () => {
  for (const lang of ['zh', 'en'] as const satisfies readonly Lang[]) {
    it(`${lang}: negative values written into cells of each format (the styles the export writes) read as negative`, async () => {
      const xml = await XlsxXml.open(await exportWorkbook({ plan: examplePlan('june-shop'), lang }));
      const placed: Array<{ address: string; format: string; value: number; within: number }> = [];
      for (const [format, values] of Object.entries(NEGATIVES)) {
        // every Channels column of this format, so each distinct style is tried
        const columns = CHANNEL_COLUMNS.map((c, i) => ({ c, i })).filter(({ c }) => c.format === format);
        expect(columns.length).toBeGreaterThan(0);
        for (const { i } of columns) {
          for (const [k, [value, within]] of values.entries()) {
            const row = 2 + (k % 4); // the channel rows of june-shop: 2 … 5
            const address = `${columnLetter(i)}${row}`;
            // cells the export leaves empty (a free channel has no clicks) carry no style to try
            if (placed.some((p) => p.address === address) || (await xml.cellXml(SHEET.channels, address)) === undefined) continue;
            await xml.setNumber(SHEET.channels, address, value);
            placed.push({ address, format, value, within });
          }
        }
      }
      const shown = shownByLibreOffice(await xml.bytes(), `negatives-${lang}`).get(SHEET.channels)!;
      const wrong = placed.flatMap(({ address, format, value, within }) => {
        const { row, col } = position(address);
        const text = shown[row]?.[col] ?? '';
        const n = shownNumber(text);
        return text.startsWith('-') && n !== undefined && Math.abs(n - value) <= within ? [] : [{ address, format, value, shown: text }];
      });
      expect(wrong).toEqual([]);
      expect(placed.length).toBeGreaterThan(20);
    }, 120_000);
  }

  it('zh: large positive money still reads in 万, small money in yuan', async () => {
    const xml = await XlsxXml.open(await exportWorkbook({ plan: examplePlan('june-shop'), lang: 'zh' }));
    const gmv = columnLetter(CHANNEL_COLUMNS.findIndex((c) => c.key === 'gmv'));
    await xml.setNumber(SHEET.channels, `${gmv}2`, 121_702);
    await xml.setNumber(SHEET.channels, `${gmv}3`, 99_999.99);
    const shown = shownByLibreOffice(await xml.bytes(), 'positives-zh').get(SHEET.channels)!;
    const col = position(`${gmv}2`).col;
    expect(shown[1]![col]).toBe('¥12.1702万');
    expect(shown[2]![col]).toBe('¥99,999.99');
  }, 120_000);

  it('zh and en: every negative figure of a real export (a loss after ads, scenario differences) reads as negative', async () => {
    const plan = examplePlan('saturation');
    const lean = structuredClone(plan);
    if (lean.objective.kind === 'target') lean.objective.gmv -= 150_800;
    const session: PlanningSession = {
      version: 1,
      activeScenarioId: 'base',
      baselineScenarioId: 'base',
      scenarios: [
        { id: 'base', name: { zh: '基准', en: 'Base' }, plan: plan as unknown as Record<string, unknown> },
        { id: 'lean', name: { zh: '保守', en: 'Lean' }, plan: lean as unknown as Record<string, unknown> },
      ],
    };
    for (const lang of ['zh', 'en'] as const) {
      const bytes = await exportWorkbook({ plan, lang, session });
      const xml = await XlsxXml.open(bytes);
      const shown = shownByLibreOffice(bytes, `saturation-${lang}`);
      let negatives = 0;
      const wrong: Array<{ cell: string; value: number; shown: string }> = [];
      for (const sheet of [SHEET.channels, SHEET.summary, 'Scenarios']) {
        for (const [address, value] of await xml.cachedFormulaValues(sheet)) {
          if (typeof value !== 'number' || value > -0.005) continue;
          negatives++;
          const { row, col } = position(address);
          const text = shown.get(sheet)?.[row]?.[col] ?? '';
          if (!text.startsWith('-')) wrong.push({ cell: `${sheet}!${address}`, value, shown: text });
        }
      }
      expect(wrong).toEqual([]);
      // the loss after ads and the lean scenario's lower GMV and spend at least
      expect(negatives).toBeGreaterThanOrEqual(3);
    }
  }, 180_000);
});
