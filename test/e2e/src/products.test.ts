import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ProductPlan } from '@shopplan/engine';
import { scalePlan } from '@shopplan/examples';
import { WEB_DIR, launchChromium, startPreview, type PreviewServer } from './harness.ts';

/**
 * The product calendar of plan v4 (issue 12, point 6) in real Chromium on
 * the built app, with the bundled 200-product example (products-2027, asOf
 * 2027-01-04): p001's order for the week of 2027-02-01 is due by
 * 2027-01-13; switch to closing stock, raise p001's supplier lead time from
 * 18 to 60 working days, and that order-by date would be 2026-11-09, before
 * the planning date: the order leaves that week (it arrives later) and an
 * orderByPast alert for p001 appears, as the engine computes it; undo
 * brings both back. In English, the promotion editor refuses 满100减200 and
 * applies a price cut that the week's promo price follows. In zh and in en, with
 * screenshots written to apps/web/screenshots/. Last, the 10,000-product
 * scale demo: totals over all products, search, a price typed.
 */

const SHOTS = join(WEB_DIR, 'screenshots');

let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];
let setupError: unknown;

beforeAll(async () => {
  try {
    server = await startPreview();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1600, height: 1100 }, locale: 'zh-CN' });
  } catch (error) {
    setupError = error;
  }
});

beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const cell = (page: Page, row: string, col: string) => page.locator(`[data-testid="product-grid"] .ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`).first();

/** The p001 orderByPast alerts listed now. */
const pastAlerts = (page: Page) => page.locator('[data-testid="product-alert"][data-product="p001"][data-code="orderByPast"]').count();

/** Waits until the totals line shows figures for a version after `after`. */
async function summaryAfter(page: Page, after: number): Promise<number> {
  await page.waitForFunction((v) => {
    const el = document.querySelector('[data-testid="product-totals"]');
    return el !== null && Number(el.getAttribute('data-version')) > v && el.getAttribute('data-alerts') !== '';
  }, after, { timeout: 120_000 });
  return Number(await page.getByTestId('product-totals').getAttribute('data-version'));
}

describe('Product calendar (plan v4)', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`switches to stock, edits a lead time, and an order-by date and an alert follow; undo restores them (${lang})`, async () => {
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${server.url}?demo=products-2027&workspace=products-${lang}-${Date.now()}#/calendar`);
      await page.waitForSelector('[data-testid="app"][data-loading="false"]', { timeout: 180_000 });
      if (lang === 'en') await page.getByTestId('lang-en').click();
      await page.waitForSelector('[data-testid="product-plan"]', { timeout: 180_000 });
      await page.waitForFunction(() => document.querySelector('[data-testid="product-totals"]')?.getAttribute('data-alerts') !== '', null, { timeout: 180_000 });
      let version = Number(await page.getByTestId('product-totals').getAttribute('data-version'));
      expect(await page.getByTestId('product-shown').getAttribute('data-count')).toBe('200');
      expect(await pastAlerts(page)).toBe(0);

      // p001's order for week 6 (2027-02-01) is due by 2027-01-13.
      await page.getByTestId('measure-orderBy').click();
      await expect.poll(() => cell(page, 'p001', 'w5').textContent(), { timeout: 60_000 }).toContain('2027-01-13');

      // Closing stock: whole units per week, from the worker's product plan.
      await page.getByTestId('measure-stock').click();
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="product-grid"] .ag-row[row-id="p001"] .ag-cell[col-id="w0"]')?.textContent ?? ''), null, { timeout: 60_000 });

      // Raise p001's lead time in its cell, as a planner types it.
      await cell(page, 'p001', 'leadDays').click();
      await page.keyboard.type('60');
      await page.keyboard.press('Enter');
      version = await summaryAfter(page, version);
      await expect.poll(() => pastAlerts(page), { timeout: 60_000 }).toBe(1);

      // The order-by measure: that order cannot be placed in time any more.
      await page.getByTestId('measure-orderBy').click();
      await expect.poll(() => cell(page, 'p001', 'w5').textContent(), { timeout: 60_000 }).not.toContain('2027-01-13');

      // A click on the alert goes to its cell.
      await page.locator('[data-testid="product-alert"][data-product="p001"][data-code="orderByPast"]').click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-id')), { timeout: 30_000 }).toBe('p001');

      await page.getByTestId('product-plan').screenshot({ path: join(SHOTS, `products-${lang}.png`) });

      // Undo: the lead time is 18 again, the alert goes and the order-by date comes back.
      await page.getByTestId('undo').click();
      await summaryAfter(page, version);
      await expect.poll(() => pastAlerts(page), { timeout: 60_000 }).toBe(0);
      await expect.poll(() => cell(page, 'p001', 'w5').textContent(), { timeout: 60_000 }).toContain('2027-01-13');
      expect(await cell(page, 'p001', 'leadDays').textContent()).toContain('18');

      if (lang === 'en') {
        // The mechanic editor: p001 joins 618 (week 24) at ¥139. 满100减200 is refused, naming the saving;
        // a price cut to ¥129 is applied (one undo step) and the promo price of that week follows.
        await page.getByTestId('measure-promoPrice').click();
        // week 24 is off screen (the grid draws only the columns in view): go there by keyboard
        await cell(page, 'p001', 'w0').click();
        for (let k = 0; k < 23; k++) await page.keyboard.press('ArrowRight');
        await expect.poll(() => cell(page, 'p001', 'w23').textContent(), { timeout: 60_000 }).toContain('139.00');
        await page.getByTestId('mechanic-product').selectOption('p001');
        await page.getByTestId('mechanic-promotion').selectOption('0');
        await page.getByTestId('mechanic-kind').selectOption('spendSave');
        await page.getByTestId('mechanic-spend').fill('100');
        await page.getByTestId('mechanic-save').fill('200');
        await page.getByTestId('mechanic-save').press('Enter');
        expect(await page.getByTestId('mechanic-error').textContent()).toContain('saving');
        await page.getByTestId('mechanic-kind').selectOption('priceCut');
        await page.getByTestId('mechanic-price').fill('129');
        await page.getByTestId('mechanic-apply').click();
        await expect.poll(() => cell(page, 'p001', 'w23').textContent(), { timeout: 180_000 }).toContain('129.00');
        await page.getByTestId('undo').click();
        await expect.poll(() => cell(page, 'p001', 'w23').textContent(), { timeout: 180_000 }).toContain('139.00');
      }

      await page.close();
      expect(pageErrors).toEqual([]);
    });
  }

  it('Given the 10,000-product scale demo (plan v4), When its product page opens, Then the totals cover every product, a product at the end is reached by search with its figures, and its price typed moves its units but not the total', async () => {
    // the engine's own sum over every product and week, in whole fen
    const doc = scalePlan(10_000, 52, { productCalendar: true });
    const built = ProductPlan.build(doc, { asOf: new Date().toISOString().slice(0, 10) });
    if (!built.ok) throw new Error(built.issues.map((i) => i.message.en).join('; '));
    const totalFen = built.plan.revenueFen().reduce((a, b) => a + b, 0);
    // a product far down the list and a week in view (the grid draws the columns on screen) in which it sells
    const sellingWeek = (p: number) => [0, 1, 2, 3, 4].find((w) => built.plan.productWeek(p, w).units > 0);
    let index = 9_999;
    let week = sellingWeek(index);
    while (week === undefined && index > 9_000) week = sellingWeek(--index);
    built.plan.dispose();
    const last = doc.products?.[index];
    if (week === undefined || !last) throw new Error('one of the last 1,000 products sells in the first weeks');

    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}?demo=scale&products=10000&workspace=products-scale-${Date.now()}#/calendar`);
    await page.waitForSelector('[data-testid="product-totals"][data-state="current"]', { timeout: 300_000 });
    expect(Math.round(Number(await page.getByTestId('product-totals').getAttribute('data-revenue')) * 100)).toBe(totalFen);
    expect(await page.getByTestId('product-shown').getAttribute('data-count')).toBe('10000');

    // that product: found by search, its weekly figures read for it
    await page.getByTestId('product-search').fill(last.id);
    await expect.poll(() => page.getByTestId('product-shown').getAttribute('data-count'), { timeout: 60_000 }).toBe('1');
    await page.getByTestId('measure-units').click();
    const units = cell(page, last.id, `w${week}`);
    await expect.poll(async () => /\d/.test((await units.textContent()) ?? ''), { timeout: 120_000 }).toBe(true);
    const before = await units.textContent();
    let version = Number(await page.getByTestId('product-totals').getAttribute('data-version'));

    // a higher price sells fewer units of it; the period's revenue over all products stays the plan's
    await cell(page, last.id, 'price').click();
    await page.keyboard.type(String(Math.round(last.price * 2)));
    await page.keyboard.press('Enter');
    version = await summaryAfter(page, version);
    await expect.poll(() => units.textContent(), { timeout: 120_000 }).not.toBe(before);
    await page.waitForSelector('[data-testid="product-totals"][data-state="current"]', { timeout: 120_000 });
    expect(Math.round(Number(await page.getByTestId('product-totals').getAttribute('data-revenue')) * 100)).toBe(totalFen);

    // every product, revenue: a price typed at the top moves the split, so every row on screen repaints (in
    // parts, each in a task of its own); once the totals are current, each row on screen shows what the worker holds
    await page.getByTestId('product-search').fill('');
    await expect.poll(() => page.getByTestId('product-shown').getAttribute('data-count'), { timeout: 60_000 }).toBe('10000');
    await page.getByTestId('measure-revenue').click();
    const first = doc.products![0]!;
    await expect.poll(async () => /\d/.test((await cell(page, first.id, 'w1').textContent()) ?? ''), { timeout: 120_000 }).toBe(true);
    await cell(page, first.id, 'price').click();
    await page.keyboard.type(String(Math.round(first.price * 1.5)));
    await page.keyboard.press('Enter');
    version = await summaryAfter(page, version);
    await page.waitForSelector('[data-testid="product-totals"][data-state="current"]', { timeout: 120_000 });
    await page.waitForTimeout(500);
    const onScreen = await page.evaluate(() => Array.from(document.querySelectorAll('[data-testid="product-grid"] .ag-row'), (r) => ({
      index: Number(r.getAttribute('row-index')),
      text: r.querySelector('.ag-cell[col-id="w1"]')?.textContent ?? '',
    })).filter((r) => r.index >= 0 && r.text !== '').sort((a, b) => a.index - b.index));
    expect(onScreen.length).toBeGreaterThan(14);
    const held = await page.evaluate(async (count) => {
      const w = window as unknown as { shopplan: { ask<T>(q: (client: { productRows(id: string, start: number, n: number, m: string, today: string): Promise<{ values: Float64Array; weekCount: number }> }, scenarioId: string) => Promise<T>): Promise<T> } };
      const rows = await w.shopplan.ask((client, id) => client.productRows(id, 0, count, 'revenue', new Date().toISOString().slice(0, 10)));
      return Array.from({ length: count }, (_, i) => rows.values[i * rows.weekCount + 1] as number);
    }, onScreen[onScreen.length - 1]!.index + 1);
    for (const row of onScreen) {
      // the amount as the page writes it (zh: 3.24万 from ten thousand on), and half of its last digit shown
      const digits = row.text.replace(/[^\d.-]/g, '');
      const scale = row.text.includes('亿') ? 1e8 : row.text.includes('万') ? 1e4 : 1;
      const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0;
      const value = held[row.index]!;
      expect(Math.abs(Number(digits) * scale - value), `row ${row.index}: shows ${row.text}, the worker holds ${value}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals * scale + 1e-6);
    }
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 600_000);
});
