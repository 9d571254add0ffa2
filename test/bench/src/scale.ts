/**
 * The planning-at-scale benchmark (issue 4): the product calendar of
 * `scalePlan(n)` (n products × 52 weeks) on the project's engine, against a
 * plain typed-array loop computing the same figures (the physical limit),
 * plus the regression benchmark of HyperFormula issue #872 (patched vs
 * unpatched). Every configuration runs in a fresh process (peak RSS is its
 * own), several times; figures are medians.
 *
 * Writes reports/scale.json (everything) and reports/scale.md (the README table).
 *
 *   pnpm --filter @shopplan/bench bench            # full: 1k / 5k / 10k, 3 runs each
 *   pnpm --filter @shopplan/bench bench -- --quick # 1k / 2k, 1 run: a smoke run
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PARTITION_PRODUCTS, DEFAULT_PRODUCT_BLOCK_ROWS, HYPERFORMULA_VERSION } from '@shopplan/engine';
import type { ScaleConfig, ScaleMeasurement } from './scale-child.ts';
import { isPatched } from './unpatched-hyperformula.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const runs = quick ? 1 : 3;
const repeats = quick ? 3 : 5;
const sizes = quick ? [1_000, 2_000] : [1_000, 5_000, 10_000];
const WEEKS = 52;
const TARGETS = { buildMs: 3_000, sharedEditViewportMs: 300, productEditMs: 16, peakRssMb: 1_024, buildRatio10kTo1k: 12 };

function runChild(config: ScaleConfig): Promise<ScaleMeasurement> {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'scale-child.ts'), [JSON.stringify(config)], {
      execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=4096'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: ScaleMeasurement | undefined;
    child.on('message', (m) => {
      result = m as ScaleMeasurement;
    });
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`benchmark child ${JSON.stringify(config)} exited with ${code}`))));
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) >> 1] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const FIGURES = ['buildMs', 'buildWholeGridMs', 'sharedEditMs', 'sharedEditViewportMs', 'sharedEditAllMs', 'fullReadMs', 'productEditMs', 'shareMoveMs', 'peakRssMb'] as const;
type Figure = (typeof FIGURES)[number];
type Summary = Record<Figure, number | null> & { label: string; config: ScaleConfig; runs: number; maxAbsDiff?: number };

async function measure(label: string, config: ScaleConfig, times = runs): Promise<Summary> {
  const all: ScaleMeasurement[] = [];
  for (let i = 0; i < times; i++) {
    const started = Date.now();
    all.push(await runChild(config));
    console.error(`  ${label} run ${i + 1}/${times}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const out = { label, config, runs: times } as Summary;
  for (const f of FIGURES) {
    const xs = all.map((m) => m[f]).filter((x): x is number => typeof x === 'number');
    out[f] = xs.length ? median(xs) : null;
  }
  const diffs = all.map((m) => m.maxAbsDiff).filter((x): x is number => typeof x === 'number');
  if (diffs.length) out.maxAbsDiff = Math.max(...diffs);
  return out;
}

const load0 = loadavg();
const startedAt = new Date().toISOString();
const engine: Summary[] = [];
const limit: Summary[] = [];
for (const n of sizes) {
  console.error(`${n} × ${WEEKS}`);
  limit.push(await measure(`limit ${n}`, { kind: 'limit', products: n, weeks: WEEKS, repeats }));
  engine.push(await measure(`engine ${n}`, { kind: 'engine', products: n, weeks: WEEKS, repeats }));
}
// Layout, at the largest size: products per array formula, and products per HyperFormula instance of the grid.
const largest = sizes[sizes.length - 1] ?? 1_000;
const layouts: Summary[] = [];
const layoutConfigs: Array<{ blockRows: number; partitionProducts: number | null }> = quick
  ? [{ blockRows: 50, partitionProducts: DEFAULT_PARTITION_PRODUCTS }, { blockRows: DEFAULT_PRODUCT_BLOCK_ROWS, partitionProducts: null }]
  : [
      { blockRows: 25, partitionProducts: DEFAULT_PARTITION_PRODUCTS },
      { blockRows: 100, partitionProducts: DEFAULT_PARTITION_PRODUCTS },
      { blockRows: DEFAULT_PRODUCT_BLOCK_ROWS, partitionProducts: 100 },
      { blockRows: DEFAULT_PRODUCT_BLOCK_ROWS, partitionProducts: 1_000 },
      { blockRows: DEFAULT_PRODUCT_BLOCK_ROWS, partitionProducts: null },
      { blockRows: largest, partitionProducts: null },
    ];
for (const { blockRows, partitionProducts } of layoutConfigs) {
  const label = `blocks of ${blockRows}, ${partitionProducts === null ? 'one instance' : `partitions of ${partitionProducts}`}`;
  console.error(`layout: ${label}`);
  layouts.push(await measure(label, { kind: 'engine', products: largest, weeks: WEEKS, blockRows, partitionProducts, repeats }, 1));
}
// Regression (#872): build time of 1k and 2k rows must double, not quadruple.
const regression: Summary[] = [];
for (const unpatched of [false, true]) {
  for (const n of [1_000, 2_000]) {
    console.error(`regression: issue #872 sheet ${n} × ${WEEKS}, ${unpatched ? 'unpatched' : 'patched'}`);
    regression.push(await measure(`#872 sheet ${n}, ${unpatched ? 'unpatched' : 'patched'}`, { kind: 'hub', products: n, weeks: WEEKS, unpatched, repeats }));
  }
  for (const n of [1_000, 2_000]) {
    console.error(`regression: product calendar ${n} × ${WEEKS}, ${unpatched ? 'unpatched' : 'patched'}`);
    regression.push(await measure(`calendar ${n}, ${unpatched ? 'unpatched' : 'patched'}`, { kind: 'engine', products: n, weeks: WEEKS, unpatched, repeats }));
  }
}

const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b <= 0 ? null : a / b);
const byLabel = (xs: Summary[], label: string) => xs.find((x) => x.label === label);
const buildRatio = (xs: Summary[], a: string, b: string) => ratio(byLabel(xs, a)?.buildMs ?? null, byLabel(xs, b)?.buildMs ?? null);
const largestEngine = engine[engine.length - 1];
const smallestEngine = engine[0];
const report = {
  benchmark: 'scale',
  startedAt,
  finishedAt: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverageStart: load0,
    loadAverageEnd: loadavg(),
    note: 'shared machine: other processes ran during the benchmark; compare ratios measured in the same run',
  },
  hyperformula: { version: HYPERFORMULA_VERSION, patched: isPatched('installed'), unpatchedCopy: 'the package\'s own dist/hyperformula.js (pnpm\'s patch does not touch it)' },
  layout: { defaultBlockRows: DEFAULT_PRODUCT_BLOCK_ROWS, defaultPartitionProducts: DEFAULT_PARTITION_PRODUCTS, weeks: WEEKS },
  runsPerConfiguration: runs,
  editsPerRun: repeats,
  targets: TARGETS,
  engine: engine.map((e, i) => ({
    ...e,
    ratioToLimit: Object.fromEntries(FIGURES.map((f) => [f, ratio(e[f], f === 'sharedEditViewportMs' || f === 'sharedEditAllMs' ? limit[i]?.sharedEditMs ?? null : f === 'buildWholeGridMs' ? limit[i]?.buildMs ?? null : f === 'fullReadMs' ? null : limit[i]?.[f] ?? null)])),
  })),
  limit,
  buildGrowth: {
    products: [smallestEngine?.config.products, largestEngine?.config.products],
    ratio: ratio(largestEngine?.buildMs ?? null, smallestEngine?.buildMs ?? null),
    wholeGridRatio: ratio(largestEngine?.buildWholeGridMs ?? null, smallestEngine?.buildWholeGridMs ?? null),
    target: `≤ ${TARGETS.buildRatio10kTo1k}× for 10× the products`,
  },
  layouts,
  regression: {
    rows: regression,
    buildRatio2kTo1k: {
      hubPatched: buildRatio(regression, '#872 sheet 2000, patched', '#872 sheet 1000, patched'),
      hubUnpatched: buildRatio(regression, '#872 sheet 2000, unpatched', '#872 sheet 1000, unpatched'),
      calendarPatched: buildRatio(regression, 'calendar 2000, patched', 'calendar 1000, patched'),
      calendarUnpatched: buildRatio(regression, 'calendar 2000, unpatched', 'calendar 1000, unpatched'),
    },
    reading: 'linear build ≈ 2; quadratic ≈ 4. If hubUnpatched stays ≈ 2 on a new HyperFormula, the patch can be dropped.',
  },
};
mkdirSync(join(here, '..', 'reports'), { recursive: true });
writeFileSync(join(here, '..', 'reports', 'scale.json'), `${JSON.stringify(report, null, 2)}\n`);

const ms = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x >= 1_000 ? `${(x / 1_000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : `${x.toFixed(2)} ms`);
const mb = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${x.toFixed(0)} MB`);
const times = (x: number | null | undefined) => (x === null || x === undefined ? '' : ` (${x >= 100 ? x.toFixed(0) : x.toFixed(1)}×)`);
const lines: string[] = [
  `Product calendar, n products × ${WEEKS} weeks, HyperFormula ${HYPERFORMULA_VERSION} (${report.hyperformula.patched ? 'patched' : 'unpatched'}), ${report.machine.cpus} × ${report.machine.cpu}, Node ${process.version}; medians of ${runs} runs × ${repeats} edits; (×) = engine / plain typed-array loop in the same run.`,
  '',
  '| products × 52 | build + first screen | build, whole grid | shared edit (target GMV) + 50-row read | shared edit, whole grid current | whole calendar read | one product\'s price + read | share moved between two products | peak RSS |',
  '|---|---|---|---|---|---|---|---|---|',
];
engine.forEach((e, i) => {
  const l = limit[i];
  lines.push(`| ${e.config.products.toLocaleString('en')} | ${ms(e.buildMs)}${times(ratio(e.buildMs, l?.buildMs ?? null))} | ${ms(e.buildWholeGridMs)}${times(ratio(e.buildWholeGridMs, l?.buildMs ?? null))} | ${ms(e.sharedEditViewportMs)}${times(ratio(e.sharedEditViewportMs, l?.sharedEditMs ?? null))} | ${ms(e.sharedEditAllMs)}${times(ratio(e.sharedEditAllMs, l?.sharedEditMs ?? null))} | ${ms(e.fullReadMs)} | ${ms(e.productEditMs)}${times(ratio(e.productEditMs, l?.productEditMs ?? null))} | ${ms(e.shareMoveMs)}${times(ratio(e.shareMoveMs, l?.shareMoveMs ?? null))} | ${mb(e.peakRssMb)}${times(ratio(e.peakRssMb, l?.peakRssMb ?? null))} |`);
});
limit.forEach((l) => lines.push(`| ${l.config.products.toLocaleString('en')}, plain loop | ${ms(l.buildMs)} | ${ms(l.buildMs)} | ${ms(l.sharedEditMs)} | ${ms(l.sharedEditMs)} | – | ${ms(l.productEditMs)} | ${ms(l.shareMoveMs)} | ${mb(l.peakRssMb)} |`));
lines.push('', `Build growth ${smallestEngine?.config.products}→${largestEngine?.config.products} products: ${report.buildGrowth.ratio?.toFixed(1)}× to the first screen, ${report.buildGrowth.wholeGridRatio?.toFixed(1)}× for the whole grid (target ≤ ${TARGETS.buildRatio10kTo1k}×). Targets at 10,000: build ≤ 3 s, shared edit + read ≤ 300 ms, one product ≤ 16 ms, peak RSS ≤ 1 GB.`, '');
lines.push(`Layout at ${largest.toLocaleString('en')} products (one run each; default: blocks of ${DEFAULT_PRODUCT_BLOCK_ROWS}, partitions of ${DEFAULT_PARTITION_PRODUCTS}):`, '', '| layout | build + first screen | build, whole grid | shared edit + 50-row read | shared edit, whole grid current | one product\'s price + read | peak RSS |', '|---|---|---|---|---|---|---|');
for (const l of layouts) lines.push(`| ${l.label} | ${ms(l.buildMs)} | ${ms(l.buildWholeGridMs)} | ${ms(l.sharedEditViewportMs)} | ${ms(l.sharedEditAllMs)} | ${ms(l.productEditMs)} | ${mb(l.peakRssMb)} |`);
lines.push('', 'Regression benchmark (HyperFormula issue #872): build time, patched vs the unpatched bundle of the same version.', '', '| sheet | 1,000 × 52 | 2,000 × 52 | 2k / 1k |', '|---|---|---|---|');
for (const kind of ['#872 sheet', 'calendar'] as const) {
  for (const state of ['patched', 'unpatched'] as const) {
    const a = byLabel(regression, `${kind} 1000, ${state}`);
    const b = byLabel(regression, `${kind} 2000, ${state}`);
    lines.push(`| ${kind === '#872 sheet' ? 'each cell reads its row and one shared cell' : 'product calendar'}, ${state} | ${ms(a?.buildMs)} | ${ms(b?.buildMs)} | ${ratio(b?.buildMs ?? null, a?.buildMs ?? null)?.toFixed(1) ?? '–'} |`);
  }
}
lines.push('', `Load average during the run: ${load0.map((x) => x.toFixed(1)).join(' ')} → ${loadavg().map((x) => x.toFixed(1)).join(' ')} (shared machine).`, '');
writeFileSync(join(here, '..', 'reports', 'scale.md'), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
