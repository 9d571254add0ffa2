import { describe, expect, it } from 'vitest';
import { PlanModel, SHEET, simulateRisk, type RiskResult } from '@shopplan/engine';
import { examplePlan, EXAMPLE_PLAN_IDS, scalePlan } from '@shopplan/examples';
import type { Lang, Plan, PlanningSession } from '@shopplan/schema';
import { describeWorkbook, exportWorkbook } from '@shopplan/xlsx';
import { compareDerivedCells } from './derived-cells.ts';
import { recalcWithLibreOffice, shownByLibreOffice } from './libreoffice.ts';
import { XlsxXml } from '@shopplan/xlsx';

/** Exports, recalculates with LibreOffice and compares every derived cell with the engine. */
async function check(input: { plan: Plan; lang: Lang; session?: PlanningSession; risk?: RiskResult; streaming?: boolean }, edit?: (xml: XlsxXml) => Promise<void>) {
  let bytes = await exportWorkbook(input);
  const xml = await XlsxXml.open(bytes);
  if (edit) {
    await edit(xml);
    bytes = await xml.bytes();
  }
  const model = PlanModel.build(input.plan);
  try {
    const layout = describeWorkbook(input, model);
    const cached = new Map<string, Map<string, number | string>>();
    for (const sheet of layout.sheets) if (!sheet.hidden) cached.set(sheet.name, await xml.cachedFormulaValues(sheet.name));
    return compareDerivedCells(layout, recalcWithLibreOffice(bytes, `${input.plan.id}-${input.lang}`), cached);
  } finally {
    model.dispose();
  }
}

describe('every derived cell, recalculated by LibreOffice, equals the engine (relative error < 1e-9)', () => {
  for (const id of EXAMPLE_PLAN_IDS) {
    for (const lang of ['zh', 'en'] as const) {
      for (const streaming of [false, true]) {
        it(`${id}, ${lang}, ${streaming ? 'streaming' : 'in-memory'} writer`, async () => {
          const { compared, mismatches } = await check({ plan: examplePlan(id), lang, streaming });
          expect(mismatches).toEqual([]);
          expect(compared).toBeGreaterThan(40);
        }, 120_000);
      }
    }
  }

  it('a plan with weekly phasing and a session of scenarios: the further sheets too', async () => {
    const plan = structuredClone(examplePlan('june-shop'));
    plan.weeks = [{ start: '2026-06-01', weight: 1 }, { start: '2026-06-08', weight: 1.5 }, { start: '2026-06-15', weight: 3 }, { start: '2026-06-22', weight: 1.2 }];
    const bold = structuredClone(plan);
    bold.objective = { kind: 'target', gmv: 4_200_000 };
    const session: PlanningSession = {
      version: 1,
      activeScenarioId: 'base',
      baselineScenarioId: 'base',
      scenarios: [
        { id: 'base', name: { zh: '基准', en: 'Base' }, plan: plan as unknown as Record<string, unknown> },
        { id: 'bold', name: { zh: '激进', en: 'Bold' }, plan: bold as unknown as Record<string, unknown> },
        { id: 'budget', name: { zh: '预算', en: 'Budget' }, plan: examplePlan('live-crm-budget') as unknown as Record<string, unknown> },
      ],
    };
    const { compared, mismatches } = await check({ plan, lang: 'zh', session });
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(60);
  }, 120_000);
});

describe('the product calendar (array formulas over blocks of products)', () => {
  for (const streaming of [false, true]) {
    it(`a scale plan of 120 products × 12 weeks, ${streaming ? 'streaming' : 'in-memory'} writer: every cell of every array formula`, async () => {
      const { compared, mismatches } = await check({ plan: scalePlan(120, 12), lang: 'zh', streaming });
      expect(mismatches.slice(0, 5)).toEqual([]);
      expect(compared).toBeGreaterThan(120 * 12 * 2);
    }, 300_000);
  }
});

describe('number formats as LibreOffice shows them', () => {
  it('zh: large money in 万 to the yuan, smaller money in ¥ with cents, rates in %; en: ¥ with thousands', async () => {
    const zh = shownByLibreOffice(await exportWorkbook({ plan: examplePlan('june-shop'), lang: 'zh' }), 'june-zh').get(SHEET.channels)!;
    const total = zh[5]!;
    expect(total[1]).toBe('合计');
    expect(total[15]).toBe('¥80.9013万'); // spend 809,013.40
    expect(zh[2]![3]).toBe('50.00%'); // search share
    expect(zh[2]![5]).toBe('¥1.20'); // cost per visitor
    const en = shownByLibreOffice(await exportWorkbook({ plan: examplePlan('june-shop'), lang: 'en' }), 'june-en').get(SHEET.channels)!;
    expect(en[5]![15]).toBe('¥809,013.40');
  }, 120_000);
});

describe('the risk summary', () => {
  it('its formula cells recalculate to the engine-side figures', async () => {
    const plan = examplePlan('saturation');
    const risk = simulateRisk(plan, { draws: 300, seed: 11 });
    if (!risk.ok) throw new Error(JSON.stringify(risk.issues));
    const { compared, mismatches } = await check({ plan, lang: 'en', risk: risk.result });
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(40 + risk.result.tornado.length - 1);
  }, 120_000);
});

describe('the check can fail', () => {
  it('Given a cached value corrupted on purpose, Then the check names that cell', async () => {
    const { mismatches } = await check({ plan: examplePlan('june-shop'), lang: 'en' }, async (xml) => {
      const cell = await xml.cellXml(SHEET.channels, 'P3');
      await xml.setCell(SHEET.channels, 'P3', '', `${/<f>.*?<\/f>/.exec(cell ?? '')?.[0]}<v>999</v>`);
    });
    expect(mismatches).toEqual([{ cell: 'Channels!P3', source: 'cached', engine: expect.any(Number), found: 999 }]);
  }, 120_000);

  it('Given a formula corrupted on purpose, Then LibreOffice computes something else and the check names it', async () => {
    const { mismatches } = await check({ plan: examplePlan('june-shop'), lang: 'en' }, async (xml) => {
      const cell = await xml.cellXml(SHEET.channels, 'O3');
      await xml.setCell(SHEET.channels, 'O3', '', `<f>N3*search.aov*1.01</f>${/<v>.*?<\/v>/.exec(cell ?? '')?.[0]}`);
    });
    // O3 itself, and every cell computed from it, now disagree
    expect(mismatches.filter((m) => m.source === 'libreoffice').map((m) => m.cell)).toContain('Channels!O3');
    expect(mismatches.every((m) => m.source === 'libreoffice')).toBe(true);
  }, 120_000);
});
