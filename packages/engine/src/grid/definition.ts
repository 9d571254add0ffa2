import type { LocalizedText } from '@shopplan/schema';
import type { CellFormat } from '../workbook-spec.ts';
import { GridTemplateError, typeOf, type GridExpr, type GridType } from './template.ts';

/**
 * A sheet of inputs the grid reads: one row per product (or per week), the
 * inputs in named columns. Item i (product i, week i) is on sheet row i + 1
 * (row 0 is the header), as on the Products and Weeks sheets of the workbook.
 */
export interface GridInputSheet {
  sheet: string;
  /** Input key → zero-based column of the sheet. */
  columns: Readonly<Record<string, number>>;
}

/** One measure of the grid: a sheet of products × weeks whose every cell is `template`. */
export interface GridMeasure {
  /** The name templates use (`measure('units')`). */
  name: string;
  /** Its sheet name in the workbook (ASCII, used in formulas). */
  sheet: string;
  title: LocalizedText;
  format: CellFormat;
  template: GridExpr;
}

/**
 * A uniform products × weeks grid: the input sheets it reads, the named
 * scalars, and its measures in the order their sheets appear. Every
 * evaluator (HyperFormula through the A1 expansion, the fast evaluator,
 * LibreOffice through the xlsx) computes from this one definition.
 */
export interface GridDefinition {
  products: GridInputSheet;
  weeks: GridInputSheet;
  /** Workbook names (NameSpec) a template may read with `scalar(name)`. */
  scalars: readonly string[];
  /**
   * Input grids a template may read with `cellInput(key)`: key → the name of
   * a products × weeks sheet of values, laid out as a measure sheet (product
   * id in column A, week w in column w + 1, product r on sheet row r + 1).
   * Keys share one name space with the product inputs: both are a product's
   * own inputs when an edit's reach is worked out.
   */
  cells?: Readonly<Record<string, string>>;
  measures: readonly GridMeasure[];
}

/** How one measure depends on another: same cell, previous week, the product's row total, the week's column total or last week's. */
export type GridDependencyKind = 'cell' | 'prev' | 'rowTotal' | 'weekTotal' | 'prevWeekTotal';

/**
 * A checked grid: measures indexed, their types, and the order to evaluate
 * them in. A stage is a set of measures evaluated week by week together:
 * a single measure, or the measures of a recurrence over weeks (stock:
 * opening reads last week's closing, closing reads this week's opening),
 * ordered so each reads only measures already computed for the week.
 */
export interface GridPlan {
  definition: GridDefinition;
  index: ReadonlyMap<string, number>;
  types: readonly GridType[];
  /** Stages in evaluation order; each lists measure indexes in order. */
  stages: readonly (readonly number[])[];
  /** Per measure: whether an edit of any product input can reach it only through that product's row ('row') or through a week total ('all'), or not at all ('none'). */
  productEditScope: readonly GridEditScope[];
  /** Per measure: what it reads (measure index and how). */
  dependencies: readonly (readonly { to: number; kind: GridDependencyKind }[])[];
  /** Per measure: the product inputs and input grids (`cellInput`) its template reads directly. */
  productInputsRead: readonly ReadonlySet<string>[];
  /**
   * Per measure: every input its template reads directly, named by kind
   * (`product:price`, `cell:stageWeight`, `week:gmv`, `scalar:rate`), for
   * the reach of an input set for every product or week at once (see
   * inputReach).
   */
  inputsRead: readonly ReadonlySet<string>[];
}

/** How far an edit of one product's inputs reaches into a measure: not at all, that product's row, or every row. */
export type GridEditScope = 'none' | 'row' | 'all';

const RANK: Record<GridEditScope, number> = { none: 0, row: 1, all: 2 };

/**
 * How far an edit of the given product inputs (of one or a few products)
 * reaches into each measure: a measure reading an edited input, or a
 * measure reached, is that row's; a week total on the way makes it every
 * row's (a normaliser moves every product's share).
 * @example editScope(plan, new Set(['unitCost'])) // ['none', 'none', 'none', 'row', …]
 */
export function editScope(plan: Pick<GridPlan, 'stages' | 'dependencies' | 'productInputsRead'>, keys: ReadonlySet<string>): GridEditScope[] {
  const n = plan.dependencies.length;
  const scope: GridEditScope[] = new Array(n).fill('none');
  // Repeat until nothing widens: a recurrence (last week's value, last week's
  // total) can carry a scope back to a measure already visited, and a widened
  // scope can widen others again (row → a week total → all → back through prev).
  // Each pass widens at least one measure or stops, so at most 2n + 1 passes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const stage of plan.stages) {
      for (const v of stage) {
        let s: GridEditScope = [...(plan.productInputsRead[v] ?? [])].some((k) => keys.has(k)) ? 'row' : 'none';
        for (const d of plan.dependencies[v] ?? []) {
          const from = scope[d.to] ?? 'none';
          const via = (d.kind === 'weekTotal' || d.kind === 'prevWeekTotal') && from !== 'none' ? 'all' : from;
          if (RANK[via] > RANK[s]) s = via;
        }
        if (RANK[s] > RANK[scope[v] ?? 'none']) {
          scope[v] = s;
          changed = true;
        }
      }
    }
  }
  return scope;
}

/**
 * The measures an input set for every product (or a week input, a scalar)
 * reaches, each named by kind as in GridPlan.inputsRead: a measure reading
 * it, or reading such a measure in any way, must be evaluated again for
 * every product; the rest keep their figures.
 * @example inputReach(plan, new Set(['cell:rounding'])) // ['none', …, 'all', 'all']
 */
export function inputReach(plan: Pick<GridPlan, 'stages' | 'dependencies' | 'inputsRead'>, keys: ReadonlySet<string>): GridEditScope[] {
  // every row of a reading measure moves, so the reach is editScope's with each 'row' widened to 'all'
  return editScope({ stages: plan.stages, dependencies: plan.dependencies, productInputsRead: plan.inputsRead }, keys).map((s) => (s === 'none' ? 'none' : 'all'));
}

/**
 * Checks a grid definition and orders its measures. Throws GridTemplateError
 * for a duplicate measure, an unknown measure, input or scalar, a type
 * error, or a circular reference (a measure that needs its own value of
 * the same week, directly or through others, or its own row total).
 * @example planGrid(definition).stages // [[0], [1, 2], [3]]
 */
export function planGrid(definition: GridDefinition): GridPlan {
  const index = new Map<string, number>();
  const sheets = new Set<string>([definition.products.sheet, definition.weeks.sheet]);
  const cells = definition.cells ?? {};
  for (const [key, sheet] of Object.entries(cells)) {
    if (definition.products.columns[key] !== undefined) throw new GridTemplateError(`input grid "${key}" has the name of a product input`);
    if (sheets.has(sheet)) throw new GridTemplateError(`sheet "${sheet}" of input grid "${key}" is already used`);
    sheets.add(sheet);
  }
  definition.measures.forEach((m, i) => {
    if (index.has(m.name)) throw new GridTemplateError(`measure "${m.name}" is defined twice`);
    if (sheets.has(m.sheet)) throw new GridTemplateError(`sheet "${m.sheet}" of measure "${m.name}" is already used`);
    index.set(m.name, i);
    sheets.add(m.sheet);
  });
  const scalars = new Set(definition.scalars);
  for (const name of scalars) {
    // a name that reads like a cell (S1, AB12) or R1C1 would be taken for a reference by every spreadsheet
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[RrCc][0-9]*([RrCc][0-9]*)?$/.test(name)) {
      throw new GridTemplateError(`scalar name "${name}" is not a valid workbook name (letters, digits, _ and ., not like a cell reference)`);
    }
  }
  const n = definition.measures.length;
  const deps: Array<Array<{ to: number; kind: GridDependencyKind }>> = [];
  const productInputsRead: Array<Set<string>> = [];
  const inputsRead: Array<Set<string>> = [];
  const types: GridType[] = [];
  for (const m of definition.measures) {
    const list: Array<{ to: number; kind: GridDependencyKind }> = [];
    const products = new Set<string>();
    const read = new Set<string>();
    const ref = (name: string, kind: GridDependencyKind) => {
      const to = index.get(name);
      if (to === undefined) throw new GridTemplateError(`measure "${m.name}" reads unknown measure "${name}"`);
      list.push({ to, kind });
    };
    // Inside prev(…), a measure or week total is last week's: an edge a recurrence may close.
    const visit = (e: GridExpr, shifted: boolean): void => {
      switch (e.kind) {
        case 'measure': ref(e.measure, shifted ? 'prev' : 'cell'); return;
        case 'rowTotal': ref(e.measure, 'rowTotal'); return;
        case 'weekTotal': ref(e.measure, shifted ? 'prevWeekTotal' : 'weekTotal'); return;
        case 'prev':
          visit(e.of, true);
          visit(e.first, shifted);
          return;
        case 'productInput':
          if (definition.products.columns[e.input] === undefined) throw new GridTemplateError(`measure "${m.name}" reads unknown product input "${e.input}"`);
          products.add(e.input);
          read.add(`product:${e.input}`);
          return;
        case 'cellInput':
          if (cells[e.input] === undefined) throw new GridTemplateError(`measure "${m.name}" reads unknown input grid "${e.input}"`);
          products.add(e.input);
          read.add(`cell:${e.input}`);
          return;
        case 'weekInput':
          if (definition.weeks.columns[e.input] === undefined) throw new GridTemplateError(`measure "${m.name}" reads unknown week input "${e.input}"`);
          read.add(`week:${e.input}`);
          return;
        case 'scalar':
          if (!scalars.has(e.name)) throw new GridTemplateError(`measure "${m.name}" reads undeclared scalar "${e.name}"`);
          read.add(`scalar:${e.name}`);
          return;
        case 'number':
          return;
        case 'neg':
        case 'round':
        case 'unaryFn':
          visit(e.arg, shifted);
          return;
        case 'binary':
          visit(e.left, shifted);
          visit(e.right, shifted);
          return;
        case 'if':
          visit(e.condition, shifted);
          visit(e.then, shifted);
          visit(e.otherwise, shifted);
          return;
        case 'call':
          for (const a of e.args) visit(a, shifted);
          return;
      }
    };
    visit(m.template, false);
    try {
      types.push(typeOf(m.template));
    } catch (err) {
      if (err instanceof GridTemplateError) throw new GridTemplateError(`measure "${m.name}": ${err.message}`);
      throw err;
    }
    deps.push(list);
    productInputsRead.push(products);
    inputsRead.push(read);
  }

  const components = stronglyConnected(n, (v) => (deps[v] ?? []).map((d) => d.to));
  const componentOf = new Array<number>(n).fill(-1);
  components.forEach((c, ci) => c.forEach((v) => (componentOf[v] = ci)));
  const stages: number[][] = [];
  // Tarjan's algorithm yields components dependencies-first: the evaluation order.
  for (const component of components) {
    const members = new Set(component);
    for (const v of component) {
      for (const d of deps[v] ?? []) {
        if (!members.has(d.to)) continue;
        const who = definition.measures[v]?.name;
        const what = definition.measures[d.to]?.name;
        if (d.kind === 'rowTotal') throw new GridTemplateError(`circular reference: "${who}" reads the row total of "${what}", which depends on "${who}"`);
      }
    }
    stages.push(orderWithinWeek(component, deps, definition));
  }

  const allInputs = new Set([...Object.keys(definition.products.columns), ...Object.keys(cells)]);
  const productEditScope = editScope({ stages, dependencies: deps, productInputsRead }, allInputs);
  return { definition, index, types, stages, productEditScope, dependencies: deps, productInputsRead, inputsRead };
}

/** Orders a component's measures so that within a week each comes after those it reads (same cell or week total). */
function orderWithinWeek(component: number[], deps: Array<Array<{ to: number; kind: GridDependencyKind }>>, definition: GridDefinition): number[] {
  const members = new Set(component);
  const order: number[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (v: number, path: number[]) => {
    const s = state.get(v);
    if (s === 'done') return;
    if (s === 'visiting') {
      const names = [...path.slice(path.indexOf(v)), v].map((i) => definition.measures[i]?.name).join(' → ');
      throw new GridTemplateError(`circular reference within a week: ${names}`);
    }
    state.set(v, 'visiting');
    for (const d of deps[v] ?? []) {
      if (members.has(d.to) && (d.kind === 'cell' || d.kind === 'weekTotal')) visit(d.to, [...path, v]);
    }
    state.set(v, 'done');
    order.push(v);
  };
  // keep the definition's order where the dependencies allow it
  for (const v of [...component].sort((a, b) => a - b)) visit(v, []);
  return order;
}

/** Tarjan's strongly connected components; each component comes after every component it reaches. */
function stronglyConnected(n: number, next: (v: number) => number[]): number[][] {
  let counter = 0;
  const indexOf = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const out: number[][] = [];
  const connect = (v: number) => {
    indexOf[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (const w of next(v)) {
      if (indexOf[w] === -1) {
        connect(w);
        low[v] = Math.min(low[v] ?? 0, low[w] ?? 0);
      } else if (onStack[w]) {
        low[v] = Math.min(low[v] ?? 0, indexOf[w] ?? 0);
      }
    }
    if (low[v] === indexOf[v]) {
      const component: number[] = [];
      let w: number | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack[w] = false;
        component.push(w);
      } while (w !== v);
      out.push(component);
    }
  };
  for (let v = 0; v < n; v++) if (indexOf[v] === -1) connect(v);
  return out;
}
