/**
 * Benchmark: two-way controlled rounding of the products × weeks revenue grid
 * (issue 12, engine/src/products/controlled-rounding.ts) at 200, 2,000 and
 * 10,000 products × 52 weeks. The grid is made as the product calendar makes
 * it: whole-fen week totals (¥50k–¥500k a week per 1,000 products) split over
 * the products by weights (share × role × stage × promotion lift; a tenth of
 * the cells off sale at 0); and one grid built so that largest remainder is
 * infeasible for half the products (the greedy's worst work). Beside each figure, a plain typed-array loop over
 * the same grid (per-cell rounding with row and column sums: what ROUND per
 * cell costs, and gets wrong) in the same run, and their ratio, since the
 * machine's load moves absolute times (CPU time, and the fastest wall time,
 * are the figures that load moves least). Each grid is also rounded as the
 * product plan rounds its revenue on every edit (columnsWithBuffers): in the
 * grid evaluator's column-major layout, with the week totals given and the
 * working arrays reused, so no copy and no grid-sized allocation per call.
 * After a warm-up; writes test/bench/reports/controlled-rounding.json.
 *
 * pnpm --filter @shopplan/bench bench:rounding    (BENCH_RUNS=7)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { controlledRounding } from '@shopplan/engine';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WEEKS = 52;
const WARM_UP = 5;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number) => Math.round(x * 100) / 100;

/** A deterministic products × weeks grid of real fen whose weeks sum to whole fen. */
function revenueGrid(products: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const random = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const weights = new Float64Array(products * WEEKS);
  for (let p = 0; p < products; p++) {
    const share = random() ** 2;
    const lift = 1 + random();
    for (let w = 0; w < WEEKS; w++) weights[p * WEEKS + w] = random() < 0.1 ? 0 : share * (w % 8 === 0 ? lift : 1) * (0.5 + random() / 2);
  }
  const values = new Float64Array(products * WEEKS);
  for (let w = 0; w < WEEKS; w++) {
    const weekFen = Math.floor(products * (5e6 + random() * 4.5e7)); // ¥50k–¥500k per 1,000 products
    let sum = 0;
    for (let p = 0; p < products; p++) sum += weights[p * WEEKS + w]!;
    for (let p = 0; p < products; p++) values[p * WEEKS + w] = (weekFen * weights[p * WEEKS + w]!) / sum;
  }
  return values;
}

/** A row-major grid in the column-major layout (cell (p, w) at w × rows + p). */
function byColumn(values: Float64Array, rows: number, columns: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let p = 0; p < rows; p++) for (let w = 0; w < columns; w++) out[w * rows + p] = values[p * columns + w]!;
  return out;
}

/** The plain loop: round each cell and sum rows and columns (no two-way guarantee). */
function plainLoop(values: Float64Array, rows: number, columns: number): number {
  const cells = new Float64Array(values.length);
  const rowSums = new Float64Array(rows);
  const columnSums = new Float64Array(columns);
  for (let p = 0; p < rows; p++) {
    for (let w = 0; w < columns; w++) {
      const c = Math.round(values[p * columns + w]!);
      cells[p * columns + w] = c;
      rowSums[p]! += c;
      columnSums[w]! += c;
    }
  }
  return rowSums[0]! + columnSums[0]!;
}

/**
 * Median wall time, fastest wall time and median CPU time of the runs. The
 * shared machine runs several jobs per core: CPU time (process.cpuUsage) is
 * what the call itself costs, wall time includes waiting for a core.
 */
function measure(fn: () => void): { wallMs: number; minWallMs: number; cpuMs: number } {
  for (let i = 0; i < WARM_UP; i++) fn(); // until V8 has optimised the loops
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wallMs: round(median(wall)), minWallMs: round(Math.min(...wall)), cpuMs: round(median(cpu)) };
}

/**
 * The hard case for the greedy: half a fen per product, the first half of the
 * products all in week 0 and the rest in week 1, so largest remainder (ties to
 * the lower index) asks for twice what week 0 can give and a quarter of the
 * products' searches fail.
 */
function halfFenGrid(products: number): Float64Array {
  const values = new Float64Array(products * WEEKS);
  for (let p = 0; p < products; p++) values[p * WEEKS + (p < products / 2 ? 0 : 1)] = 0.5;
  return values;
}

const grids = [
  ...[200, 2000, 10_000].map((products) => ({ kind: 'calendar', products, values: revenueGrid(products, products) })),
  { kind: 'half-fen, largest remainder infeasible', products: 10_000, values: halfFenGrid(10_000) },
];

const cases = grids.map(({ kind, products, values }) => {
  const result = controlledRounding(values, products, WEEKS);
  const roundingMs = measure(() => controlledRounding(values, products, WEEKS));
  const loopMs = measure(() => plainLoop(values, products, WEEKS));
  // as the product plan calls it: column-major, its week totals, buffers reused from call to call
  const columnMajor = byColumn(values, products, WEEKS);
  // the working arrays controlledRoundingBuffers makes (that helper is not in the package's index)
  const buffers = { cells: new Float64Array(values.length), frac: new Float64Array(values.length), up: new Uint8Array(values.length) };
  const columnTotals = Array.from(result.columnTotals);
  const columnsMs = measure(() => controlledRounding(columnMajor, products, WEEKS, { columnTotals, layout: 'columns', buffers }));
  // how often per-cell rounding breaks a week or a product total (what the controlled rounding is for)
  let brokenWeeks = 0;
  for (let w = 0; w < WEEKS; w++) {
    let sum = 0;
    for (let p = 0; p < products; p++) sum += Math.round(values[p * WEEKS + w]!);
    if (sum !== result.columnTotals[w]) brokenWeeks++;
  }
  return {
    kind,
    products,
    weeks: WEEKS,
    cells: products * WEEKS,
    controlledRounding: roundingMs,
    plainLoop: loopMs,
    ratioCpu: round(roundingMs.cpuMs / Math.max(loopMs.cpuMs, 0.01)),
    ratioMinWall: round(roundingMs.minWallMs / Math.max(loopMs.minWallMs, 0.01)),
    columnsWithBuffers: columnsMs,
    columnsRatioCpu: round(columnsMs.cpuMs / Math.max(loopMs.cpuMs, 0.01)),
    columnsRatioMinWall: round(columnsMs.minWallMs / Math.max(loopMs.minWallMs, 0.01)),
    rowsOffLargestRemainder: result.rowsOffLargestRemainder.length,
    weeksPerCellRoundBreaks: brokenWeeks,
  };
});

const report = {
  benchmark: 'controlled-rounding',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', loadavg: loadavg().map(round), node: process.version },
  runs: RUNS,
  target: '10,000 × 52 under 50 ms (issue 12, s3-prodmath brief)',
  columnsTarget: 'the product plan\'s call (columnsWithBuffers) on 10,000 × 52 as small as it goes: a price edit repaints in < 100 ms median (issue 13, s6-round brief)',
  cases,
};
mkdirSync(join(here, '..', 'reports'), { recursive: true });
writeFileSync(join(here, '..', 'reports', 'controlled-rounding.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(cases, null, 1));
