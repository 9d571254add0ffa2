import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PlanModel } from '@shopplan/engine';
import { scalePlan } from '@shopplan/examples';
import { WEB_DIR, openApp, useBrowserSession } from './harness.ts';

/**
 * The page as a planner reads and drives it, in real Chromium on the built
 * app: scenario tabs, menus and views by keyboard alone; seven scenarios
 * compared (inputs that differ, colours that judge, a table that scrolls
 * with its first column kept); formulas whose names lead to their figures;
 * the product calendar's totals over all 10,000 products equal to the
 * engine's. Screenshots compare-zh/en and calendar-zh/en go to apps/web/screenshots/.
 */

const SHOTS = join(WEB_DIR, 'screenshots');

const session = useBrowserSession();
const pageErrors = session.pageErrors;
let page: Page;

beforeAll(async () => {
  try {
    page = await session.newPage();
  } catch {
    // the session failed to start: its beforeEach fails every test with the reason
  }
});

async function open(query: string): Promise<void> {
  await openApp(session, page, query);
}

/** The data-testid of the focused element (or of its closest ancestor that has one). */
function focused(): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null);
}

/** Presses Tab (or Shift+Tab) until the element with this test id has the focus: keyboard only, no click. */
async function tabTo(testId: string, back = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${testId}; focus is on ${await focused()}`);
}

async function shoot(name: string, fullPage = true): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const notice = page.getByTestId('notice');
  if (await notice.count()) await notice.locator('button').first().click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1500); // charts finish their entry animation
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

async function setLang(lang: 'zh' | 'en'): Promise<void> {
  await page.getByTestId(`lang-${lang}`).click();
  await page.waitForSelector(`[data-testid="app"][data-lang="${lang}"]`);
}

describe('the page by keyboard, compare, formulas and the product calendar', () => {
  it('Given the demo plan, When a planner uses only the keyboard, Then menus open and close, scenarios are renamed and views switched', async () => {
    await open('?demo=june-shop&workspace=page-keyboard');
    await page.locator('body').focus();

    // the duplicate menu: Enter opens it with the first item focused, Escape closes it and gives the focus back
    await tabTo('duplicate');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="duplicate-menu"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
    expect(await page.getByTestId('duplicate').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="duplicate-menu"]', { state: 'detached' });
    expect(await focused()).toBe('duplicate');
    // ArrowDown opens it too; Enter on an item duplicates the scenario
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('[data-testid="duplicate-menu"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="scenario-tab-1"][aria-selected="true"]');
    expect(await focused()).toBe('duplicate');

    // the scenario tabs: one tab stop, arrows move and select
    expect(await page.locator('[role="tablist"] [data-testid^="scenario-tab-"][tabindex="0"]').count()).toBe(1);
    await tabTo('scenario-tab-1', true);
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('[data-testid="scenario-tab-0"][aria-selected="true"]');
    expect(await focused()).toBe('scenario-tab-0');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid="scenario-tab-1"][aria-selected="true"]');
    expect(await focused()).toBe('scenario-tab-1');

    // F2 renames; Escape cancels and the name stays
    const before = (await page.getByTestId('scenario-tab-1').locator('.name').textContent()) ?? '';
    await page.keyboard.press('F2');
    await page.waitForSelector('[data-testid="rename-input"]:focus');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('不要这个名字');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="rename-input"]', { state: 'detached' });
    expect(await page.getByTestId('scenario-tab-1').locator('.name').textContent()).toBe(before);
    expect(await focused()).toBe('scenario-tab-1');
    // Enter renames as well; Enter in the field keeps the new name and the focus comes back to the tab
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="rename-input"]:focus');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('双11冲刺');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('scenario-tab-1').locator('.name').textContent()).toBe('双11冲刺');
    expect(await focused()).toBe('scenario-tab-1');

    // the view tabs: a tablist; arrows, Home and End switch the view
    await tabTo('view-plan');
    expect(await page.getByTestId('view-plan').getAttribute('role')).toBe('tab');
    expect(await page.getByTestId('view-plan').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid="view-body-compare"]');
    expect(await page.getByTestId('view-compare').getAttribute('aria-selected')).toBe('true');
    expect(await focused()).toBe('view-compare');
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid="view-body-calibration"]');
    await page.keyboard.press('Home');
    await page.waitForSelector('[data-testid="view-body-plan"]');
    expect(await focused()).toBe('view-plan');

    // a click anywhere on a tab selects it, its badge included
    await page.getByTestId('scenario-tab-0').getByTestId('baseline-badge').click();
    await page.waitForSelector('[data-testid="scenario-tab-0"][aria-selected="true"]');
    expect(pageErrors).toEqual([]);
  });

  it('Given a view whose code cannot be fetched (a deploy replaced it), When the planner opens it, Then it says so with a reload, and the page and other views stay', async () => {
    await open('?demo=june-shop&workspace=page-chunk');
    await setLang('en');
    // the compare view's chunk is fetched when first shown: make that request fail
    await page.route(/\/assets\/CompareView-[^/]*\.js$/, (route) => route.abort());
    try {
      await page.getByTestId('view-compare').click();
      const failed = page.getByTestId('view-load-failed');
      await failed.waitFor();
      expect(await failed.textContent()).toMatch(/could not be loaded.*Reload the page/s);
      // the tabs and the session are still there: the plan view opens and shows the plan
      await page.getByTestId('view-plan').click();
      await page.waitForSelector('[data-testid="results-grid"] .ag-row[row-id="search"]');
      expect(await failed.count()).toBe(0);
    } finally {
      await page.unroute(/\/assets\/CompareView-[^/]*\.js$/);
    }
  });

  it('Given a formula in the results, When a name in it is clicked or entered, Then the figure it names is selected and shown', async () => {
    await open('?demo=june-shop&workspace=page-formula');
    const visitors = page.locator('[data-testid="results-grid"] .ag-row[row-id="search"] .ag-cell[col-id="visitors"]');
    await visitors.dblclick();
    await page.waitForSelector('[data-testid="formula-panel"]');
    const name = page.locator('[data-testid="formula-text"] .formula-name[data-ref="paid_visitors"]');
    await expect.poll(() => name.count()).toBe(1);
    await name.click();
    const figure = page.getByTestId('figure-name-paid_visitors');
    expect(await focused()).toBe('figure-name-paid_visitors');
    // DOMAIN.md: paid visitors = 1,800,000 / 3.284
    expect(Number(await figure.getAttribute('data-value'))).toBeCloseTo(548_112.06, 2);
    expect(await figure.isVisible()).toBe(true);
    // that figure's own formula leads on, by keyboard: Enter on its name paid_gmv
    const next = figure.locator('.formula-name[data-ref="paid_gmv"]');
    await next.focus();
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('figure-name-paid_gmv');
    expect(Number(await page.getByTestId('figure-name-paid_gmv').getAttribute('data-value'))).toBeCloseTo(1_800_000, 6);
    // the total spend's formula names channel cells: following one selects that cell of the results grid
    await page.locator('[data-testid="results-grid"] .ag-row[row-id="total"] .ag-cell[col-id="spend"]').dblclick();
    const cellLink = page.locator('[data-testid="formula-text"] .formula-name[data-ref$="|spend"]');
    await expect.poll(() => cellLink.count()).toBeGreaterThan(0);
    const [rowId] = ((await cellLink.first().getAttribute('data-ref')) ?? '').split('|');
    await cellLink.first().click();
    await page.waitForSelector(`[data-testid="results-grid"] .ag-row[row-id="${rowId}"] .ag-cell[col-id="spend"].ag-cell-focus`);
    expect(pageErrors).toEqual([]);
  });

  it('Given seven scenarios, When they are compared, Then the inputs that differ are listed, spend up reads bad, and the table scrolls with its first column kept', async () => {
    await open('?demo=june-shop&workspace=page-seven');
    for (const name of ['S2', 'S3', 'S4', 'S5', 'S6', 'S7']) {
      const count = await page.locator('[data-testid^="scenario-tab-"][role="tab"]').count();
      await page.getByTestId('scenario-tab-0').click();
      await page.getByTestId('duplicate').click();
      await page.getByTestId('duplicate-name').fill(name);
      await page.getByTestId('duplicate-name').press('Enter');
      await page.waitForSelector(`[data-testid="scenario-tab-${count}"][aria-selected="true"]`);
    }
    // the last one raises the target; it is in front after its duplication
    const target = page.locator('[data-testid="objective-grid"] .ag-row[row-id="objective.gmv"] .ag-cell[col-id="value"]');
    await target.click();
    await page.keyboard.type('330万');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="kpi-gmv"]')?.getAttribute('data-value')) > 3_200_000);
    const raised = await page.getByTestId('scenario-tab-6').getAttribute('data-scenario-id');

    await page.getByTestId('view-compare').click();
    await page.waitForSelector('[data-testid="compare-table"]');
    const input = page.getByTestId(`compare-input-objective.gmv-${raised}`);
    await expect.poll(() => input.getAttribute('data-value')).toBe('3300000');
    expect(await page.locator('[data-testid="compare-inputs"] tbody tr').count()).toBe(1);
    await expect.poll(() => page.getByTestId(`compare-delta-total.spend-${raised}`).getAttribute('data-judged')).toBe('bad');
    expect(await page.getByTestId(`compare-delta-total.spend-${raised}`).getAttribute('class')).toContain('bad');
    expect(await page.getByTestId(`compare-delta-total.gmv-${raised}`).getAttribute('data-judged')).toBe('good');
    expect(await page.getByTestId('compare-legend').locator('li').count()).toBe(4);

    // on a narrower screen the table is wider than the page: it scrolls sideways and its first column stays in view
    await page.setViewportSize({ width: 1000, height: 960 });
    const wrap = page.getByTestId('compare-table').locator('xpath=..');
    const sizes = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    await wrap.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    const stuck = await wrap.evaluate((el) => {
      const th = el.querySelector('tbody th');
      return th ? Math.abs(th.getBoundingClientRect().left - el.getBoundingClientRect().left) : -1;
    });
    expect(stuck).toBeLessThan(2);
    await wrap.evaluate((el) => { el.scrollLeft = 0; });
    await page.setViewportSize({ width: 1440, height: 960 });
    // no cell of the table is cut: every header fits its text
    const clipped = await page.getByTestId('compare-table').evaluate((t) => [...t.querySelectorAll('th, td')].filter((c) => c.scrollWidth > c.clientWidth + 1).length);
    expect(clipped).toBe(0);
    await shoot('compare-zh');
    await setLang('en');
    await shoot('compare-en');
    await setLang('zh');
    expect(pageErrors).toEqual([]);
  });

  it('Given 10,000 products, When the product calendar opens, Then its totals equal the engine’s sum over all products and search narrows the rows, not the totals', async () => {
    // the engine's own sum over every product and week, in whole fen
    const model = PlanModel.build(scalePlan(10_000, 52));
    const calendar = model.productCalendar;
    if (!calendar) throw new Error('the scale plan has a product calendar');
    const all = calendar.read(0, calendar.productCount);
    const weekFen = new Array<number>(all.weekCount).fill(0);
    let gmvFen = 0;
    for (let i = 0; i < all.rowCount; i++) {
      gmvFen += Math.round((all.gmv[i] ?? 0) * 100);
      for (let w = 0; w < all.weekCount; w++) weekFen[w] = (weekFen[w] ?? 0) + Math.round((all.revenue[i * all.weekCount + w] ?? 0) * 100);
    }
    model.dispose();

    await page.goto(`${session.server.url}?demo=scale&plan=v3&products=10000&workspace=page-totals#/calendar`);
    const totals = page.getByTestId('calendar-totals');
    await page.waitForSelector('[data-testid="calendar-totals"][data-state="current"]', { timeout: 240_000 });
    expect(Math.round(Number(await totals.getAttribute('data-gmv')) * 100)).toBe(gmvFen);
    const weeks = ((await totals.getAttribute('data-week-revenue')) ?? '').split(',').map((v) => Math.round(Number(v) * 100));
    expect(weeks).toEqual(weekFen);
    // the totals row under the grid shows them
    const bottomTotal = page.locator('[data-testid="calendar-grid"] [class*="pinned-bottom"] .ag-row-pinned .ag-cell[col-id="total"]').first();
    await expect.poll(async () => (await bottomTotal.textContent())?.replace(/[^\d]/g, '') ?? '').not.toBe('');

    // a search shows the matching products only; the totals stay those of all products
    await page.getByTestId('calendar-search').fill('p09999');
    await expect.poll(() => page.getByTestId('calendar-shown').getAttribute('data-count')).toBe('1');
    await page.waitForSelector('[data-testid="calendar-grid"] .ag-row[row-id="p09999"]');
    const bodyRows = () => page.evaluate(() => new Set([...document.querySelectorAll('[data-testid="calendar-grid"] .ag-row:not(.ag-row-pinned)')].map((r) => r.getAttribute('row-id'))).size);
    await expect.poll(bodyRows).toBe(1); // rows leaving are animated out, so the count settles
    expect(Math.round(Number(await totals.getAttribute('data-gmv')) * 100)).toBe(gmvFen);
    // its weekly figures are read for it (not left blank)
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="calendar-grid"] .ag-row[row-id="p09999"] .ag-cell[col-id="w10"]')?.textContent ?? ''));
    // a share filter narrows too, and a week range shows only those weeks
    await page.getByTestId('calendar-search').fill('');
    await page.getByTestId('calendar-min-share').fill('0.05%');
    await expect.poll(async () => Number(await page.getByTestId('calendar-shown').getAttribute('data-count'))).toBeLessThan(10_000);
    await page.getByTestId('calendar-min-share').fill('');
    await page.getByTestId('calendar-week-from').selectOption('10');
    await page.getByTestId('calendar-week-to').selectOption('19');
    await expect.poll(() => page.locator('[data-testid="calendar-grid"] .ag-header-cell[col-id^="w"]').count()).toBe(10);
    await page.getByTestId('calendar-week-from').selectOption('0');
    await page.getByTestId('calendar-week-to').selectOption('51');
    await shoot('calendar-zh', false);
    await setLang('en');
    await page.waitForSelector('[data-testid="calendar-totals"][data-state="current"]');
    await shoot('calendar-en', false);
    expect(pageErrors).toEqual([]);
  });
});
