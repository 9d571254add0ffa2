/// <reference lib="webworker" />
import { CHANNEL_COLUMNS, PlanModel, SHEET, allocateBudget, channelCol, goalSeek, simulateRisk, type EditOutcome } from '@shopplan/engine';
import type { LocalizedText } from '@shopplan/schema';
import { formulaParts, readableFormula, type FormulaSheet } from './formula-text.ts';
import type { CalendarViewport, CellFormula, Intermediates, LoadOutcome, NamedFigure, ProductView, TotalExtra, WorkerAnswers, WorkerRequest, WorkerResponse } from './protocol.ts';
import { joinPlan, splitPlan } from './plan-parts.ts';
import { CalendarTotalsCache, calendarShape, productRowsChanged, readCalendar, remainderRow } from './calendar.ts';
import { movePromotion, promotionsOf } from './promotions.ts';
import { calibrateFile, reviewFile, type ReadProgress } from './calibration.ts';
import { startRehearsal, type Rehearsal } from './rehearsal.ts';
import { applyToProductPlan, buildProductPlan, checkProductEdits, checkProductOnly, hasProductPlan, productRows, productSummary, splitEdits, viewRows } from './product-plan.ts';
import { parseAssumptionPath, writeAssumption, type Plan, type PlanIssue } from '@shopplan/schema';
import type { AssumptionEdit, ProductPlan } from '@shopplan/engine';

/**
 * The engine worker: one live PlanModel (HyperFormula) per scenario. The
 * page never runs the engine itself; it posts edits and gets figures back,
 * so typing never waits on a recalculation.
 */
const models = new Map<string, PlanModel>();

/**
 * Per scenario, the product calendar's totals kept block by block: after a
 * product's price or share only its block is summed again, so the totals a
 * page asks for after each edit never re-read the whole calendar.
 */
const totals = new Map<string, CalendarTotalsCache>();

/**
 * Per scenario with a plan v4 product calendar: the plan document as the
 * edits left it (the budget model has no cell for a lead time or a stock, so
 * it cannot be the record of those), and the engine's ProductPlan, built on
 * first use by the product page and kept current by every accepted edit.
 */
const productDocs = new Map<string, Plan>();
const productPlans = new Map<string, { plan: ProductPlan } | { issues: PlanIssue[] }>();

/**
 * Scenarios whose budget model is their product plan's own (a plan v4 whose
 * product plan was built): one HyperFormula model of the channels and days,
 * no products in it. The products × weeks grid lives in the product plan's
 * typed arrays only, so the budget model does not hold 520,000 more cells
 * (the thin calendar's sheets) that no view of a plan v4 reads.
 */
const sharedModel = new Set<string>();

/**
 * How long after an edit's answer the worker settles the products off
 * screen when the page has not asked for them: longer than the page takes
 * to paint the rows it was sent, so the two do not share the cores.
 */
const SETTLE_AFTER_ANSWER_MS = 250;

function dropProductPlan(scenarioId: string): void {
  const held = productPlans.get(scenarioId);
  if (held && 'plan' in held) held.plan.dispose();
  productPlans.delete(scenarioId);
}

/** Frees a scenario's models (the budget model once, when the product plan owns it). */
function disposeScenario(scenarioId: string): void {
  if (!sharedModel.has(scenarioId)) models.get(scenarioId)?.dispose();
  models.delete(scenarioId);
  sharedModel.delete(scenarioId);
  totals.delete(scenarioId);
  dropProductPlan(scenarioId);
}

/** The scenario's product plan, built now if needed; undefined for a plan without v4 product fields. */
function productPlanOf(scenarioId: string, today: string): { plan: ProductPlan } | { issues: PlanIssue[] } | undefined {
  const doc = productDocs.get(scenarioId);
  if (!doc) return undefined;
  let held = productPlans.get(scenarioId);
  if (!held) {
    const built = buildProductPlan(doc, today);
    held = built.ok ? { plan: built.plan } : { issues: built.issues };
    productPlans.set(scenarioId, held);
  }
  return held;
}

/** The scenario's whole plan as the edits left it (a plan v4 with its products; the budget model of one holds none). */
function planOf(scenarioId: string): Plan {
  return productDocs.get(scenarioId) ?? loaded(scenarioId).plan;
}

/**
 * What the page last showed of a product plan: the scenario and its rows
 * on screen. A rehearsal (rehearsal.ts) reads as the page would.
 */
let pageView: { scenarioId: string; view?: ProductView } | undefined;

/** Notes what the page reads of a scenario's product plan (what it read before of the same scenario stays). */
function notePageView(scenarioId: string, read: { view?: ProductView }): void {
  pageView = { ...(pageView?.scenarioId === scenarioId ? pageView : {}), scenarioId, ...read };
}

/** Whether an edit was rehearsed in this worker: V8 compiles the edit path once for every plan after. */
let rehearsed = false;
let rehearsal: ReturnType<typeof setTimeout> | undefined;

/**
 * How long the worker waits with no request before it rehearses: the page
 * asks for its first figures (rows, summary) in a burst once a plan is
 * built; the rehearsal comes after them, not before them.
 */
const REHEARSE_AFTER_IDLE_MS = 150;

/** A rehearsal between its steps (rehearsal.ts), each a task of its own: after a step that raised the price, the plan holds it until the next step or the end sets it back. */
let rehearsalUnderWay: { scenarioId: string; plan: ProductPlan; doc: Plan; rehearsal: Rehearsal; timer: ReturnType<typeof setTimeout> } | undefined;

/** Rehearses an edit of the product plan in front once the worker has been idle a moment (see rehearsal.ts); every request puts it off again. */
function scheduleRehearsal(): void {
  clearTimeout(rehearsal);
  if (rehearsed || !pageView) return;
  rehearsal = setTimeout(() => {
    const at = pageView;
    const held = at ? productPlans.get(at.scenarioId) : undefined;
    const doc = at ? productDocs.get(at.scenarioId) : undefined;
    if (!at || !held || !('plan' in held) || !doc) return;
    const started = startRehearsal(held.plan, doc, at.view);
    if (started === 'skipped') return;
    rehearsed = true;
    generation++;
    // the plan refused the edit (not expected: it was checked): built again from its document
    if (started === 'failed') rebuildProductPlan(at.scenarioId, held.plan, doc);
    // each further step in a task of its own, until a request comes (it ends the rehearsal before it is handled)
    else rehearsalUnderWay = { scenarioId: at.scenarioId, plan: held.plan, doc, rehearsal: started, timer: setTimeout(rehearseOn, 0) };
  }, REHEARSE_AFTER_IDLE_MS);
}

/** The next step of the rehearsal under way. */
function rehearseOn(): void {
  const under = rehearsalUnderWay;
  if (!under) return;
  const outcome = under.rehearsal.step();
  if (outcome === 'more') under.timer = setTimeout(rehearseOn, 0);
  else endRehearsal(under, outcome);
}

/** Ends a rehearsal under way (a request has come): the price set back, so the request finds the plan as its document says. */
function finishRehearsal(): void {
  const under = rehearsalUnderWay;
  if (!under) return;
  clearTimeout(under.timer);
  endRehearsal(under, under.rehearsal.takeBack());
}

/** Clears a rehearsal that ended (its last step done, or ended by a request): a plan that refused a step is built again, any other is settled later. */
function endRehearsal(under: NonNullable<typeof rehearsalUnderWay>, outcome: 'done' | 'failed'): void {
  rehearsalUnderWay = undefined;
  generation++;
  if (outcome === 'failed') rebuildProductPlan(under.scenarioId, under.plan, under.doc);
  // the other products, as after an edit
  else settleLater(under.scenarioId, under.plan);
}

/**
 * Settles a scenario's product plan (every product computed) a moment from
 * now, unless the scenario holds another plan by then: after an edit's
 * answer, the products off screen. Not at once: the page paints the answer
 * meanwhile, and the two would share the machine's cores. A read before
 * then computes what it needs.
 */
function settleLater(scenarioId: string, plan: ProductPlan): void {
  setTimeout(() => {
    const held = productPlans.get(scenarioId);
    if (held && 'plan' in held && held.plan === plan) plan.settle();
  }, SETTLE_AFTER_ANSWER_MS);
}

/** Products parts received ahead of a `load`, by the token it names them with. */
const incomingParts = new Map<number, Array<NonNullable<Plan['products']>>>();

/** Derived figures a planner may ask the formula of. */
const FORMULA_COLUMNS = ['visitors', 'clicks', 'impressions', 'messages', 'orders', 'gmv', 'spend', 'roi', 'costPerOrder', 'visitorValue'] as const;

/** The Channels sheet as its formulas address it, for spelling them out. */
function channelSheet(model: PlanModel): FormulaSheet {
  const plan = model.plan;
  const total: LocalizedText = { zh: '合计', en: 'Total' };
  return {
    columnKeys: CHANNEL_COLUMNS.map((c) => c.key),
    headers: CHANNEL_COLUMNS.map((c) => c.header),
    rowIds: ['header', ...plan.channels.map((c) => c.id), 'total'],
    rowNames: [{ zh: '表头', en: 'header' }, ...plan.channels.map((c) => c.name), total],
    sheetName: SHEET.channels,
  };
}

/** Every workbook name, with the assumption path it stands for (none for plan-level figures). */
function namesOf(model: PlanModel): Map<string, string | undefined> {
  return new Map(model.spec.names.map((n) => [n.name, n.assumptionPath]));
}

function cellFormula(raw: string, sheet: FormulaSheet, names: ReadonlyMap<string, string | undefined>): CellFormula {
  return {
    raw,
    readable: { zh: readableFormula(raw, sheet.headers, sheet.rowNames, 'zh'), en: readableFormula(raw, sheet.headers, sheet.rowNames, 'en') },
    parts: formulaParts(raw, sheet, names),
  };
}

function formulasOf(model: PlanModel): Record<string, CellFormula> {
  const plan = model.plan;
  const sheet = channelSheet(model);
  const names = namesOf(model);
  const out: Record<string, CellFormula> = {};
  const rows = [...plan.channels.map((c, i) => ({ id: c.id, row: i + 1 })), { id: 'total', row: plan.channels.length + 1 }];
  for (const { id, row } of rows) {
    for (const key of FORMULA_COLUMNS) {
      const raw = model.formula(SHEET.channels, channelCol(key), row);
      if (!raw) continue;
      out[`${id}|${key}`] = cellFormula(raw, sheet, names);
    }
  }
  return out;
}

/** Channels columns that are labels, not figures. */
const TEXT_COLUMNS = new Set(['id', 'name', 'model']);

/**
 * The figures between inputs and results as HyperFormula holds them now:
 * the Summary sheet's named cells (paid_visitors, paid_cost_per_visitor, …)
 * and every figure of each Channels row, each with its formula in pieces.
 */
function intermediatesOf(model: PlanModel): Intermediates {
  const sheet = channelSheet(model);
  const names = namesOf(model);
  const summary = model.spec.sheets.find((s) => s.name === SHEET.summary);
  const named = model.spec.names
    .filter((n) => n.sheet === SHEET.summary)
    .map((n): NamedFigure => {
      const label = summary?.rows[n.row - 1]?.[0]?.content;
      const raw = model.formula(SHEET.summary, n.col, n.row);
      const figure: NamedFigure = { name: n.name, label: typeof label === 'string' ? label : n.name, value: model.value(SHEET.summary, n.col, n.row) };
      return raw ? { ...figure, formula: cellFormula(raw, sheet, names) } : figure;
    });
  const rows = [...model.plan.channels.map((c, i) => ({ id: c.id, row: i + 1 })), { id: 'total', row: model.plan.channels.length + 1 }];
  const channelNames = new Map(model.plan.channels.map((c) => [c.id, c.name]));
  const channels = rows.map(({ id, row }) => {
    const values: Record<string, number | string | null> = {};
    const formulas: Record<string, CellFormula> = {};
    CHANNEL_COLUMNS.forEach((c, col) => {
      if (TEXT_COLUMNS.has(c.key)) return;
      values[c.key] = model.value(SHEET.channels, col, row);
      const raw = model.formula(SHEET.channels, col, row);
      if (raw) formulas[c.key] = cellFormula(raw, sheet, names);
    });
    const label = channelNames.get(id);
    return label ? { rowId: id, names: label, values, formulas } : { rowId: id, values, formulas };
  });
  const columns = CHANNEL_COLUMNS.filter((c) => !TEXT_COLUMNS.has(c.key)).map((c) => ({ key: c.key, header: c.header, format: c.format }));
  return { named, columns, channels };
}

/** The total row's cost per order and visitor value, as HyperFormula computed them (null where blank). */
function totalExtra(model: PlanModel): TotalExtra {
  const row = model.plan.channels.length + 1;
  const read = (key: 'costPerOrder' | 'visitorValue') => {
    const v = model.value(SHEET.channels, channelCol(key), row);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  return { costPerOrder: read('costPerOrder'), visitorValue: read('visitorValue') };
}

/**
 * Builds a scenario's models. A plan v4 gets its product plan at once, and
 * the product plan's budget model serves as the scenario's (see
 * sharedModel); when its product plan cannot be built (the page lists why),
 * the whole plan goes to PlanModel as before.
 */
function buildScenario(scenarioId: string, plan: Plan, today: string): PlanModel {
  if (hasProductPlan(plan)) {
    productDocs.set(scenarioId, plan);
    const built = buildProductPlan(plan, today);
    const model = built.ok ? built.plan.budgetModel() : undefined;
    if (built.ok && model) {
      productPlans.set(scenarioId, { plan: built.plan });
      sharedModel.add(scenarioId);
      models.set(scenarioId, model);
      return model;
    }
    if (built.ok) built.plan.dispose();
    else productPlans.set(scenarioId, { issues: built.issues });
  } else productDocs.delete(scenarioId);
  const model = PlanModel.build(plan);
  models.set(scenarioId, model);
  return model;
}

function load(scenarioId: string, plan: PlanModel['plan'], today: string): LoadOutcome {
  generation++;
  disposeScenario(scenarioId);
  const model = buildScenario(scenarioId, plan, today);
  totals.set(scenarioId, new CalendarTotalsCache());
  const result = model.result();
  const calendar = calendarShape(model);
  return { ok: true, result, totalExtra: totalExtra(model), formulas: formulasOf(model), ...(calendar ? { calendar } : {}) };
}

/** Builds a scenario's models again from its plan document, at the planning date its product plan had: what a product plan that refused an edit is left as. */
function rebuildProductPlan(scenarioId: string, plan: ProductPlan, doc: Plan): void {
  const asOf = plan.asOf ?? new Date().toISOString().slice(0, 10);
  disposeScenario(scenarioId);
  buildScenario(scenarioId, doc, asOf);
  totals.set(scenarioId, new CalendarTotalsCache());
}

/** Counts changes of any model (loads, accepted edits), so a long read can tell that the plan moved under it. */
let generation = 0;

let idleRefresh: ReturnType<typeof setTimeout> | undefined;

/**
 * After an edit, the calendar rows already seen but off screen are brought up
 * to date between messages, one partition per tick: scrolling back finds them
 * current, and an edit arriving meanwhile waits for one partition at most.
 */
function scheduleIdleRefresh(): void {
  if (idleRefresh !== undefined) return;
  idleRefresh = setTimeout(() => {
    idleRefresh = undefined;
    for (const model of models.values()) {
      if (model.productCalendar?.refreshStep()) {
        scheduleIdleRefresh();
        return;
      }
    }
  }, 0);
}

function loaded(scenarioId: string): PlanModel {
  const model = models.get(scenarioId);
  if (!model) throw new Error(`scenario ${scenarioId} is not loaded`);
  return model;
}

/**
 * An edit of a scenario whose budget model is its product plan's: every
 * edit is checked before any is applied (product fields by the schema's
 * ranges and the share sum, the rest by the budget model), then the product
 * plan applies them (its budget model with them) and every figure is
 * current. Refused: nothing changed.
 */
function editProductPlan(scenarioId: string, edits: AssumptionEdit[], view: ProductView | undefined): WorkerAnswers['edit'] {
  const held = productPlans.get(scenarioId);
  const doc = productDocs.get(scenarioId);
  const model = models.get(scenarioId);
  if (!held || !('plan' in held) || !doc || !model) throw new Error(`scenario ${scenarioId} has no product plan`);
  const productIssues = checkProductEdits(doc, edits, (id) => held.plan.productIndex(id));
  if (productIssues.length > 0) return { ok: false, issues: productIssues };
  // the budget model checks the rest as it takes them, all or none
  const shared = edits.filter((e) => parseAssumptionPath(e.path)?.field.owner !== 'product');
  if (shared.length > 0) {
    const out = held.plan.editShared(shared);
    if (!out.ok) return out;
  }
  generation++;
  const split = splitEdits(edits.filter((e) => parseAssumptionPath(e.path)?.field.owner === 'product'));
  // the rows on screen are computed first: the answer goes back with them, every other product follows
  const firstRows = view ? viewRows(view, held.plan.n) : undefined;
  const problems = applyToProductPlan(held.plan, split, firstRows);
  if (problems.length > 0) {
    // a product row the plan cannot price (checked above, so not expected): the scenario is built
    // again from the plan as it was, so a refused edit leaves nothing changed
    rebuildProductPlan(scenarioId, held.plan, doc);
    return { ok: false, issues: problems };
  }
  let next: Plan = doc;
  for (const e of edits) next = writeAssumption(next, e.path, e.value) ?? next;
  productDocs.set(scenarioId, next);
  // a target edit reaches the product plan's figures first; the channel figures follow here
  const budget = held.plan.budgetModel() ?? model;
  // the rows on screen come back with the answer: one round trip from the keystroke to the repaint
  const rows = view ? view.runs.map((r) => productRows(held.plan, r.start, r.count, view.measure)) : undefined;
  // The rest of the products once the page has painted the answer: the page asks for the totals after
  // its paint (a read computes what it needs), and this settles a plan nobody asked about. Settled at
  // once, the worker took a core from the page while it painted (2 cores: page, worker, GPU, browser).
  settleLater(scenarioId, held.plan);
  return { ok: true, result: budget.result(), totalExtra: totalExtra(budget), ...(rows ? { productRows: rows } : {}) };
}

/** Posts how far a request has read its file (the page shows it for a big file). */
function progressOf(id: number): (progress: ReadProgress) => void {
  return (progress) => (self as unknown as DedicatedWorkerGlobalScope).postMessage({ id, progress } satisfies WorkerResponse);
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'productsPart': {
      const parts = incomingParts.get(request.token) ?? [];
      parts.push(request.products);
      incomingParts.set(request.token, parts);
      return null;
    }
    case 'load': {
      let plan = request.plan;
      if (request.productsFrom !== undefined) {
        plan = joinPlan(plan, incomingParts.get(request.productsFrom) ?? []);
        incomingParts.delete(request.productsFrom);
      }
      return load(request.scenarioId, plan, request.today);
    }
    case 'scalePlan': {
      // Loaded on first use: only the scale demo needs the generator (and its lunar calendar tables).
      const { scalePlan } = await import('@shopplan/examples');
      const plan = scalePlan(request.products, request.weeks, { productCalendar: request.productCalendar });
      // its products go ahead of the answer in parts: the page copies each in a short task of its own
      const split = splitPlan(plan);
      if (!split) return plan;
      for (const productsPart of split.parts) (self as unknown as DedicatedWorkerGlobalScope).postMessage({ id: request.id, productsPart } satisfies WorkerResponse);
      return split.head;
    }
    case 'edit': {
      if (sharedModel.has(request.scenarioId)) return editProductPlan(request.scenarioId, request.edits, request.productView);
      const model = loaded(request.scenarioId);
      const remainderBefore = model.productCalendar ? remainderRow(model) : 0;
      // A product's lead time, stock, cost …: only the product plan computes with them.
      const split = splitEdits(request.edits);
      const refused = checkProductOnly(split.productOnly);
      if (refused.length > 0) return { ok: false, issues: refused };
      if (split.productOnly.length > 0 && !productDocs.has(request.scenarioId)) {
        return { ok: false, issues: split.productOnly.map((e) => ({ path: e.path, code: 'no_product_plan', message: { zh: '这个计划没有商品计划，无法修改该字段', en: 'this plan has no product plan; the field cannot be edited' } }) as PlanIssue) };
      }
      const outcome: EditOutcome = split.budget.length > 0 ? model.setAssumptions(split.budget) : { ok: true, result: model.result() };
      // The rows on screen come back with the answer: one round trip from keystroke to repaint.
      if (!outcome.ok) return outcome;
      generation++;
      const doc = productDocs.get(request.scenarioId);
      if (doc) {
        let next: Plan = doc;
        for (const e of request.edits) next = writeAssumption(next, e.path, e.value) ?? next;
        productDocs.set(request.scenarioId, next);
        const held = productPlans.get(request.scenarioId);
        // the product plan follows the edit in place; if it refuses, it is built again from the document when next read
        if (held && 'plan' in held) {
          if (applyToProductPlan(held.plan, split).length > 0) dropProductPlan(request.scenarioId);
        } else if (held) productPlans.delete(request.scenarioId);
      }
      const cache = totals.get(request.scenarioId);
      // the thin calendar's totals move only with what the budget model took
      const rows = productRowsChanged(model, split.budget, remainderBefore);
      if (split.budget.length === 0) { /* a lead time or stock: no revenue or units of the thin calendar moved */ }
      else if (rows) cache?.invalidateProducts(rows);
      else cache?.invalidateAll();
      scheduleIdleRefresh();
      const extra = totalExtra(model);
      if (request.viewport) return { ...outcome, totalExtra: extra, calendar: readCalendar(model, request.viewport.rowStart, request.viewport.rowCount) };
      return { ...outcome, totalExtra: extra };
    }
    case 'drop':
      disposeScenario(request.scenarioId);
      productDocs.delete(request.scenarioId);
      return null;
    case 'calendar': {
      const model = models.get(request.scenarioId);
      return model ? readCalendar(model, request.rowStart, request.rowCount) : null;
    }
    case 'calendarTotals': {
      const model = models.get(request.scenarioId);
      const cache = totals.get(request.scenarioId);
      if (!model || !cache) return null;
      const startedAt = generation;
      // Block by block, yielding to the message queue: an edit is answered between two blocks, and stops this sum.
      return cache.sum(model, () => new Promise((resolve) => setTimeout(() => resolve(generation === startedAt), 0)));
    }
    case 'productSummary': {
      notePageView(request.scenarioId, {});
      const held = productPlanOf(request.scenarioId, request.today);
      if (!held) return null;
      if ('issues' in held) return { productCount: 0, weekStarts: [], asOf: null, total: { revenue: new Float64Array(0), units: new Float64Array(0), stock: new Float64Array(0), products: 0 }, categories: {}, alerts: [], alertCount: 0, alertProducts: new Int32Array(0), issues: held.issues };
      return productSummary(held.plan, productDocs.get(request.scenarioId) as Plan, request.alertLimit);
    }
    case 'productRows': {
      notePageView(request.scenarioId, { view: { runs: [{ start: request.rowStart, count: request.rowCount }], measure: request.measure } });
      const held = productPlanOf(request.scenarioId, request.today);
      if (!held || 'issues' in held) return null;
      return productRows(held.plan, request.rowStart, request.rowCount, request.measure);
    }
    case 'namedFigures': {
      const model = models.get(request.scenarioId);
      return model ? intermediatesOf(model) : { named: [], columns: [], channels: [] };
    }
    case 'exportXlsx': {
      // ExcelJS loads on first use, so opening the page does not wait for it.
      const xlsx = await import('@shopplan/xlsx');
      return xlsx.exportWorkbook(request.session ? { plan: request.plan, lang: request.lang, session: request.session } : { plan: request.plan, lang: request.lang });
    }
    case 'goalSeek':
      return goalSeek(planOf(request.scenarioId), request.options);
    case 'allocate':
      return allocateBudget(planOf(request.scenarioId), request.goal);
    case 'risk':
      return simulateRisk(planOf(request.scenarioId), request.options);
    case 'importXlsx': {
      const xlsx = await import('@shopplan/xlsx');
      return xlsx.importWorkbook(request.bytes);
    }
    case 'promotions':
      return promotionsOf(request.plan);
    case 'movePromotion':
      return movePromotion(request.plan, request.activityId, request.start);
    case 'calibrate': {
      const { id: _id, type: _type, ...rest } = request;
      return calibrateFile(rest, progressOf(request.id));
    }
    case 'review': {
      const { id: _id, type: _type, ...rest } = request;
      return reviewFile(rest, progressOf(request.id));
    }
  }
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  // a request in hand puts the rehearsal off (it waits for the next quiet moment), and finds a rehearsed edit taken back
  clearTimeout(rehearsal);
  finishRehearsal();
  let response: WorkerResponse;
  try {
    response = { id: request.id, ok: true, payload: await handle(request) };
  } catch (error) {
    response = { id: request.id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  const payload = response.ok ? response.payload : undefined;
  // Typed arrays of a calendar viewport are moved, not copied.
  const carried = payload && typeof payload === 'object' && 'calendar' in payload ? (payload as { calendar?: unknown }).calendar : payload;
  const viewport = carried && typeof carried === 'object' && 'revenue' in carried ? (carried as CalendarViewport) : undefined;
  const totals = payload && typeof payload === 'object' && 'weekRevenue' in payload ? (payload as { weekRevenue: Float64Array; weekUnits: Float64Array }) : undefined;
  const transfer: Transferable[] = viewport ? [viewport.revenue.buffer as ArrayBuffer, viewport.units.buffer as ArrayBuffer, viewport.gmv.buffer as ArrayBuffer] : totals ? [totals.weekRevenue.buffer as ArrayBuffer, totals.weekUnits.buffer as ArrayBuffer] : [];
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(response, transfer);
  scheduleRehearsal();
};
