/**
 * One benchmark configuration, run in its own process (forked by scale.ts)
 * so that its peak RSS is its own. Sends one ScaleMeasurement to the parent.
 */
import { HyperFormula } from 'hyperformula';
import { HF_CONFIG, PlanModel } from '@shopplan/engine';
import { scalePlan } from '@shopplan/examples';
import { PlainCalendar } from './plain-calendar.ts';
import { loadUnpatchedHyperFormula } from './unpatched-hyperformula.ts';

/** What to measure in one child process. */
export interface ScaleConfig {
  kind: 'engine' | 'limit' | 'hub';
  products: number;
  weeks: number;
  /** Products per array formula (engine only). */
  blockRows?: number;
  /** Products per HyperFormula instance of the grid (engine only; null: one instance). */
  partitionProducts?: number | null;
  /** Run on the unpatched HyperFormula bundle. */
  unpatched?: boolean;
  /** Edits per figure inside the process; the figure is their median. */
  repeats: number;
}

/** Figures of one configuration in one process, in milliseconds and megabytes. */
export interface ScaleMeasurement {
  config: ScaleConfig;
  /** Built and the first screen (a 50-product viewport) read: the model is ready to show. */
  buildMs: number;
  /** Built and every figure of the grid computed. */
  buildWholeGridMs: number | null;
  /** One shared assumption (the target GMV) changed; the model recomputed. */
  sharedEditMs: number | null;
  /** …and a 50-product viewport read back. */
  sharedEditViewportMs: number | null;
  /** …and the whole grid brought up to date (every partition recomputed). */
  sharedEditAllMs: number | null;
  /** Reading the whole calendar in bulk after an edit. */
  fullReadMs: number | null;
  /** One product's price changed and its viewport read back. */
  productEditMs: number | null;
  /** Share moved between two products (the pair keeps shares at 100%) and read back. */
  shareMoveMs: number | null;
  peakRssMb: number;
  /** Largest difference between the engine's and the plain loop's figures (engine only). */
  maxAbsDiff?: number;
  checksum: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? (s[(s.length - 1) >> 1] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const now = (): number => performance.now();

function timeRepeated(repeats: number, run: (k: number, timed: boolean) => void): number {
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    // A forced full collection keeps peak RSS to what the model needs, but it
    // also shrinks V8's young generation, and the edit right after it runs
    // 2–3× slower (target edit + viewport: ~300 ms instead of ~130 ms). A
    // planner's session never forces one, so one untimed edit of the same
    // kind (a different value) follows the collection, then the timed edit.
    gc();
    run(k + 0.5, false);
    const t = now();
    run(k, true);
    times.push(now() - t);
  }
  return median(times);
}

function runEngine(config: ScaleConfig): Omit<ScaleMeasurement, 'config' | 'peakRssMb'> {
  const plan = scalePlan(config.products, config.weeks);
  const target = plan.objective.kind === 'target' ? plan.objective.gmv : 0;
  const engine = config.unpatched ? loadUnpatchedHyperFormula() : HyperFormula;
  gc();
  const t0 = now();
  const partitions = config.partitionProducts === null ? Number.POSITIVE_INFINITY : config.partitionProducts;
  const model = PlanModel.build(plan, { engine, productBlockRows: config.blockRows, calendarPartitionProducts: partitions });
  const calendar = model.productCalendar;
  if (!calendar) throw new Error('scale plan without a product calendar');
  const n = config.products;
  const mid = Math.floor(n / 2);
  // A viewport inside one partition (the usual case; one that straddles two costs about twice as much).
  const view = Math.min(mid + 10, Math.max(0, n - 50));
  calendar.read(view, 50);
  const buildMs = now() - t0;
  calendar.refreshAll();
  const buildWholeGridMs = now() - t0;
  const sharedOnly: number[] = [];
  const sharedView: number[] = [];
  const sharedEditAllMs = timeRepeated(config.repeats, (k, timed) => {
    const t = now();
    const out = model.setAssumptions([{ path: 'objective.gmv', value: target * (1 + 0.01 * (k + 1)) }]);
    if (timed) sharedOnly.push(now() - t);
    if (!out.ok) throw new Error(JSON.stringify(out.issues));
    calendar.read(view, 50);
    if (timed) sharedView.push(now() - t);
    // only the timed edit is followed to the whole grid: the warm-up's
    // garbage would otherwise count in the peak RSS
    if (timed) calendar.refreshAll();
  });
  const sharedEditMs = median(sharedOnly);
  const sharedEditViewportMs = median(sharedView);
  gc();
  let t = now();
  const all = calendar.read(0, n);
  const fullReadMs = now() - t;
  const products = plan.products ?? [];
  const productEditMs = timeRepeated(config.repeats, (k) => {
    const p = products[mid];
    const out = model.setAssumptions([{ path: `products.${p?.id}.price`, value: (p?.price ?? 1) + 1 + k }]);
    if (!out.ok) throw new Error(JSON.stringify(out.issues));
    calendar.read(view, 50);
  });
  const a = products[mid];
  const b = products[mid + 1] ?? products[mid - 1];
  const shareMoveMs = a && b && a !== b ? timeRepeated(config.repeats, (k) => {
    const delta = (k % 2 === 0 ? 1 : -1) * Math.min(a.share, b.share) * 0.1;
    const current = model.plan.products ?? [];
    const sa = current[mid]?.share ?? 0;
    const sb = current.find((p) => p.id === b.id)?.share ?? 0;
    const out = model.setAssumptions([{ path: `products.${a.id}.share`, value: sa + delta }, { path: `products.${b.id}.share`, value: sb - delta }]);
    if (!out.ok) throw new Error(JSON.stringify(out.issues));
    calendar.read(view, 50);
  }) : null;
  // The same figures with no engine, from the model's final inputs.
  t = now();
  const final = calendar.read(0, n);
  const plain = new PlainCalendar(model.plan, model.plan.objective.kind === 'target' ? model.plan.objective.gmv : 0);
  let maxAbsDiff = 0;
  for (let i = 0; i < final.revenue.length; i++) {
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs((final.revenue[i] ?? 0) - (plain.revenue[i] ?? 0)), Math.abs((final.units[i] ?? 0) - (plain.units[i] ?? 0)));
  }
  let checksum = 0;
  for (const v of all.revenue) checksum += v;
  model.dispose();
  return { buildMs, buildWholeGridMs, sharedEditMs, sharedEditViewportMs, sharedEditAllMs, fullReadMs, productEditMs, shareMoveMs, maxAbsDiff, checksum };
}

function runLimit(config: ScaleConfig): Omit<ScaleMeasurement, 'config' | 'peakRssMb'> {
  const plan = scalePlan(config.products, config.weeks);
  const target = plan.objective.kind === 'target' ? plan.objective.gmv : 0;
  gc();
  const t0 = now();
  const plain = new PlainCalendar(plan, target);
  const buildMs = now() - t0;
  const mid = Math.floor(config.products / 2);
  const sharedEditMs = timeRepeated(config.repeats, (k) => {
    plain.planGmv = target * (1 + 0.01 * (k + 1));
    plain.recomputeAll();
  });
  const productEditMs = timeRepeated(config.repeats, (k) => {
    plain.price[mid] = (plain.price[mid] ?? 1) + 1 + k;
    plain.recomputeRow(mid);
  });
  const shareMoveMs = timeRepeated(config.repeats, (k) => {
    const delta = (k % 2 === 0 ? 1 : -1) * 1e-6;
    plain.share[mid] = (plain.share[mid] ?? 0) + delta;
    plain.share[mid + 1] = (plain.share[mid + 1] ?? 0) - delta;
    // the two products, the remainder product and their rows
    plain.recomputeAll();
  });
  let checksum = 0;
  for (const v of plain.revenue) checksum += v;
  return { buildMs, buildWholeGridMs: buildMs, sharedEditMs, sharedEditViewportMs: sharedEditMs, sharedEditAllMs: sharedEditMs, fullReadMs: 0, productEditMs, shareMoveMs, checksum };
}

/** The shape of HyperFormula issue #872: rows × weeks, each formula reads its row and one shared cell. */
function runHub(config: ScaleConfig): Omit<ScaleMeasurement, 'config' | 'peakRssMb'> {
  const engine = config.unpatched ? loadUnpatchedHyperFormula() : HyperFormula;
  const rows: (string | number)[][] = [['rate', 1.05]];
  for (let r = 2; r <= config.products + 1; r++) {
    const row: (string | number)[] = [r];
    for (let w = 1; w <= config.weeks; w++) row.push(`=$A${r}*$B$1*${w}`);
    rows.push(row);
  }
  gc();
  const t0 = now();
  const hf = engine.buildFromSheets({ Plan: rows }, HF_CONFIG);
  const buildMs = now() - t0;
  const sharedEditMs = timeRepeated(config.repeats, (k) => hf.setCellContents({ sheet: 0, col: 1, row: 0 }, [[1.05 + k / 100]]));
  const productEditMs = timeRepeated(config.repeats, (k) => hf.setCellContents({ sheet: 0, col: 0, row: 1 + (config.products >> 1) }, [[k]]));
  const checksum = Number(hf.getCellValue({ sheet: 0, col: 1, row: 1 }));
  hf.destroy();
  return { buildMs, buildWholeGridMs: buildMs, sharedEditMs, sharedEditViewportMs: null, sharedEditAllMs: null, fullReadMs: null, productEditMs, shareMoveMs: null, checksum };
}

const config = JSON.parse(process.argv[2] ?? '{}') as ScaleConfig;
const measured = config.kind === 'engine' ? runEngine(config) : config.kind === 'limit' ? runLimit(config) : runHub(config);
// maxRSS is the process's peak, even inside HyperFormula's synchronous build.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const result: ScaleMeasurement = { config, ...measured, peakRssMb };
if (process.send) process.send(result);
else console.log(JSON.stringify(result));
