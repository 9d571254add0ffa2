import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT, WEB_DIR, launchChromium, startPreview, type PreviewServer } from './harness.ts';

/**
 * The Calibration view (issue 14 point 5) in real Chromium on the built app,
 * with the bundled 2026 plan and its history: a bad file shows its header
 * mapping, its unmatched channel and every problem by file, row and column,
 * and offers nothing to apply; the example history then shows the mapping,
 * the calibrated rates, the fitted curves; Apply adds a new scenario with
 * the calibrated CVR (the base unchanged; one undo step); the review of the
 * same file as actuals shows its table and the gap's waterfall. In zh and
 * in en, with screenshots written to apps/web/screenshots/.
 */

const SHOTS = join(WEB_DIR, 'screenshots');
const HISTORY = join(REPO_ROOT, 'packages/examples/history/shop-2026.csv');
const BAD = {
  name: 'bad-history.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from('日期,渠道,花费,访客数,支付买家数,支付金额\n2026-03-01,抖音,100,50,2,300\n2026-03-01,直通车,-5,50,2,300\n2026-03-02,抖音,100,50,2,300\n'),
};
const UNKNOWN_ONLY = {
  name: 'new-channel.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from('日期,渠道,花费,访客数,支付买家数,支付金额\n2026-03-01,抖音,100,50,2,300\n2026-03-02,抖音,120,55,2,310\n'),
};

let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];
let setupError: unknown;

beforeAll(async () => {
  try {
    server = await startPreview();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'zh-CN' });
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

/** Waits until the history section has answered for the file last given. */
async function historySettled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="cal-history-result"][data-busy="false"]', { timeout: 120_000 });
}

type Scenarios = Array<{ id: string; plan: { channels: Array<{ id: string; cvr: number }>; calibration?: { assumptions: Record<string, { file: string }> } } }>;
const session = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as { shopplan: { store: { get(): { scenarios: unknown[]; activeScenarioId: string } } } }).shopplan.store.get();
    return { scenarios: s.scenarios as Scenarios, active: s.activeScenarioId };
  });

describe('Calibration view', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`shows every problem of a bad file, then calibrates the example history, applies it as a new scenario and reviews plan vs actual (${lang})`, async () => {
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${server.url}?demo=history-shop-2026&workspace=cal-${lang}-${Date.now()}#/calibration`);
      await page.waitForSelector('[data-testid="app"][data-loading="false"]', { timeout: 120_000 });
      if (lang === 'en') await page.getByTestId('lang-en').click();
      await page.waitForSelector('[data-testid="calibration"]', { timeout: 60_000 });

      // A bad file: its columns, its unmatched channel and every problem, each by file, row and column; nothing to apply.
      await page.getByTestId('cal-history-input').setInputFiles(BAD);
      await historySettled(page);
      const problems = page.getByTestId('cal-issues');
      await expect(problems.locator('li').count()).resolves.toBe(3);
      const text = (await problems.textContent()) ?? '';
      expect(text).toContain(lang === 'zh' ? 'bad-history.csv 第 3 行第 3 列「花费」' : 'bad-history.csv row 3, column 3 "花费"');
      expect(text).toContain(lang === 'zh' ? '渠道「抖音」' : 'channel "抖音"');
      expect(await page.getByTestId('cal-history-header').textContent()).toContain(lang === 'zh' ? '订单数' : 'orders');
      await expect(page.getByTestId('cal-map-抖音').count()).resolves.toBe(1);
      await expect(page.getByTestId('cal-apply').count()).resolves.toBe(0);

      if (lang === 'en') {
        // An unmatched channel mapped to a plan channel by the planner: read again, and calibrated (untested: two days).
        await page.getByTestId('cal-history-input').setInputFiles(UNKNOWN_ONLY);
        await historySettled(page);
        await page.getByTestId('cal-map-抖音').selectOption('display');
        await page.waitForSelector('[data-testid="cal-rates"]', { timeout: 120_000 });
        await historySettled(page);
        expect(await page.getByTestId('cal-confidence-display').textContent()).toContain('untested');
        await page.getByTestId('cal-map-抖音').selectOption('');
      }

      // The example year: mapping, rates beside the plan's, curves with the planned spend.
      await page.getByTestId('cal-history-input').setInputFiles(HISTORY);
      await page.waitForSelector('[data-testid="cal-rates"]', { timeout: 120_000 });
      await historySettled(page);
      expect(await page.getByTestId('cal-history-period').textContent()).toContain('2026-01-01 – 2026-12-31');
      expect(await page.getByTestId('cal-history-labels').textContent()).toContain('直通车');
      for (const id of ['search', 'display']) await page.waitForSelector(`[data-testid="cal-curve-chart-${id}"] canvas`, { timeout: 60_000 });
      // brand search's spend hardly moves in the generated year: no curve, and the page says why
      expect(await page.getByTestId('cal-no-curve-brand').textContent()).toContain(lang === 'zh' ? '花费变化不足' : 'spend too flat');
      expect(await page.getByTestId('cal-left-out').textContent()).toContain('06-');
      const cvr = Number(await page.getByTestId('cal-rate-search-cvr').getAttribute('data-value'));
      expect(cvr).toBeGreaterThan(0.02);
      expect(cvr).toBeLessThan(0.03);
      expect(cvr).not.toBe(0.025);

      // Apply: a new scenario with the calibrated CVR and its provenance; the base is unchanged.
      const before = await session(page);
      await page.getByTestId('cal-apply').focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="cal-applied"]', { timeout: 60_000 });
      const after = await session(page);
      expect(after.scenarios).toHaveLength(before.scenarios.length + 1);
      const added = after.scenarios.find((s) => s.id === after.active)!;
      expect(added.plan.channels.find((c) => c.id === 'search')!.cvr).toBe(cvr);
      expect(added.plan.calibration?.assumptions['channels.search.cvr']?.file).toBe('shop-2026.csv');
      const base = after.scenarios.find((s) => s.id === before.active)!;
      expect(base.plan.channels.find((c) => c.id === 'search')!.cvr).toBe(0.025);
      expect(base.plan.calibration).toBeUndefined();
      await historySettled(page);

      // Plan vs actual: the same year as actuals, by month; the table and the waterfall of the gap.
      await page.getByTestId('cal-actuals-input').setInputFiles(HISTORY);
      await page.waitForSelector('[data-testid="cal-review-periods"]', { timeout: 120_000 });
      await expect(page.getByTestId('cal-review-periods').locator('tbody tr').count()).resolves.toBe(13);
      await page.waitForSelector('[data-testid="cal-waterfall"] canvas', { timeout: 60_000 });
      await expect(page.getByTestId('cal-review-channels').locator('tbody tr').count()).resolves.toBe(7);
      await page.getByTestId('cal-review-by').selectOption('promotion');
      await page.waitForSelector('[data-testid="cal-period-618"]', { timeout: 120_000 });
      await page.getByTestId('cal-period-618').click();
      await page.waitForSelector('[data-testid="cal-period-618"][aria-pressed="true"]');
      await page.waitForSelector('[data-testid="cal-waterfall"] canvas');

      await page.getByTestId('calibration').screenshot({ path: join(SHOTS, `calibration-${lang}.png`) });

      if (lang === 'en') {
        // One undo step takes the calibrated scenario back out.
        await page.getByTestId('undo').click();
        await expect.poll(async () => (await session(page)).scenarios.length, { timeout: 30_000 }).toBe(before.scenarios.length);
      }
      await page.close();
      expect(pageErrors).toEqual([]);
    });
  }
});
