/**
 * Benchmark: history import and calibration (issue 14). Two cases, each in
 * its own child process so its peak memory is its own:
 * - `3y-20ch`: 3 years × 20 channels of daily rows (21,900 rows), the
 *   generated history's six channels repeated with other ids;
 * - `50mb`: a CSV of about 50 MB (the same 20 channels over as many years as
 *   it takes), written at bench time into a temp dir (not committed).
 * Each case streams the CSV through @shopplan/history (import) and then runs
 * calibrateHistory (ratios of sums, Hill fits with hold-out) for a 20-channel
 * plan. Reports the file size, rows, import and calibration seconds, and the
 * peak resident memory (process.resourceUsage().maxRSS) and heap.
 *
 * Writes test/bench/reports/calibration.json.
 * pnpm --filter @shopplan/bench exec tsx src/calibration.ts
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, statSync, writeSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrateHistory } from '@shopplan/engine';
import { examplePlan, generateHistory, HISTORY_CHANNELS, historyCsv, type TrueChannel } from '@shopplan/examples';
import { importHistoryCsv } from '@shopplan/history';
import { parsePlan, type Plan } from '@shopplan/schema';

const here = dirname(fileURLToPath(import.meta.url));
const CHANNELS = 20;
const TARGET_BYTES = 50 * 1024 * 1024;

/** Twenty channels: the six true channels repeated under other ids and names. */
function channels(): TrueChannel[] {
  return Array.from({ length: CHANNELS }, (_, i) => {
    const base = HISTORY_CHANNELS[i % HISTORY_CHANNELS.length]!;
    return { ...base, id: `${base.id}_${i}`, name: { zh: `${base.name.zh}${i}`, en: `${base.name.en} ${i}` } };
  });
}

/** A plan with the twenty channels (the example plan's settings for each kind). */
function plan(list: readonly TrueChannel[]): Plan {
  const example = examplePlan('history-shop-2026');
  const byId = new Map(example.channels.map((c) => [c.id, c]));
  const paid = list.filter((t) => t.model !== 'free').length;
  const doc = {
    ...example,
    objective: { kind: 'target', gmv: 500_000_000 },
    channels: list.map((t) => {
      const c = structuredClone(byId.get(t.id.replace(/_\d+$/, ''))!);
      return { ...c, id: t.id, name: t.name, cost: c.cost.model === 'free' ? c.cost : { ...c.cost, share: 1 / paid } };
    }),
  };
  const parsed = parsePlan(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.plan;
}

/** Writes years of history for the channels, one year at a time, until `years` or `bytes` is reached. */
function writeHistory(path: string, list: readonly TrueChannel[], limit: { years?: number; bytes?: number }): { years: number; bytes: number } {
  const fd = openSync(path, 'w');
  let bytes = 0;
  let years = 0;
  try {
    for (let year = 1900; ; year += 1) {
      if (limit.years !== undefined && years >= limit.years) break;
      if (limit.bytes !== undefined && bytes >= limit.bytes) break;
      let text = historyCsv(generateHistory({ year, seed: year, channels: list }).rows, list);
      if (years > 0) text = text.slice(text.indexOf('\n') + 1); // one header
      bytes += writeSync(fd, text);
      years += 1;
    }
  } finally {
    closeSync(fd);
  }
  return { years, bytes };
}

async function runCase(name: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shopplan-bench-calibration-'));
  try {
    const list = channels();
    const file = join(dir, `${name}.csv`);
    const written = name === '50mb' ? writeHistory(file, list, { bytes: TARGET_BYTES }) : writeHistory(file, list, { years: 3 });
    const p = plan(list);
    const heapBefore = process.memoryUsage().heapUsed;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const imported = await importHistoryCsv(createReadStream(file), { file: `${name}.csv`, channels: p.channels });
    const t1 = performance.now();
    const cpu1 = process.cpuUsage(cpu0);
    if (!imported.ok) throw new Error(JSON.stringify(imported.issues.slice(0, 3)));
    const heapAfterImport = process.memoryUsage().heapUsed;
    const calibrated = calibrateHistory(p, imported.history);
    const t2 = performance.now();
    const cpu2 = process.cpuUsage(cpu0);
    const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
    process.stdout.write(JSON.stringify({
      name,
      channels: list.length,
      years: written.years,
      fileBytes: statSync(file).size,
      rows: imported.history.rows,
      importSeconds: Number(((t1 - t0) / 1000).toFixed(3)),
      calibrationSeconds: Number(((t2 - t1) / 1000).toFixed(3)),
      totalSeconds: Number(((t2 - t0) / 1000).toFixed(3)),
      importCpuSeconds: Number(cpuSeconds(cpu1).toFixed(3)),
      calibrationCpuSeconds: Number((cpuSeconds(cpu2) - cpuSeconds(cpu1)).toFixed(3)),
      curvesFitted: calibrated.filter((c) => c.curve).length,
      peakRssMB: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
      heapAfterImportMB: Number(((heapAfterImport - heapBefore) / 1024 / 1024).toFixed(1)),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one case of a copy of this benchmark (this one, or an older checkout's) in a child process. */
function child(script: string, name: string): unknown {
  const out = execFileSync(process.execPath, [...process.execArgv, script, name], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as unknown;
}

const only = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : undefined;
// --before DIR: a checkout of an older commit (with its node_modules); each case runs there first, then here, back to back
const beforeAt = process.argv.indexOf('--before');
const beforeDir = beforeAt >= 0 ? process.argv[beforeAt + 1] : undefined;
if (only) {
  await runCase(only);
} else {
  const names = ['3y-20ch', '50mb'];
  const before: unknown[] = [];
  const cases: unknown[] = [];
  for (const name of names) {
    if (beforeDir) before.push(child(join(beforeDir, 'test/bench/src/calibration.ts'), name));
    cases.push(child(fileURLToPath(import.meta.url), name));
  }
  const report = {
    benchmark: 'calibration',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? '', loadavg: loadavg().map((x) => Number(x.toFixed(2))), node: process.version },
    note: 'each case in its own process; peakRssMB is that process\'s maxRSS (generation of the file included), heapAfterImportMB the heap the imported history holds; *CpuSeconds are the process\'s user + system CPU time for the step (the machine is shared: compare CPU seconds, and wall seconds only within one run)',
    cases,
    ...(beforeDir ? { before: { note: `the same cases on ${process.env.BENCH_BEFORE_COMMIT ?? 'an older checkout'}, each run just before the case above`, cases: before } } : {}),
  };
  mkdirSync(join(here, '../reports'), { recursive: true });
  writeFileSync(join(here, '../reports/calibration.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
}
