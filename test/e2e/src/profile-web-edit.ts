/**
 * Where one price edit of the 10,000 products × 52 weeks calendar spends the
 * page's main thread: the V8 sampling profiler (CDP `Profiler`) runs while
 * price edits are typed, and the report lists the functions by self time and
 * by total time (with the bundle's function names: build with
 * `vite build --minify false` to read them), together with the page's own
 * marks of each step (key → journal → sent → answered → rows applied →
 * summary applied). Writes test/bench/reports/web-edit-profile.json.
 *
 * Run: pnpm --filter @shopplan/test-e2e profile:edit   (builds nothing)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, launchChromium, startPreview } from './harness.ts';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 10_000);
const EDITS = Number(process.env.BENCH_RUNS ?? 6);

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[]; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const round = (x: number) => Math.round(x * 10) / 10;

/** Self and total milliseconds per function (name, file, line), from a sampled profile. */
function summarise(profile: Profile): { selfMs: Array<[string, number]>; totalMs: Array<[string, number]>; sampledMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop() ?? ''}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let sampled = 0;
  profile.samples.forEach((id, k) => {
    const ms = (profile.timeDeltas[k + 1] ?? profile.timeDeltas[k] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') return;
    sampled += ms;
    self.set(label(node), (self.get(label(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at);
      if (!n) break;
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + ms);
    }
  });
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, v]): [string, number] => [n, round(v)]);
  return { selfMs: top(self, 40), totalMs: top(total, 60), sampledMs: round(sampled) };
}

async function main(): Promise<void> {
  const load = loadavg().map((x) => Math.round(x * 100) / 100);
  const server = await startPreview();
  const browser = await launchChromium();
  const report: Record<string, unknown> = {};
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.addInitScript('window.__name = (f) => f;');
    // long tasks, to place each in an edit's steps
    await page.addInitScript(() => {
      const w = window as unknown as { __long: Array<[number, number]> };
      w.__long = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${server.url}?demo=scale&products=${PRODUCTS}&weeks=52&workspace=profile-${Date.now()}#/calendar`);
    await page.waitForFunction(() => performance.getEntriesByName('shopplan:calendar-ready').length > 0, null, { timeout: 600_000 });
    await page.waitForSelector('[data-testid="product-totals"][data-state="current"]', { timeout: 600_000 });
    await page.getByTestId('measure-units').click();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="product-grid"] .ag-row[row-index="2"] .ag-cell[col-id="w3"]')?.textContent ?? ''));
    const productId = await page.locator('[data-testid="product-grid"] .ag-row[row-index="2"]').first().getAttribute('row-id');
    if (!productId) throw new Error('no product row');
    await page.waitForTimeout(1000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await page.evaluate(() => performance.clearMarks());
    await cdp.send('Profiler.start');
    for (let run = 0; run < EDITS; run++) {
      await page.locator(`[data-testid="product-grid"] .ag-row[row-id="${productId}"] .ag-cell[col-id="price"]`).click();
      await page.keyboard.type(String(100 + run * 7));
      // the Enter's own time, and the repaint of the product's week-4 units (text changed, then a frame)
      await page.evaluate((row) => {
        const cell = () => document.querySelector(`[data-testid="product-grid"] .ag-row[row-id="${row}"] .ag-cell[col-id="w3"]`);
        const before = cell()?.textContent ?? '';
        const onKey = (e: KeyboardEvent) => {
          if (e.key !== 'Enter') return;
          window.removeEventListener('keydown', onKey, true);
          performance.mark('profile:enter');
          const watch = new MutationObserver(() => {
            if ((cell()?.textContent ?? '') === before) return;
            watch.disconnect();
            performance.mark('profile:cell-changed');
            // profile:frame: the frame that paints the changed cell starts (its paint follows this callback);
            // a mark after it (edit-committed) ran after that paint, even when it comes before profile:painted
            requestAnimationFrame(() => {
              performance.mark('profile:frame');
              setTimeout(() => performance.mark('profile:painted'), 0);
            });
          });
          watch.observe(document.querySelector('[data-testid="product-grid"]')!, { subtree: true, childList: true, characterData: true });
        };
        window.addEventListener('keydown', onKey, true);
      }, productId);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(500);
      await page.waitForSelector('[data-testid="product-totals"][data-state="current"]', { timeout: 600_000 });
      await page.waitForTimeout(300);
    }
    const { profile } = await cdp.send('Profiler.stop') as { profile: Profile };
    const marks = await page.evaluate(() => [
      ...performance.getEntriesByType('mark').filter((m) => m.name.startsWith('shopplan:edit') || m.name.startsWith('profile:')).map((m) => [m.name, Math.round(m.startTime * 10) / 10] as const),
      ...(window as unknown as { __long: Array<[number, number]> }).__long.map(([t, d]) => [`longtask ${Math.round(d)} ms from`, Math.round(t * 10) / 10] as const),
    ].sort((a, b) => a[1] - b[1]));
    // each edit's marks relative to its Enter
    const edits: Array<Record<string, number>> = [];
    for (const [name, t] of marks) {
      if (name === 'profile:enter') edits.push({ t0: t });
      else if (edits.length > 0) { const e = edits[edits.length - 1]!; e[name in e ? `${name} (${Object.keys(e).length})` : name] = round(t - e.t0!); }
    }
    Object.assign(report, { date: new Date().toISOString(), loadAverage: load, products: PRODUCTS, edits: EDITS, marksPerEditMsFromEnter: edits.map(({ t0: _t0, ...rest }) => rest), mainThread: summarise(profile) });
  } finally {
    await browser.close();
    await server.stop();
  }
  const dir = join(REPO_ROOT, 'test/bench/reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, process.env.PROFILE_REPORT ?? 'web-edit-profile.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 1).slice(0, 12000));
}

await main();
