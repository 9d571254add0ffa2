import { editScope, inputReach, planGrid, type GridDefinition, type GridEditScope, type GridPlan } from './definition.ts';
import type { BinaryOp, GridExpr } from './template.ts';

/**
 * Error values of the grid, as codes in a Uint8Array beside the values
 * (0: no error). An erroneous cell holds 0 in the value array, so a NaN
 * never reaches whoever reads the numbers without looking at the codes.
 */
export const GRID_ERROR = { none: 0, divByZero: 1, num: 2 } as const;

/** The spreadsheet text of each error code (index = code). */
export const GRID_ERROR_TEXT: readonly string[] = ['', '#DIV/0!', '#NUM!'];

/** A cell read back: a number, or the spreadsheet error it evaluates to. */
export type GridCellValue = number | { error: string };

const DIV0 = GRID_ERROR.divByZero;
const NUM = GRID_ERROR.num;

/**
 * A compiled node. After `run`, its result for product r is `v[o + r]` with
 * error code `e[o + r]`: either the node's own scratch arrays (o = 0) or,
 * for a reference, the referenced array itself (no copy).
 */
interface Node {
  run(week: number, r0: number, r1: number): void;
  v: Float64Array;
  e: Uint8Array;
  o: number;
  /**
   * Whether `run` writes every row's value and error into `v` and `e` as
   * they are at the call (an operation, not a reference): a measure's root
   * node of this kind is pointed at the measure's week column itself, so
   * its result needs no copy.
   */
  writes?: boolean;
}

/** Sizes of a grid: products (rows) and weeks (columns). */
export interface GridSize {
  products: number;
  weeks: number;
}

/**
 * The fast evaluator of a uniform grid: each template is compiled once into
 * a tree of array loops that compute a whole week column of a measure at a
 * time (or one product's cell of it, for an edit), over Float64Arrays laid
 * out column-major by week (`values[w * products + r]`). No code is
 * generated at run time (no eval or `new Function`: the page runs under a
 * CSP) and nothing is allocated per cell.
 *
 * Semantics follow HyperFormula as the engine configures it (exact
 * comparisons, no epsilon on + and −), checked by the grid tests:
 * an error in an operand wins (the left one first); x/0 is #DIV/0!; a
 * non-finite result is #NUM!; −0 is 0; IF gives only its chosen branch, so
 * an error in the other one does not propagate; ROUND scales by 10^digits
 * in binary, half away from zero; SUM runs in sheet order.
 *
 * Input grids (`cellInput`) are held like measures: one Float64Array per
 * key, column-major by week (`values[w * products + r]`), the layout of
 * `setCellInputs` and `measureArrays`.
 *
 * Incremental: each measure carries what is pending for it: nothing, the
 * marked products' rows, or every row. `setProductInput` and
 * `setCellInputRow` mark that product and the measures the edit reaches
 * (every row of those it reaches through a week total, a normaliser);
 * an input set in full (`setProductInputs`, `setCellInputs`,
 * `setWeekInputs`, `setScalar`) marks every row of the measures that read
 * it, directly or through others, and leaves the rest alone: setting the
 * rounding grid after the real revenue is known does not recompute the
 * weights. `recalculate` then brings the pending measures current. Week
 * totals are summed again in full rather than corrected by the difference,
 * because a corrected sum is not the same double as the spreadsheet's SUM.
 *
 * @example
 * const grid = new GridEvaluator(definition, { products: 3, weeks: 52 });
 * grid.setProductInputs('price', new Float64Array([10, 20, 30]));
 * grid.recalculate();
 * grid.cell('units', 0, 5); // product 0, week 5
 */
export class GridEvaluator {
  readonly plan: GridPlan;
  readonly size: GridSize;
  readonly #values: Float64Array[];
  readonly #errors: Uint8Array[];
  readonly #rowTotals: Float64Array[];
  readonly #rowTotalErrors: Uint8Array[];
  readonly #weekTotals: Float64Array[];
  readonly #weekTotalErrors: Uint8Array[];
  readonly #productInputs = new Map<string, Float64Array>();
  readonly #cellInputs = new Map<string, Float64Array>();
  readonly #weekInputs = new Map<string, Float64Array>();
  readonly #scalars = new Map<string, number>();
  readonly #programs: Node[];
  readonly #noErrors: Uint8Array;
  /** Errors of an input grid's cells: none, one array for them all. */
  readonly #noCellErrors: Uint8Array;
  /**
   * Per measure: whether a template reads its row or week totals. Those are
   * kept current as the measure is computed; the others are summed when
   * first read after a change (`#totalsStale`), the same sums in the same
   * order, so an edit pays only for the totals a formula needs.
   */
  readonly #totalsRead: boolean[];
  readonly #totalsStale: boolean[];
  /**
   * Per measure: whether its template gives the same value in every week of
   * a product (it reads only constants, product inputs, scalars, row totals
   * and such measures): computed in the first week and copied to the rest,
   * the same doubles for a fraction of the work (a safety stock's power).
   */
  readonly #weekInvariant: boolean[];
  /** Per measure: what waits for `recalculate`. */
  readonly #pending: GridEditScope[];
  /** The products whose rows wait, for measures pending 'row'. */
  readonly #pendingRows = new Set<number>();
  /**
   * Per measure: pending because an input set in full (or the first
   * evaluation) reaches it, so it is computed whatever else happens. A
   * measure pending only through products' edits is computed when an
   * edited input of its own or a measure it reads actually changed (see
   * recalculate).
   */
  readonly #forced: boolean[];
  /** Product inputs and input grids edited by row since the grid was last current. */
  readonly #dirtyKeys = new Set<string>();
  /** Per measure: the rows ('row': the pending rows) whose results moved since the grid was last current. */
  readonly #changed: GridEditScope[];
  /**
   * Per measure, per week: whether its week total moved since the grid was
   * last current (set as the totals are summed). A measure that changed in
   * a few rows moves only some weeks' totals (a product's promotion weeks):
   * what reads its week total is then computed again in those weeks only,
   * plus the edited rows (see StageScope 'weeks').
   */
  readonly #weekMoved: Uint8Array[];
  /** Reach of a product's edit of one key, and of one input set in full (GridPlan.inputsRead names). */
  readonly #rowReach = new Map<string, GridEditScope[]>();
  readonly #fullReach = new Map<string, GridEditScope[]>();

  /** Compiles a grid for `size` products × weeks; every input starts at 0, every figure uncomputed until `recalculate`. */
  constructor(definition: GridDefinition | GridPlan, size: GridSize) {
    if (!Number.isInteger(size.products) || size.products < 0 || !Number.isInteger(size.weeks) || size.weeks < 0) {
      throw new RangeError(`grid size must be non-negative integers, got ${size.products} × ${size.weeks}`);
    }
    this.plan = 'stages' in definition ? definition : planGrid(definition);
    this.size = { products: size.products, weeks: size.weeks };
    const n = size.products;
    const cells = n * size.weeks;
    const measures = this.plan.definition.measures;
    this.#values = measures.map(() => new Float64Array(cells));
    this.#errors = measures.map(() => new Uint8Array(cells));
    this.#rowTotals = measures.map(() => new Float64Array(n));
    this.#rowTotalErrors = measures.map(() => new Uint8Array(n));
    this.#weekTotals = measures.map(() => new Float64Array(size.weeks + 1));
    this.#weekTotalErrors = measures.map(() => new Uint8Array(size.weeks + 1));
    this.#noErrors = new Uint8Array(Math.max(n, 1));
    const cellKeys = Object.keys(this.plan.definition.cells ?? {});
    this.#noCellErrors = new Uint8Array(cellKeys.length > 0 ? Math.max(cells, 1) : 0);
    for (const key of cellKeys) this.#cellInputs.set(key, new Float64Array(cells));
    this.#pending = measures.map(() => 'all');
    this.#forced = measures.map(() => true);
    this.#changed = measures.map(() => 'none');
    this.#weekMoved = measures.map(() => new Uint8Array(size.weeks));
    this.#totalsRead = measures.map(() => false);
    for (const list of this.plan.dependencies) for (const d of list) if (d.kind !== 'cell' && d.kind !== 'prev') this.#totalsRead[d.to] = true;
    this.#totalsStale = measures.map(() => true);
    this.#weekInvariant = [];
    // stages run dependencies first, so a measure's references are classified before it
    for (const stage of this.plan.stages) for (const m of stage) this.#weekInvariant[m] = this.#invariant(measures[m]!.template);
    for (const key of Object.keys(this.plan.definition.products.columns)) this.#productInputs.set(key, new Float64Array(n));
    for (const key of Object.keys(this.plan.definition.weeks.columns)) this.#weekInputs.set(key, new Float64Array(size.weeks));
    for (const name of this.plan.definition.scalars) this.#scalars.set(name, 0);
    this.#programs = measures.map((m) => this.#compile(m.template));
  }

  // ---- inputs ------------------------------------------------------------

  /** Sets one product's input. Throws RangeError for an unknown key, a row out of range or a non-finite value. */
  setProductInput(key: string, row: number, value: number): void {
    const column = this.#productInputs.get(key);
    if (!column) throw new RangeError(`no product input "${key}" in the grid`);
    if (!Number.isInteger(row) || row < 0 || row >= this.size.products) throw new RangeError(`product row ${row} is outside 0…${this.size.products - 1}`);
    if (!Number.isFinite(value)) throw new RangeError(`product input "${key}" of row ${row} must be finite, got ${value}`);
    if (column[row] === value) return;
    column[row] = value;
    this.#markRow(key, row);
  }

  /** Sets a product input for every product at once (`values[r]` for product r); marks the whole grid. */
  setProductInputs(key: string, values: ArrayLike<number>): void {
    const column = this.#productInputs.get(key);
    if (!column) throw new RangeError(`no product input "${key}" in the grid`);
    if (values.length !== this.size.products) throw new RangeError(`product input "${key}" needs ${this.size.products} values, got ${values.length}`);
    for (let r = 0; r < values.length; r++) {
      const v = values[r] ?? NaN;
      if (!Number.isFinite(v)) throw new RangeError(`product input "${key}" of row ${r} must be finite, got ${v}`);
      column[r] = v;
    }
    this.#markFull(`product:${key}`);
  }

  /**
   * Sets an input grid for every cell at once: `values[w * products + r]` is
   * product r in week w (column-major by week, as `measureArrays`). Marks
   * every row of the measures that read it. Throws RangeError for an
   * unknown key, a wrong length or a non-finite value (the grid keeps its
   * values then).
   */
  setCellInputs(key: string, values: ArrayLike<number>): void {
    const grid = this.#cellInputs.get(key);
    if (!grid) throw new RangeError(`no input grid "${key}" in the grid`);
    if (values.length !== grid.length) throw new RangeError(`input grid "${key}" needs ${grid.length} values (products × weeks), got ${values.length}`);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? NaN;
      if (!Number.isFinite(v)) throw new RangeError(`input grid "${key}" at ${i} (week ${Math.floor(i / Math.max(this.size.products, 1))}, product ${i % Math.max(this.size.products, 1)}) must be finite, got ${v}`);
    }
    grid.set(values);
    this.#markFull(`cell:${key}`);
  }

  /**
   * Sets one product's row of an input grid: `values[w]` for week w. Marks
   * that product (as its own input: editScope) when a value changed.
   * Throws RangeError for an unknown key, a row out of range, a wrong
   * length or a non-finite value.
   */
  setCellInputRow(key: string, row: number, values: ArrayLike<number>): void {
    const grid = this.#cellInputs.get(key);
    if (!grid) throw new RangeError(`no input grid "${key}" in the grid`);
    const n = this.size.products;
    if (!Number.isInteger(row) || row < 0 || row >= n) throw new RangeError(`product row ${row} is outside 0…${n - 1}`);
    if (values.length !== this.size.weeks) throw new RangeError(`a row of input grid "${key}" needs ${this.size.weeks} values, got ${values.length}`);
    for (let w = 0; w < values.length; w++) {
      const v = values[w] ?? NaN;
      if (!Number.isFinite(v)) throw new RangeError(`input grid "${key}" of row ${row}, week ${w} must be finite, got ${v}`);
    }
    let changed = false;
    for (let w = 0; w < values.length; w++) {
      const v = values[w]!;
      if (grid[w * n + row] !== v) {
        grid[w * n + row] = v;
        changed = true;
      }
    }
    if (changed) this.#markRow(key, row);
  }

  /** One input grid's values, column-major by week (`values[w * products + r]`); a live array: read, never write. */
  cellInputArray(key: string): Float64Array {
    const grid = this.#cellInputs.get(key);
    if (!grid) throw new RangeError(`no input grid "${key}" in the grid`);
    return grid;
  }

  /** Sets a week input for every week (`values[w]` for week w); marks the whole grid. */
  setWeekInputs(key: string, values: ArrayLike<number>): void {
    const column = this.#weekInputs.get(key);
    if (!column) throw new RangeError(`no week input "${key}" in the grid`);
    if (values.length !== this.size.weeks) throw new RangeError(`week input "${key}" needs ${this.size.weeks} values, got ${values.length}`);
    for (let w = 0; w < values.length; w++) {
      const v = values[w] ?? NaN;
      if (!Number.isFinite(v)) throw new RangeError(`week input "${key}" of week ${w} must be finite, got ${v}`);
      column[w] = v;
    }
    this.#markFull(`week:${key}`);
  }

  /** Sets a named scalar; marks the whole grid. */
  setScalar(name: string, value: number): void {
    if (!this.#scalars.has(name)) throw new RangeError(`no scalar "${name}" in the grid`);
    if (!Number.isFinite(value)) throw new RangeError(`scalar "${name}" must be finite, got ${value}`);
    this.#scalars.set(name, value);
    this.#markFull(`scalar:${name}`);
  }

  /** Every row of the measures an input set in full reaches. */
  #markFull(input: string): void {
    let reach = this.#fullReach.get(input);
    if (!reach) {
      reach = inputReach(this.plan, new Set([input]));
      this.#fullReach.set(input, reach);
    }
    reach.forEach((s, m) => {
      if (s === 'none') return;
      this.#pending[m] = 'all';
      this.#forced[m] = true;
    });
  }

  /**
   * One product's row of the measures its edit of `key` reaches (every row
   * of those reached through a week total). Reaches of several keys
   * combine measure by measure: editScope of a union is the widest of each.
   */
  #markRow(key: string, row: number): void {
    let reach = this.#rowReach.get(key);
    if (!reach) {
      reach = editScope(this.plan, new Set([key]));
      this.#rowReach.set(key, reach);
    }
    let any = false;
    reach.forEach((s, m) => {
      if (s === 'none') return;
      any = true;
      if (RANK[s] > RANK[this.#pending[m] ?? 'none']) this.#pending[m] = s;
    });
    if (any) {
      this.#pendingRows.add(row);
      this.#dirtyKeys.add(key);
    }
  }

  /** What waits for `recalculate` in a measure: nothing, the marked products' rows, or every row. Throws RangeError for an unknown measure. */
  pending(name: string): GridEditScope {
    return this.#pending[this.#measure(name)] ?? 'none';
  }

  /** Whether figures wait for `recalculate`. */
  get dirty(): boolean {
    return this.#pending.some((s) => s !== 'none');
  }

  // ---- evaluation ----------------------------------------------------------

  /**
   * Brings figures current and returns the names of the measures whose
   * figures moved: every measure with something pending, or, given
   * `measures`, only those and what they read (the rest stay pending, for a
   * caller that needs a figure before it can set an input the rest read:
   * the real revenue before its controlled rounding). Throws RangeError for
   * an unknown measure name.
   */
  recalculate(measures?: readonly string[]): string[] {
    const needed = measures === undefined ? null : this.#readClosure(measures);
    const rows = [...this.#pendingRows].sort((a, b) => a - b);
    const weeks = this.size.weeks;
    const n = this.size.products;
    const moved: string[] = [];
    const scopes: StageScope[] = this.#pending.map(() => 'none');
    for (const stage of this.plan.stages) {
      if (needed && !stage.some((m) => needed.has(m))) continue;
      const scope = this.#stageScope(stage);
      for (const m of stage) scopes[m] = this.#pending[m] === 'none' ? 'none' : scope;
      // a row-scoped result is compared with what it was, so what reads it only is spared when nothing moved
      const before = new Map<number, { v: Float64Array; e: Uint8Array }>();
      if (scope === 'row') {
        for (const m of stage) {
          const values = this.#values[m]!;
          const errors = this.#errors[m]!;
          const v = new Float64Array(rows.length * weeks);
          const e = new Uint8Array(rows.length * weeks);
          rows.forEach((r, k) => {
            for (let w = 0; w < weeks; w++) {
              v[k * weeks + w] = values[w * n + r]!;
              e[k * weeks + w] = errors[w * n + r]!;
            }
          });
          before.set(m, { v, e });
        }
      }
      if (scope !== 'none') this.#runStage(stage, rows, scopes);
      for (const m of stage) {
        if (scopes[m] !== 'none') {
          const old = before.get(m);
          const changed = old === undefined || rows.some((r, k) => {
            for (let w = 0; w < weeks; w++) {
              if (!Object.is(old.v[k * weeks + w], this.#values[m]![w * n + r]) || old.e[k * weeks + w] !== this.#errors[m]![w * n + r]) return true;
            }
            return false;
          });
          if (changed) {
            const was = this.#changed[m] ?? 'none';
            // some weeks in full: what reads it sees every row move
            const now: GridEditScope = scope === 'weeks' ? 'all' : scope;
            if (RANK[now] > RANK[was]) this.#changed[m] = now;
            moved.push(this.plan.definition.measures[m]!.name);
          }
        }
        this.#pending[m] = 'none';
        this.#forced[m] = false;
      }
    }
    if (!this.dirty) {
      this.#pendingRows.clear();
      this.#dirtyKeys.clear();
      this.#changed.fill('none');
      for (const moved of this.#weekMoved) moved.fill(0);
    }
    return moved;
  }

  /**
   * Brings the figures of `rows` current ahead of the others, for a caller
   * that shows those products first (the rows on screen) and computes the
   * rest after: every pending measure is computed for those products only
   * and stays pending, so the next `recalculate` computes every row again
   * (to the same figures) and then the week totals. Until then week totals
   * are not current and only the figures of `rows` may be read.
   * Returns false, computing nothing, when a pending measure reads the week
   * total of another pending one (a product's figure then depends on every
   * product's): the caller must `recalculate`. Throws RangeError for a row
   * outside the grid.
   */
  recalculateRows(rows: readonly number[]): boolean {
    const n = this.size.products;
    for (const r of rows) if (!Number.isInteger(r) || r < 0 || r >= n) throw new RangeError(`row ${r} is outside 0..${n - 1}`);
    const pending = this.#pending.map((s) => s !== 'none');
    for (let m = 0; m < pending.length; m++) {
      if (!pending[m]) continue;
      for (const d of this.plan.dependencies[m] ?? []) {
        if ((d.kind === 'weekTotal' || d.kind === 'prevWeekTotal') && pending[d.to]) return false;
      }
    }
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    const scopes: StageScope[] = pending.map((p) => (p ? 'row' : 'none'));
    for (const stage of this.plan.stages) {
      if (stage.some((m) => pending[m])) this.#runStage(stage, sorted, scopes, false);
    }
    // every row again next time: a row-scoped recalculate would compare `rows` with these figures and miss their change
    for (let m = 0; m < pending.length; m++) {
      if (!pending[m]) continue;
      this.#pending[m] = 'all';
      this.#forced[m] = true;
    }
    return true;
  }

  /**
   * How much of a stage to compute now: every row when an input set in full
   * reaches it; else what the products' edits actually moved: the edited
   * rows when it reads an edited input or a measure whose rows changed;
   * when it reads the week total of a measure changed in some rows, those
   * rows and every row of the weeks whose total moved ('weeks'); every row
   * when it reads the week total of a measure changed in every row (or
   * last week's total); nothing when nothing it reads changed. A recurrence takes its members' widest
   * (every row when it sums its own weeks' totals).
   */
  #stageScope(stage: readonly number[]): StageScope {
    const members = new Set(stage);
    let scope: StageScope = 'none';
    let internalTotal = false;
    for (const m of stage) {
      for (const d of this.plan.dependencies[m] ?? []) if (members.has(d.to) && d.kind !== 'cell' && d.kind !== 'prev') internalTotal = true;
      if (this.#pending[m] === 'none') continue;
      if (this.#forced[m]) return 'all';
      for (const key of this.plan.productInputsRead[m] ?? []) if (this.#dirtyKeys.has(key) && scope === 'none') scope = 'row';
      for (const d of this.plan.dependencies[m] ?? []) {
        if (members.has(d.to)) continue;
        const c = this.#changed[d.to] ?? 'none';
        if (c === 'none') continue;
        // a week total of a measure that moved in some rows: the weeks whose total moved (#weekMoved)
        const via: StageScope = d.kind === 'weekTotal' ? (c === 'row' ? 'weeks' : 'all') : d.kind === 'prevWeekTotal' ? 'all' : c;
        if (STAGE_RANK[via] > STAGE_RANK[scope]) scope = via;
      }
    }
    return scope !== 'none' && internalTotal ? 'all' : scope;
  }

  /** The measures named and every measure they read, directly or through others. */
  #readClosure(names: readonly string[]): Set<number> {
    const out = new Set<number>();
    const stack = names.map((name) => this.#measure(name));
    for (let m = stack.pop(); m !== undefined; m = stack.pop()) {
      if (out.has(m)) continue;
      out.add(m);
      for (const d of this.plan.dependencies[m] ?? []) stack.push(d.to);
    }
    return out;
  }

  /** Evaluates one stage week by week: every product of measures pending 'all', the `rows` of those pending 'row'. */
  #runStage(stage: readonly number[], rows: readonly number[], scopes: readonly StageScope[], weekTotals = true): void {
    const n = this.size.products;
    const weeks = this.size.weeks;
    const active = stage.filter((m) => scopes[m] === 'all' || scopes[m] === 'weeks' || (scopes[m] === 'row' && rows.length > 0));
    if (active.length === 0) return;
    // per measure of scope 'weeks': the weeks computed for every row (the rest for `rows` only)
    const fullWeeks = new Map<number, Uint8Array>();
    for (const m of active) if (scopes[m] === 'weeks') fullWeeks.set(m, this.#weeksToRedo(m));
    const eager = active.filter((m) => this.#totalsRead[m]);
    for (const m of active) if (!this.#totalsRead[m]) this.#totalsStale[m] = true;
    // a measure redone in some weeks for every row changes every row's total: summed again in full
    for (const m of eager) this.#clearRowTotals(m, scopes[m] === 'row' ? rows : null);
    for (let w = 0; w < weeks; w++) {
      for (const m of active) {
        const program = this.#programs[m]!;
        const values = this.#values[m]!;
        const errors = this.#errors[m]!;
        const base = w * n;
        const scope = scopes[m];
        const all = scope === 'all' || (scope === 'weeks' && (this.#weekInvariant[m] || fullWeeks.get(m)![w] === 1));
        if (w > 0 && this.#weekInvariant[m]) {
          // the first week's figures, copied (as the template would compute them again)
          if (all) {
            values.copyWithin(base, 0, n);
            errors.copyWithin(base, 0, n);
          } else {
            for (const r of rows) {
              values[base + r] = values[r]!;
              errors[base + r] = errors[r]!;
            }
          }
        } else if (program.writes) {
          // the root writes straight into the week's column (o = 0 within it)
          program.v = values.subarray(base, base + n);
          program.e = errors.subarray(base, base + n);
          if (all) program.run(w, 0, n);
          else for (const r of rows) program.run(w, r, r + 1);
        } else if (all) {
          program.run(w, 0, n);
          store(program, values, errors, base, 0, n);
        } else {
          for (const r of rows) {
            program.run(w, r, r + 1);
            store(program, values, errors, base, r, r + 1);
          }
        }
        if (this.#totalsRead[m]) {
          // rows computed ahead of the others (recalculateRows) leave the week's column half done: its total waits
          if (weekTotals) this.#sumWeek(m, w);
          this.#addToRowTotals(m, w, scope === 'row' ? rows : null);
        }
      }
    }
    if (weekTotals) for (const m of eager) this.#sumGrand(m);
  }

  /** The weeks a measure of scope 'weeks' computes for every row: those where a week total it reads moved. */
  #weeksToRedo(m: number): Uint8Array {
    const out = new Uint8Array(this.size.weeks);
    for (const d of this.plan.dependencies[m] ?? []) {
      if (d.kind !== 'weekTotal' || this.#changed[d.to] !== 'row') continue;
      const moved = this.#weekMoved[d.to]!;
      for (let w = 0; w < out.length; w++) out[w]! |= moved[w]!;
    }
    return out;
  }

  /** Every total of a measure no template reads, summed when read after a change: as the eager sums, in sheet order. */
  #freshTotals(m: number): void {
    if (!this.#totalsStale[m]) return;
    this.#clearRowTotals(m, null);
    for (let w = 0; w < this.size.weeks; w++) {
      this.#sumWeek(m, w);
      this.#addToRowTotals(m, w, null);
    }
    this.#sumGrand(m);
    this.#totalsStale[m] = false;
  }

  #clearRowTotals(m: number, rows: readonly number[] | null): void {
    const totals = this.#rowTotals[m];
    const errs = this.#rowTotalErrors[m];
    if (!totals || !errs) return;
    if (rows === null) {
      totals.fill(0);
      errs.fill(0);
    } else {
      for (const r of rows) {
        totals[r] = 0;
        errs[r] = 0;
      }
    }
  }

  /** SUM of a row, built week by week in sheet order (left to right); the first error wins. */
  #addToRowTotals(m: number, w: number, rows: readonly number[] | null): void {
    const totals = this.#rowTotals[m];
    const terrs = this.#rowTotalErrors[m];
    const values = this.#values[m];
    const errors = this.#errors[m];
    if (!totals || !terrs || !values || !errors) return;
    const base = w * this.size.products;
    const count = rows === null ? this.size.products : rows.length;
    for (let k = 0; k < count; k++) {
      const r = rows === null ? k : rows[k]!;
      if (terrs[r]) continue;
      const e = errors[base + r]!;
      if (e) {
        terrs[r] = e;
        totals[r] = 0;
      } else totals[r]! += values[base + r]!;
    }
  }

  /** SUM of a week's column, in sheet order (top to bottom); the first error wins. */
  #sumWeek(m: number, w: number): void {
    const values = this.#values[m];
    const errors = this.#errors[m];
    const totals = this.#weekTotals[m];
    const terrs = this.#weekTotalErrors[m];
    if (!values || !errors || !totals || !terrs) return;
    const n = this.size.products;
    const base = w * n;
    let sum = 0;
    let err = 0;
    for (let r = 0; r < n; r++) {
      const e = errors[base + r] ?? 0;
      if (e) {
        err = e;
        break;
      }
      sum += values[base + r] ?? 0;
    }
    const total = err ? 0 : sum;
    if (!Object.is(totals[w], total) || terrs[w] !== err) this.#weekMoved[m]![w] = 1;
    totals[w] = total;
    terrs[w] = err;
  }

  /** The grand total: SUM of the row totals, top to bottom (as the total row's last cell). */
  #sumGrand(m: number): void {
    const rowTotals = this.#rowTotals[m];
    const rowErrs = this.#rowTotalErrors[m];
    const totals = this.#weekTotals[m];
    const terrs = this.#weekTotalErrors[m];
    if (!rowTotals || !rowErrs || !totals || !terrs) return;
    let sum = 0;
    let err = 0;
    for (let r = 0; r < this.size.products; r++) {
      const e = rowErrs[r] ?? 0;
      if (e) {
        err = e;
        break;
      }
      sum += rowTotals[r] ?? 0;
    }
    const at = this.size.weeks;
    totals[at] = err ? 0 : sum;
    terrs[at] = err;
  }

  // ---- reading -------------------------------------------------------------

  #measure(name: string): number {
    const i = this.plan.index.get(name);
    if (i === undefined) throw new RangeError(`no measure "${name}" in the grid`);
    return i;
  }

  /** One cell: product `row`, week `week` (zero-based) of a measure. */
  cell(name: string, row: number, week: number): GridCellValue {
    const m = this.#measure(name);
    if (!Number.isInteger(row) || row < 0 || row >= this.size.products) throw new RangeError(`product row ${row} is outside 0…${this.size.products - 1}`);
    if (!Number.isInteger(week) || week < 0 || week >= this.size.weeks) throw new RangeError(`week ${week} is outside 0…${this.size.weeks - 1}`);
    const at = week * this.size.products + row;
    const e = this.#errors[m]?.[at] ?? 0;
    return e ? { error: GRID_ERROR_TEXT[e] ?? '#VALUE!' } : (this.#values[m]?.[at] ?? 0);
  }

  /**
   * A measure's values and error codes, column-major by week
   * (`values[w * products + r]`); live arrays: read, never write.
   */
  measureArrays(name: string): { values: Float64Array; errors: Uint8Array } {
    const m = this.#measure(name);
    const values = this.#values[m];
    const errors = this.#errors[m];
    if (!values || !errors) throw new RangeError(`no measure "${name}" in the grid`);
    return { values, errors };
  }

  /** The product's total over the weeks of a measure (the total column). */
  rowTotal(name: string, row: number): GridCellValue {
    const m = this.#measure(name);
    this.#freshTotals(m);
    const e = this.#rowTotalErrors[m]?.[row] ?? 0;
    return e ? { error: GRID_ERROR_TEXT[e] ?? '#VALUE!' } : (this.#rowTotals[m]?.[row] ?? 0);
  }

  /** The week's total over the products of a measure (the total row); week = weeks gives the grand total. */
  weekTotal(name: string, week: number): GridCellValue {
    const m = this.#measure(name);
    this.#freshTotals(m);
    const e = this.#weekTotalErrors[m]?.[week] ?? 0;
    return e ? { error: GRID_ERROR_TEXT[e] ?? '#VALUE!' } : (this.#weekTotals[m]?.[week] ?? 0);
  }

  // ---- compilation -----------------------------------------------------------

  /** Whether an expression has one value for all weeks of a product (see #weekInvariant). */
  #invariant(expr: GridExpr): boolean {
    switch (expr.kind) {
      case 'number':
      case 'productInput':
      case 'scalar':
      case 'rowTotal':
        return true;
      case 'measure':
        return this.#weekInvariant[this.#measure(expr.measure)] === true;
      case 'cellInput':
      case 'weekInput':
      case 'weekTotal':
      case 'prev':
        return false;
      case 'neg':
      case 'round':
      case 'unaryFn':
        return this.#invariant(expr.arg);
      case 'binary':
        return this.#invariant(expr.left) && this.#invariant(expr.right);
      case 'if':
        return this.#invariant(expr.condition) && this.#invariant(expr.then) && this.#invariant(expr.otherwise);
      case 'call':
        return expr.args.every((a) => this.#invariant(a));
    }
  }

  #compile(expr: GridExpr): Node {
    const n = Math.max(this.size.products, 1);
    const scratch = () => ({ v: new Float64Array(n), e: new Uint8Array(n), o: 0 });
    const products = this.size.products;
    switch (expr.kind) {
      case 'number': {
        const node = { ...scratch(), run: () => {} };
        node.v.fill(expr.value + 0);
        return node;
      }
      case 'measure': {
        const m = this.#measure(expr.measure);
        const values = this.#values[m] ?? new Float64Array(0);
        const errors = this.#errors[m] ?? new Uint8Array(0);
        const node: Node = { v: values, e: errors, o: 0, run: (w) => { node.o = w * products; } };
        return node;
      }
      case 'prev': {
        // last week's value of `of` (its measures, week inputs and totals one column to the left); `first` in week 0
        const of = this.#compile(expr.of);
        const first = this.#compile(expr.first);
        const node: Node = {
          v: first.v, e: first.e, o: 0,
          run: (w, r0, r1) => {
            const source = w === 0 ? first : of;
            source.run(w === 0 ? 0 : w - 1, r0, r1);
            node.v = source.v;
            node.e = source.e;
            node.o = source.o;
          },
        };
        return node;
      }
      case 'productInput': {
        const column = this.#productInputs.get(expr.input) ?? new Float64Array(0);
        return { v: column, e: this.#noErrors, o: 0, run: () => {} };
      }
      case 'cellInput': {
        // the input grid itself, at the week's column (no copy), as a measure reference
        const grid = this.#cellInputs.get(expr.input) ?? new Float64Array(0);
        const node: Node = { v: grid, e: this.#noCellErrors, o: 0, run: (w) => { node.o = w * products; } };
        return node;
      }
      case 'weekInput': {
        const column = this.#weekInputs.get(expr.input) ?? new Float64Array(0);
        const node = { ...scratch(), run: (w: number, r0: number, r1: number) => node.v.fill(column[w] ?? 0, r0, r1) };
        return node;
      }
      case 'scalar': {
        const scalars = this.#scalars;
        const name = expr.name;
        const node = { ...scratch(), run: (_w: number, r0: number, r1: number) => node.v.fill(scalars.get(name) ?? 0, r0, r1) };
        return node;
      }
      case 'rowTotal': {
        const m = this.#measure(expr.measure);
        return { v: this.#rowTotals[m] ?? new Float64Array(0), e: this.#rowTotalErrors[m] ?? new Uint8Array(0), o: 0, run: () => {} };
      }
      case 'weekTotal': {
        const m = this.#measure(expr.measure);
        const totals = this.#weekTotals[m] ?? new Float64Array(0);
        const terrs = this.#weekTotalErrors[m] ?? new Uint8Array(0);
        const node = {
          ...scratch(),
          run: (w: number, r0: number, r1: number) => {
            node.v.fill(totals[w] ?? 0, r0, r1);
            node.e.fill(terrs[w] ?? 0, r0, r1);
          },
        };
        return node;
      }
      case 'neg': {
        const a = this.#compile(expr.arg);
        const node = scratch();
        return Object.assign(node, {
          writes: true,
          run: (w: number, r0: number, r1: number) => {
            a.run(w, r0, r1);
            const v = node.v, e = node.e, av = a.v, ae = a.e, ao = a.o;
            for (let r = r0; r < r1; r++) {
              const ea = ae[ao + r]!;
              e[r] = ea;
              v[r] = ea ? 0 : -av[ao + r]! + 0;
            }
          },
        });
      }
      case 'binary':
        return this.#binary(expr.op, this.#compile(expr.left), this.#compile(expr.right), scratch());
      case 'if': {
        const c = this.#compile(expr.condition);
        const t = this.#compile(expr.then);
        const f = this.#compile(expr.otherwise);
        const node = scratch();
        return Object.assign(node, {
          writes: true,
          run: (w: number, r0: number, r1: number) => {
            // Each row keeps only its chosen branch, so an error in the other one never reaches it: the
            // result of a lazy IF. A branch no row chooses is not computed; one that few rows choose (an
            // order placed: about one product in a hundred a week) is computed for those rows only, as
            // an edit computes one product's row; else for all the rows at once.
            c.run(w, r0, r1);
            const cv = c.v, ce = c.e, co = c.o;
            let thenRows = 0;
            let elseRows = 0;
            for (let r = r0; r < r1; r++) {
              if (ce[co + r] !== 0) continue;
              if (cv[co + r] !== 0) thenRows++;
              else elseRows++;
            }
            runBranch(t, thenRows, true, c, w, r0, r1);
            runBranch(f, elseRows, false, c, w, r0, r1);
            ifLoop(cv, ce, co, t.v, t.e, t.o, f.v, f.e, f.o, node.v, node.e, r0, r1);
          },
        });
      }
      case 'call': {
        const args = expr.args.map((a) => this.#compile(a));
        const node = scratch();
        const fold = FOLDS[expr.fn];
        const init = expr.fn === 'AND' ? 1 : expr.fn === 'OR' ? 0 : expr.fn === 'MIN' ? Infinity : -Infinity;
        return Object.assign(node, {
          writes: true,
          run: (w: number, r0: number, r1: number) => {
            const v = node.v, e = node.e;
            v.fill(init, r0, r1);
            e.fill(0, r0, r1);
            // argument by argument, in order: a row keeps the first error it meets
            for (let k = 0; k < args.length; k++) {
              const a = args[k]!;
              a.run(w, r0, r1);
              fold(a.v, a.e, a.o, v, e, r0, r1);
            }
            for (let r = r0; r < r1; r++) if (e[r] !== 0) v[r] = 0;
          },
        });
      }
      case 'round': {
        const a = this.#compile(expr.arg);
        const node = scratch();
        const scale = Math.pow(10, expr.digits);
        const loop = ROUND_LOOPS[expr.fn];
        return Object.assign(node, {
          writes: true,
          run: (w: number, r0: number, r1: number) => {
            a.run(w, r0, r1);
            loop(a.v, a.e, a.o, scale, node.v, node.e, r0, r1);
          },
        });
      }
      case 'unaryFn': {
        const a = this.#compile(expr.arg);
        const node = scratch();
        const loop = expr.fn === 'INT' ? intLoop : absLoop;
        return Object.assign(node, {
          writes: true,
          run: (w: number, r0: number, r1: number) => {
            a.run(w, r0, r1);
            loop(a.v, a.e, a.o, node.v, node.e, r0, r1);
          },
        });
      }
    }
  }

  #binary(op: BinaryOp, a: Node, b: Node, node: { v: Float64Array; e: Uint8Array; o: number }): Node {
    const loop = BINARY_LOOPS[op];
    return Object.assign(node, {
      writes: true,
      run: (w: number, r0: number, r1: number) => {
        a.run(w, r0, r1);
        b.run(w, r0, r1);
        loop(a.v, a.e, a.o, b.v, b.e, b.o, node.v, node.e, r0, r1);
      },
    });
  }
}

/**
 * One operator over rows r0…r1−1 in one pass: operands (av, ae) at offset
 * ao and (bv, be) at bo, the result into (v, e) at r. The value, then
 * HyperFormula's error order: the left operand's error, the right's, x/0
 * (#DIV/0!), a non-finite result (#NUM!); an error cell holds 0, −0 becomes
 * 0. One small function per operator with the checks written out in its
 * loop: each stays monomorphic and free of calls, where one shared loop
 * with a helper per element grew past what V8 inlines and paid a call per
 * cell.
 */
type BinaryLoop = (av: Float64Array, ae: Uint8Array, ao: number, bv: Float64Array, be: Uint8Array, bo: number, v: Float64Array, e: Uint8Array, r0: number, r1: number) => void;

const BINARY_LOOPS: Record<BinaryOp, BinaryLoop> = {
  '+': (av, ae, ao, bv, be, bo, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!, eb = be[bo + r]!, y = av[ao + r]! + bv[bo + r]!;
      if ((ea | eb) === 0 && y - y === 0) { v[r] = y + 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : eb !== 0 ? eb : NUM; }
    }
  },
  '-': (av, ae, ao, bv, be, bo, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!, eb = be[bo + r]!, y = av[ao + r]! - bv[bo + r]!;
      if ((ea | eb) === 0 && y - y === 0) { v[r] = y + 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : eb !== 0 ? eb : NUM; }
    }
  },
  '*': (av, ae, ao, bv, be, bo, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!, eb = be[bo + r]!, y = av[ao + r]! * bv[bo + r]!;
      if ((ea | eb) === 0 && y - y === 0) { v[r] = y + 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : eb !== 0 ? eb : NUM; }
    }
  },
  '/': (av, ae, ao, bv, be, bo, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!, eb = be[bo + r]!, d = bv[bo + r]!, y = av[ao + r]! / d;
      if ((ea | eb) === 0 && y - y === 0) { v[r] = y + 0; e[r] = 0; }
      else {
        v[r] = 0;
        // x/0 is #DIV/0! unless an operand's error comes first
        e[r] = ea !== 0 ? ea : eb !== 0 ? eb : d === 0 ? DIV0 : NUM;
      }
    }
  },
  '^': (av, ae, ao, bv, be, bo, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!, eb = be[bo + r]!, y = Math.pow(av[ao + r]!, bv[bo + r]!);
      if ((ea | eb) === 0 && y - y === 0) { v[r] = y + 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : eb !== 0 ? eb : NUM; }
    }
  },
  // a comparison is 0 or 1, never −0 nor non-finite: only the operands' errors
  '<': (av, ae, ao, bv, be, bo, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!, eb = be[bo + r]!;
      if ((ea | eb) === 0) { v[r] = av[ao + r]! < bv[bo + r]! ? 1 : 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : eb; }
    }
  },
  '<=': (av, ae, ao, bv, be, bo, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!, eb = be[bo + r]!;
      if ((ea | eb) === 0) { v[r] = av[ao + r]! <= bv[bo + r]! ? 1 : 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : eb; }
    }
  },
  '>': (av, ae, ao, bv, be, bo, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!, eb = be[bo + r]!;
      if ((ea | eb) === 0) { v[r] = av[ao + r]! > bv[bo + r]! ? 1 : 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : eb; }
    }
  },
  '>=': (av, ae, ao, bv, be, bo, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!, eb = be[bo + r]!;
      if ((ea | eb) === 0) { v[r] = av[ao + r]! >= bv[bo + r]! ? 1 : 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : eb; }
    }
  },
  '=': (av, ae, ao, bv, be, bo, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!, eb = be[bo + r]!;
      if ((ea | eb) === 0) { v[r] = av[ao + r]! === bv[bo + r]! ? 1 : 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : eb; }
    }
  },
  '<>': (av, ae, ao, bv, be, bo, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!, eb = be[bo + r]!;
      if ((ea | eb) === 0) { v[r] = av[ao + r]! !== bv[bo + r]! ? 1 : 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : eb; }
    }
  },
};

/**
 * Computes an IF branch for the rows r0…r1−1 whose condition (computed, no
 * error) chose it: `count` of them; all the rows at once unless they are few
 * (see SPARSE_SHIFT), then row by row; not at all when none.
 */
function runBranch(branch: Node, count: number, chosen: boolean, c: Node, w: number, r0: number, r1: number): void {
  if (count === 0) return;
  if (count > (r1 - r0) >>> SPARSE_SHIFT) {
    branch.run(w, r0, r1);
    return;
  }
  const cv = c.v, ce = c.e, co = c.o;
  for (let r = r0; r < r1; r++) if (ce[co + r] === 0 && (cv[co + r] !== 0) === chosen) branch.run(w, r, r + 1);
}

/** IF over rows r0…r1−1: the condition's error, else the chosen branch's value and error. */
function ifLoop(cv: Float64Array, ce: Uint8Array, co: number, tv: Float64Array, te: Uint8Array, to: number, fv: Float64Array, fe: Uint8Array, fo: number, v: Float64Array, e: Uint8Array, r0: number, r1: number): void {
  for (let r = r0; r < r1; r++) {
    const ec = ce[co + r]!;
    if (ec !== 0) {
      e[r] = ec;
      v[r] = 0;
    } else if (cv[co + r]! !== 0) {
      e[r] = te[to + r]!;
      v[r] = tv[to + r]!;
    } else {
      e[r] = fe[fo + r]!;
      v[r] = fv[fo + r]!;
    }
  }
}

/** One argument of MIN, MAX, AND or OR folded into the running result (v, e) of rows r0…r1−1; a row with an error keeps its first. */
type Fold = (av: Float64Array, ae: Uint8Array, ao: number, v: Float64Array, e: Uint8Array, r0: number, r1: number) => void;

const FOLDS: Record<'MIN' | 'MAX' | 'AND' | 'OR', Fold> = {
  MIN: (av, ae, ao, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      if (e[r] !== 0) continue;
      const ea = ae[ao + r]!;
      if (ea !== 0) e[r] = ea;
      else {
        const x = av[ao + r]!;
        if (x < v[r]!) v[r] = x;
      }
    }
  },
  MAX: (av, ae, ao, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      if (e[r] !== 0) continue;
      const ea = ae[ao + r]!;
      if (ea !== 0) e[r] = ea;
      else {
        const x = av[ao + r]!;
        if (x > v[r]!) v[r] = x;
      }
    }
  },
  AND: (av, ae, ao, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      if (e[r] !== 0) continue;
      const ea = ae[ao + r]!;
      if (ea !== 0) e[r] = ea;
      else v[r] = v[r] !== 0 && av[ao + r] !== 0 ? 1 : 0;
    }
  },
  OR: (av, ae, ao, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      if (e[r] !== 0) continue;
      const ea = ae[ao + r]!;
      if (ea !== 0) e[r] = ea;
      else v[r] = v[r] !== 0 || av[ao + r] !== 0 ? 1 : 0;
    }
  },
};

/**
 * ROUND, ROUNDUP, ROUNDDOWN to a scale of 10^digits over rows r0…r1−1, as
 * HyperFormula rounds: the magnitude scaled, stepped, scaled back, the sign
 * restored; a non-finite result is #NUM!, −0 is 0.
 */
type RoundLoop = (av: Float64Array, ae: Uint8Array, ao: number, scale: number, v: Float64Array, e: Uint8Array, r0: number, r1: number) => void;

const ROUND_LOOPS: Record<'ROUND' | 'ROUNDUP' | 'ROUNDDOWN', RoundLoop> = {
  ROUND: (av, ae, ao, scale, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!;
      const x = av[ao + r]!;
      const y = x < 0 ? -Math.round(-x * scale) / scale : Math.round(x * scale) / scale;
      if (ea === 0 && y - y === 0) { v[r] = y + 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : NUM; }
    }
  },
  ROUNDUP: (av, ae, ao, scale, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!;
      const x = av[ao + r]!;
      const y = x < 0 ? -Math.ceil(-x * scale) / scale : Math.ceil(x * scale) / scale;
      if (ea === 0 && y - y === 0) { v[r] = y + 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : NUM; }
    }
  },
  ROUNDDOWN: (av, ae, ao, scale, v, e, r0, r1) => {
    for (let r = r0; r < r1; r++) {
      const ea = ae[ao + r]!;
      const x = av[ao + r]!;
      const y = x < 0 ? -Math.floor(-x * scale) / scale : Math.floor(x * scale) / scale;
      if (ea === 0 && y - y === 0) { v[r] = y + 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : NUM; }
    }
  },
};

/** INT (toward zero, as the grid's templates use it) over rows r0…r1−1. */
function intLoop(av: Float64Array, ae: Uint8Array, ao: number, v: Float64Array, e: Uint8Array, r0: number, r1: number): void {
  for (let r = r0; r < r1; r++) {
    const ea = ae[ao + r]!;
    const x = av[ao + r]!;
    const y = x < 0 ? -Math.floor(-x) : Math.floor(x);
    if (ea === 0 && y - y === 0) { v[r] = y + 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : NUM; }
  }
}

/** ABS over rows r0…r1−1. */
function absLoop(av: Float64Array, ae: Uint8Array, ao: number, v: Float64Array, e: Uint8Array, r0: number, r1: number): void {
  for (let r = r0; r < r1; r++) {
    const ea = ae[ao + r]!;
    const y = Math.abs(av[ao + r]!);
    if (ea === 0 && y - y === 0) { v[r] = y + 0; e[r] = 0; } else { v[r] = 0; e[r] = ea !== 0 ? ea : NUM; }
  }
}

/** Copies a program's result for rows r0…r1−1 into a measure's week column. */
function store(program: Node, values: Float64Array, errors: Uint8Array, base: number, r0: number, r1: number): void {
  const pv = program.v, pe = program.e, po = program.o;
  for (let r = r0; r < r1; r++) {
    values[base + r] = pv[po + r] ?? 0;
    errors[base + r] = pe[po + r] ?? 0;
  }
}

const RANK: Record<GridEditScope, number> = { none: 0, row: 1, all: 2 };

/**
 * How much of a stage `recalculate` computes: a GridEditScope, or 'weeks':
 * the pending rows in every week and every row in the weeks where a week
 * total the stage reads moved (an edit of a few products moves a
 * normaliser in some weeks only).
 */
type StageScope = GridEditScope | 'weeks';

const STAGE_RANK: Record<StageScope, number> = { none: 0, row: 1, weeks: 2, all: 3 };

/**
 * An IF branch chosen by at most (rows >> SPARSE_SHIFT) of the rows is
 * computed row by row for them (a call per node and row) rather than for
 * every row (a pass per node over them all): 1/16.
 */
const SPARSE_SHIFT = 4;
