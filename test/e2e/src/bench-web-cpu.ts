/**
 * Where the web app spends CPU on the 10,000 products × 52 weeks calendar,
 * per thread (the page's main thread, the engine worker), from a Chromium
 * trace. Thread time, unlike the wall-clock figures of bench-web.ts, hardly
 * moves when the 2 cores are shared with other work: it is the figure to
 * compare two builds by on a busy machine (and the longest task's CPU time is
 * what a quiet machine would block the thread for).
 *
 * Phases: load (navigation to the first weekly figures), the first totals
 * (the worker sums all products), price edits of one product, and target
 * GMV edits, each edit waited out. Also the JavaScript the page fetched to
 * show the calendar. Writes test/bench/reports/web-cpu.json.
 *
 * Run: pnpm --filter @shopplan/test-e2e bench:cpu   (builds nothing: run `pnpm --filter @shopplan/web build` first)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, launchChromium, startPreview } from './harness.ts';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 10_000);
const EDITS = Number(process.env.BENCH_RUNS ?? 6);
const SHARED_EDITS = Number(process.env.BENCH_SHARED_RUNS ?? 3);

interface TraceEvent {
  name: string; cat: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string; type?: string } };
}

/** One of the longest tasks of a thread: when it ran, its CPU, and the first-level work inside it (what it was spent on). */
interface TaskSplit { atMs: number; cpuMs: number; parts: Array<{ what: string; cpuMs: number }> }

/** CPU of one thread in a time window: total, task count, the longest tasks and what the time went to. */
interface ThreadCpu { cpuMs: number; tasks: number; longestTasksCpuMs: number[]; topEventsCpuMs: Record<string, number>; longestTasks: TaskSplit[] }

const TASK = 'ThreadControllerImpl::RunTask';
const round = (x: number) => Math.round(x * 10) / 10;

/** Events that only carry a message or a scheduled callback to the work that is named under them. */
const WRAPPERS = new Set(['HandlePostMessage', 'SimpleWatcher::OnHandleReady', 'Receive mojo message', 'Receive mojo reply', 'v8.callFunction', 'TimerFire', 'FireAnimationFrame']);

/** A trace event named for a reader: a script's file for evaluation and calls, the message kind for a dispatch. */
function describe(e: TraceEvent): string {
  const d = e.args?.data;
  const file = d?.url ? d.url.replace(/^.*\//, '') : '';
  if (e.name === 'FunctionCall' || e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript' || e.name === 'v8.compile' || e.name === 'v8.compileModule') {
    return `${e.name}${file ? ` ${file}` : ''}${d?.functionName ? ` ${d.functionName}()` : ''}`;
  }
  if (e.name === 'EventDispatch' && d?.type) return `EventDispatch ${d.type}`;
  return e.name;
}

/**
 * The first-level work inside one task: the events directly under it (an
 * event inside another is counted with its parent), summed by what they are.
 */
function splitTask(task: TraceEvent, inside: TraceEvent[], origin: number): TaskSplit {
  const end = task.ts + (task.dur ?? 0);
  const parts = new Map<string, number>();
  // a message or scheduler wrapper says little: what it ran is named under it ("HandlePostMessage > FunctionCall … onmessage()")
  const wrappers: Array<{ what: string; end: number }> = [];
  let coveredTo = -Infinity;
  for (const e of inside) {
    if (e === task || e.ts < task.ts || e.ts > end || e.name === TASK || e.name === 'RunTask') continue;
    if (e.ts < coveredTo) continue;
    while (wrappers.length > 0 && e.ts >= (wrappers[wrappers.length - 1]?.end ?? 0)) wrappers.pop();
    if (WRAPPERS.has(e.name)) {
      wrappers.push({ what: e.name, end: e.ts + (e.dur ?? 0) });
      continue;
    }
    coveredTo = e.ts + (e.dur ?? 0);
    const what = [...wrappers.map((w) => w.what), describe(e)].join(' > ');
    parts.set(what, (parts.get(what) ?? 0) + (e.tdur ?? 0) / 1000);
  }
  return {
    atMs: round((task.ts - origin) / 1000),
    cpuMs: round((task.tdur ?? 0) / 1000),
    parts: [...parts].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([what, ms]) => ({ what, cpuMs: round(ms) })),
  };
}

function threadCpu(events: TraceEvent[], thread: string | undefined, from: number, to: number): ThreadCpu {
  const mine = events.filter((e) => `${e.pid}:${e.tid}` === thread && e.ph === 'X' && e.ts >= from && e.ts <= to);
  const tasks = mine.filter((e) => e.name === TASK);
  // by start, an enclosing event before the ones it encloses
  const byStart = [...mine].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const by = new Map<string, number>();
  for (const e of mine) if (e.name !== TASK && e.name !== 'RunTask') by.set(e.name, (by.get(e.name) ?? 0) + (e.tdur ?? 0) / 1000);
  return {
    cpuMs: round(tasks.reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000),
    tasks: tasks.length,
    longestTasksCpuMs: tasks.map((e) => round((e.tdur ?? 0) / 1000)).sort((a, b) => b - a).slice(0, 5),
    topEventsCpuMs: Object.fromEntries([...by].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => [k, round(v)])),
    longestTasks: [...tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 5).map((t) => splitTask(t, byStart, from)),
  };
}

async function main(): Promise<void> {
  // the cores are shared: the load average says how far the wall-clock figures can be trusted
  const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
  const server = await startPreview();
  const browser = await launchChromium();
  const report: Record<string, unknown> = {};
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.addInitScript('window.__name = (f) => f;');
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing', 'v8'] });
    await page.goto(`${server.url}?demo=scale&products=${PRODUCTS}&weeks=52&workspace=bench-cpu-${Date.now()}#/calendar`);
    await page.waitForFunction(() => performance.getEntriesByName('shopplan:calendar-ready').length > 0, null, { timeout: 600_000 });
    await page.waitForSelector('[data-testid="product-totals"][data-state="current"]', { timeout: 600_000 });
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((r) => r.name.endsWith('.js'))
      .map((r) => ({ file: new URL(r.name).pathname, kB: Math.round((r as PerformanceResourceTiming).decodedBodySize / 1024) })));
    await page.evaluate(() => performance.mark('bench:totals-current'));

    await page.getByTestId('measure-units').click();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="product-grid"] .ag-row[row-index="2"] .ag-cell[col-id="w3"]')?.textContent ?? ''));
    const productId = await page.locator('[data-testid="product-grid"] .ag-row[row-index="2"]').first().getAttribute('row-id');
    if (!productId) throw new Error('no product row');
    const settled = () => page.waitForSelector('[data-testid="product-totals"][data-state="current"]', { timeout: 600_000 });
    await page.evaluate(() => performance.mark('bench:edits-start'));
    for (let run = 0; run < EDITS; run++) {
      await page.locator(`[data-testid="product-grid"] .ag-row[row-id="${productId}"] .ag-cell[col-id="price"]`).click();
      await page.keyboard.type(String(100 + run * 7));
      await page.keyboard.press('Enter');
      await page.waitForTimeout(400);
      await settled();
    }
    await page.evaluate(() => performance.mark('bench:edits-end'));
    for (let run = 0; run < SHARED_EDITS; run++) {
      await page.evaluate((gmv) => {
        const w = window as unknown as { shopplan: { store: { get(): { activeScenarioId: string } }; enter(id: string, e: Array<{ path: string; value: number; text: string }>): Promise<void> } };
        void w.shopplan.enter(w.shopplan.store.get().activeScenarioId, [{ path: 'objective.gmv', value: gmv, text: String(gmv) }]);
      }, 131_000_000 + run * 1_000_000);
      await page.waitForTimeout(400);
      await settled();
    }
    await page.evaluate(() => performance.mark('bench:shared-end'));

    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const events = Array.isArray(trace) ? trace : trace.traceEvents;
    const names = new Map<string, string>();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name));
    const worker = [...names].find(([, n]) => n.startsWith('DedicatedWorker'))?.[0];
    const main = [...names].find(([k, n]) => n === 'CrRendererMain' && k.split(':')[0] === worker?.split(':')[0])?.[0];
    if (!worker || !main) throw new Error('the trace has no page and worker threads');
    const mark = (name: string) => {
      const found = events.find((e) => e.name === name && e.cat.includes('user_timing'));
      if (!found) throw new Error(`no mark ${name} in the trace`);
      return found.ts;
    };
    const start = Math.min(...events.filter((e) => `${e.pid}:${e.tid}` === main && e.name === TASK).map((e) => e.ts));
    const phases: Array<[string, number, number]> = [
      ['load: navigation to the first weekly figures', start, mark('shopplan:calendar-ready')],
      ['first totals over all products', mark('shopplan:calendar-ready'), mark('bench:totals-current')],
      [`${EDITS} price edits, each until repainted and totalled`, mark('bench:edits-start'), mark('bench:edits-end')],
      [`${SHARED_EDITS} target GMV edits, each until repainted and totalled`, mark('bench:edits-end'), mark('bench:shared-end')],
    ];
    Object.assign(report, {
      benchmark: 'web app in Chromium: CPU time per thread, product calendar of the scale plan',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, chromium: browser.version(), loadAverage: { start: loadAtStart, end: loadavg().map((x) => Math.round(x * 100) / 100) } },
      plan: { products: PRODUCTS, weeks: 52 },
      scriptsFetchedForTheCalendar: scripts,
      // the page's own JavaScript (the engine worker's bundle runs off the main thread)
      pageScriptsKB: scripts.filter((x) => !x.file.includes('engine.worker')).reduce((a, x) => a + x.kB, 0),
      phases: phases.map(([phase, from, to]) => ({ phase, wallMs: round((to - from) / 1000), main: threadCpu(events, main, from, to), worker: threadCpu(events, worker, from, to) })),
      notes: [
        'CPU ms are thread time from the trace (tdur of each task): they change little when other work shares the cores, so two builds compare by them even on a busy machine',
        'the longest task of the main thread, in CPU ms, is what a quiet machine blocks the page for; wall-clock timings are in web.json',
      ],
    });
  } finally {
    await browser.close();
    await server.stop();
  }
  const dir = join(REPO_ROOT, 'test/bench/reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, process.env.BENCH_CPU_REPORT ?? 'web-cpu.json'), `${JSON.stringify(report, null, 2)}\n`);
  for (const p of report.phases as Array<{ phase: string; wallMs: number; main: ThreadCpu; worker: ThreadCpu }>) {
    console.log(`${p.phase}: main ${p.main.cpuMs} ms CPU (longest ${p.main.longestTasksCpuMs[0] ?? 0}), worker ${p.worker.cpuMs} ms CPU (longest ${p.worker.longestTasksCpuMs[0] ?? 0}); ${p.wallMs} ms wall`);
    for (const t of p.main.longestTasks.slice(0, 3)) console.log(`  main task at ${t.atMs} ms, ${t.cpuMs} ms CPU: ${t.parts.map((x) => `${x.what} ${x.cpuMs}`).join(', ')}`);
  }
}

await main();
