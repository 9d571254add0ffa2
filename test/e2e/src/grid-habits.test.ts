import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startPreview, type PreviewServer } from './harness.ts';

/**
 * The spreadsheet habits of `SpreadsheetGrid` (apps/web/src/grid) in real
 * Chromium, on the built app's assumptions and results grids: range
 * selection by Shift+click and Shift+arrows, Ctrl+C as tab-separated text,
 * Ctrl+D fill-down and the fill handle, each one undo step, Ctrl+Z from the keyboard, an invalid
 * entry shown in its cell, and the formula of a derived figure on demand.
 * A fresh browser context, so the demo plan is as shipped.
 */

let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const GRID = 'assumptions-grid';
const cell = (grid: string, row: string, col: string) => page.locator(`[data-testid="${grid}"] .ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`);
const inRange = (grid: string) => page.locator(`[data-testid="${grid}"] .ag-cell.sp-in-range`);

async function spend(): Promise<number> {
  return Number(await page.getByTestId('kpi-spend').getAttribute('data-value'));
}

async function spendChanged(old: number): Promise<number> {
  await page.waitForFunction((before) => {
    const v = document.querySelector('[data-testid="kpi-spend"]')?.getAttribute('data-value');
    return v !== null && v !== undefined && v !== '' && Number(v) !== before;
  }, old);
  return spend();
}

beforeAll(async () => {
  server = await startPreview();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(server.url);
  await cell(GRID, 'search', 'cvr').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => (document.querySelector('[data-testid="kpi-spend"]')?.getAttribute('data-value') ?? '') !== '');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('spreadsheet habits on AG Grid Community', () => {
  it('Given the assumptions grid, When a cell is clicked and another Shift+clicked, Then the 3×2 block is highlighted and Ctrl+C puts it on the clipboard as TSV', async () => {
    await cell(GRID, 'search', 'cvr').click();
    await cell(GRID, 'affiliate', 'aov').click({ modifiers: ['Shift'] });
    await expect.poll(() => inRange(GRID).count()).toBe(6);
    expect(await page.getByTestId(`${GRID}-status`).textContent()).toMatch(/计数 6|Count 6/);
    await page.evaluate(() => {
      document.addEventListener('copy', (e) => {
        (window as unknown as { __copied: string }).__copied = e.clipboardData?.getData('text/plain') ?? '';
      });
    });
    await page.keyboard.press('Control+c');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __copied?: string }).__copied)).toBe('2.5%\t160\n1.2%\t140\n3%\t130');
  });

  it('Given a focused cell, When Shift+Down and Shift+Right are pressed, Then the range grows from it; Escape collapses it', async () => {
    await cell(GRID, 'organic', 'cvr').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => inRange(GRID).count()).toBe(4);
    await page.keyboard.press('Escape');
    await expect.poll(() => inRange(GRID).count()).toBe(0);
  });

  it('Given AOV selected from search to affiliate, When Ctrl+D is pressed, Then 160 fills down in one step that one Ctrl+Z takes back', async () => {
    const before = await spend();
    await cell(GRID, 'search', 'aov').click();
    await cell(GRID, 'affiliate', 'aov').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+d');
    const after = await spendChanged(before);
    await expect.poll(() => cell(GRID, 'display', 'aov').textContent()).toContain('160');
    expect(await cell(GRID, 'affiliate', 'aov').textContent()).toContain('160');
    expect(await page.getByTestId(`${GRID}-status`).textContent()).toMatch(/已填充 2 个单元格|Filled 2 cells/);
    await cell(GRID, 'organic', 'aov').click();
    await page.keyboard.press('Control+z');
    expect(await spendChanged(after)).toBeCloseTo(before, 6);
    await expect.poll(() => cell(GRID, 'display', 'aov').textContent()).toContain('140');
    expect(await cell(GRID, 'affiliate', 'aov').textContent()).toContain('130');
  });

  it('Given search AOV selected, When its fill handle is dragged down to affiliate, Then the rows below take 160 in one step', async () => {
    const before = await spend();
    await cell(GRID, 'search', 'aov').click();
    const box = await cell(GRID, 'search', 'aov').boundingBox();
    const target = await cell(GRID, 'affiliate', 'aov').boundingBox();
    if (!box || !target) throw new Error('cells not on screen');
    expect(await cell(GRID, 'search', 'aov').getAttribute('class')).toContain('sp-range-corner');
    await page.mouse.move(box.x + box.width - 3, box.y + box.height - 3);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 6 });
    await expect.poll(() => page.locator(`[data-testid="${GRID}"] .ag-cell.sp-fill-preview`).count()).toBe(2);
    await page.mouse.up();
    const after = await spendChanged(before);
    await expect.poll(() => cell(GRID, 'affiliate', 'aov').textContent()).toContain('160');
    expect(await cell(GRID, 'display', 'aov').textContent()).toContain('160');
    await page.getByTestId('undo').click();
    expect(await spendChanged(after)).toBeCloseTo(before, 6);
  });

  it('Given display CVR, When "abc" is typed, Then the cell shows the message and keeps 1.2%', async () => {
    await cell(GRID, 'display', 'cvr').click();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(GRID, 'display', 'cvr').getAttribute('class')).toContain('sp-error');
    const text = await cell(GRID, 'display', 'cvr').textContent();
    expect(text).toContain('1.2%');
    expect(text).toMatch(/不是数字|is not a number/);
  });

  it('Given the results grid, When a derived GMV cell is selected, Then the formula bar shows its formula', async () => {
    await cell('results-grid', 'search', 'gmv').click();
    await expect.poll(() => page.getByTestId('results-grid-formula').textContent()).toMatch(/=\s*\S/);
    expect(await cell('results-grid', 'search', 'gmv').getAttribute('class')).toContain('sp-derived');
  });
});
