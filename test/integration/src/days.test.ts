import { describe, expect, it } from 'vitest';
import { dayCol, DAYS_SHEET, PlanModel } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import { parsePlan, type Lang, type Plan, type PlanInput } from '@shopplan/schema';
import { describeWorkbook, exportWorkbook, XlsxXml } from '@shopplan/xlsx';
import { compareDerivedCells } from './derived-cells.ts';
import { calcNumber } from './csv.ts';
import { recalcWithLibreOffice } from './libreoffice.ts';

function plan(doc: Record<string, unknown>): Plan {
  const parsed = parsePlan(doc as PlanInput);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.plan;
}

/** A November plan of DOMAIN.md's June shop with a Double 11 presale, a member day, a weekday pattern and a hangover. */
function double11Month(): Plan {
  return plan({
    ...structuredClone(examplePlan('june-shop')),
    version: 3,
    id: 'double-11-month',
    period: { start: '2026-11-01', end: '2026-11-30' },
    objective: { kind: 'target', gmv: 5_432_109.87 },
    calendar: { weekdays: [1, 0.95, 0.95, 1, 1.1, 1.35, 1.3], months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.2, 1.1], hangover: { factor: 0.7, days: 5 } },
    activities: [
      {
        id: 'double-11', name: { zh: '双11', en: 'Double 11' }, tier: 'S', kind: 'platform',
        window: { start: '2026-10-20', end: '2026-11-25' }, peakOn: '2026-11-11',
        phases: { warmUp: 10, peak: 3, tail: 2, encore: 4 },
        presale: { depositShare: 0.4, dropOutRate: 0.15, finalPaymentDays: 2 },
        rates: { peak: { channels: { display: { cpm: 1.9 } } } },
      },
      { id: 'member-day', name: { zh: '会员日', en: 'Member day' }, tier: 'C', kind: 'routine', window: { start: '2026-11-25', end: '2026-11-25' } },
    ],
  });
}

/** Exports, recalculates with LibreOffice (cached values ignored) and compares every derived cell with the engine. */
async function check(p: Plan, lang: Lang, streaming: boolean) {
  const bytes = await exportWorkbook({ plan: p, lang, streaming });
  const xml = await XlsxXml.open(bytes);
  const model = PlanModel.build(p);
  try {
    const layout = describeWorkbook({ plan: p, lang }, model);
    const cached = new Map<string, Map<string, number | string>>();
    for (const sheet of layout.sheets) if (!sheet.hidden) cached.set(sheet.name, await xml.cachedFormulaValues(sheet.name));
    const recalculated = recalcWithLibreOffice(bytes, `${p.id}-${lang}`);
    return { ...compareDerivedCells(layout, recalculated, cached), recalculated, model };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

describe('the Days and Calendar sheets, recalculated by LibreOffice, equal the engine', () => {
  for (const streaming of [false, true]) {
    it(`a Double 11 presale month with a hangover and a member day (${streaming ? 'streaming' : 'in-memory'} writer): every derived cell, and the whole fen by remainder key`, async () => {
      const p = double11Month();
      const { compared, mismatches, recalculated, model } = await check(p, streaming ? 'en' : 'zh', streaming);
      try {
        expect(mismatches).toEqual([]);
        // per day: 15 day formulas, 3 per channel (the free channel's spend is 0), 4 on the Calendar
        expect(compared).toBeGreaterThan(30 * (15 + 3 * p.channels.length - 1 + 4));
        // LibreOffice's own fen column: whole numbers that sum exactly to the target in fen
        const csv = recalculated.get(DAYS_SHEET.days)!;
        const fen = csv.slice(1, 31).map((row) => calcNumber(row[dayCol('fen')]) ?? Number.NaN);
        expect(fen.every(Number.isInteger)).toBe(true);
        expect(fen.reduce((a, b) => a + b, 0)).toBe(543_210_987);
        // and LibreOffice's fen is the engine's, day by day
        fen.forEach((f, i) => expect(f).toBe(model.value(DAYS_SHEET.days, dayCol('fen'), i + 1)));
        expect(recalculated.get(DAYS_SHEET.calendar)?.[11]?.[0]).toBe('2026-11-11');
      } finally {
        model.dispose();
      }
    }, 300_000);
  }

  it('a budget plan phases its spend: LibreOffice agrees cell by cell', async () => {
    const p = plan({ ...structuredClone(examplePlan('live-crm-budget')), version: 3, calendar: { weekdays: [1, 1, 1, 1, 1.2, 1.5, 1.4] } });
    const { compared, mismatches, model } = await check(p, 'en', false);
    model.dispose();
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  }, 300_000);
});
