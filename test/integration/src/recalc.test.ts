import { describe, expect, it } from 'vitest';
import { PlanModel, SHEET, simulateRisk, type RiskResult } from '@shopplan/engine';
import { examplePlan, EXAMPLE_PLAN_IDS, scalePlan } from '@shopplan/examples';
import { parsePlan, type Lang, type Plan, type PlanningSession } from '@shopplan/schema';
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

describe('edge plans of issue 10 recalculated by LibreOffice (the formulas that changed)', () => {
  const june = (edit: (doc: any) => void): Plan => {
    const doc = structuredClone(examplePlan('june-shop')) as any;
    doc.version = 2;
    edit(doc);
    const parsed = parsePlan(doc);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return parsed.plan;
  };
  const zeroDisplay = (doc: any) => {
    doc.paidSplit = 'gmv';
    doc.channels[2].cost.share = 0;
    doc.channels[2].cvr = 0;
    doc.channels[1].cost.share = 0.8;
  };
  const curves = (doc: any, alpha: number) => {
    doc.channels[1].response = { curve: 'hill', maps: 'visitors', beta: 600_000, alpha, kappa: 300_000 };
    doc.channels[2].response = { curve: 'hill', maps: 'visitors', beta: 400_000, alpha, kappa: 350_000 };
  };
  const cases: Array<[string, Plan]> = [
    ['a GMV split with a 0% share at CVR 0, target', june(zeroDisplay)],
    ['the same under a budget (a cost per GMV left empty in SUMPRODUCT)', june((d) => { zeroDisplay(d); d.objective = { kind: 'budget', spend: 500_000 }; })],
    ['a GMV split whose shares sum to 1.0000004', june((d) => { d.paidSplit = 'gmv'; d.channels[1].cost.share += 4e-7; })],
    ['per-channel levers on α = 4 curves, one spend of 1e100, one tiny', june((d) => {
      curves(d, 4);
      d.objective = { kind: 'channels', spend: { search: 1e100, display: 1e-200 }, visitors: { affiliate: 50_000 } };
    })],
    ['per-channel levers on α = 0.6 curves (marginal ROI below and above κ)', june((d) => {
      curves(d, 0.6);
      d.objective = { kind: 'channels', spend: { search: 120_000, display: 900_000 }, visitors: { affiliate: 50_000 } };
    })],
  ];
  for (const [what, plan] of cases) {
    it(what, async () => {
      const { compared, mismatches } = await check({ plan, lang: 'en' });
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(40);
    }, 120_000);
  }
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
