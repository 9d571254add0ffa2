import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { computePlan } from '@shopplan/engine';
import { EXAMPLE_PLAN_DOCUMENTS } from '@shopplan/examples';
import { REPO_ROOT, WEB_DIR, launchChromium, startPreview, type PreviewServer } from './harness.ts';

/**
 * The planner's session in real Chromium, on the built app served by
 * `vite preview`: the demo plan's figures, an edit checked against the CLI,
 * an invalid entry, a reload, a paste from a spreadsheet, a scenario
 * comparison and the xlsx export recalculated by LibreOffice. Screenshots of
 * each view in zh and en are written to apps/web/screenshots/.
 */

const SHOTS = join(WEB_DIR, 'screenshots');
const june = structuredClone(EXAMPLE_PLAN_DOCUMENTS['june-shop']) as {
  channels: Array<{ id: string; cvr: number; aov: number }>;
  objective: { kind: string; gmv: number };
};

let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const cell = (grid: string, row: string, col: string) => page.locator(`[data-testid="${grid}"] .ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`);

async function kpi(id: string): Promise<number> {
  const v = await page.getByTestId(`kpi-${id}`).getAttribute('data-value');
  return Number(v);
}

/** Waits until a key figure differs from `old` (the worker answered), then returns it. */
async function kpiChanged(id: string, old: number): Promise<number> {
  await page.waitForFunction(([sel, before]) => {
    const v = document.querySelector(`[data-testid="${sel}"]`)?.getAttribute('data-value');
    return v !== null && v !== undefined && v !== '' && Number(v) !== before;
  }, [`kpi-${id}`, old] as const);
  return kpi(id);
}

async function saved(): Promise<void> {
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
}

/** Types into a grid cell the way a planner does: select it, type, Enter. */
async function typeInto(grid: string, row: string, col: string, text: string): Promise<void> {
  await cell(grid, row, col).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The total spend the `shopplan compute --json` command prints for a plan document. */
function cliTotalSpend(doc: unknown): number {
  const dir = mkdtempSync(join(tmpdir(), 'shopplan-e2e-'));
  const file = join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify(doc));
  const run = spawnSync(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['apps/cli/src/bin.ts', 'compute', file, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`shopplan compute failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { total: { spend: number } }).total.spend;
}

async function shoot(name: string, fullPage = true): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // a notice left over from an earlier step is not part of the view
  const notice = page.getByTestId('notice');
  if (await notice.count()) await notice.locator('button').click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1500); // let charts finish their entry animation
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

async function setLang(lang: 'zh' | 'en'): Promise<void> {
  await page.getByTestId(`lang-${lang}`).click();
  await page.waitForSelector(`[data-testid="app"][data-lang="${lang}"]`);
}

async function openView(id: string): Promise<void> {
  await page.getByTestId(`view-${id}`).click();
  await page.waitForSelector(`[data-testid="view-body-${id}"]`);
}

/** Uncaught errors in the page: a session must end with none. */
const pageErrors: string[] = [];

/** Why the browser or the server could not start: every test then fails with it (none is skipped). */
let setupError: unknown;

beforeAll(async () => {
  try {
    server = await startPreview();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
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

describe('a budget planning session in the browser', () => {
  it('Given the first visit, When the page opens, Then the demo plan shows the DOMAIN.md totals', async () => {
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="app"][data-loading="false"]');
    await page.waitForSelector('[data-testid="kpi-spend"]:not([data-value=""])');
    expect(await page.getByTestId('plan-name').textContent()).toBe('六月店铺计划');
    expect(await kpi('gmv')).toBeCloseTo(3_000_000, 6);
    expect(await kpi('spend')).toBeCloseTo(809_013.40, 2);
    expect(await kpi('roi')).toBeCloseTo(3.7082, 4);
    expect(await page.getByTestId('kpi-spend').locator('.exact').textContent()).toBe('¥809,013.40');
    expect(await page.getByTestId('kpi-roi').locator('.value').textContent()).toBe('3.71');
    // the results grid's total row holds the same figure, read-only and with its formula
    const totalSpend = cell('results-grid', 'total', 'spend');
    await expect.poll(() => totalSpend.textContent()).toContain('80.9万');
    await totalSpend.dblclick();
    await expect.poll(() => page.getByTestId('formula-text').textContent()).toMatch(/SUM\(/);
    await shoot('plan-zh');
    await setLang('en');
    expect(await page.getByTestId('kpi-spend').locator('.value').textContent()).toMatch(/809,013/);
    await shoot('plan-en');
  });

  it('Given the demo plan, When search CVR is changed to 3%, Then total spend is what the CLI computes for the same plan', async () => {
    const before = await kpi('spend');
    await typeInto('assumptions-grid', 'search', 'cvr', '3%');
    const after = await kpiChanged('spend', before);
    const changed = structuredClone(june);
    const search = changed.channels.find((c) => c.id === 'search');
    if (!search) throw new Error('no search channel');
    search.cvr = 0.03;
    expect(after).toBeCloseTo(cliTotalSpend(changed), 6);
    expect(await cell('assumptions-grid', 'search', 'cvr').textContent()).toContain('3%');
  });

  it('Given a CVR cell, When 150% is typed, Then the cell shows the error and the old value stays in force', async () => {
    const before = await kpi('spend');
    await typeInto('assumptions-grid', 'search', 'cvr', '150%');
    const target = cell('assumptions-grid', 'search', 'cvr');
    await expect.poll(() => target.getAttribute('class')).toContain('sp-error');
    expect(await target.locator('.sp-cell-error').textContent()).toMatch(/conversion rate must be at most 100%/);
    expect(await target.textContent()).toContain('3%');
    expect(await page.getByTestId('pending-entries').textContent()).toContain('150%');
    await page.waitForTimeout(300);
    expect(await kpi('spend')).toBe(before);
    // text that is no number at all is kept too, with its message, and nothing becomes NaN
    await typeInto('assumptions-grid', 'display', 'aov', 'abc');
    await expect.poll(() => cell('assumptions-grid', 'display', 'aov').getAttribute('class')).toContain('sp-error');
    expect(await page.locator('body').textContent()).not.toContain('NaN');
    await shoot('invalid-entry-en', false);
    await setLang('zh');
    await shoot('invalid-entry-zh', false);
    await setLang('en');
  });

  it('Given edits and pending entries, When the page is reloaded, Then every edit is still there', async () => {
    const before = await kpi('spend');
    await saved();
    await page.reload();
    await page.waitForSelector('[data-testid="app"][data-loading="false"]');
    await page.waitForSelector('[data-testid="kpi-spend"]:not([data-value=""])');
    expect(await kpi('spend')).toBeCloseTo(before, 6);
    expect(await page.getByTestId('app').getAttribute('data-lang')).toBe('en');
    expect(await cell('assumptions-grid', 'search', 'cvr').textContent()).toContain('3%');
    expect(await cell('assumptions-grid', 'search', 'cvr').getAttribute('class')).toContain('sp-error');
    expect(await page.getByTestId('pending-entries').textContent()).toContain('150%');
    expect(await page.getByTestId('pending-entries').textContent()).toContain('abc');
  });

  it('Given a 3×2 block copied from a spreadsheet, When pasted at search CVR, Then the six cells change in one step and spend follows', async () => {
    const before = await kpi('spend');
    await cell('assumptions-grid', 'search', 'cvr').click();
    await page.keyboard.press('Escape');
    // CVR and AOV of search, display and affiliate, as Excel/WPS put them on the clipboard
    const block = '2.8%\t¥165\r\n1.3%\t145\r\n3.2%\t135\r\n';
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const target = document.querySelector('[data-testid="assumptions-grid"] .ag-cell-focus') ?? document.activeElement;
      target?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, block);
    const after = await kpiChanged('spend', before);
    const changed = structuredClone(june);
    const set = (id: string, cvr: number, aov: number) => {
      const ch = changed.channels.find((c) => c.id === id);
      if (ch) Object.assign(ch, { cvr, aov });
    };
    set('search', 0.028, 165);
    set('display', 0.013, 145);
    set('affiliate', 0.032, 135);
    const expected = computePlan(changed);
    if (!expected.ok) throw new Error('expected plan invalid');
    expect(after).toBeCloseTo(expected.result.total.spend, 6);
    expect(await cell('assumptions-grid', 'display', 'aov').textContent()).toContain('145');
    expect(await cell('assumptions-grid', 'affiliate', 'cvr').textContent()).toContain('3.2%');
    // one undo step takes the whole paste back, redo brings it again
    await page.getByTestId('undo').click();
    await kpiChanged('spend', after);
    expect(await cell('assumptions-grid', 'display', 'aov').textContent()).toContain('140');
    await page.getByTestId('redo').click();
    expect(await kpiChanged('spend', before)).toBeCloseTo(after, 6);
  });

  it('Given one scenario, When it is duplicated as 激进 and its target raised, Then the comparison shows the differences', async () => {
    await setLang('zh');
    await page.getByTestId('duplicate').click();
    await page.getByTestId('duplicate-as-aggressive').click();
    await page.waitForSelector('[data-testid="scenario-tab-1"][aria-selected="true"]');
    expect(await page.getByTestId('scenario-tab-1').textContent()).toContain('激进');
    // the copy has its own model in the worker: wait for its figures before typing
    await page.waitForSelector('[data-testid="kpi-gmv"]:not([data-version="0"])');
    await typeInto('objective-grid', 'objective.gmv', 'value', '360万');
    await page.waitForFunction(() => Math.abs(Number(document.querySelector('[data-testid="kpi-gmv"]')?.getAttribute('data-value')) - 3_600_000) < 1e-6);
    await openView('compare');
    const aggressive = await page.getByTestId('scenario-tab-1').getAttribute('data-scenario-id');
    const delta = page.getByTestId(`compare-delta-total.gmv-${aggressive}`);
    await expect.poll(() => delta.getAttribute('data-delta')).not.toBe('');
    expect(Number(await delta.getAttribute('data-delta'))).toBeCloseTo(600_000, 4);
    expect(Number(await delta.getAttribute('data-delta-pct'))).toBeCloseTo(0.2, 9);
    expect(await delta.getAttribute('class')).toContain('good');
    expect(await delta.textContent()).toContain('+20');
    await shoot('compare-zh');
    await setLang('en');
    await shoot('compare-en');
  });

  it('Given the scenario in front, When exported to xlsx, Then LibreOffice recalculates the same total spend', async () => {
    await openView('plan');
    const spend = await kpi('spend');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const dir = mkdtempSync(join(tmpdir(), 'shopplan-xlsx-'));
    const book = join(dir, 'plan.xlsx');
    await download.saveAs(book);
    const out = join(dir, 'csv');
    const recalc = spawnSync(join(REPO_ROOT, '../shared/tools/xlsx-recalc'), [book, out], { encoding: 'utf8' });
    expect(recalc.status, recalc.stderr).toBe(0);
    const csv = readdirSync(out).find((f) => /Channels\.csv$/.test(f));
    expect(csv).toBeDefined();
    const rows = readFileSync(join(out, csv as string), 'utf8').trim().split('\n').map((l) => l.split(','));
    const header = rows[0] ?? [];
    const spendCol = header.findIndex((h) => /spend|花费/i.test(h.replaceAll('"', '')));
    const total = rows.find((r) => /total|合计/i.test(r.join(' ')));
    expect(spendCol).toBeGreaterThan(-1);
    expect(Number(total?.[spendCol])).toBeCloseTo(spend, 2);
    // and the workbook opens again in the page as a plan with the same figures
    await page.getByTestId('open-file').setInputFiles(book);
    await page.waitForSelector('[data-testid="notice"]');
    expect(await page.getByTestId('notice').textContent()).toMatch(/plan\.xlsx/);
    await page.waitForFunction((s) => Math.abs(Number(document.querySelector('[data-testid="kpi-spend"]')?.getAttribute('data-value')) - s) < 0.01, spend);
    // opening added the workbook's plan next to the two scenarios, as one undo step that Ctrl+Z takes back
    await page.waitForSelector('[data-testid="scenario-tab-2"][aria-selected="true"]');
    expect(await page.getByTestId('scenario-tab-1').textContent()).toMatch(/激进|Aggressive/);
    await page.getByTestId('undo').click();
    await page.waitForSelector('[data-testid="scenario-tab-2"]', { state: 'detached' });
    await page.waitForSelector('[data-testid="scenario-tab-1"]');
  });

  it('Given the scenarios, When the charts view opens, Then the funnel, response curves and comparison are drawn', async () => {
    await openView('charts');
    for (const id of ['chart-funnel', 'chart-response', 'chart-scenarios']) {
      await page.waitForSelector(`[data-testid="${id}"] canvas`);
      expect(await page.getByTestId(id).getAttribute('aria-label')).toBeTruthy();
    }
    await shoot('charts-en');
    await setLang('zh');
    await shoot('charts-zh');
    await openView('plan');
  });

  it('Given the target, When goal seek runs on search CVR, Then its answer is a NEW scenario and the plan in front is untouched', async () => {
    const seek = await context.newPage();
    await seek.goto(`${server.url}?demo=june-shop&workspace=seek`);
    await seek.waitForSelector('[data-testid="kpi-spend"]:not([data-value=""])');
    await seek.getByTestId('seek-driver').selectOption('channels.search.cvr');
    await seek.getByTestId('seek-budget').fill('728,112');
    await seek.getByTestId('goal-seek').click();
    await seek.waitForSelector('[data-testid="scenario-tab-1"][aria-selected="true"]');
    expect(await seek.getByTestId('scenario-tab-1').textContent()).toMatch(/求解|Seek/);
    await seek.waitForFunction(() => Math.abs(Number(document.querySelector('[data-testid="kpi-spend"]')?.getAttribute('data-value')) - 728_112) < 0.01);
    await seek.getByTestId('scenario-tab-0').locator('button.name').click();
    await seek.waitForFunction(() => Math.abs(Number(document.querySelector('[data-testid="kpi-spend"]')?.getAttribute('data-value')) - 809_013.3983) < 0.01);
    await seek.close();
  });

  it('Given the saturation plan with ranges, When risk runs, Then a panel shows the GMV distribution, percentiles and drivers', async () => {
    const risk = await context.newPage();
    await risk.setViewportSize({ width: 1400, height: 1000 });
    await risk.goto(`${server.url}?demo=saturation&workspace=risk`);
    await risk.waitForSelector('[data-testid="kpi-spend"]:not([data-value=""])');
    await risk.getByTestId('risk').click();
    await risk.waitForSelector('[data-testid="risk-panel"] [data-testid="risk-chart"]', { timeout: 120_000 });
    const chance = Number(await risk.getByTestId('risk-chance').getAttribute('data-value'));
    expect(chance).toBeGreaterThan(0);
    expect(chance).toBeLessThan(1);
    expect(await risk.getByTestId('risk-chart').getAttribute('aria-label')).toMatch(/P10|P50/);
    for (const lang of ['zh', 'en'] as const) {
      await risk.getByTestId(`lang-${lang}`).click();
      await risk.waitForSelector(`[data-testid="app"][data-lang="${lang}"]`);
      await risk.waitForTimeout(1500); // the chart's entry animation
      await risk.getByTestId('risk-panel').screenshot({ path: join(SHOTS, `risk-${lang}.png`) });
    }
    await risk.close();
  });

  it('Given a plan with products and weeks, When the product calendar opens, Then the virtualised grid shows weekly figures', async () => {
    const cal = await context.newPage();
    await cal.goto(`${server.url}?demo=scale&plan=v3&products=500&workspace=calendar#/calendar`);
    await cal.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="calendar-grid"] .ag-row[row-index="0"] .ag-cell[col-id="w0"]')?.textContent ?? ''), null, { timeout: 120_000 });
    // virtualised: far fewer rows in the DOM than products
    expect(await cal.locator('[data-testid="calendar-grid"] .ag-center-cols-viewport .ag-row, [data-testid="calendar-grid"] .ag-row').count()).toBeLessThan(500);
    // a product's price is an input: typed, saved with the session, and still there after a reload
    const price = cal.locator('[data-testid="calendar-grid"] .ag-row[row-index="1"] .ag-cell[col-id="price"]').first();
    await price.click();
    await cal.keyboard.type('¥88');
    await cal.keyboard.press('Enter');
    await expect.poll(() => price.textContent()).toContain('88.00');
    await cal.waitForSelector('[data-testid="save-status"][data-state="saved"]');
    // the demo opened fresh once; the address now names its workspace, so a reload restores it
    await cal.waitForURL(/\?workspace=calendar/);
    await cal.reload();
    await cal.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="calendar-grid"] .ag-row[row-index="0"] .ag-cell[col-id="w0"]')?.textContent ?? ''), null, { timeout: 120_000 });
    expect(await cal.locator('[data-testid="calendar-grid"] .ag-row[row-index="1"] .ag-cell[col-id="price"]').first().textContent()).toContain('88.00');
    const previous = page;
    page = cal;
    await shoot('calendar-zh', false);
    await setLang('en');
    await shoot('calendar-en', false);
    page = previous;
    await cal.close();
  });

  it('Given edits, When the plan is saved as JSON, Then the file is a valid plan with the values in force', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-plan').click()]);
    const file = join(mkdtempSync(join(tmpdir(), 'shopplan-json-')), 'plan.json');
    await download.saveAs(file);
    const saved = computePlan(JSON.parse(readFileSync(file, 'utf8')));
    expect(saved.ok).toBe(true);
    if (saved.ok) expect(saved.result.total.spend).toBeCloseTo(await kpi('spend'), 6);
  });

  it('Given a broken plan file, When opened, Then its problems are listed by field path and nothing is replaced', async () => {
    const before = await kpi('spend');
    const bad = structuredClone(june) as unknown as { channels: Array<{ cvr: number }> };
    (bad.channels[1] as { cvr: number }).cvr = 1.5;
    await page.getByTestId('open-file').setInputFiles({ name: 'bad-plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.waitForSelector('[data-testid="notice"]');
    expect(await page.getByTestId('notice').textContent()).toContain('channels[1].cvr');
    expect(await kpi('spend')).toBe(before);
    // and through the whole session the page never threw
    expect(pageErrors).toEqual([]);
  });
});
