import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_DOCUMENTS } from '@shopplan/examples';
import { runCli } from '../cli.ts';

const work = mkdtempSync(join(tmpdir(), 'shopplan-products-'));

async function run(args: string[], today = '2026-05-01') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, cwd: work, today });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** DOMAIN.md's June shop with five weeks, three products and a 618 peaking 16–18 June. */
function juneFile(name: string, edit: (doc: any) => void = () => {}): string {
  const doc = structuredClone(EXAMPLE_PLAN_DOCUMENTS['june-shop']) as any;
  doc.version = 3;
  doc.period = { start: '2026-06-01', end: '2026-07-05' };
  doc.weeks = ['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29'].map((start, i) => ({ start, weight: i === 2 ? 2 : 1 }));
  doc.products = [
    { id: 'tea', name: { zh: '龙井', en: 'Longjing tea' }, share: 0.5, price: 168 },
    { id: 'cup', name: { zh: '茶杯', en: 'Tea cup' }, share: 0.3, price: 39 },
    { id: 'pot', name: { zh: '茶壶', en: 'Tea pot' }, share: 0.2, price: 299 },
  ];
  doc.activities = [{ id: 'mid-618', name: { zh: '618 年中大促', en: '618 mid-year sale' }, tier: 'A', window: { start: '2026-06-01', end: '2026-06-25' }, peakOn: '2026-06-16', phases: { warmUp: 5, peak: 3, tail: 2, encore: 0 } }];
  edit(doc);
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

describe('shopplan products', () => {
  it('--week 3 --json: exactly the issue’s shape; the products sum to the week’s GMV to the fen', async () => {
    const { code, out } = await run(['products', juneFile('june'), '--week', '3', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['week', 'products', 'total']);
    expect(json.week).toBe('2026-06-15');
    expect(Object.keys(json.total)).toEqual(['revenue', 'units']);
    expect(json.products.map((p: any) => p.id)).toEqual(['tea', 'cup', 'pot']);
    expect(Object.keys(json.products[0])).toEqual(['id', 'status', 'activity', 'promoPrice', 'units', 'revenue', 'grossMargin', 'stock', 'safetyStock', 'orderQuantity', 'orderBy']);
    const fen = json.products.reduce((s: number, p: any) => s + Math.round(p.revenue * 100), 0);
    expect(fen).toBe(Math.round(json.total.revenue * 100));
    // the phased 618 week carries more than the plain 2/6 of ¥3,000,000
    expect(json.total.revenue).toBeGreaterThan(1_000_000);
    expect(json.products[0]).toMatchObject({ status: 'maturity', activity: null, promoPrice: 168 });
    for (const p of json.products) expect(p.orderBy === null || p.orderBy <= '2026-06-15').toBe(true);
  });

  it('--week takes a date inside a week; without it, the week holding today', async () => {
    const byDate = JSON.parse((await run(['products', juneFile('june'), '--week', '2026-06-24', '--json'])).out);
    expect(byDate.week).toBe('2026-06-22');
    const now = JSON.parse((await run(['products', juneFile('june'), '--json'], '2026-06-10')).out);
    expect(now.week).toBe('2026-06-08');
  });

  it('prints a table in zh and en with a total row', async () => {
    const zh = await run(['products', juneFile('june'), '--week', '1', '--lang', 'zh']);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('成交额');
    expect(zh.out).toContain('龙井');
    expect(zh.out).toContain('合计');
    const en = await run(['products', juneFile('june'), '--week', '1', '--lang', 'en']);
    expect(en.out).toContain('order by');
    expect(en.out).toContain('Total');
  });

  it.each([['0'], ['6'], ['abc'], ['2026-05-01'], ['2026-13-01'], ['']])('--week %j is a usage error (exit 2)', async (week) => {
    const { code, err } = await run(['products', juneFile('june'), '--week', week, '--json']);
    expect(code).toBe(2);
    expect(err).toContain('--week');
  });

  it('--week 2026-06-31 (a day June does not have, inside the plan\'s weeks) is named as no date, not as a date outside the plan', async () => {
    const { code, err } = await run(['products', juneFile('june'), '--week', '2026-06-31']);
    expect(code).toBe(2);
    expect(err).toContain('is not a date');
  });

  it('a bad plan exits 1 naming the product and field; a plan without weeks says what is missing', async () => {
    const bad = await run(['products', juneFile('bad-price', (d) => { d.products[1].price = -39; })]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('products[1].price');
    const noWeeks = await run(['products', juneFile('no-weeks', (d) => { delete d.weeks; })]);
    expect(noWeeks.code).toBe(1);
    expect(noWeeks.err).toContain('weeks');
  });
});

describe('shopplan products on plan v4 fields', () => {
  const v4 = (d: any) => {
    d.version = 4;
    d.productSettings = { priceEnding: 9 };
    d.products[0] = { ...d.products[0], role: 'traffic', unitCost: 60, leadDays: 10, moq: 50, stock: 300, promotions: [{ activity: 'mid-618', mechanic: { kind: 'secondHalf' } }] };
  };
  it('the tea joins 618 in its peak week at ¥168 × 0.75 = ¥126 → ¥119 (…9)', async () => {
    const { code, out } = await run(['products', juneFile('v4', v4), '--week', '3', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).products[0]).toMatchObject({ id: 'tea', activity: 'mid-618', promoPrice: 119 });
  });

  it.each([
    ['negative stock', (d: any) => { d.products[1].stock = -5; }, 'stock'],
    ['a lead time longer than the year', (d: any) => { d.products[1].leadDays = 400; }, 'leadDays'],
    ['a promo price above list price', (d: any) => { d.products[1].promotions = [{ activity: 'mid-618', mechanic: { kind: 'bogo' }, promoPrice: 99 }]; }, 'promoPrice'],
  ])('%s exits 1 naming the product and field', async (_, edit, field) => {
    const { code, err } = await run(['products', juneFile(`bad-${field}`, (d) => { v4(d); edit(d); }), '--week', '1']);
    expect(code).toBe(1);
    expect(err).toMatch(/cup|products\[1\]/);
    expect(err).toContain(field);
  });
});

describe('shopplan reorders', () => {
  it('--json: exactly the issue’s shape; every order-by on or before the week it serves', async () => {
    const { code, out } = await run(['reorders', juneFile('june'), '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['orders', 'alerts']);
    expect(json.orders.length).toBeGreaterThan(0);
    expect(Object.keys(json.orders[0])).toEqual(['product', 'quantity', 'orderBy', 'neededWeek', 'leadDays']);
    for (const o of json.orders) expect(o.orderBy <= o.neededWeek).toBe(true);
    expect(json.alerts).toEqual([]);
  });

  it('Given today after the first weeks, the orders that cannot arrive are alerts with zh and en messages', async () => {
    const { code, out } = await run(['reorders', juneFile('june'), '--json'], '2026-06-10');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.alerts.length).toBeGreaterThan(0);
    expect(Object.keys(json.alerts[0])).toEqual(['product', 'code', 'week', 'message']);
    expect(Object.keys(json.alerts[0].message)).toEqual(['zh', 'en']);
    expect(json.alerts.map((a: any) => a.code)).toContain('orderByPast');
    for (const o of json.orders) expect(o.orderBy >= '2026-06-10').toBe(true);
  });

  it('prints orders and alerts as tables', async () => {
    const { code, out } = await run(['reorders', juneFile('june'), '--lang', 'zh'], '2026-06-10');
    expect(code).toBe(0);
    expect(out).toContain('最晚下单日');
    expect(out).toContain('缺货');
  });
});
