import type { CellValue, ExportedChange, HyperFormula, RawCellContent } from 'hyperformula';
import { buildHyperFormula, type HyperFormulaClass } from './hyperformula.ts';
import { PRODUCT_SHEET, productCol } from './product-calendar.ts';
import type { SheetSpec, WorkbookSpec } from './workbook-spec.ts';

/**
 * Products per partition: the products × weeks grid is evaluated in
 * HyperFormula instances of this many products each, refreshed when read.
 * A change of a shared assumption (the target) then costs the main model
 * (product GMVs) plus the partitions the planner is looking at, not all
 * 520,000 figures at once; the rest follow when read (or in idle time).
 * Measured in test/bench (reports/scale.md).
 */
export const DEFAULT_PARTITION_PRODUCTS = 500;

/** The sheets of the products × weeks grid: evaluated in partitions, not in the main model. */
export const GRID_SHEETS: ReadonlySet<string> = new Set([PRODUCT_SHEET.revenue, PRODUCT_SHEET.units]);

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
 * refreshed lazily: `read` and `value` refresh only the partitions they
 * touch. Built by PlanModel; the apps see it through ProductCalendarView.
 */
export class CalendarPartitions {
  readonly #parts: Partition[] = [];
  readonly #size: number;
  readonly #inputCols: Set<number>;

  /**
   * Builds a partition per `size` products from the workbook spec's grid
   * sheets, with the Products GMV and price values read from the main model.
   */
  constructor(spec: WorkbookSpec, main: HyperFormula, size: number, engine?: HyperFormulaClass) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`partition size must be a positive integer, got ${size}`);
    this.#size = size;
    this.#inputCols = new Set([productCol('gmv'), productCol('price')]);
    const byName = new Map(spec.sheets.map((s) => [s.name, s]));
    const products = byName.get(PRODUCT_SHEET.products);
    const weeks = byName.get(PRODUCT_SHEET.weeks);
    const revenue = byName.get(PRODUCT_SHEET.revenue);
    const units = byName.get(PRODUCT_SHEET.units);
    if (!products || !weeks || !revenue || !units) throw new RangeError('the workbook spec has no product calendar');
    const mainProducts = main.getSheetId(PRODUCT_SHEET.products);
    if (mainProducts === undefined) throw new RangeError('the main model has no Products sheet');
    const n = products.rows.length;
    const gmvCol = productCol('gmv');
    const priceCol = productCol('price');
    for (let first = 0; first < n; first += size) {
      const count = Math.min(size, n - first);
      const values = main.getRangeValues({ start: { sheet: mainProducts, col: gmvCol, row: first + 1 }, end: { sheet: mainProducts, col: gmvCol, row: first + count } });
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
        row[priceCol] = products.rows[i]?.[priceCol]?.content ?? null;
        const gmv = values[i - first]?.[0];
        row[gmvCol] = typeof gmv === 'number' ? gmv : null;
        productRows[i + 1] = row;
        revenueRows[i + 1] = (revenue.rows[i] ?? []).map((c) => c.content);
        unitRows[i + 1] = (units.rows[i] ?? []).map((c) => c.content);
      }
      const sheets: Record<string, RawCellContent[][]> = {
        [PRODUCT_SHEET.weeks]: [headerRow(weeks), ...weeks.rows.map((r) => r.map((c) => c.content))],
        [PRODUCT_SHEET.products]: productRows,
        [PRODUCT_SHEET.revenue]: revenueRows,
        [PRODUCT_SHEET.units]: unitRows,
      };
      this.#parts.push(new Partition(first, count, buildHyperFormula(sheets, [], engine)));
    }
  }

  /**
   * Notes the main model's changes to Products GMV and price cells; the
   * partitions holding those products recompute when next read.
   */
  noteChanges(changes: readonly ExportedChange[], mainProductsSheet: number): void {
    for (const change of changes) {
      if (!('address' in change)) continue;
      const { sheet, col, row } = change.address;
      if (sheet !== mainProductsSheet || !this.#inputCols.has(col) || row < 1) continue;
      const part = this.#parts[Math.floor((row - 1) / this.#size)];
      const value = change.newValue;
      part?.pending.set(`${col}:${row}`, { col, row, value: typeof value === 'number' ? value : null });
    }
  }

  /** The partition of a product row (zero-based), refreshed. */
  partitionOf(productRow: number): { hf: HyperFormula; sheets: Partition['sheets']; first: number; count: number } | undefined {
    const part = this.#parts[Math.floor(productRow / this.#size)];
    part?.refresh();
    return part;
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

  /** Refreshes every partition: after this, the whole grid is current. */
  refreshAll(): void {
    for (const part of this.#parts) part.refresh();
  }

  /** How many partitions wait for a refresh (0 when the whole grid is current). */
  get staleCount(): number {
    return this.#parts.filter((p) => p.pending.size > 0).length;
  }

  /** Frees every partition's HyperFormula instance. */
  destroy(): void {
    for (const part of this.#parts) part.hf.destroy();
  }
}
