import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examplePlan, scalePlan } from '@shopplan/examples';
import { parsePlan, type Lang, type Plan, type PlanningSession } from '@shopplan/schema';
import { exportWorkbook, importWorkbook } from '@shopplan/xlsx';
import { resaveWithLibreOffice } from './libreoffice.ts';

/** Texts that look like OOXML's `_xHHHH_` escapes, carry characters XML cannot hold, or look like markup. */
const TRICKY = [
  '_x0022_',
  '_x003D_SUM(1)',
  'a_x005F_x0041_b',
  '_X003d_',
  '_x00',
  'p\r1',
  'line\r\nbreak',
  'x\u0001y\u001F',
  'tab\there',
  '<b>&amp;</b>',
  '<script>alert(1)</script>',
  ' padded ',
  '=SUM(1)',
  '"quoted"',
  '\u{1F600} 直通车',
  '\uD800 lone',
];

/** A plan of the product calendar whose every text a planner can type is `texts[i]` in turn. */
function planWithTexts(texts: readonly string[]): Plan {
  const plan = structuredClone(scalePlan(Math.max(3, texts.length), 2));
  const at = (i: number) => texts[i % texts.length]!;
  plan.name = { zh: at(0), en: at(1) };
  plan.shop = at(2);
  plan.channels.forEach((ch, i) => {
    ch.name = { zh: at(i + 3), en: at(i + 4) };
  });
  const products = plan.products ?? [];
  products.forEach((p, i) => {
    p.id = `${at(i)}#${i}`.slice(-64); // unique, within the schema's 64 characters
    p.name = { zh: at(i + 1), en: at(i + 2) };
  });
  const parsed = parsePlan(plan);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.plan;
}

/** A session of two scenarios named with the texts (their names become column headers). */
function sessionOf(plan: Plan, a: string, b: string): PlanningSession {
  return {
    version: 1,
    activeScenarioId: 's1',
    baselineScenarioId: 's1',
    scenarios: [
      { id: 's1', name: { zh: a, en: a }, plan: plan as unknown as Record<string, unknown> },
      { id: 's2', name: { zh: b, en: b }, plan: plan as unknown as Record<string, unknown> },
    ],
  };
}

describe('export then import is the identity for plan text', () => {
  for (const lang of ['zh', 'en'] as const satisfies readonly Lang[]) {
    it(`${lang}: escapes, CR, control characters and markup in names and product ids come back as written`, async () => {
      const plan = planWithTexts(TRICKY);
      const bytes = await exportWorkbook({ plan, lang, session: sessionOf(plan, '_x0022_', 'a\rb') });
      const outcome = await importWorkbook(bytes);
      expect(outcome).toEqual({ ok: true, plan, warnings: [] });
    }, 60_000);
  }

  it('the same workbook opened and saved by LibreOffice still imports as the same plan', async () => {
    // Left out, as LibreOffice itself changes them when it saves: a lone
    // surrogate is no character (it becomes '?', the space after it lost), and
    // a literal `_x005F_x0041_` is written back unescaped (it then reads as
    // `_x0041_`); the plan document on the hidden sheet keeps both exactly.
    const plan = planWithTexts(TRICKY.filter((t) => !t.includes('\uD800') && !t.includes('_x005F_')));
    const saved = resaveWithLibreOffice(await exportWorkbook({ plan, lang: 'zh' }), 'tricky-texts');
    const outcome = await importWorkbook(saved);
    expect(outcome.ok, JSON.stringify(outcome).slice(0, 1000)).toBe(true);
    if (outcome.ok) expect(outcome.plan).toEqual(plan);
  }, 120_000);

  it('a channel named _x003D_SUM(1) reads back as that text, not =SUM(1); a product id with a CR is not "rows were moved"', async () => {
    const plan = structuredClone(examplePlan('june-shop'));
    plan.channels[0]!.name = { zh: '_x003D_SUM(1)', en: '_x0022_' };
    const calendar = planWithTexts(['p\r1', 'p\r2', 'p\r3']);
    for (const p of [plan, calendar]) {
      const outcome = await importWorkbook(await exportWorkbook({ plan: p, lang: 'en' }));
      expect(outcome).toEqual({ ok: true, plan: p, warnings: [] });
    }
  }, 60_000);

  it('property: random plan text (names, ids with control characters, markup, _xHHHH_) round-trips', async () => {
    const fragment = fc.oneof(
      fc.constantFrom(...TRICKY),
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 3 }),
      fc.tuple(fc.constantFrom('_x', '_X', '_x005F_x'), fc.stringMatching(/^[0-9A-Fa-f]{4}_$/)).map(([a, b]) => a + b),
    );
    const text = fc.array(fragment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')).filter((t) => t.length > 0 && t.length <= 60);
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 3, maxLength: 8 }), fc.constantFrom<Lang>('zh', 'en'), async (texts, lang) => {
        const plan = planWithTexts(texts);
        const bytes = await exportWorkbook({ plan, lang, session: sessionOf(plan, texts[0]!, texts[1]!) });
        expect(await importWorkbook(bytes)).toEqual({ ok: true, plan, warnings: [] });
      }),
      { numRuns: 60, seed: 20_261_130 },
    );
  }, 120_000);
});
