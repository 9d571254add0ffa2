import type { CellValue, ExportedChange, HyperFormula, RawCellContent } from 'hyperformula';
import { buildHyperFormula, type HyperFormulaClass } from './hyperformula.ts';
import { PRODUCT_SHEET, productCol } from './product-calendar.ts';
import { hyperFormulaContent, type SheetSpec, type WorkbookSpec } from './workbook-spec.ts';

/**
 * Products per partition: the products × weeks grid is evaluated in
 * HyperFormula instances of this many products each, refreshed when read.
 * A change of a shared assumption (the target) then costs the main model
 * (product GMVs) plus the partitions the planner is looking at, not all
 * 520,000 figures at once; the rest follow when read (or in idle time).
 * Measured in test/bench (reports/scale.md).
 */
export const DEFAULT_PARTITION_PRODUCTS = 250;

/** The sheets of the products × weeks grid: evaluated in partitions, not in the main model. */
export const GRID_SHEETS: ReadonlySet<string> = new Set([PRODUCT_SHEET.revenue, PRODUCT_SHEET.units]);

/**
 * Whether a cell is evaluated in the partitions when the grid is
 * partitioned: the grid sheets, and each product's total units (GMV / price),
 * which no figure of the main model reads: a shared edit then recomputes
 * 10,000 fewer cells in the main instance.
 */
export function inPartition(sheet: string, col: number): boolean {
  return GRID_SHEETS.has(sheet) || (sheet === PRODUCT_SHEET.products && col === productCol('units'));
}

const headerRow = (sheet: SheetSpec): RawCellContent[] => sheet.columns.map((c) => c.header.en);

/**
 * One partition: products `first … first + count − 1` of the grid, in a
 * HyperFormula instance of their own. Its sheets have the workbook's shape
 * (same rows, same addresses), so every formula is the spec's formula text;
 * the Products cells it reads (GMV and price) are copies of the main
 * model's values, written when the partition is refreshed.
 */
class Partition {
  readonly first: number;
  readonly count: number;
  readonly hf: HyperFormula;
  /** Products sheet cells changed in the main model since the last refresh: `col:row` → value. */
  readonly pending = new Map<string, { col: number; row: number; value: RawCellContent }>();
  readonly sheets: { products: number; revenue: number; units: number };

  constructor(first: number, count: number, hf: HyperFormula) {
    this.first = first;
    this.count = count;
    this.hf = hf;
    const id = (name: string) => {
      const sheet = hf.getSheetId(name);
      if (sheet === undefined) throw new RangeError(`no sheet "${name}" in a calendar partition`);
      return sheet;
    };
    this.sheets = { products: id(PRODUCT_SHEET.products), revenue: id(PRODUCT_SHEET.revenue), units: id(PRODUCT_SHEET.units) };
  }

  /** Applies the main model's changes: one batch, so the grid recomputes once. */
  refresh(): void {
    if (this.pending.size === 0) return;
    const cells = [...this.pending.values()];
    this.pending.clear();
    this.hf.batch(() => {
      for (const c of cells) this.hf.setCellContents({ sheet: this.sheets.products, col: c.col, row: c.row }, [[c.value]]);
    });
  }
}

/**
 * The products × weeks grid of a model, split into partitions that are
 * built and refreshed lazily: `read` and `value` build or refresh only the
 * partitions they touch, so a model is ready as soon as its main instance
 * is, and a shared edit recomputes what is looked at. `refreshAll` (idle
 * time) completes the rest. Built by PlanModel; the apps see it through
 * ProductCalendarView.
 */
export class CalendarPartitions {
  readonly #parts: Array<{ first: number; count: number; built?: Partition }> = [];
  readonly #size: number;
  readonly #inputCols: Set<number>;
  readonly #main: HyperFormula;
  readonly #mainProducts: number;
  readonly #engine: HyperFormulaClass | undefined;
  readonly #sheets: { products: SheetSpec; weeks: SheetSpec; revenue: SheetSpec; units: SheetSpec };

  /** Splits the workbook spec's grid into partitions of `size` products (none built yet). */
  constructor(spec: WorkbookSpec, main: HyperFormula, size: number, engine?: HyperFormulaClass) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`partition size must be a positive integer, got ${size}`);
    this.#size = size;
    this.#main = main;
    this.#engine = engine;
    this.#inputCols = new Set([productCol('gmv'), productCol('price')]);
    const byName = new Map(spec.sheets.map((s) => [s.name, s]));
    const products = byName.get(PRODUCT_SHEET.products);
    const weeks = byName.get(PRODUCT_SHEET.weeks);
    const revenue = byName.get(PRODUCT_SHEET.revenue);
    const units = byName.get(PRODUCT_SHEET.units);
    if (!products || !weeks || !revenue || !units) throw new RangeError('the workbook spec has no product calendar');
    this.#sheets = { products, weeks, revenue, units };
    const mainProducts = main.getSheetId(PRODUCT_SHEET.products);
    if (mainProducts === undefined) throw new RangeError('the main model has no Products sheet');
    this.#mainProducts = mainProducts;
    const n = products.rows.length;
    for (let first = 0; first < n; first += size) this.#parts.push({ first, count: Math.min(size, n - first) });
  }

  /** Builds a partition from the spec, with the main model's current GMV and price values. */
  #build(first: number, count: number): Partition {
    const { products, weeks, revenue, units } = this.#sheets;
    const gmvCol = productCol('gmv');
    const priceCol = productCol('price');
    const unitsCol = productCol('units');
    const range = (col: number) => this.#main.getRangeValues({ start: { sheet: this.#mainProducts, col, row: first + 1 }, end: { sheet: this.#mainProducts, col, row: first + count } });
    const gmv = range(gmvCol);
    const price = range(priceCol);
    // Rows before the partition stay empty (addresses are the workbook's); rows after it are left out.
    const height = first + count + 1;
    const productRows: RawCellContent[][] = new Array(height);
    const revenueRows: RawCellContent[][] = new Array(height);
    const unitRows: RawCellContent[][] = new Array(height);
    productRows[0] = headerRow(products);
    revenueRows[0] = headerRow(revenue);
    unitRows[0] = headerRow(units);
    for (let i = 1; i <= first; i++) {
      productRows[i] = [];
      revenueRows[i] = [];
      unitRows[i] = [];
    }
    for (let i = first; i < first + count; i++) {
      const row: RawCellContent[] = [];
      const g = gmv[i - first]?.[0];
      const p = price[i - first]?.[0];
      row[gmvCol] = typeof g === 'number' ? g : null;
      row[priceCol] = typeof p === 'number' ? p : null;
      row[unitsCol] = products.rows[i]?.[unitsCol]?.content ?? null;
      productRows[i + 1] = row;
      revenueRows[i + 1] = (revenue.rows[i] ?? []).map(hyperFormulaContent);
      unitRows[i + 1] = (units.rows[i] ?? []).map(hyperFormulaContent);
    }
    const sheets: Record<string, RawCellContent[][]> = {
      [PRODUCT_SHEET.weeks]: [headerRow(weeks), ...weeks.rows.map((r) => r.map(hyperFormulaContent))],
      [PRODUCT_SHEET.products]: productRows,
      [PRODUCT_SHEET.revenue]: revenueRows,
      [PRODUCT_SHEET.units]: unitRows,
    };
    return new Partition(first, count, buildHyperFormula(sheets, [], this.#engine));
  }

  /**
   * Notes the main model's changes to Products GMV and price cells; built
   * partitions holding those products recompute when next read (unbuilt
   * ones read the current values when they are built).
   */
  noteChanges(changes: readonly ExportedChange[]): void {
    for (const change of changes) {
      if (!('address' in change)) continue;
      const { sheet, col, row } = change.address;
      if (sheet !== this.#mainProducts || !this.#inputCols.has(col) || row < 1) continue;
      const part = this.#parts[Math.floor((row - 1) / this.#size)]?.built;
      const value = change.newValue;
      part?.pending.set(`${col}:${row}`, { col, row, value: typeof value === 'number' ? value : null });
    }
  }

  /** The partition of a product row (zero-based), built and refreshed. */
  partitionOf(productRow: number): { hf: HyperFormula; sheets: Partition['sheets']; first: number; count: number } | undefined {
    const entry = this.#parts[Math.floor(productRow / this.#size)];
    if (!entry) return undefined;
    entry.built ??= this.#build(entry.first, entry.count);
    entry.built.refresh();
    return entry.built;
  }

  /** Reads a rectangle of a grid sheet for products `start … start + count − 1`, across partitions. */
  readGrid(sheet: 'revenue' | 'units', start: number, count: number, col0: number, col1: number): CellValue[][] {
    const out: CellValue[][] = [];
    let row = start;
    while (row < start + count) {
      const part = this.partitionOf(row);
      if (!part) break;
      const upTo = Math.min(start + count, part.first + part.count);
      const values = part.hf.getRangeValues({ start: { sheet: part.sheets[sheet], col: col0, row: row + 1 }, end: { sheet: part.sheets[sheet], col: col1, row: upTo } });
      for (const v of values) out.push(v);
      row = upTo;
    }
    return out;
  }

  /** Builds and refreshes every partition: after this, the whole grid is current. */
  refreshAll(): void {
    for (const entry of this.#parts) this.partitionOf(entry.first);
  }

  /**
   * Brings one already-built partition that waits for a refresh up to date,
   * and says whether there was one. Unbuilt partitions stay unbuilt (they cost
   * memory only once a planner scrolls to them). Meant for idle time: one
   * partition at a time, so an edit that arrives meanwhile waits for one
   * partition (tens of ms), not for the whole grid.
   */
  refreshOneStale(): boolean {
    const entry = this.#parts.find((p) => p.built && p.built.pending.size > 0);
    if (!entry?.built) return false;
    entry.built.refresh();
    return true;
  }

  /** How many partitions are not yet built or wait for a refresh (0 when the whole grid is current). */
  get staleCount(): number {
    return this.#parts.filter((p) => !p.built || p.built.pending.size > 0).length;
  }

  /** Frees every built partition's HyperFormula instance. */
  destroy(): void {
    for (const entry of this.#parts) entry.built?.hf.destroy();
  }
}
