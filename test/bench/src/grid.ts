/**
 * The fast grid evaluator at planning scale (issue 12, "Speed and memory").
 *
 * A products × weeks grid of 10 measures written as templates (a product
 * model's shape: weight, normalised revenue, units, margin, safety stock,
 * a stock recurrence with orders, a stock-out flag), evaluated
 *   - by GridEvaluator (packages/engine/src/grid) at 10,000 × 52;
 *   - by a plain typed-array loop doing the same arithmetic in the same
 *     layout, in the same kind of process (the ratio's denominator);
 *   - by HyperFormula on the A1 expansion of the same templates at 1,000
 *     products (it needs ~2.5 µs and ~1.6 KB a cell: 10,000 would not fit).
 * Each configuration runs in its own forked process so peak RSS
 * (`process.resourceUsage().maxRSS`) is its own. Medians of 5 timed runs,
 * each after one untimed run of the same kind.
 *
 * Writes reports/grid.json and reports/grid.md.
 *   pnpm --filter @shopplan/bench bench:grid
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GridEvaluator, gridAdd as add, gridDiv as div, gridGt as gt, gridIf as iff, gridLt as lt, gridMax as max, gridMeasure as measure, gridMul as mul,
  gridPow as pow, gridPrev as prev, gridProductInput as productInput, gridRound as round, gridRoundUp as roundUp, gridRowTotal as rowTotal,
  gridScalar as scalar, gridSub as sub, gridWeekInput as weekInput, gridWeekTotal as weekTotal, gridWorkbookSpec, hyperFormulaOfSpec,
  HYPERFORMULA_VERSION, type GridDefinition, type GridInputs,
} from '@shopplan/engine';

const here = dirname(fileURLToPath(import.meta.url));

const need = add(measure('units'), measure('safety'));
/** Ten measures in the shape of the product model (not its exact rules: those are s3-prodgrid's). */
export const BENCH_GRID: GridDefinition = {
  products: { sheet: 'Products', columns: { share: 1, price: 2, promo: 3, elasticity: 4, unitCost: 5, cv: 6, lead: 7, stock: 8, moq: 9 } },
  weeks: { sheet: 'Weeks', columns: { gmv: 1, season: 2 } },
  scalars: ['z_service'],
  measures: [
    { name: 'weight', sheet: 'Weight', title: { zh: '权重', en: 'Weight' }, format: 'count', template: mul(mul(productInput('share'), weekInput('season')), pow(div(productInput('promo'), productInput('price')), sub(1, productInput('elasticity')))) },
    { name: 'revenue', sheet: 'Revenue', title: { zh: '成交额', en: 'Revenue' }, format: 'money', template: round(div(mul(weekInput('gmv'), measure('weight')), weekTotal('weight')), 2) },
    { name: 'units', sheet: 'Units', title: { zh: '件数', en: 'Units' }, format: 'count', template: div(measure('revenue'), productInput('promo')) },
    { name: 'margin', sheet: 'Margin', title: { zh: '毛利', en: 'Margin' }, format: 'money', template: sub(measure('revenue'), mul(measure('units'), productInput('unitCost'))) },
    { name: 'safety', sheet: 'Safety', title: { zh: '安全库存', en: 'Safety stock' }, format: 'count', template: mul(mul(scalar('z_service'), mul(productInput('cv'), div(rowTotal('units'), 52))), pow(div(productInput('lead'), 5), 0.5)) },
    { name: 'opening', sheet: 'Opening', title: { zh: '期初', en: 'Opening' }, format: 'count', template: prev('closing', productInput('stock')) },
    { name: 'need', sheet: 'Need', title: { zh: '需求', en: 'Need' }, format: 'count', template: need },
    { name: 'order', sheet: 'Orders', title: { zh: '订货', en: 'Order' }, format: 'count', template: iff(gt(measure('need'), measure('opening')), max(productInput('moq'), roundUp(sub(measure('need'), measure('opening')), 0)), 0) },
    { name: 'closing', sheet: 'Closing', title: { zh: '期末', en: 'Closing' }, format: 'count', template: sub(add(measure('opening'), measure('order')), measure('units')) },
    { name: 'short', sheet: 'Short', title: { zh: '缺货', en: 'Short' }, format: 'count', template: lt(measure('closing'), 0) },
  ],
};

/** Seeded inputs (a small LCG: the same figures in every process). */
export function benchInputs(n: number, weeks: number): GridInputs {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const col = (f: (i: number) => number, len: number) => Float64Array.from({ length: len }, (_, i) => f(i));
  const price = col(() => 10 + Math.round(rnd() * 50000) / 100, n);
  return {
    productIds: Array.from({ length: n }, (_, i) => `p${i}`),
    weekLabels: Array.from({ length: weeks }, (_, w) => `w${w + 1}`),
    products: {
      share: col(() => rnd() / n, n),
      price,
      promo: col((i) => (price[i] ?? 10) * (0.7 + 0.3 * rnd()), n),
      elasticity: col(() => 1 + rnd() * 2, n),
      unitCost: col((i) => (price[i] ?? 10) * 0.4, n),
      cv: col(() => 0.1 + rnd() * 0.5, n),
      lead: col(() => Math.floor(rnd() * 40), n),
      stock: col(() => Math.floor(rnd() * 500), n),
      moq: col(() => 1 + Math.floor(rnd() * 50), n),
    },
    weeks: { gmv: col(() => 1e6 + rnd() * 5e5, weeks), season: col((w) => 1 + 0.5 * Math.sin(w / 8), weeks) },
    scalars: { z_service: 1.65 },
  };
}

type Mode = 'fast' | 'plain' | 'hyperformula';
interface ChildResult { mode: Mode; products: number; weeks: number; cells: number; fullMs: number; rowCostMs: number; rowPriceMs: number; firstMs: number; peakRssMb: number; checksum: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
function time(run: () => void, reps = 5): number {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    gc();
    run(); // untimed warm run of the same kind
    const t = performance.now();
    run();
    out.push(performance.now() - t);
  }
  return median(out);
}

/** The same arithmetic as BENCH_GRID, by hand, over the same column-major layout: the limit. */
class PlainGrid {
  readonly m: Record<string, Float64Array> = {};
  readonly weekTotalWeight: Float64Array;
  readonly rowUnits: Float64Array;
  constructor(readonly inputs: GridInputs, readonly n: number, readonly weeks: number) {
    for (const name of ['weight', 'revenue', 'units', 'margin', 'safety', 'opening', 'need', 'order', 'closing', 'short']) this.m[name] = new Float64Array(n * weeks);
    this.weekTotalWeight = new Float64Array(weeks);
    this.rowUnits = new Float64Array(n);
  }
  run(z: number): number {
    const { n, weeks } = this;
    const p = this.inputs.products as Record<string, Float64Array>;
    const wk = this.inputs.weeks as Record<string, Float64Array>;
    const share = p.share!, price = p.price!, promo = p.promo!, el = p.elasticity!, cost = p.unitCost!, cv = p.cv!, lead = p.lead!, stock = p.stock!, moq = p.moq!;
    const M = this.m as Record<string, Float64Array>;
    const weight = M.weight!, revenue = M.revenue!, units = M.units!, margin = M.margin!, safety = M.safety!, opening = M.opening!, needA = M.need!, order = M.order!, closing = M.closing!, short = M.short!;
    const gmv = wk.gmv!, season = wk.season!;
    this.rowUnits.fill(0);
    for (let w = 0; w < weeks; w++) {
      const b = w * n;
      let tw = 0;
      for (let r = 0; r < n; r++) {
        const x = share[r]! * season[w]! * Math.pow(promo[r]! / price[r]!, 1 - el[r]!);
        weight[b + r] = x;
        tw += x;
      }
      this.weekTotalWeight[w] = tw;
      for (let r = 0; r < n; r++) {
        const y = (gmv[w]! * weight[b + r]!) / tw * 100;
        const rev = Math.round(y) / 100;
        revenue[b + r] = rev;
        const u = rev / promo[r]!;
        units[b + r] = u;
        margin[b + r] = rev - u * cost[r]!;
        this.rowUnits[r] = this.rowUnits[r]! + u;
      }
    }
    let check = 0;
    for (let w = 0; w < weeks; w++) {
      const b = w * n;
      for (let r = 0; r < n; r++) {
        const s = z * (cv[r]! * (this.rowUnits[r]! / 52)) * Math.pow(lead[r]! / 5, 0.5);
        safety[b + r] = s;
        const o = w === 0 ? stock[r]! : closing[b - n + r]!;
        opening[b + r] = o;
        const nd = units[b + r]! + s;
        needA[b + r] = nd;
        const q = nd > o ? Math.max(moq[r]!, Math.ceil(nd - o)) : 0;
        order[b + r] = q;
        const c = o + q - units[b + r]!;
        closing[b + r] = c;
        short[b + r] = c < 0 ? 1 : 0;
        check += c;
      }
    }
    return check;
  }
}

function child(mode: Mode, n: number, weeks: number): ChildResult {
  const inputs = benchInputs(n, weeks);
  const cells = n * weeks * BENCH_GRID.measures.length;
  let fullMs = NaN, rowCostMs = NaN, rowPriceMs = NaN, firstMs = NaN, checksum = 0;
  let z = 1.65;
  if (mode === 'plain') {
    const t0 = performance.now();
    const g = new PlainGrid(inputs, n, weeks);
    checksum = g.run(z);
    firstMs = performance.now() - t0;
    checksum = 0;
    for (const c of g.m.closing!) checksum += c;
    fullMs = time(() => { z += 0.001; g.run(z); });
    // the loop has no incremental path: a row edit that moves a normaliser is the whole loop again; a cost edit is one row's 52 weeks
    rowPriceMs = fullMs;
    const price = (inputs.products.price as Float64Array);
    rowCostMs = time(() => {
      const r = 4321 % n;
      for (let w = 0; w < weeks; w++) { const i = w * n + r; g.m.margin![i] = g.m.revenue![i]! - g.m.units![i]! * (price[r]! * 0.4); }
    });
  } else if (mode === 'fast') {
    const t0 = performance.now();
    const g = new GridEvaluator(BENCH_GRID, { products: n, weeks });
    for (const [k, v] of Object.entries(inputs.products)) g.setProductInputs(k, v);
    for (const [k, v] of Object.entries(inputs.weeks)) g.setWeekInputs(k, v);
    g.setScalar('z_service', z);
    g.recalculate();
    firstMs = performance.now() - t0;
    for (const c of g.measureArrays('closing').values) checksum += c;
    fullMs = time(() => { z += 0.001; g.setScalar('z_service', z); g.recalculate(); });
    let k = 0;
    rowCostMs = time(() => { g.setProductInput('unitCost', 4321 % n, 10 + (k++ % 7)); g.recalculate(); });
    rowPriceMs = time(() => { g.setProductInput('promo', 4321 % n, 20 + (k++ % 7)); g.recalculate(); });
  } else {
    const t0 = performance.now();
    const hf = hyperFormulaOfSpec(gridWorkbookSpec(BENCH_GRID, inputs, { blockRows: 50 }));
    firstMs = performance.now() - t0;
    // column-major like the others, so the sums add in the same order
    const closing = hf.getSheetValues(hf.getSheetId('Closing')!);
    for (let w = 1; w <= weeks; w++) for (let r = 1; r <= n; r++) { const v = closing[r]?.[w]; if (typeof v === 'number') checksum += v; }
    const scalars = hf.getSheetId('Scalars')!;
    const products = hf.getSheetId('Products')!;
    fullMs = time(() => { z += 0.001; hf.setCellContents({ sheet: scalars, col: 1, row: 1 }, [[z]]); }, 3);
    let k = 0;
    rowCostMs = time(() => { hf.setCellContents({ sheet: products, col: 5, row: 1 + (4321 % n) }, [[10 + (k++ % 7)]]); }, 3);
    rowPriceMs = time(() => { hf.setCellContents({ sheet: products, col: 3, row: 1 + (4321 % n) }, [[20 + (k++ % 7)]]); }, 3);
    hf.destroy();
  }
  return { mode, products: n, weeks, cells, fullMs, rowCostMs, rowPriceMs, firstMs, peakRssMb: process.resourceUsage().maxRSS / 1024, checksum };
}

async function runChild(mode: Mode, n: number, weeks: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const c = fork(fileURLToPath(import.meta.url), ['--child', mode, String(n), String(weeks)], { execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=4096'] });
    c.on('message', (m) => resolve(m as ChildResult));
    c.on('error', reject);
    c.on('exit', (code) => { if (code !== 0) reject(new Error(`${mode} ${n} exited ${code}`)); });
  });
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  const result = child(args[1] as Mode, Number(args[2]), Number(args[3]));
  process.send?.(result);
} else {
  const load0 = loadavg();
  const results: ChildResult[] = [];
  for (const [mode, n] of [['plain', 10_000], ['fast', 10_000], ['plain', 1_000], ['fast', 1_000], ['hyperformula', 1_000]] as const) {
    const r = await runChild(mode, n, 52);
    console.log(JSON.stringify(r));
    results.push(r);
  }
  const load1 = loadavg();
  const find = (mode: Mode, n: number) => results.find((r) => r.mode === mode && r.products === n);
  const report = { hyperformula: HYPERFORMULA_VERSION, node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`, loadavg: [load0, load1], measures: BENCH_GRID.measures.map((m) => m.name), results };
  mkdirSync(join(here, '..', 'reports'), { recursive: true });
  writeFileSync(join(here, '..', 'reports', 'grid.json'), `${JSON.stringify(report, null, 2)}\n`);
  const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${x.toFixed(3)} ms`);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  const lines = [
    `Uniform grid, ${BENCH_GRID.measures.length} measures × products × 52 weeks (test/bench/src/grid.ts); HyperFormula ${HYPERFORMULA_VERSION}, Node ${process.version}, ${report.cpus}; medians of 5 (HyperFormula 3); (×) = against the plain typed-array loop of the same size in the same kind of process.`,
    '',
    '| evaluator | products | cells | first evaluation | shared edit, every figure current | one product: cost edit (its row) | one product: price edit (moves the week normaliser: every row) | peak RSS |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const base = find('plain', r.products);
    const rel = (x: number, y: number | undefined) => (r.mode === 'plain' || y === undefined ? '' : ` (${ratio(x, y)})`);
    lines.push(`| ${r.mode} | ${r.products.toLocaleString('en')} | ${r.cells.toLocaleString('en')} | ${ms(r.firstMs)}${rel(r.firstMs, base?.firstMs)} | ${ms(r.fullMs)}${rel(r.fullMs, base?.fullMs)} | ${ms(r.rowCostMs)} | ${ms(r.rowPriceMs)}${rel(r.rowPriceMs, base?.rowPriceMs)} | ${r.peakRssMb.toFixed(0)} MB${rel(r.peakRssMb, base?.peakRssMb)} |`);
  }
  const hf = find('hyperformula', 1_000);
  const fast1k = find('fast', 1_000);
  if (hf && fast1k) lines.push('', `At 1,000 products HyperFormula takes ${ratio(hf.fullMs, fast1k.fullMs)} the fast evaluator's time for a shared edit and ${ratio(hf.firstMs, fast1k.firstMs)} for the first evaluation. Checksums (sum of closing stock after the first evaluation): fast ${fast1k.checksum}, HyperFormula ${hf.checksum}, loop ${find('plain', 1_000)?.checksum}.`);
  lines.push('', `Targets (issue 12) at 10,000: shared edit ≤ 300 ms, one product ≤ 16 ms, peak ≤ 1 GB. Load average ${load0.map((x) => x.toFixed(1)).join(' ')} → ${load1.map((x) => x.toFixed(1)).join(' ')} (shared machine).`);
  writeFileSync(join(here, '..', 'reports', 'grid.md'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}
