import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXAMPLE_PLAN_DOCUMENTS, scalePlan } from '@shopplan/examples';
import { SESSION_VERSION } from '@shopplan/schema';
import { WEB_DIR, gridCell, ready, useBrowserSession } from './harness.ts';

/**
 * The page under hostile names, sudden death and a second tab, in real
 * Chromium on the built app (issue 10 points 4, 11, 12; issue 13 point 6):
 * - names carrying markup in a plan, a session file and a workbook are shown
 *   as text in every view and chart tooltip, and never run;
 * - an edit typed a moment before the tab is killed is there when it reopens,
 *   over many kills, single edits and bursts, and so is a renamed scenario;
 *   the journal holds each by the first task after the key that made it;
 * - two tabs on one workspace: one edits, the other is read-only, says why,
 *   follows, and takes over when the first closes; nothing is lost on reloads;
 * - opening a file adds scenarios and never replaces the session; notices
 *   and cell error markers go when their cause does.
 * Each part works in a workspace of its own (`?workspace=`), so they do not meet.
 *
 * `SHOPPLAN_E2E_NO_JOURNAL=1` runs the pages with the journal's writes
 * refused (as storage in private mode would), to see the kill checks fail
 * without it: they must be able to.
 */

const SHOTS = join(WEB_DIR, 'screenshots');
const HOSTILE = '<img src=x onerror=window.__pwned=1>';
const NO_JOURNAL = process.env.SHOPPLAN_E2E_NO_JOURNAL === '1';

const session = useBrowserSession({ context: { acceptDownloads: true } });
const pageErrors = session.pageErrors;

/** A page of the shared context on a workspace, loaded and computed. */
async function open(query: string, hash = ''): Promise<Page> {
  const page = await session.newPage();
  if (NO_JOURNAL) {
    await page.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
        if (String(key).startsWith('shopplan:journal:')) throw new DOMException('journal disabled by the test', 'QuotaExceededError');
        setItem.call(this, key, value);
      };
    });
  }
  await page.goto(`${session.server.url}${query}${hash}`);
  await ready(page);
  return page;
}

const cellOf = gridCell;

/** Types into a grid cell the way a planner does, in the tab in front: select it, type, Enter. */
async function typeInto(page: Page, row: string, col: string, text: string): Promise<void> {
  // A planner types in the tab they look at; a tab in the background gets no animation frames.
  await page.bringToFront();
  await cellOf(page, 'assumptions-grid', row, col).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function saved(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]');
}

/** Closes the tab the hard way: no beforeunload, no chance to finish a write. */
async function kill(page: Page): Promise<void> {
  await page.close({ runBeforeUnload: false });
}

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

/** Moves the mouse over a chart in a grid of points, so every kind of tooltip shows at least once. */
async function hoverChart(page: Page, testId: string): Promise<string[]> {
  const chart = page.getByTestId(testId);
  await chart.locator('canvas').first().waitFor();
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) throw new Error(`${testId} has no box`);
  const seen = new Set<string>();
  for (let fy = 0.15; fy < 0.95; fy += 0.14) {
    for (let fx = 0.05; fx < 0.98; fx += 0.1) {
      await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
      await page.waitForTimeout(25);
      // ECharts puts its HTML tooltip in a div inside the chart's element
      const text = await chart.evaluate((el) => [...el.querySelectorAll('div')].filter((d) => d.style.display !== 'none' && /z-index/.test(d.getAttribute('style') ?? '')).map((d) => d.textContent ?? '').join(' | '));
      if (text.trim()) seen.add(text);
    }
  }
  await page.mouse.move(0, 0);
  return [...seen];
}

/** The June demo with markup in every name a planner or a file can set: plan, shop, channels, products. */
function hostilePlan(): Record<string, unknown> {
  const plan = structuredClone(scalePlan(6, 8)) as unknown as Record<string, unknown> & {
    name: { zh: string; en: string };
    channels: Array<{ id: string; name: { zh: string; en: string } }>;
    products: Array<{ name: { zh: string; en: string } }>;
  };
  plan.id = 'hostile';
  plan.name = { zh: `计划${HOSTILE}`, en: `Plan${HOSTILE}` };
  plan.shop = `店${HOSTILE}`;
  for (const c of plan.channels) c.name = { zh: `${c.id}${HOSTILE}`, en: `${c.id}${HOSTILE}` };
  for (const p of plan.products) p.name = { zh: `商品${HOSTILE}`, en: `Product${HOSTILE}` };
  plan.uncertainty = { 'channels.search.cvr': { low: 0.02, high: 0.03 }, 'channels.display.cpm': { low: 30, high: 45 } };
  return plan;
}

describe('names from files never run as markup', () => {
  it('Given a plan, a session and a workbook named with markup, When every view is shown and its charts hovered, Then the names read as text and nothing runs', async () => {
    const page = await open('?demo=june-shop&workspace=markup');
    const plan = hostilePlan();
    const session = {
      version: SESSION_VERSION,
      scenarios: [
        { id: 'a', name: { zh: `方案${HOSTILE}`, en: `Scenario${HOSTILE}` }, plan },
        { id: 'b', name: { zh: `{a}{b}${HOSTILE}`, en: `{a}{b}${HOSTILE}` }, plan: { ...plan, objective: { kind: 'target', gmv: 3_600_000 } } },
      ],
      activeScenarioId: 'a',
      baselineScenarioId: 'a',
    };
    await page.getByTestId('open-file').setInputFiles({ name: `${HOSTILE}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(session)) });
    await page.waitForSelector('[data-testid="scenario-tab-2"]');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain(`${HOSTILE}.json`);
    // the hostile scenario becomes the baseline, so its name is in every other scenario's tooltip
    await page.getByTestId('set-baseline-1').click();
    await page.getByTestId('scenario-tab-1').locator('button.name').click();
    await ready(page);
    expect(await page.getByTestId('plan-name').textContent()).toBe(`计划${HOSTILE}`);
    expect(await page.getByTestId('scenario-tab-1').textContent()).toContain(`方案${HOSTILE}`);
    expect(await cellOf(page, 'assumptions-grid', 'search', 'name').textContent()).toContain(`search${HOSTILE}`);

    // and the same plan back from a workbook: exported, then opened as one more scenario
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const book = join(mkdtempSync(join(tmpdir(), 'shopplan-markup-')), 'hostile.xlsx');
    await download.saveAs(book);
    await page.getByTestId('open-file').setInputFiles({ name: `${HOSTILE}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: readFileSync(book) });
    await page.waitForSelector('[data-testid="scenario-tab-3"][aria-selected="true"]');
    expect(await page.getByTestId('scenario-tab-3').textContent()).toContain(`计划${HOSTILE}`);

    // risk: the drivers table names the channels
    await page.getByTestId('risk').click();
    await page.waitForSelector('[data-testid="risk-panel"] [data-testid="risk-chart"] canvas', { timeout: 120_000 });
    expect(await page.getByTestId('risk-panel').textContent()).toContain(HOSTILE);
    await hoverChart(page, 'risk-chart');

    await page.getByTestId('view-compare').click();
    await page.waitForSelector('[data-testid="compare-table"]');
    expect(await page.getByTestId('compare-table').textContent()).toContain(`{a}{b}${HOSTILE}`);
    const compareTips = await hoverChart(page, 'chart-scenarios');
    expect(compareTips.some((t) => t.includes(`方案${HOSTILE}`))).toBe(true);

    await page.getByTestId('view-charts').click();
    const funnelTips = await hoverChart(page, 'chart-funnel');
    expect(funnelTips.some((t) => t.includes(HOSTILE))).toBe(true);
    await hoverChart(page, 'chart-response');
    const scenarioTips = await hoverChart(page, 'chart-scenarios');
    expect(scenarioTips.some((t) => t.includes(HOSTILE))).toBe(true);

    await page.getByTestId('view-calendar').click();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="calendar-grid"] .ag-row[row-index="0"] .ag-cell[col-id="w0"]')?.textContent ?? ''), null, { timeout: 120_000 });
    expect(await page.locator('[data-testid="calendar-grid"] .ag-row[row-index="0"] .ag-cell[col-id="name"]').first().textContent()).toContain(`商品${HOSTILE}`);

    await page.getByTestId('view-plan').click();
    await page.getByTestId('lang-en').click();
    await page.waitForSelector('[data-testid="app"][data-lang="en"]');
    expect(await page.getByTestId('plan-name').textContent()).toBe(`Plan${HOSTILE}`);

    expect(await pwned(page)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.close();
  });
});

/**
 * Arms a look at the journal in the first task after the next Enter: a timer
 * set by a capturing listener runs before any the page's own handlers set
 * in the key's task (AG Grid hands its edit events over a timer later).
 * Arm it after the text is typed, just before Enter.
 */
async function armJournalLook(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __journalAfterEnter?: Promise<string> };
    w.__journalAfterEnter = new Promise<string>((resolve) => {
      window.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter') return;
        setTimeout(() => resolve(Object.keys(localStorage).filter((k) => k.startsWith('shopplan:journal:')).map((k) => localStorage.getItem(k) ?? '').join('\n')), 0);
      }, { capture: true, once: true });
    });
  });
}

/** What the journal held in the first task after the armed Enter. */
async function journalAfterEnter(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { __journalAfterEnter?: Promise<string> }).__journalAfterEnter ?? Promise.resolve('(not armed)'));
}

/** The session the page holds now (what it shows and will save), read without waiting. */
async function held(page: Page): Promise<{ names: string[]; active: number; channel: (id: string, field: string) => number | undefined }> {
  const state = await page.evaluate(() => {
    const s = (window as unknown as { shopplan: { store: { get(): { scenarios: Array<{ id: string; name: { zh: string }; plan: { channels: Array<Record<string, unknown>> } }>; activeScenarioId: string } } } }).shopplan.store.get();
    const active = s.scenarios.find((x) => x.id === s.activeScenarioId) ?? s.scenarios[0];
    return { names: s.scenarios.map((x) => x.name.zh), active: s.scenarios.indexOf(active as never), channels: active?.plan.channels ?? [] };
  });
  return { names: state.names, active: state.active, channel: (id, field) => state.channels.find((c) => c['id'] === id)?.[field] as number | undefined };
}

/**
 * Reopens a killed tab's workspace. A tab that opens while the killed tab's
 * hold on the workspace lapses starts read-only, then takes over and replays
 * the journal; either way it says it edits only once the replay is done, so
 * what it holds then is checked at once, without waiting for it to change.
 */
async function reopen(query: string): Promise<{ page: Page; readOnlyAtFirst: boolean }> {
  const page = await open(query);
  const readOnlyAtFirst = (await page.getByTestId('save-status').getAttribute('data-state')) === 'read-only';
  await page.waitForSelector('[data-testid="save-status"]:not([data-state="read-only"])', { timeout: 30_000 });
  return { page, readOnlyAtFirst };
}

describe('an edit typed just before the tab dies is kept', () => {
  it('Given an edit or a burst of edits, When the tab is killed right after Enter, Then reopening holds and shows every one, over 12 kills', async () => {
    const lost: string[] = [];
    const late: string[] = [];
    let kills = 0;
    let readOnlyOpens = 0;
    // the workspace starts as the demo; from then on each tab opens what the last one left
    let page = await open('?demo=june-shop&workspace=kill');
    for (let trial = 0; trial < 12; trial++) {
      // 8 single edits, then 4 bursts of four edits in quick succession
      const edits: Array<[string, string, number]> = trial < 8
        ? [['search', 'aov', 161 + trial]]
        : [['search', 'aov', 181 + trial], ['display', 'aov', 141 + trial], ['affiliate', 'aov', 121 + trial], ['organic', 'aov', 151 + trial]];
      await page.bringToFront();
      for (const [i, [row, col, value]] of edits.entries()) {
        await cellOf(page, 'assumptions-grid', row, col).click();
        await page.keyboard.type(String(value));
        const last = i === edits.length - 1;
        if (last) await armJournalLook(page);
        await page.keyboard.press('Enter');
        // the last entry is in the journal by the task after its Enter: nothing can come between
        if (last && !(await journalAfterEnter(page)).includes(`"path":"channels.${row}.${col}","value":${value}`)) late.push(`trial ${trial}: ${row}.${col} = ${value}`);
      }
      await kill(page);
      kills++;
      const reopened = await reopen('?workspace=kill');
      page = reopened.page;
      if (reopened.readOnlyAtFirst) readOnlyOpens++;
      const now = await held(page);
      for (const [row, col, value] of edits) {
        const found = now.channel(row, col);
        if (found !== value) lost.push(`trial ${trial}: ${row}.${col} = ${value}, found ${found}`);
      }
      // and the grid shows what the page holds (a repaint, not a replay, may still be under way)
      await expect.poll(() => cellOf(page, 'assumptions-grid', edits[0]![0], edits[0]![1]).textContent(), { timeout: 5_000 }).toContain(String(edits[0]![2]));
    }
    expect(kills).toBe(12);
    expect({ lost, late }).toEqual({ lost: [], late: [] });
    // how often the killed tab's hold outlived it (the takeover path); informative, not a condition
    console.info(`kill test: ${readOnlyOpens} of ${kills} reopened tabs started read-only and took over`);
    // the replayed edits are saved like any other: one more reload without a kill keeps them
    await saved(page);
    await page.reload();
    await ready(page);
    expect((await held(page)).channel('organic', 'aov')).toBe(151 + 11);
    await page.close();
  }, 600_000); // twelve page loads: a loaded two-core box needs up to ten seconds each

  it('Given a scenario duplicated or renamed, When the tab is killed right after the click or Enter, Then reopening holds the scenario and its name, over 4 kills', async () => {
    const lost: string[] = [];
    const late: string[] = [];
    let page = await open('?demo=june-shop&workspace=kill-structure');
    // a duplicate, killed right after the menu item is clicked
    await page.bringToFront();
    await page.getByTestId('duplicate').click();
    await page.getByTestId('duplicate-as-aggressive').click();
    await kill(page);
    page = (await reopen('?workspace=kill-structure')).page;
    let now = await held(page);
    if (now.names.length !== 2 || now.names[1] !== '激进') lost.push(`duplicate: found ${now.names.join(', ')}`);
    // renames of the duplicate by keyboard (F2, type, Enter), each killed right after Enter
    for (let trial = 0; trial < 3; trial++) {
      const name = `冲刺${trial}`;
      await page.bringToFront();
      await page.getByTestId('scenario-tab-1').click();
      await page.getByTestId('scenario-tab-1').press('F2');
      await page.waitForSelector('[data-testid="rename-input"]:focus');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(name);
      await armJournalLook(page);
      await page.keyboard.press('Enter');
      const journal = await journalAfterEnter(page);
      if (!journal.includes('"kind":"structure"') || !journal.includes(name)) late.push(`rename ${trial}: ${name}`);
      await kill(page);
      page = (await reopen('?workspace=kill-structure')).page;
      now = await held(page);
      if (now.names[1] !== name) lost.push(`rename ${trial}: ${name}, found ${now.names.join(', ')}`);
    }
    expect({ lost, late }).toEqual({ lost: [], late: [] });
    await expect.poll(() => page.getByTestId('scenario-tab-1').textContent()).toContain('冲刺2');
    await page.close();
  }, 300_000);
});

describe('two tabs on one workspace', () => {
  it('Given two tabs, When both are edited and reloaded, Then one edits while the other is read-only and says why, and no edit is lost', async () => {
    const first = await open('?demo=june-shop&workspace=tabs');
    await typeInto(first, 'search', 'aov', '171');
    await saved(first);
    const second = await open('?workspace=tabs');
    // the second tab is told why it cannot edit, in the page language, and shows the first tab's work
    await second.waitForSelector('[data-testid="read-only"]');
    expect(await second.getByTestId('read-only').textContent()).toMatch(/另一个标签页/);
    expect(await second.getByTestId('save-status').getAttribute('data-state')).toBe('read-only');
    expect(await first.getByTestId('read-only').count()).toBe(0);
    await expect.poll(() => cellOf(second, 'assumptions-grid', 'search', 'aov').textContent()).toContain('171');
    mkdirSync(SHOTS, { recursive: true });
    await second.screenshot({ path: join(SHOTS, 'read-only-zh.png') });

    // an edit in the first tab reaches the second; typing in the second changes nothing
    await typeInto(first, 'display', 'aov', '143');
    await expect.poll(() => cellOf(second, 'assumptions-grid', 'display', 'aov').textContent(), { timeout: 20_000 }).toContain('143');
    await typeInto(second, 'affiliate', 'aov', '999');
    await second.waitForTimeout(300);
    expect(await cellOf(second, 'assumptions-grid', 'affiliate', 'aov').textContent()).not.toContain('999');
    await second.getByTestId('lang-en').click();
    await second.waitForSelector('[data-testid="app"][data-lang="en"]');
    expect(await second.getByTestId('read-only').textContent()).toMatch(/another tab/);
    await second.screenshot({ path: join(SHOTS, 'read-only-en.png') });

    // the first tab goes, with an edit typed just before: the second takes over with it
    await typeInto(first, 'organic', 'aov', '152');
    await kill(first);
    await second.waitForSelector('[data-testid="read-only"]', { state: 'detached', timeout: 30_000 });
    await expect.poll(() => cellOf(second, 'assumptions-grid', 'organic', 'aov').textContent()).toContain('152');
    await typeInto(second, 'affiliate', 'aov', '133');
    await expect.poll(() => cellOf(second, 'assumptions-grid', 'affiliate', 'aov').textContent()).toContain('133');
    await saved(second);

    // a tab opened again is now the read-only one; reloading the editor hands editing over to it
    const third = await open('?workspace=tabs');
    await third.waitForSelector('[data-testid="read-only"]');
    await second.reload();
    await ready(second);
    await third.waitForSelector('[data-testid="read-only"]', { state: 'detached', timeout: 30_000 });
    await second.waitForSelector('[data-testid="read-only"]');
    await third.reload();
    await ready(third);
    for (const tab of [second, third]) {
      await expect.poll(async () => [
        await cellOf(tab, 'assumptions-grid', 'search', 'aov').textContent(),
        await cellOf(tab, 'assumptions-grid', 'display', 'aov').textContent(),
        await cellOf(tab, 'assumptions-grid', 'organic', 'aov').textContent(),
        await cellOf(tab, 'assumptions-grid', 'affiliate', 'aov').textContent(),
      ].join(' '), { timeout: 20_000 }).toMatch(/171.*143.*152.*133/);
    }
    await expect.poll(async () => (await second.getByTestId('read-only').count()) + (await third.getByTestId('read-only').count()), { timeout: 20_000 }).toBe(1);
    await second.close();
    await third.close();
  });
});

describe('opening a file never replaces the session', () => {
  it('Given an edited session, When a plan file is opened, Then it joins as a new scenario and the edited one is still there', async () => {
    const page = await open('?demo=june-shop&workspace=open');
    await typeInto(page, 'search', 'aov', '166');
    await expect.poll(() => cellOf(page, 'assumptions-grid', 'search', 'aov').textContent()).toContain('166');
    // a broken file: its problems are listed and nothing changes
    const broken = structuredClone(EXAMPLE_PLAN_DOCUMENTS['saturation']) as { channels: Array<{ cvr: number }> };
    (broken.channels[0] as { cvr: number }).cvr = 2;
    await page.getByTestId('open-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await page.waitForSelector('[data-testid="notice"][data-cause="file"]');
    expect(await page.getByTestId('notice').textContent()).toContain('channels[0].cvr');
    expect(await page.getByTestId('scenario-tab-1').count()).toBe(0);
    // a good file: the error goes with its cause, the plan joins as a second scenario
    await page.getByTestId('open-file').setInputFiles({ name: 'saturation.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(EXAMPLE_PLAN_DOCUMENTS['saturation'])) });
    await page.waitForSelector('[data-testid="scenario-tab-1"][aria-selected="true"]');
    await expect.poll(() => page.getByTestId('notice').getAttribute('data-cause')).toBe('');
    expect(await page.getByTestId('notice').textContent()).toMatch(/saturation\.json/);
    await page.getByTestId('scenario-tab-0').locator('button.name').click();
    await expect.poll(() => cellOf(page, 'assumptions-grid', 'search', 'aov').textContent()).toContain('166');
    // and after a reload both are there
    await saved(page);
    await page.reload();
    await ready(page);
    expect(await page.locator('[data-testid^="scenario-tab-"]').count()).toBe(2);
    await page.close();
  });

  it('Given a refused entry, When a good value is typed, Then the cell marker and the pending list go', async () => {
    const page = await open('?workspace=open');
    await typeInto(page, 'search', 'cvr', '150%');
    const target = cellOf(page, 'assumptions-grid', 'search', 'cvr');
    await expect.poll(() => target.getAttribute('class')).toContain('sp-error');
    await page.waitForSelector('[data-testid="pending-entries"]');
    await typeInto(page, 'search', 'cvr', '2.6%');
    await expect.poll(() => target.getAttribute('class')).not.toContain('sp-error');
    expect(await page.getByTestId('pending-entries').count()).toBe(0);
    expect(await target.textContent()).toContain('2.6%');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
