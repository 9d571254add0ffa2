import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { examplePlan } from '@shopplan/examples';
import { WEB_DIR, useBrowserSession } from './harness.ts';

/**
 * The Promotion calendar view (issue 11 point 6) in real Chromium on the
 * built app, with the bundled 2027 yearly plan: the Gantt shows; dragging
 * Mango season a day earlier overfills the promotion budget and is refused
 * with the reason, the bar staying put; dragging it two days later is
 * accepted, moves the bar, changes the daily spend and is one undo step. In
 * zh and in en, with screenshots written to apps/web/screenshots/. The
 * Double 11 presale month draws too.
 */

const SHOTS = join(WEB_DIR, 'screenshots');
const plan = examplePlan('year-2027');
const budget = plan.resources?.find((r) => r.id === 'budget');

const session = useBrowserSession();
const pageErrors = session.pageErrors;

/** Waits until the view has drawn the current plan (no move or reload under way). */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="promotions"][data-busy="false"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="promo-daily-chart"]', { timeout: 120_000 });
}

/** Drags an activity's bar by whole days with the mouse. */
async function dragBy(page: Page, id: string, days: number): Promise<void> {
  const bar = page.getByTestId(`promo-bar-${id}`);
  await bar.scrollIntoViewIfNeeded();
  const box = await bar.boundingBox();
  const start = await bar.getAttribute('data-start');
  const end = await bar.getAttribute('data-end');
  if (!box || !start || !end) throw new Error(`bar ${id} is not on screen`);
  const length = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
  const dayW = box.width / length;
  const y = box.y + box.height / 2;
  const x = box.x + box.width / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + (days * dayW) / 2, y, { steps: 3 });
  await page.mouse.move(x + days * dayW, y, { steps: 3 });
  await page.mouse.up();
}

const signature = (page: Page) => page.getByTestId('promo-daily-chart').getAttribute('data-signature');

describe('Promotion calendar', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`drags an activity: a capacity refusal with its reason, then an accepted move that changes the daily spend (${lang})`, async () => {
      const page = await session.newPage();
      await page.goto(`${session.server.url}?demo=year-2027&workspace=promo-${lang}-${Date.now()}#/promotions`);
      await page.waitForSelector('[data-testid="app"][data-loading="false"]', { timeout: 120_000 });
      if (lang === 'en') await page.getByTestId('lang-en').click();
      await settled(page);

      // The Gantt by tier, with 2027's provisional holidays, festivals and the unplaced list.
      for (const tier of ['S', 'A', 'B', 'C']) await expect(page.getByTestId(`promo-tier-${tier}`).count()).resolves.toBe(1);
      await expect(page.getByTestId('promo-provisional').count()).resolves.toBe(1);
      expect(await page.getByTestId('promo-festival').count()).toBeGreaterThan(5);
      expect(await page.getByTestId('promo-makeup').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid^="promo-unplaced-"]').count()).toBeGreaterThan(0);
      const mango = page.getByTestId('promo-bar-mango');
      expect(await mango.getAttribute('data-start')).toBe('2027-06-21');
      const before = await signature(page);

      // A day earlier the promotion budget is full: refused, named, and the bar stays.
      await dragBy(page, 'mango', -1);
      await page.waitForSelector('[data-testid="promo-refused"]');
      const refusal = await page.getByTestId('promo-refused').textContent();
      expect(refusal).toContain(budget!.name[lang]);
      expect(refusal).toContain('2027-06-20');
      expect(await mango.getAttribute('data-start')).toBe('2027-06-21');
      expect(await signature(page)).toBe(before);

      // Two days later fits: the bar moves and the daily spend follows.
      await dragBy(page, 'mango', 2);
      await page.waitForSelector('[data-testid="promo-bar-mango"][data-start="2027-06-23"]', { timeout: 60_000 });
      await settled(page);
      await page.waitForSelector('[data-testid="promo-moved"]');
      await page.waitForFunction((b) => document.querySelector('[data-testid="promo-daily-chart"]')?.getAttribute('data-signature') !== b, before, { timeout: 60_000 });

      if (lang === 'en') {
        // Keyboard: the selected bar moves a day per arrow key.
        await mango.focus();
        await page.keyboard.press('ArrowRight');
        await page.waitForSelector('[data-testid="promo-bar-mango"][data-start="2027-06-24"]', { timeout: 60_000 });
        await settled(page);
        // One undo step per move.
        await page.getByTestId('undo').click();
        await page.waitForSelector('[data-testid="promo-bar-mango"][data-start="2027-06-23"]', { timeout: 60_000 });
        await settled(page);
      }

      await page.getByTestId('promotions').screenshot({ path: join(SHOTS, `promotions-${lang}.png`) });
      await page.close();
      expect(pageErrors).toEqual([]);
    });
  }

  it('draws the Double 11 presale month: its Gantt, resource strips and daily chart', async () => {
    const page = await session.newPage();
    await page.goto(`${session.server.url}?demo=double-11-presale&workspace=promo-d11-${Date.now()}#/promotions`);
    await page.waitForSelector('[data-testid="app"][data-loading="false"]', { timeout: 120_000 });
    await settled(page);
    expect(await page.getByTestId('promo-bar-double-11').getAttribute('data-start')).toBe('2027-10-18');
    expect(await page.locator('[data-testid^="promo-heat-"]').count()).toBe(3);
    expect((await page.getByTestId('promo-daily-chart').getAttribute('data-signature'))?.split(',')).toHaveLength(37);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
