import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT, WEB_DIR, useBrowserSession } from './harness.ts';

/**
 * A planner builds DOMAIN.md's June plan in the page from a blank plan, by
 * typing and clicking only, adds a live stream and a CRM channel, rebalances
 * the shares by typing, saves the plan and checks it against the
 * `shopplan compute` command, then enters a range and sees the risk panel
 * change. Screenshots of the builder in zh and en go to apps/web/screenshots/.
 */

const SHOTS = join(WEB_DIR, 'screenshots');
const session = useBrowserSession({
  context: { acceptDownloads: true },
  // `pnpm shopplan` runs the built CLI
  prepare: () => {
    if (existsSync(join(REPO_ROOT, 'apps/cli/dist/shopplan.js'))) return;
    const built = spawnSync('pnpm', ['-s', 'build'], { cwd: join(REPO_ROOT, 'apps/cli'), stdio: 'inherit' });
    if (built.status !== 0) throw new Error('building the CLI failed');
  },
  timeout: 180_000,
});
const pageErrors = session.pageErrors;
let page: Page;

/** The CLI's total spend for a plan file, from `pnpm -s shopplan compute FILE --json` at the repo root. */
function cliTotalSpend(file: string): number {
  const run = spawnSync('pnpm', ['-s', 'shopplan', 'compute', file, '--json'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`shopplan compute failed (${run.status}): ${run.stderr}${run.stdout}`);
  return (JSON.parse(run.stdout) as { total: { spend: number } }).total.spend;
}

const channel = (id: string) => page.getByTestId(`builder-channel-${id}`);

/** Types a value into a builder field the way a planner does: click, type, Enter. */
async function typeIn(id: string, field: string, text: string): Promise<void> {
  const box = channel(id).getByTestId(field);
  await box.click();
  await box.fill(text);
  await box.press('Enter');
  await page.evaluate(() => (window as unknown as { shopplan: { idle(): Promise<unknown> } }).shopplan.idle());
}

/** Adds a channel by typing its name and choosing its cost model. */
async function addChannel(name: string, model: string, id: string): Promise<void> {
  await page.getByTestId('builder-add-name').fill(name);
  await page.getByTestId('builder-add-model').selectOption(model);
  await page.getByTestId('builder-add').click();
  await channel(id).waitFor();
}

async function spend(): Promise<number> {
  await page.evaluate(() => (window as unknown as { shopplan: { idle(): Promise<unknown> } }).shopplan.idle());
  return Number(await page.getByTestId('kpi-spend').getAttribute('data-value'));
}

/** The shares the builder shows for the paid channels, as the page's fractions. */
async function shownShares(ids: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const id of ids) out.push(Number((await channel(id).getByTestId('field-share').inputValue()).replace('%', '')) / 100);
  return out;
}

beforeAll(async () => {
  try {
    page = await session.newPage();
  } catch {
    // the session failed to start: its beforeEach fails every test with the reason
  }
});

describe('a planner builds a plan in the page', () => {
  it('Given a blank plan, When the June plan is typed in, Then total spend is ¥809,013.40', async () => {
    await page.goto(`${session.server.url}?workspace=builder-e2e`);
    await page.waitForSelector('[data-testid="app"][data-loading="false"]');
    await page.getByTestId('builder-toggle').click();
    await page.getByTestId('builder-new-blank').click();
    await page.waitForSelector('[data-testid="plan-name"]:text("新计划")');
    await channel('organic').waitFor();

    const amount = page.getByTestId('builder-objective-amount');
    await amount.fill('¥3,000,000');
    await amount.press('Enter');
    await typeIn('organic', 'field-forecastVisitors', '400,000');
    await typeIn('organic', 'field-cvr', '2%');
    await typeIn('organic', 'field-aov', '150');

    await addChannel('Search', 'cpc', 'search');
    await typeIn('search', 'field-cpc', '1.20');
    await typeIn('search', 'field-cvr', '2.5%');
    await typeIn('search', 'field-aov', '160');

    await addChannel('Display', 'cpm', 'display');
    await typeIn('display', 'field-cpm', '36');
    await typeIn('display', 'field-ctr', '1.5%');
    await typeIn('display', 'field-cvr', '1.2%');
    await typeIn('display', 'field-aov', '140');
    await typeIn('display', 'field-share', '30%');
    // the only other paid channel made room
    expect(await shownShares(['search', 'display'])).toEqual([0.7, 0.3]);

    await addChannel('Affiliate', 'cps', 'affiliate');
    await typeIn('affiliate', 'field-commission', '20%');
    await typeIn('affiliate', 'field-cvr', '3%');
    await typeIn('affiliate', 'field-aov', '130');
    // display's 30% is locked, so the affiliate's 20% comes out of search alone
    await channel('display').getByTestId('ch-lock').check();
    await typeIn('affiliate', 'field-share', '20%');
    expect(await shownShares(['search', 'display', 'affiliate'])).toEqual([0.5, 0.3, 0.2]);

    expect(await page.getByTestId('plan-issues').count()).toBe(0);
    expect(await spend()).toBeCloseTo(809_013.4, 2);
    expect(await page.getByTestId('kpi-spend').locator('.exact').textContent()).toBe('¥809,013.40');
  });

  it('Given a share being typed, When the digits go in, Then the other unlocked shares move as it happens', async () => {
    const box = channel('affiliate').getByTestId('field-share');
    await box.click();
    await box.fill('40%');
    // not committed yet: search (unlocked) shows the rest, display (locked) stays
    expect(await shownShares(['search', 'display'])).toEqual([0.3, 0.3]);
    await box.press('Escape');
    expect(await shownShares(['search', 'display', 'affiliate'])).toEqual([0.5, 0.3, 0.2]);
  });

  it('Given the June plan, When a live stream and a CRM channel are added and the shares typed, Then the page matches shopplan compute on the saved file', async () => {
    await addChannel('Live', 'live', 'live');
    await typeIn('live', 'field-fixedFee', '50,000');
    await typeIn('live', 'field-commission', '25%');
    await typeIn('live', 'field-cvr', '4%');
    await typeIn('live', 'field-aov', '200');
    await addChannel('CRM', 'crm', 'crm');
    await typeIn('crm', 'field-messagePrice', '0.05');
    await typeIn('crm', 'field-responseRate', '2%');
    await typeIn('crm', 'field-cvr', '5%');
    await typeIn('crm', 'field-aov', '150');

    await channel('display').getByTestId('ch-lock').uncheck();
    await typeIn('live', 'field-share', '10%');
    await typeIn('crm', 'field-share', '10%');
    const shares = await shownShares(['search', 'display', 'affiliate', 'live', 'crm']);
    expect(shares[4]).toBe(0.1);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(await page.getByTestId('plan-issues').count()).toBe(0);

    const pageSpend = await spend();
    // live and CRM bring visitors more cheaply: the same target costs less, and the figure moved
    expect(Math.abs(pageSpend - 809_013.4)).toBeGreaterThan(1);
    const dir = mkdtempSync(join(tmpdir(), 'shopplan-builder-'));
    const file = join(dir, 'built.json');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-plan').click()]);
    await download.saveAs(file);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { channels: Array<{ id: string; cost: { model: string } }> };
    expect(saved.channels.map((c) => `${c.id}:${c.cost.model}`)).toEqual(['organic:free', 'search:cpc', 'display:cpm', 'affiliate:cps', 'live:live', 'crm:crm']);
    expect(cliTotalSpend(file)).toBeCloseTo(pageSpend, 2);
  });

  it('Given a plan with no ranges, When a range is entered, Then the risk panel goes from "no ranges" to a spread', async () => {
    await page.getByTestId('risk').click();
    await page.getByTestId('risk-panel').waitFor();
    await page.getByTestId('risk-no-ranges').waitFor();

    await page.getByTestId('range-path').selectOption('channels.search.cvr');
    const low = page.getByTestId('range-new-low');
    await low.fill('2%');
    await low.press('Enter');
    const high = page.getByTestId('range-new-high');
    await high.fill('3%');
    await high.press('Enter');
    await page.getByTestId('range-add').click();
    await page.getByTestId('range-channels.search.cvr').waitFor();
    await page.getByTestId('risk').click();
    await page.waitForSelector('[data-testid="risk-panel"] [data-testid="risk-spread"]', { state: 'attached', timeout: 120_000 });
    expect(await page.getByTestId('risk-no-ranges').count()).toBe(0);
    const p10 = Number(await page.getByTestId('risk-spread').getAttribute('data-p10'));
    const p90 = Number(await page.getByTestId('risk-spread').getAttribute('data-p90'));
    expect(p90).toBeGreaterThan(p10);
  });

  it('Given the builder, When shown in zh and en, Then screenshots are written', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const notice = page.getByTestId('notice');
    if (await notice.count()) await notice.locator('button').first().click();
    await page.mouse.move(0, 0);
    await page.getByTestId('builder').screenshot({ path: join(SHOTS, 'builder-zh.png') });
    await page.getByTestId('lang-en').click();
    await page.waitForSelector('[data-testid="app"][data-lang="en"]');
    await page.getByTestId('builder').screenshot({ path: join(SHOTS, 'builder-en.png') });
    expect(existsSync(join(SHOTS, 'builder-en.png'))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
