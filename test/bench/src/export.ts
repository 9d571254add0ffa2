/**
 * Benchmark: export of the 10,000 products × 52 weeks plan to xlsx.
 * Each run is a fresh child process, so its peak RSS is the export's own
 * (process.resourceUsage().maxRSS); the report gives medians over the runs
 * and, measured in the same session, the ratio of the in-memory writer to the
 * streaming writer. Targets: under 30 s and under 1.5 GB (streaming writer).
 *
 * pnpm --filter @shopplan/bench bench:export    (BENCH_RUNS=3 BENCH_PRODUCTS=10000)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HYPERFORMULA_VERSION, planWorkbookSpec } from '@shopplan/engine';
import { scalePlan } from '@shopplan/examples';
import { exportWorkbook, importWorkbook } from '@shopplan/xlsx';

const here = dirname(fileURLToPath(import.meta.url));
const TARGET_MS = 30_000;
const TARGET_RSS_MB = 1536;

interface RunResult {
  writer: 'streaming' | 'in-memory';
  /** Time to import the exported bytes back (streaming runs only; informational, no target). */
  importMs?: number;
  exportMs: number;
  buildPlanMs: number;
  peakRssMb: number;
  bytes: number;
  sheets: number;
  cells: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** One export in this process (the child side). */
async function child(writer: RunResult['writer'], products: number): Promise<void> {
  const t0 = performance.now();
  const plan = scalePlan(products, 52);
  const t1 = performance.now();
  const bytes = await exportWorkbook({ plan, lang: 'zh', streaming: writer === 'streaming' });
  const t2 = performance.now();
  const peakRssMb = process.resourceUsage().maxRSS / 1024; // the export's peak, before anything else runs
  const spec = planWorkbookSpec(plan);
  // cells with content, counting every cell an array formula fills
  const cells = spec.sheets.reduce((acc, s) => acc + s.rows.reduce((n, r) => n + r.reduce((k, c) => {
    const range = (c as { arrayRange?: { rows: number; columns: number } }).arrayRange;
    return k + (range ? range.rows * range.columns : c.content !== null ? 1 : 0);
  }, 0), 0), 0);
  const sheets = spec.sheets.length;
  let importMs: number | undefined;
  if (writer === 'streaming') {
    const t3 = performance.now();
    const back = await importWorkbook(bytes);
    importMs = performance.now() - t3;
    if (!back.ok) throw new Error(`the exported workbook does not import: ${JSON.stringify(back.issues.slice(0, 3))}`);
  }
  const result: RunResult = { writer, exportMs: t2 - t1, buildPlanMs: t1 - t0, peakRssMb, bytes: bytes.length, sheets, cells, ...(importMs === undefined ? {} : { importMs }) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function main(): void {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const products = Number(process.env.BENCH_PRODUCTS ?? 10_000);
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    for (const writer of ['streaming', 'in-memory'] as const) {
      const proc = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', writer, String(products)], { cwd: resolve(here, '..'), encoding: 'utf8', maxBuffer: 1 << 24 });
      if (proc.status !== 0) throw new Error(`run ${i} (${writer}) failed: ${proc.stderr}`);
      const line = proc.stdout.trim().split('\n').pop() ?? '';
      const r = JSON.parse(line) as RunResult;
      results.push(r);
      process.stderr.write(`run ${i + 1}/${runs} ${writer}: ${(r.exportMs / 1000).toFixed(1)} s, peak RSS ${r.peakRssMb.toFixed(0)} MB, ${(r.bytes / 1024 / 1024).toFixed(1)} MB file${r.importMs ? `, import ${(r.importMs / 1000).toFixed(1)} s` : ''}\n`);
    }
  }
  const of = (w: RunResult['writer']) => results.filter((r) => r.writer === w);
  const summary = (w: RunResult['writer']) => ({
    medianExportMs: median(of(w).map((r) => r.exportMs)),
    medianPeakRssMb: median(of(w).map((r) => r.peakRssMb)),
    runs: of(w),
  });
  const streaming = { ...summary('streaming'), medianImportMs: median(of('streaming').map((r) => r.importMs ?? 0)) };
  const inMemory = summary('in-memory');
  const first = results[0];
  const report = {
    benchmark: 'xlsx export of the scale plan',
    plan: { products, weeks: 52, sheets: first?.sheets, specCells: first?.cells, fileBytes: first?.bytes },
    machine: { node: process.version, cpus: cpus().length, totalMemMb: Math.round(totalmem() / 1024 / 1024), hyperformula: HYPERFORMULA_VERSION },
    targets: { exportMs: TARGET_MS, peakRssMb: TARGET_RSS_MB },
    streaming: { ...streaming, withinTargets: streaming.medianExportMs < TARGET_MS && streaming.medianPeakRssMb < TARGET_RSS_MB },
    inMemory,
    ratios: {
      inMemoryOverStreamingTime: inMemory.medianExportMs / streaming.medianExportMs,
      inMemoryOverStreamingPeakRss: inMemory.medianPeakRssMb / streaming.medianPeakRssMb,
    },
    note: 'exportMs includes building the HyperFormula model of the plan (cached results) and writing the xlsx bytes; each run is a fresh process; medians over runs; the machine is shared, so compare ratios more than absolute times.',
  };
  mkdirSync(resolve(here, '../reports'), { recursive: true });
  const out = join(here, '../reports/export.json');
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`wrote ${out}: streaming median ${(streaming.medianExportMs / 1000).toFixed(1)} s, ${streaming.medianPeakRssMb.toFixed(0)} MB\n`);
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') await child(argv[1] === 'in-memory' ? 'in-memory' : 'streaming', Number(argv[2]));
else main();
