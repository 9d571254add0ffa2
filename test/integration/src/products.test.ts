import { describe, expect, it } from 'vitest';
import { PRODUCT_PLAN_SHEET, productPlanCol, productPlanSheets, ProductPlan } from '@shopplan/engine';
import { scalePlan } from '@shopplan/examples';
import { parsePlan, type Plan } from '@shopplan/schema';
import { calcNumber } from './csv.ts';
import { recalcWithLibreOffice } from './libreoffice.ts';
import { specToXlsx } from './spec-xlsx.ts';

/**
 * 200 products over 52 weeks with every plan v4 field (roles, costs, lead
 * times, MOQ, stock, service levels, lifecycles, seasons, a decoy, 618 and
 * Double 11 promotions of every mechanic), seeded. Stands in for the
 * 200-product example until packages/examples carries it.
 */
function plan200(): Plan {
  const base = scalePlan(200);
  const year = Number(base.weeks![0]!.start.slice(0, 4)) + 1;
  const roles = ['traffic', 'profit', 'flagship', 'conversion', 'potential', 'seasonal'] as const;
  const mechanics = [
    { kind: 'bogo' }, { kind: 'secondHalf' }, { kind: 'multiBuy', items: 3, total: 199 }, { kind: 'spendSave', tiers: [{ spend: 300, save: 40 }, { spend: 500, save: 80 }] },
    { kind: 'coupon', threshold: 0, value: 10 }, { kind: 'priceCut', price: 59 }, { kind: 'group', price: 49, groupSize: 3 },
  ];
  const products = (base.products ?? []).map((p, i) => ({
    ...p,
    role: roles[i % 6],
    unitCost: Math.round(p.price * (0.3 + ((i * 37) % 40) / 100) * 100) / 100,
    leadDays: (i * 13) % 61,
    moq: [1, 10, 50, 100][i % 4],
    stock: (i * 397) % 2000,
    serviceLevel: [0.9, 0.95, 0.99][i % 3],
    demandCv: 0.2 + (i % 5) * 0.1,
    ...(i % 10 === 3 ? { lifecycle: { launch: `${year}-03-02`, growth: `${year}-04-06`, maturity: `${year}-06-01`, decline: `${year}-10-05` } } : {}),
    ...(i % 20 === 7 ? { season: { start: `${year}-05-11`, end: `${year}-08-30` } } : {}),
    ...(i === 199 ? { decoy: true } : {}),
    ...(i % 5 < 2 ? { promotions: [{ activity: 'mid-618', mechanic: mechanics[i % 7] }, { activity: 'double-11', mechanic: mechanics[(i + 3) % 7] }] } : {}),
  }));
  const parsed = parsePlan({
    ...base,
    version: 4,
    products,
    activities: [
      { id: 'mid-618', name: { zh: '618', en: '618' }, tier: 'A', kind: 'platform', window: { start: `${year}-05-20`, end: `${year}-06-25` }, peakOn: `${year}-06-16` },
      { id: 'double-11', name: { zh: '双11', en: 'Double 11' }, tier: 'S', kind: 'platform', window: { start: `${year}-10-15`, end: `${year}-11-20` }, peakOn: `${year}-11-10` },
    ],
    productSettings: { priceEnding: 9, asOf: `${year}-02-02` },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
  return parsed.plan;
}

describe('the product plan sheets, recalculated by LibreOffice, equal the engine', () => {
  it('200 products × 52 weeks: every revenue to the fen, every week summing to its GMV, units, margin, safety stock, orders and stock', () => {
    const built = ProductPlan.build(plan200());
    if (!built.ok) throw new Error(JSON.stringify(built.issues.slice(0, 3)));
    const facts = built.plan.sheetFacts();
    built.plan.dispose();
    const n = facts.products.length;
    const W = facts.weekStarts.length;
    expect([n, W]).toEqual([200, 52]);
    const sheets = recalcWithLibreOffice(specToXlsx(productPlanSheets(facts)), 'product-plan-200');
    const cell = (sheet: string, col: number, row: number): number => {
      const text = sheets.get(sheet)?.[row]?.[col];
      const v = calcNumber(text);
      if (v === undefined) throw new Error(`${sheet} cell ${col},${row} is not a number: ${JSON.stringify(text)}`);
      return v;
    };
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    const mismatches: string[] = [];
    const expectClose = (what: string, got: number, want: number) => {
      if (!close(got, want)) mismatches.push(`${what}: LibreOffice ${got}, engine ${want}`);
    };
    let orders = 0;
    for (let w = 0; w < W; w++) {
      let weekFen = 0;
      for (let p = 0; p < n; p++) {
        const i = p * W + w;
        const fen = Math.round(cell(PRODUCT_PLAN_SHEET.revenue, w + 1, p + 1) * 100);
        if (fen !== facts.revenueFen[i]) mismatches.push(`revenue ${p},${w}: LibreOffice ${fen} fen, engine ${facts.revenueFen[i]}`);
        weekFen += fen;
        expectClose(`units ${p},${w}`, cell(PRODUCT_PLAN_SHEET.units, w + 1, p + 1), facts.units[i]!);
        expectClose(`margin ${p},${w}`, cell(PRODUCT_PLAN_SHEET.margin, w + 1, p + 1), facts.margin[i]!);
        const order = cell(PRODUCT_PLAN_SHEET.order, w + 1, p + 1);
        if (order !== facts.order[i]) mismatches.push(`order ${p},${w}: LibreOffice ${order}, engine ${facts.order[i]}`);
        if (order > 0) orders++;
        expectClose(`stock ${p},${w}`, cell(PRODUCT_PLAN_SHEET.stock, w + 1, p + 1), facts.closing[i]!);
      }
      if (weekFen !== facts.weekFen[w]) mismatches.push(`week ${w}: products sum to ${weekFen} fen, the week's GMV is ${facts.weekFen[w]}`);
    }
    for (let p = 0; p < n; p++) expectClose(`safety stock ${p}`, cell(PRODUCT_PLAN_SHEET.products, productPlanCol('safetyStock'), p + 1), facts.safety[p]!);
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(orders).toBeGreaterThan(100);
  });
});
