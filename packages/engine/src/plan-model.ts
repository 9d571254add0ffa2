import type { HyperFormula, RawCellContent, SimpleCellAddress } from 'hyperformula';
import { parsePlan, planIssue, readAssumption, writeAssumption, type Plan, type PlanIssue } from '@shopplan/schema';
import { channelCol, channelModelSheets, SHEET, type ChannelColumnKey, type SummaryName } from './channel-model.ts';
import { buildHyperFormula, type HyperFormulaClass } from './hyperformula.ts';
import { hasProductCalendar, PLAN_GMV_NAME, PRODUCT_SHEET, productCalendarSheets, type ProductCalendarShape } from './product-calendar.ts';
import { ProductCalendarView, type ProductInputEdit } from './product-calendar-model.ts';
import { CalendarPartitions, DEFAULT_PARTITION_PRODUCTS, GRID_SHEETS, inPartition } from './product-calendar-partitions.ts';
import { inputsBehind } from './input-trace.ts';
import { saturationIssues } from './response-curve.ts';
import type { ChannelResult, PlanResult, TotalResult } from './results.ts';
import { absoluteRef, columnLetter, hyperFormulaContent, type WorkbookSpec } from './workbook-spec.ts';
import { daysSheets } from './calendar/days-sheet.ts';
import { dayNumber, MAX_PHASED_DAYS, phasingInputs, type Placements } from './calendar/phasing.ts';

/** An edit of one assumption by its plan path: `channels.search.cvr` = 0.03. */
export interface AssumptionEdit {
  path: string;
  value: number;
}

/** What an edit did: the new figures, or the issues that kept the last good state. */
export type EditOutcome = { ok: true; result: PlanResult } | { ok: false; issues: PlanIssue[] };

/**
 * Misuse of the engine's API (not a planner's input): an address outside the
 * model, a model used after dispose. Planner-caused problems are PlanIssue values.
 */
export class EngineUsageError extends Error {
  override name = 'EngineUsageError';
}

/** How a model is built: for benchmarks and the patch-equivalence test; the apps use the defaults. */
export interface PlanModelOptions {
  /** The HyperFormula class to build with (default: the patched package). */
  engine?: HyperFormulaClass;
  /** Products per array formula in the product calendar (default DEFAULT_PRODUCT_BLOCK_ROWS). */
  productBlockRows?: number;
  /**
   * Products per HyperFormula instance of the products × weeks grid (default
   * DEFAULT_PARTITION_PRODUCTS, rounded up to whole blocks); Infinity keeps
   * the grid in the main instance, recomputed eagerly on every edit.
   */
  calendarPartitionProducts?: number;
  /**
   * Daily phasing (the Days and Calendar sheets): `auto` (default) adds them
   * when the plan has activities or calendar settings, or weeks but no
   * products (a product calendar has its Weeks sheet), and a period of at
   * most MAX_PHASED_DAYS; `always` adds them to any plan (a plan without
   * activities phases by weekday pattern only); `never` leaves them out (the
   * engine's solvers, whose channel figures the days never change).
   */
  days?: 'auto' | 'always' | 'never';
  /** Where the scheduler placed each activity (id → first day); see PhasingOptions. */
  placements?: Placements;
}

type SpecOptions = Pick<PlanModelOptions, 'productBlockRows' | 'days' | 'placements'>;

/** Whether `auto` phasing adds the Days and Calendar sheets to a plan. */
function wantsDays(plan: Plan, mode: PlanModelOptions['days']): boolean {
  if (mode === 'never') return false;
  if (mode === 'always') return true;
  // A product calendar's plan already has its weeks (the Weeks sheet), and
  // 365 more rows of formulas would slow its every target edit: days on request.
  const weeksOnly = (plan.weeks?.length ?? 0) > 0 && (plan.products?.length ?? 0) === 0;
  const timed = (plan.activities?.length ?? 0) > 0 || plan.calendar !== undefined || weeksOnly;
  const first = dayNumber(plan.period.start);
  const last = dayNumber(plan.period.end);
  return timed && first !== null && last !== null && last >= first && last - first + 1 <= MAX_PHASED_DAYS;
}

/**
 * The workbook spec of a plan: every sheet and name the model consists of.
 * A plan with weeks and products also gets the product calendar (Weeks,
 * Products, ProductRevenue, ProductUnits) and a Summary cell `plan_gmv`: the
 * target GMV in target mode, the computed total GMV otherwise.
 */
export function planWorkbookSpec(plan: Plan, options: SpecOptions = {}): WorkbookSpec {
  return composeSpec(plan, options).spec;
}

function composeSpec(plan: Plan, options: SpecOptions): { spec: WorkbookSpec; shape?: ProductCalendarShape; phasingIssues: PlanIssue[] } {
  const spec = channelModelSheets(plan);
  // daily phasing: its own sheets after the channel model; what stops it is reported by result()
  let phasingIssues: PlanIssue[] = [];
  if (wantsDays(plan, options.days)) {
    const inputs = phasingInputs(plan, options.placements ? { placements: options.placements } : {});
    if (inputs.ok) {
      const days = daysSheets(plan, inputs.inputs);
      spec.sheets.push(...days.sheets);
      spec.names.push(...days.names);
    } else phasingIssues = inputs.issues;
  }
  if (!hasProductCalendar(plan)) return { spec, phasingIssues };
  const summary = spec.sheets.find((s) => s.name === SHEET.summary);
  if (!summary) throw new EngineUsageError('the channel model has no Summary sheet');
  const totalGmv = `${SHEET.channels}!${columnLetter(channelCol('gmv'))}${plan.channels.length + 2}`;
  summary.rows.push([
    { content: 'GMV the product calendar splits', format: 'text' },
    { content: plan.objective.kind === 'target' ? '=target_gmv' : `=${totalGmv}`, format: 'money' },
    { content: PLAN_GMV_NAME, format: 'text' },
  ]);
  spec.names.push({ name: PLAN_GMV_NAME, sheet: SHEET.summary, col: 1, row: summary.rows.length });
  const calendar = productCalendarSheets(plan, options.productBlockRows);
  return { spec: { sheets: [...spec.sheets, ...calendar.sheets], names: [...spec.names, ...calendar.names] }, shape: calendar.shape, phasingIssues };
}

/** Engine-internal access to a model's HyperFormula instance, set by PlanModel's static block. */
let internals: {
  hf: (model: PlanModel) => HyperFormula;
  batch: (model: PlanModel, write: () => void) => void;
};

/**
 * Engine-internal (not exported from index.ts): writes raw cell contents of a
 * model in one HyperFormula batch, without validation. The solvers (goal
 * seek, allocation, risk) use it; planners' edits go through setAssumptions.
 */
export function writeModelCells(model: PlanModel, cells: ReadonlyArray<readonly [SimpleCellAddress, RawCellContent]>): void {
  const hf = internals.hf(model);
  internals.batch(model, () => {
    for (const [address, value] of cells) hf.setCellContents(address, [[value]]);
  });
}

/** Engine-internal (not exported from index.ts): the raw value HyperFormula holds at a cell of a model. */
export function readModelCell(model: PlanModel, address: SimpleCellAddress): ReturnType<HyperFormula['getCellValue']> {
  return internals.hf(model).getCellValue(address);
}

/** Engine-internal (not exported from index.ts): every value of one sheet of a model, as HyperFormula computed it (the Days report reads a year at once). */
export function readModelSheetValues(model: PlanModel, sheetId: number): ReturnType<HyperFormula['getSheetValues']> {
  return internals.hf(model).getSheetValues(sheetId);
}

/**
 * Engine-internal, for the engine's own tests only (patch equivalence drives
 * row edits HyperFormula-side): the instance itself. Not exported from index.ts.
 */
export function modelHyperFormulaForTests(model: PlanModel): HyperFormula {
  return internals.hf(model);
}

/**
 * A plan loaded into HyperFormula as a live model. Built once; assumption
 * edits change single cells, so HyperFormula recomputes only what depends on
 * them. Every figure read back is computed by HyperFormula from formulas.
 *
 * @example
 * const model = PlanModel.build(plan);
 * model.result().total.spend; // 809013.40…
 * model.setAssumptions([{ path: 'channels.search.cvr', value: 0.03 }]);
 */
export class PlanModel {
  #plan: Plan;
  readonly #hf: HyperFormula;
  readonly spec: WorkbookSpec;
  readonly #assumptionCells = new Map<string, SimpleCellAddress>();
  readonly #calendar: ProductCalendarView | undefined;
  readonly #partitions: CalendarPartitions | undefined;
  /** The channel result of the last accepted edit, and the plan it belongs to. */
  #lastResult: { plan: Plan; result: PlanResult } | undefined;
  #disposed = false;
  /** Why daily phasing could not be built (reported with every result). */
  readonly #phasingIssues: PlanIssue[];

  private constructor(plan: Plan, spec: WorkbookSpec, hf: HyperFormula, shape: ProductCalendarShape | undefined, partitions: CalendarPartitions | undefined, phasingIssues: PlanIssue[]) {
    this.#plan = plan;
    this.#phasingIssues = phasingIssues;
    this.spec = spec;
    this.#hf = hf;
    for (const n of spec.names) {
      if (n.assumptionPath) this.#assumptionCells.set(n.assumptionPath, { sheet: this.sheetId(n.sheet), col: n.col, row: n.row });
    }
    this.#partitions = partitions;
    this.#calendar = shape ? new ProductCalendarView(hf, plan, shape, partitions) : undefined;
  }

  /**
   * Builds the model of a valid plan (see `parsePlan`), once: later edits
   * change single cells in HyperFormula batches, nothing is rebuilt.
   */
  static build(plan: Plan, options: PlanModelOptions = {}): PlanModel {
    const { spec, shape, phasingIssues } = composeSpec(plan, options);
    const size = options.calendarPartitionProducts ?? DEFAULT_PARTITION_PRODUCTS;
    const partitioned = shape !== undefined && Number.isFinite(size) && size < shape.productCount;
    const sheets: Record<string, RawCellContent[][]> = {};
    for (const sheet of spec.sheets) {
      if (partitioned && GRID_SHEETS.has(sheet.name)) continue;
      const rows: RawCellContent[][] = new Array(sheet.rows.length + 1);
      rows[0] = sheet.columns.map((c) => c.header.en);
      // Partitioned: cells evaluated in the partitions (each product's total units) stay empty here.
      const partitionedProducts = partitioned && sheet.name === PRODUCT_SHEET.products;
      sheet.rows.forEach((row, i) => {
        rows[i + 1] = partitionedProducts ? row.map((c, col) => (inPartition(sheet.name, col) ? null : hyperFormulaContent(c))) : row.map(hyperFormulaContent);
      });
      sheets[sheet.name] = rows;
    }
    const names = spec.names.map((n) => ({ name: n.name, expression: `=${absoluteRef(n.sheet, n.col, n.row)}` }));
    const hf = buildHyperFormula(sheets, names, options.engine);
    // Whole blocks per partition: an array formula never straddles two.
    const partitions = partitioned ? new CalendarPartitions(spec, hf, Math.ceil(size / shape.blockRows) * shape.blockRows, options.engine) : undefined;
    return new PlanModel(plan, spec, hf, shape, partitions, phasingIssues);
  }

  /** Runs cell writes as one HyperFormula batch and tells the calendar partitions what changed. */
  #batch(write: () => void): void {
    const changes = this.#hf.batch(write);
    this.#partitions?.noteChanges(changes);
  }

  /**
   * The product calendar (products × weeks) for bulk and viewport reads, or
   * undefined when the plan has no weeks or no products.
   */
  get productCalendar(): ProductCalendarView | undefined {
    this.assertLive();
    return this.#calendar;
  }

  /** The plan as it stands after every accepted edit. */
  get plan(): Plan {
    return this.#plan;
  }

  static {
    // the engine's own modules reach the instance through these (not exported from index.ts)
    internals = {
      hf: (model) => {
        model.assertLive();
        return model.#hf;
      },
      batch: (model, write) => {
        model.assertLive();
        model.#batch(write);
      },
    };
  }

  /** The sheet id of a sheet of the spec. */
  sheetId(name: string): number {
    const id = this.#hf.getSheetId(name);
    if (id === undefined) throw new EngineUsageError(`no sheet "${name}" in the model`);
    return id;
  }

  /**
   * Changes assumptions in one HyperFormula batch. The edited plan is
   * validated first; if any value is invalid (a rate above 100%, a negative
   * price) nothing changes and the issues name the fields.
   */
  setAssumptions(edits: readonly AssumptionEdit[]): EditOutcome {
    this.assertLive();
    // Product inputs are checked one field at a time (a 10,000-product plan
    // is not re-validated per keystroke); everything else by the full schema
    // on the plan without its products, which those edits cannot affect.
    const productEdits: ProductInputEdit[] = edits.filter((e) => e.path.startsWith('products.'));
    const planEdits = edits.filter((e) => !e.path.startsWith('products.'));
    const { products, ...core } = this.#plan;
    let productCells: Array<{ address: SimpleCellAddress; value: number }> = [];
    let nextProducts = products;
    if (productEdits.length > 0) {
      if (!this.#calendar || !products) {
        const path = productEdits[0]?.path ?? 'products';
        return { ok: false, issues: [planIssue(path, 'unknown_path', `计划中没有“${path}”这一项`, `the plan has no assumption "${path}"`)] };
      }
      const checked = this.#calendar.checkEdits(products, productEdits);
      if (!checked.ok) return checked;
      productCells = checked.cells;
      nextProducts = checked.products;
    }
    let nextPlan: Plan = core as Plan;
    if (planEdits.length > 0) {
      const checked = this.checkPlanEdits(core as Plan, planEdits);
      if (!checked.ok) return checked;
      nextPlan = checked.plan;
    }
    const accepted: Plan = nextProducts ? { ...nextPlan, products: nextProducts } : nextPlan;
    const oldProductCells = productCells.map((c) => ({ address: c.address, value: this.#hf.getCellValue(c.address) }));
    this.#batch(() => {
      for (const edit of planEdits) {
        const address = this.#assumptionCells.get(edit.path);
        if (!address) throw new EngineUsageError(`assumption "${edit.path}" has no cell`);
        this.#hf.setCellContents(address, [[edit.value]]);
      }
      for (const c of productCells) this.#hf.setCellContents(c.address, [[c.value]]);
    });
    // Product inputs feed only the product calendar: the channel figures
    // (and the issues read from them) stay those of the last accepted state.
    const cached = planEdits.length === 0 && this.#lastResult?.plan === this.#plan ? this.#lastResult.result : undefined;
    const result = cached ?? this.result();
    if (result.issues.length > 0) {
      // Roll back: the last good state stays in force.
      this.#batch(() => {
        for (const edit of planEdits) {
          const address = this.#assumptionCells.get(edit.path);
          const old = readAssumption(this.#plan, edit.path);
          if (address && old !== undefined) this.#hf.setCellContents(address, [[old]]);
        }
        for (const c of oldProductCells) this.#hf.setCellContents(c.address, [[typeof c.value === 'number' ? c.value : null]]);
      });
      return { ok: false, issues: result.issues };
    }
    this.#plan = accepted;
    this.#lastResult = { plan: accepted, result };
    return { ok: true, result };
  }

  /** Applies and validates edits of plan-level and channel assumptions on a plan without products. */
  private checkPlanEdits(core: Plan, edits: readonly AssumptionEdit[]): { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] } {
    let next: Plan = core;
    for (const edit of edits) {
      const changed = Number.isFinite(edit.value) ? writeAssumption(next, edit.path, edit.value) : undefined;
      if (!changed) {
        const why = Number.isFinite(edit.value)
          ? { zh: `计划中没有“${edit.path}”这一项`, en: `the plan has no assumption "${edit.path}"` }
          : { zh: `“${edit.path}”必须是有限数字`, en: `"${edit.path}" must be a finite number` };
        return { ok: false, issues: [planIssue(edit.path, 'unknown_path', why.zh, why.en)] };
      }
      next = changed;
    }
    return parsePlan(next);
  }

  /**
   * Loads another plan of the same workbook shape (the same formulas, other
   * assumption values) into this model: its assumption cells take the new
   * values in one batch, without a rebuild, since building a workbook costs
   * far more than recomputing one. The engine's question solvers use it
   * (see withPlanModel); the caller guarantees the shape and validity.
   */
  reload(plan: Plan, spec: WorkbookSpec): void {
    this.assertLive();
    // only changed values: each write makes HyperFormula recompute what depends on it
    const changed: Array<[SimpleCellAddress, number]> = [];
    for (const sheet of spec.sheets) {
      for (const row of sheet.rows) {
        for (const c of row) {
          const address = c.assumptionPath ? this.#assumptionCells.get(c.assumptionPath) : undefined;
          if (address && typeof c.content === 'number' && this.#hf.getCellValue(address) !== c.content) changed.push([address, c.content]);
        }
      }
    }
    if (changed.length > 0) {
      this.#batch(() => {
        for (const [address, value] of changed) this.#hf.setCellContents(address, [[value]]);
      });
    }
    this.#plan = plan;
  }

  /** The value HyperFormula computed at a cell of the model; null for empty or "" cells. */
  value(sheet: string, col: number, row: number): number | string | null {
    const total = this.gridTotal(sheet, col, row);
    if (total !== undefined) return total;
    const v = this.gridCell(sheet, col, row, (hf, id) => hf.getCellValue({ sheet: id, col, row })) ?? this.#hf.getCellValue({ sheet: this.sheetId(sheet), col, row });
    if (v === null || v === '') return null;
    if (typeof v === 'number' || typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    return `${v.value}`; // a spreadsheet error such as #DIV/0! or #CYCLE!
  }

  /** The formula behind a cell (for "show the formula"), or undefined for a constant. */
  formula(sheet: string, col: number, row: number): string | undefined {
    if (this.gridTotal(sheet, col, row) !== undefined) {
      const content = this.spec.sheets.find((s) => s.name === sheet)?.rows[row - 1]?.[col]?.content;
      return typeof content === 'string' && content.startsWith('=') ? content : undefined;
    }
    const partitioned = this.gridCell(sheet, col, row, (hf, id) => ({ formula: hf.getCellFormula({ sheet: id, col, row }) }));
    return partitioned ? partitioned.formula : this.#hf.getCellFormula({ sheet: this.sheetId(sheet), col, row });
  }

  /**
   * The total row under the products of a partitioned grid sheet: no
   * partition holds it (each has its own products only) and the main model
   * has no grid sheets, so its SUM is taken over the partitions' column.
   * Undefined for any other cell. The xlsx export reads it as the cached result.
   */
  private gridTotal(sheet: string, col: number, row: number): number | string | undefined {
    const n = this.#plan.products?.length ?? 0;
    if (!this.#partitions || !GRID_SHEETS.has(sheet) || row !== n + 1) return undefined;
    let sum = 0;
    for (const [v] of this.#partitions.readGrid(sheet === PRODUCT_SHEET.revenue ? 'revenue' : 'units', 0, n, col, col)) {
      if (typeof v === 'number') sum += v;
      else if (v !== null && v !== undefined && typeof v === 'object' && 'value' in v) return `${v.value}`; // an error spreads to the SUM, as in a spreadsheet
    }
    return sum;
  }

  /** Reads a cell of the products × weeks grid from its (refreshed) partition; undefined when the grid is not partitioned. */
  private gridCell<T>(sheet: string, col: number, row: number, read: (hf: HyperFormula, sheetId: number) => T): T | undefined {
    if (!this.#partitions || !inPartition(sheet, col) || (!GRID_SHEETS.has(sheet) && row === 0)) return undefined;
    const part = this.#partitions.partitionOf(Math.max(0, row - 1));
    if (!part) throw new EngineUsageError(`row ${row} is outside the product calendar`);
    return read(part.hf, sheet === PRODUCT_SHEET.revenue ? part.sheets.revenue : sheet === PRODUCT_SHEET.units ? part.sheets.units : part.sheets.products);
  }

  /** Reads every channel figure and total back from HyperFormula. */
  result(): PlanResult {
    this.assertLive();
    const issues: PlanIssue[] = [];
    const values = this.#hf.getSheetValues(this.sheetId(SHEET.channels));
    const failed: Array<{ row: number; key: ChannelColumnKey; shown: string }> = [];
    const read = (row: number, key: ChannelColumnKey, optional: boolean): number | null => {
      const v = values[row]?.[channelCol(key)];
      if ((v === null || v === undefined || v === '') && optional) return null;
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      const id = values[row]?.[0];
      const shown = typeof v === 'object' && v !== null ? `${v.value}` : String(v);
      failed.push({ row, key, shown });
      issues.push(planIssue(`channels.${String(id)}.${key}`, 'not_computable', `无法计算（${shown}）`, `cannot be computed (${shown})`));
      return null;
    };
    const channels: ChannelResult[] = this.#plan.channels.map((ch, i) => {
      const row = i + 1;
      return {
        id: ch.id,
        visitors: read(row, 'visitors', false) ?? 0,
        clicks: read(row, 'clicks', true),
        impressions: read(row, 'impressions', true),
        orders: read(row, 'orders', false) ?? 0,
        gmv: read(row, 'gmv', false) ?? 0,
        spend: read(row, 'spend', false) ?? 0,
        roi: read(row, 'roi', true),
        costPerOrder: read(row, 'costPerOrder', true),
        visitorValue: read(row, 'visitorValue', true),
      };
    });
    const t = this.#plan.channels.length + 1;
    const total: TotalResult = {
      visitors: read(t, 'visitors', false) ?? 0,
      orders: read(t, 'orders', false) ?? 0,
      gmv: read(t, 'gmv', false) ?? 0,
      spend: read(t, 'spend', false) ?? 0,
      roi: read(t, 'roi', true),
    };
    const overflow = this.overflowIssues(failed);
    if (overflow.length > 0) return { channels, total, issues: overflow };
    issues.push(...this.objectiveIssues(), ...this.#phasingIssues);
    // A saturated curve channel has no spend (""), which makes its spend and ROI
    // not computable: say why once, at the curve's ceiling, instead.
    const saturated = saturationIssues(this.#plan, channels);
    if (saturated.length > 0) return { channels, total, issues: [...saturated, ...issues.filter((i) => i.code !== 'not_computable')] };
    return { channels, total, issues };
  }

  /**
   * Figures past what a double holds (#NUM!: a number above 1e308) come from
   * inputs of extreme size: name the input, not the derived cell. Of the
   * inputs the failing cells are computed from (read from the spec's
   * formulas), the one furthest from 1 in orders of magnitude is named, once.
   * Empty when no failure is an overflow (a #DIV/0! keeps its cell's path).
   */
  private overflowIssues(failed: ReadonlyArray<{ row: number; key: ChannelColumnKey; shown: string }>): PlanIssue[] {
    const byInput = new Map<string, { value: number; what: string }>();
    for (const f of failed) {
      if (f.shown !== '#NUM!' && f.shown !== 'Infinity' && f.shown !== '-Infinity') continue;
      let blamed: { path: string; value: number; size: number } | undefined;
      for (const path of inputsBehind(this.spec, SHEET.channels, channelCol(f.key), f.row)) {
        const value = readAssumption(this.#plan, path);
        if (value === undefined || value === 0 || !Number.isFinite(value)) continue;
        const size = Math.abs(Math.log10(Math.abs(value)));
        if (!blamed || size > blamed.size) blamed = { path, value, size };
      }
      if (!blamed || byInput.has(blamed.path)) continue;
      const id = this.#plan.channels[f.row - 1]?.id ?? 'total';
      byInput.set(blamed.path, { value: blamed.value, what: `${id}.${f.key}` });
    }
    return [...byInput].map(([path, { value, what }]) => planIssue(path, 'overflow',
      `数值 ${value} 过大或过小：由它算出的 ${what} 超出可计算范围（绝对值大于 1e308），请输入正常量级的数值`,
      `the value ${value} is too large or too small: ${what}, computed from it, is beyond what can be computed (above 1e308); enter a value of ordinary size`));
  }

  /** A plan-level intermediate of the Summary sheet, if the plan's objective has it. */
  summary(name: SummaryName): number | undefined {
    const n = this.spec.names.find((x) => x.name === name);
    if (!n) return undefined;
    const v = this.value(n.sheet, n.col, n.row);
    return typeof v === 'number' ? v : undefined;
  }

  /** Why the plan's objective cannot be met as written (read from the model, not recomputed). */
  private objectiveIssues(): PlanIssue[] {
    const { objective } = this.#plan;
    const issues: PlanIssue[] = [];
    if (objective.kind === 'target') {
      const free = this.summary('free_gmv') ?? 0;
      const paid = this.summary('paid_gmv') ?? 0;
      const hasPaid = this.#plan.channels.some((c) => c.cost.model !== 'free');
      if (paid < 0 || (!hasPaid && Math.abs(paid) > 1e-6 * objective.gmv)) {
        const yuan = free.toFixed(2);
        issues.push(paid < 0
          ? planIssue('objective.gmv', 'free_exceeds_target', `免费渠道预计已带来 ¥${yuan}，超过目标成交额，无需付费推广；请提高目标或下调预测`, `the free channels already bring ¥${yuan}, more than the target GMV: raise the target or lower the forecast`)
          : planIssue('objective.gmv', 'no_paid_channels', `没有付费渠道，免费渠道只带来 ¥${yuan}，达不到目标`, `there are no paid channels and the free channels bring only ¥${yuan}: the target cannot be reached`));
      }
    }
    if (objective.kind === 'budget') {
      const fees = this.summary('fixed_fees') ?? 0;
      const unitCost = this.summary('paid_cost_per_visitor') ?? this.summary('paid_cost_per_gmv');
      if (unitCost !== undefined && !(unitCost > 0)) {
        issues.push(planIssue('channels', 'paid_cost_zero', '付费渠道每个访客的成本为 0，预算无法决定访客数；请填写点击单价、佣金或固定费用', 'the paid channels cost nothing per visitor, so a budget cannot decide their visitors: set a CPC, commission or fee'));
      }
      if (objective.spend < fees) {
        issues.push(planIssue('objective.spend', 'budget_below_fees', `预算低于固定费用合计 ¥${fees.toFixed(2)}`, `the budget is below the fixed fees of ¥${fees.toFixed(2)}`));
      }
    }
    return issues;
  }

  /** Frees the HyperFormula instance. The model cannot be used afterwards. */
  dispose(): void {
    if (!this.#disposed) {
      this.#hf.destroy();
      this.#partitions?.destroy();
    }
    this.#disposed = true;
  }

  private assertLive(): void {
    if (this.#disposed) throw new EngineUsageError('the plan model was disposed');
  }
}

/**
 * Validates raw plan JSON, builds the model and reads the result in one go.
 * @example computePlan(doc) // { ok: true, result } or { ok: false, issues }
 */
export function computePlan(raw: unknown): { ok: true; result: PlanResult; plan: Plan } | { ok: false; issues: PlanIssue[] } {
  const parsed = parsePlan(raw);
  if (!parsed.ok) return parsed;
  // the channel results need no Days sheets: a year of days is thousands of cells (phasing has its own entry)
  const model = PlanModel.build(parsed.plan, { days: 'never' });
  try {
    const result = model.result();
    return result.issues.length > 0 ? { ok: false, issues: result.issues } : { ok: true, result, plan: parsed.plan };
  } finally {
    model.dispose();
  }
}
