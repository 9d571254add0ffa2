/**
 * Benchmark: the product plan at 10,000 products × 52 weeks (issue 12).
 * Every measure of the design: status, activity, promo price, weight,
 * revenue (two-way controlled rounding to the fen), units, gross margin,
 * safety stock, stock projection, orders with order-by dates, alerts.
 *
 * The plan is `scalePlan(n)` with the plan v4 product fields added here,
 * seeded (roles, unit costs, lead times 0–60 working days, MOQ, stock,
 * service levels, lifecycles, seasons, decoys, promotions on 618 and Double
 * 11 with every mechanic kind), and two activities, so the week GMV comes
 * from the phased Days sheet in HyperFormula as in a planner's plan.
 *
 * Figures (medians of RUNS after a warm-up, each timed edit after a forced
 * GC and an untimed edit of the same kind, as the scale benchmark does):
 * - build: plan → every figure computed (the first screen has all of it);
 * - shared edit: the target, through the budget model's Days sheet, to
 *   every product-week, the totals and the alerts read back;
 * - one product's edit: a lead time (its row only), a share and a list
 *   price (the week split of every product moves: a weight is part of the
 *   week's whole, and a list price moves the product's promo ratio, so its
 *   weights), each with the edited cell read back as the page does; the
 *   alerts are computed when first read after an edit (ProductPlan.alerts),
 *   so the price edit is timed a second time with every alert read after it;
 * - a phase multiplier (Double 11's peak demand): a per-day value on the
 *   Days sheet, not a named assumption, so not the target's fast path:
 *   the peak days' demand cells are written in a HyperFormula instance of
 *   the budget model's own spec, HyperFormula recomputes the day weights
 *   and the whole-fen split of all 364 days, the days are summed into weeks
 *   and ProductPlan.setWeekGmv brings every product-week, total and alert
 *   current. Checked equal (every week and every revenue fen) to a product
 *   plan rebuilt from the plan with the edited multiplier;
 * - export: the plan's xlsx (exportWorkbookWithIssues, as `shopplan export`)
 *   with the product plan's sheets, in a child process of its own so its
 *   peak RSS is the export's: time, file size, and whether importWorkbook
 *   takes the file back;
 * - peak RSS of the process; ratios to a plain typed-array loop computing
 *   the same cells with per-cell rounding (no controlled rounding, no
 *   alerts: the floor of what any evaluator must do).
 *
 * pnpm --filter @shopplan/bench bench:products     (BENCH_RUNS=5, BENCH_PRODUCTS=10000)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dayCol, DAYS_SHEET, hyperFormulaOfSpec, planWeekSpans, ProductPlan, type PlanProductV4, type ProductPlanDocument } from '@shopplan/engine';
import { scalePlan } from '@shopplan/examples';
import { exportWorkbookWithIssues, importWorkbook } from '@shopplan/xlsx';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number) => Math.round(x * 100) / 100;
const time = (fn: () => void): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
/** Median of RUNS timed calls; each after a forced GC (when exposed) and an untimed call of the same kind. */
function measure(fn: () => void): { medianMs: number; minMs: number; runsMs: number[] } {
  fn();
  const runsMs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    gc?.();
    fn();
    runsMs.push(time(fn));
  }
  return { medianMs: round(median(runsMs)), minMs: round(Math.min(...runsMs)), runsMs: runsMs.map(round) };
}

/** mulberry32: the same plan on every machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** scalePlan(n) with every plan v4 product field and two activities (618, Double 11). */
function productPlanDocument(n: number): ProductPlanDocument {
  const base = scalePlan(n);
  const random = seeded(12);
  const year = Number(base.weeks![0]!.start.slice(0, 4)) + 1;
  const roles = ['traffic', 'profit', 'flagship', 'conversion', 'potential', 'seasonal'] as const;
  const mechanics: NonNullable<PlanProductV4['promotions']>[number]['mechanic'][] = [
    { kind: 'bogo' }, { kind: 'secondHalf' }, { kind: 'multiBuy', items: 3, total: 199 }, { kind: 'spendSave', tiers: [{ spend: 300, save: 40 }, { spend: 500, save: 80 }] },
    { kind: 'coupon', threshold: 0, value: 10 }, { kind: 'priceCut', price: 59 }, { kind: 'group', price: 49, groupSize: 3 },
  ];
  const products = (base.products ?? []).map((p, i): PlanProductV4 => {
    const r = random();
    const out: PlanProductV4 = {
      ...p,
      role: roles[i % roles.length]!,
      unitCost: Math.round(p.price * (0.3 + 0.4 * random()) * 100) / 100,
      leadDays: Math.floor(random() * 61),
      moq: [1, 10, 50, 100][Math.floor(random() * 4)]!,
      stock: Math.floor(random() * 2000),
      serviceLevel: [0.9, 0.95, 0.99][Math.floor(random() * 3)]!,
      demandCv: 0.2 + 0.4 * random(),
    };
    if (r < 0.1) out.lifecycle = { launch: `${year}-03-02`, growth: `${year}-04-06`, maturity: `${year}-06-01`, decline: `${year}-10-05` };
    else if (r < 0.15) out.season = { start: `${year}-05-11`, end: `${year}-08-30` };
    else if (r < 0.16 && i > 0) out.decoy = true;
    if (random() < 0.4) out.promotions = [{ activity: 'mid-618', mechanic: mechanics[i % mechanics.length]! }, { activity: 'double-11', mechanic: mechanics[(i + 3) % mechanics.length]! }];
    return out;
  });
  return {
    ...base,
    version: 4,
    products,
    activities: [
      { id: 'mid-618', name: { zh: '618', en: '618' }, tier: 'A', kind: 'platform', window: { start: `${year}-05-20`, end: `${year}-06-25` }, peakOn: `${year}-06-16`, needs: {} },
      { id: 'double-11', name: { zh: '双11', en: 'Double 11' }, tier: 'S', kind: 'platform', window: { start: `${year}-10-15`, end: `${year}-11-20` }, peakOn: `${year}-11-10`, needs: {} },
    ],
    productSettings: { priceEnding: 9, asOf: `${year}-01-05` },
  };
}

/**
 * The plain loop: the same cells from the same weights and week GMV, each
 * revenue rounded by itself (ROUND to the fen), units, margin and the stock
 * recurrence with MOQ; no controlled rounding, no alerts, no dates.
 */
function plainLoop(n: number, weeks: number, weight: Float64Array, weekFen: Float64Array, price: Float64Array, cost: Float64Array, stock: Float64Array, moq: Float64Array, safety: Float64Array, out: Float64Array): number {
  const col = new Float64Array(weeks);
  for (let p = 0; p < n; p++) for (let w = 0; w < weeks; w++) col[w]! += weight[p * weeks + w]!;
  let check = 0;
  for (let p = 0; p < n; p++) {
    let opening = stock[p]!;
    for (let w = 0; w < weeks; w++) {
      const i = p * weeks + w;
      const revenue = Math.round((weekFen[w]! * weight[i]!) / col[w]!) / 100;
      const units = revenue / price[i]!;
      const margin = revenue - units * cost[p]!;
      const need = units + safety[p]!;
      const order = need > opening ? Math.max(moq[p]!, Math.ceil(need - opening)) : 0;
      opening = opening + order - units;
      out[i] = revenue;
      check += margin + order;
    }
  }
  return check;
}

/** The export run in a child process (BENCH_PRODUCTS_EXPORT_CHILD=1): prints one JSON line. */
async function exportChild(n: number): Promise<void> {
  const plan = productPlanDocument(n);
  const t0 = performance.now();
  const { bytes, issues } = await exportWorkbookWithIssues({ plan, lang: 'zh' });
  const exportMs = performance.now() - t0;
  const peakRssMb = process.resourceUsage().maxRSS / 1024; // the export's peak, before the import check
  const t1 = performance.now();
  const back = await importWorkbook(bytes);
  const importMs = performance.now() - t1;
  process.stdout.write(`${JSON.stringify({
    exportMs, peakRssMb, bytes: bytes.length, issues: issues.length,
    import: back.ok ? { ok: true, ms: importMs } : { ok: false, ms: importMs, codes: [...new Set(back.issues.map((i) => i.code))] },
  })}\n`);
}

if (process.env.BENCH_PRODUCTS_EXPORT_CHILD === '1') {
  await exportChild(PRODUCTS);
  process.exit(0);
}

/** Runs the export in a fresh child process (its peak RSS is its own); the parsed result, or why it failed. */
function measureExport(n: number): Record<string, unknown> {
  const file = fileURLToPath(import.meta.url);
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=8192', file], {
    env: { ...process.env, BENCH_PRODUCTS_EXPORT_CHILD: '1', BENCH_PRODUCTS: String(n) },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    timeout: 1_800_000,
  });
  const wallMs = performance.now() - t0;
  const line = run.stdout.trim().split('\n').pop() ?? '';
  try {
    return { ...(JSON.parse(line) as Record<string, unknown>), childWallMs: round(wallMs) };
  } catch {
    return { failed: true, status: run.status, signal: run.signal, stderr: run.stderr.slice(-2000), childWallMs: round(wallMs) };
  }
}

const doc = productPlanDocument(PRODUCTS);
const rssBefore = process.memoryUsage().rss;

const buildRuns: number[] = [];
let plan: ProductPlan | undefined;
for (let r = 0; r < Math.max(2, Math.min(RUNS, 3)); r++) {
  plan?.dispose();
  gc?.();
  const t0 = performance.now();
  const built = ProductPlan.build(doc);
  const ms = performance.now() - t0;
  if (!built.ok) throw new Error(JSON.stringify(built.issues.slice(0, 3)));
  plan = built.plan;
  buildRuns.push(ms);
}
const model = plan!;
const firstRead = time(() => model.weekProducts(0).slice(0, 40));

let k = 0;
const target = () => (doc.objective.kind === 'target' ? doc.objective.gmv : 0) + 1_234.56 * ((++k % 7) + 1);
const sharedEdit = measure(() => {
  const out = model.editShared([{ path: 'objective.gmv', value: target() }]);
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
  model.totals();
  model.alerts();
});
const mid = Math.floor(PRODUCTS / 2);
const id = model.productIds[mid]!;
let lead = 0;
let lastLead = 0;
const leadEdit = measure(() => {
  lastLead = 5 + (++lead % 20);
  const out = model.editProduct(id, { leadDays: lastLead });
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
  model.productWeek(mid, 20);
});
let share = 0;
let lastShare = 0;
const shareEdit = measure(() => {
  lastShare = 0.00005 * (1 + (++share % 3));
  const out = model.editProduct(id, { share: lastShare });
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
  model.totals();
});
// a list price that moves the weights: a product with a promotion (its promo ratio moves with the list price)
const pricedAt = doc.products!.findIndex((p, i) => i >= mid && (p.promotions?.length ?? 0) > 0 && !p.decoy && p.promotions!.every((promo) => promo.promoPrice === undefined));
if (pricedAt < 0) throw new Error('no product with a promotion to edit the list price of');
const pricedId = model.productIds[pricedAt]!;
const listPrice = doc.products![pricedAt]!.price;
let priceEdits = 0;
let lastPrice = listPrice;
const W0 = model.weeks;
const priceEdit = measure(() => {
  lastPrice = Math.round(listPrice * (1 + 0.05 * (1 + (++priceEdits % 3))) * 100) / 100;
  const out = model.editProduct(pricedId, { price: lastPrice });
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
  model.productWeek(pricedAt, 20);
  model.totals();
});
// the edit is one that moves every product's split: another product's real revenue changes with it
const priceEditMovesWeights = (() => {
  const other = pricedAt === 0 ? 1 : 0;
  const before = model.sheetFacts();
  model.editProduct(pricedId, { price: Math.round(listPrice * 1.5 * 100) / 100 });
  const after = model.sheetFacts();
  model.editProduct(pricedId, { price: lastPrice });
  let moved = false;
  for (let w = 0; w < W0; w++) if (before.revenueFen[other * W0 + w]! - before.rounding[other * W0 + w]! !== after.revenueFen[other * W0 + w]! - after.rounding[other * W0 + w]!) moved = true;
  return moved;
})();
// The page's edit: the ~46 rows on screen and just off it computed first (the answer's rows), every other
// product when first read; timed to the rows read, then the rest (settle) timed apart.
const screenRows = Array.from({ length: 46 }, (_, k) => (pricedAt + k) % model.n);
const settleAfter: number[] = [];
let rowsRead = 0;
const rowsFirstRuns: number[] = [];
for (let r = 0; r <= RUNS; r++) {
  gc?.();
  lastPrice = Math.round(listPrice * (1 + 0.05 * (1 + (++priceEdits % 3))) * 100) / 100;
  const ms = time(() => {
    const out = model.editProduct(pricedId, { price: lastPrice }, { firstRows: screenRows });
    if (!out.ok) throw new Error(JSON.stringify(out.issues));
    for (const row of screenRows) for (let w = 0; w < W0; w++) rowsRead += model.productWeek(row, w).units;
  });
  const rest = time(() => model.settle());
  // the first run warms up, as measure() does
  if (r > 0) {
    rowsFirstRuns.push(ms);
    settleAfter.push(rest);
  }
}
if (!Number.isFinite(rowsRead)) throw new Error('the rows read first are not numbers');
const priceEditRowsFirst = { medianMs: round(median(rowsFirstRuns)), minMs: round(Math.min(...rowsFirstRuns)), runsMs: rowsFirstRuns.map(round) };
const priceEditWithAlerts = measure(() => {
  lastPrice = Math.round(listPrice * (1 + 0.05 * (1 + (++priceEdits % 3))) * 100) / 100;
  const out = model.editProduct(pricedId, { price: lastPrice });
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
  model.productWeek(pricedAt, 20);
  model.totals();
  model.alerts();
});

// A phase multiplier: Double 11's peak demand, on the Days sheet of the budget model's own spec.
const budget = model.budgetModel();
if (!budget) throw new Error('the bench plan phases daily: its product plan has a budget model');
const daysHf = hyperFormulaOfSpec(budget.spec);
const daysSheet = daysHf.getSheetId(DAYS_SHEET.days)!;
// the spec holds the plan's assumptions as built: the target the edits above left goes in first
const targetCell = budget.spec.names.find((nm) => nm.assumptionPath === 'objective.gmv');
if (!targetCell || budget.plan.objective.kind !== 'target') throw new Error('the bench plan is a target plan');
daysHf.setCellContents({ sheet: daysHf.getSheetId(targetCell.sheet)!, col: targetCell.col, row: targetCell.row }, [[budget.plan.objective.gmv]]);
const daysRows = budget.spec.sheets.find((sh) => sh.name === DAYS_SHEET.days)!.rows;
const dayCount = daysRows.length - 1; // the last row is the total
const peakRows = daysRows.flatMap((row, i) => (row[dayCol('activity')]?.content === 'double-11' && row[dayCol('phase')]?.content === 'peak' ? [i + 1] : []));
if (peakRows.length === 0) throw new Error('no Double 11 peak days on the Days sheet');
const periodFirst = Math.round(Date.parse(`${doc.period.start}T00:00:00Z`) / 86_400_000);
const spans = planWeekSpans(doc).map((sp) => ({ from: sp.first - periodFirst, to: sp.last - periodFirst }));
const PEAK_DEMANDS = [3.3, 2.7];
let phaseEdits = 0;
let lastPeakDemand = 0;
const phaseEdit = measure(() => {
  lastPeakDemand = PEAK_DEMANDS[++phaseEdits % 2]!;
  daysHf.batch(() => {
    for (const row of peakRows) daysHf.setCellContents({ sheet: daysSheet, col: dayCol('demand'), row }, [[lastPeakDemand]]);
  });
  const fen = daysHf.getRangeValues({ start: { sheet: daysSheet, col: dayCol('fen'), row: 1 }, end: { sheet: daysSheet, col: dayCol('fen'), row: dayCount } }).map((r) => r[0]);
  const weekFen = spans.map((sp) => {
    let sum = 0;
    for (let d = Math.max(0, sp.from); d <= sp.to && d < dayCount; d++) {
      const v = fen[d];
      if (typeof v !== 'number') throw new Error(`day ${d}: the Days sheet's fen is ${JSON.stringify(v)}`);
      sum += v;
    }
    return sum;
  });
  const out = model.setWeekGmv(weekFen);
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
  model.totals();
  model.alerts();
});
// the same figures as a product plan built from the plan with that multiplier (and the target, lead time and share the edits above left)
const editedDoc: ProductPlanDocument = {
  ...doc,
  objective: budget.plan.objective,
  // (the price edit's product may be the lead time and share edits' own)
  products: doc.products!.map((p) => ({ ...p, ...(p.id === id ? { leadDays: lastLead, share: lastShare } : {}), ...(p.id === pricedId ? { price: lastPrice } : {}) })),
  activities: doc.activities!.map((a) => (a.id === 'double-11' ? { ...a, rates: { ...a.rates, peak: { ...a.rates?.peak, demand: lastPeakDemand } } } : a)),
};
const rebuilt = ProductPlan.build(editedDoc);
if (!rebuilt.ok) throw new Error(JSON.stringify(rebuilt.issues.slice(0, 3)));
const phaseWeeksEqual = rebuilt.plan.weekGmv().every((g, w) => g === model.weekGmv()[w]);
const editedFen = model.revenueFen();
const rebuiltFen = rebuilt.plan.revenueFen();
let phaseRevenueMismatches = 0;
for (let i = 0; i < editedFen.length; i++) if (editedFen[i] !== rebuiltFen[i]) phaseRevenueMismatches++;
rebuilt.plan.dispose();
daysHf.destroy();

// the plain loop over the same inputs as the model holds after the last edit
const W = model.weeks;
const n = model.n;
const weight = new Float64Array(n * W);
const price = new Float64Array(n * W);
const cost = new Float64Array(n);
const stock = new Float64Array(n);
const moq = new Float64Array(n);
const safety = new Float64Array(n);
for (let p = 0; p < n; p++) {
  const product = doc.products![p]!;
  cost[p] = product.unitCost ?? 0;
  stock[p] = product.stock ?? 0;
  moq[p] = product.moq ?? 1;
  for (let w = 0; w < W; w++) {
    const f = model.productWeek(p, w);
    safety[p] = f.safetyStock;
    price[p * W + w] = f.promoPrice;
    weight[p * W + w] = f.revenue; // proportional to the weight within a week
  }
}
const weekFen = Float64Array.from(model.weekGmv(), (g) => Math.round(g * 100));
const plainOut = new Float64Array(n * W);
let sink = 0;
const plain = measure(() => {
  sink += plainLoop(n, W, weight, weekFen, price, cost, stock, moq, safety, plainOut);
});

const totals = model.totals();
const fen = model.revenueFen();
let worstWeek = 0;
const gmv = model.weekGmv();
for (let w = 0; w < W; w++) {
  let s = 0;
  for (let p = 0; p < n; p++) s += fen[p * W + w]!;
  worstWeek = Math.max(worstWeek, Math.abs(s - Math.round(gmv[w]! * 100)));
}
const alerts = model.alerts();
const orders = model.orders();
const peakRssMb = round(process.resourceUsage().maxRSS / 1024);
model.dispose();

// the export of the whole product plan to xlsx, in a process of its own
const loadBeforeExport = loadavg().map(round);
const exported = measureExport(PRODUCTS);
const W1 = W + 1;
// cells the product plan adds: PlanWeeks, PlanProducts (12 columns), 11 products × (id + weeks) grids, Weight's total row
const productSheetCells = 2 * W + 12 * n + 11 * n * W1 + W1;

const ratio = (x: number) => round(x / plain.medianMs);
const build = { medianMs: round(median(buildRuns)), minMs: round(Math.min(...buildRuns)), runsMs: buildRuns.map(round) };
const report = {
  benchmark: 'products',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', loadavg: loadavg().map(round), node: process.version, gcExposed: gc !== undefined },
  runs: RUNS,
  plan: { products: n, weeks: W, cells: n * W, measuresPerCell: 11, activities: doc.activities?.length ?? 0 },
  targets: { buildMs: 3000, sharedEditMs: 300, productEditMs: 16, peakRssMb: 1024 },
  build: { ...build, ratioToPlainLoop: ratio(build.medianMs), note: 'plan → every figure of every product-week, totals and alerts (budget model with its Days sheet included)' },
  firstScreenReadMs: round(firstRead),
  sharedEdit: { ...sharedEdit, ratioToPlainLoop: ratio(sharedEdit.medianMs), note: 'target edit → Days sheet (HyperFormula) → week GMV → weights, controlled rounding, units, stock, orders, alerts; totals and alerts read' },
  productLeadTimeEdit: { ...leadEdit, ratioToPlainLoop: ratio(leadEdit.medianMs), note: "one product's lead time: its row (units, stock, orders, order-by, alerts)" },
  productShareEdit: { ...shareEdit, ratioToPlainLoop: ratio(shareEdit.medianMs), note: "one product's share: every product's revenue in every week moves (weights are normalised per week); totals read, alerts left pending (computed when read)" },
  productPriceEdit: {
    ...priceEdit,
    ratioToPlainLoop: ratio(priceEdit.medianMs),
    product: pricedId,
    movesOtherProductsRevenue: priceEditMovesWeights,
    note: "one product's list price (a product with promotions: its promo ratio, so its weights, move): every product's revenue in every week moves; the edited cell and the totals read, alerts left pending (the page's edit)",
  },
  productPriceEditRowsFirst: {
    ...priceEditRowsFirst,
    restMedianMs: round(median(settleAfter)),
    rows: screenRows.length,
    note: "the same price edit as the page makes it: the split, the controlled rounding and the 46 rows on screen computed and read (the worker's answer); restMedianMs: every other product after the answer (ProductPlan.settle, in the worker's next task)",
  },
  productPriceEditWithAlerts: { ...priceEditWithAlerts, ratioToPlainLoop: ratio(priceEditWithAlerts.medianMs), note: 'the same price edit, then every alert read (each product the edit moved has its alerts computed on that read)' },
  phaseMultiplierEdit: {
    ...phaseEdit,
    ratioToPlainLoop: ratio(phaseEdit.medianMs),
    peakDays: peakRows.length,
    equalToRebuild: { weeks: phaseWeeksEqual, revenueCellsDiffering: phaseRevenueMismatches },
    note: "Double 11's peak demand multiplier: the peak days' demand cells of the Days sheet (HyperFormula, the budget model's own spec) → day weights → whole-fen split of 364 days → week GMV → ProductPlan.setWeekGmv (weights, controlled rounding, units, stock, orders, alerts); totals and alerts read. ProductPlan.editShared takes named assumptions only and a phase multiplier has no named cell, so the Days sheet is a second HyperFormula instance here",
  },
  plainLoop: { ...plain, note: 'same cells, per-cell ROUND instead of controlled rounding, no alerts or dates' },
  export: {
    ...exported,
    productSheetCells,
    loadavgBefore: loadBeforeExport,
    note: 'exportWorkbookWithIssues of the whole plan as shopplan export does (streaming writer, one child process): budget sheets and old product calendar; the product plan’s sheets only up to STREAMING_PRODUCT_PLAN_CELLS (above it they are left out with one product_plan_too_large issue: at 10,000 × 52 they took 443–574 s and 3.4 GB); then importWorkbook of the bytes (the bench document is built in code and some of its mechanics fail plan validation, e.g. a group price above a ¥19 list price: an import that reaches the plan refuses it as plan_sheet_damaged; size limits are checked before that)',
  },
  peakRssMb,
  rssBeforeBuildMb: round(rssBefore / 1048576),
  check: { totalRevenue: totals.revenue, worstWeekDifferenceFen: worstWeek, alerts: alerts.length, orders: orders.length, sink: Number.isFinite(sink) },
};

const out = join(here, '..', 'reports', 'products.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify({ buildMs: build.medianMs, sharedEditMs: sharedEdit.medianMs, phaseEditMs: phaseEdit.medianMs, leadEditMs: leadEdit.medianMs, shareEditMs: shareEdit.medianMs, priceEditMs: priceEdit.medianMs, priceEditWithAlertsMs: priceEditWithAlerts.medianMs, priceEditRowsFirstMs: priceEditRowsFirst.medianMs, restAfterRowsMs: round(median(settleAfter)), plainMs: plain.medianMs, peakRssMb, worstWeek, alerts: alerts.length, export: exported, loadavg: report.machine.loadavg })}\nwrote ${out}\n`);
