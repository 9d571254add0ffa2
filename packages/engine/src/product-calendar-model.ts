import type { CellValue, HyperFormula, SimpleCellAddress } from 'hyperformula';
import { checkAssumptionValue, issue, parseAssumptionPath, type Plan, type PlanIssue, type PlanProduct } from '@shopplan/schema';
import { PRODUCT_COLUMNS, PRODUCT_SHEET, productCol, type ProductCalendarShape } from './product-calendar.ts';
import type { CalendarPartitions } from './product-calendar-partitions.ts';

/** Shares are typed by people: the same tolerance as the plan document's own check. */
const SHARE_TOLERANCE = 1e-6;

/**
 * A block of the product calendar read back in bulk: what a virtualised grid
 * shows for its viewport. The arrays are plain `Float64Array`s, cheap to
 * post from a Web Worker (transfer their buffers).
 */
export interface ProductCalendarSlice {
  /** First product (zero-based index in the plan's products) and how many were read. */
  rowStart: number;
  rowCount: number;
  weekCount: number;
  productIds: string[];
  /** Weekly revenue in yuan (whole fen), row-major: `revenue[i * weekCount + w]` is product rowStart+i in week w. */
  revenue: Float64Array;
  /** Weekly expected units, same layout (not rounded: a forecast). */
  units: Float64Array;
  /** Each product's GMV over the whole period (whole fen). */
  gmv: Float64Array;
  /**
   * Figures HyperFormula could not compute (a spreadsheet error such as
   * #DIV/0!): listed here, and 0 in the arrays, so a grid never shows NaN.
   */
  errors: Array<{ productId: string; week: number | null; figure: 'revenue' | 'units' | 'gmv'; value: string }>;
}

/** An edit of one product input by its plan path (`products.p001.price`). */
export interface ProductInputEdit {
  path: string;
  value: number;
}

/** The cells to write for accepted product edits, with the products they yield. */
export type ProductEditCheck = { ok: true; products: PlanProduct[]; cells: Array<{ address: SimpleCellAddress; value: number }> } | { ok: false; issues: PlanIssue[] };

/**
 * The product calendar of a live model: bulk and viewport reads, and the
 * fast check of product edits (one field at a time, never the whole plan).
 *
 * @example
 * const slice = model.productCalendar?.read(0, 50); // the first 50 products, all weeks
 * slice.revenue[3 * slice.weekCount + 10];        // product 4, week 11
 */
export class ProductCalendarView {
  readonly #hf: HyperFormula;
  readonly #ids: string[];
  readonly #index = new Map<string, number>();
  readonly #sheets: { products: number; revenue?: number; units?: number };
  readonly #partitions: CalendarPartitions | undefined;
  /** Week start dates (ISO), in column order. */
  readonly weekStarts: readonly string[];
  readonly shape: ProductCalendarShape;

  /** Built by PlanModel; not meant to be constructed by the apps. */
  constructor(hf: HyperFormula, plan: Plan, shape: ProductCalendarShape, partitions?: CalendarPartitions) {
    this.#hf = hf;
    this.shape = shape;
    this.#partitions = partitions;
    this.#ids = (plan.products ?? []).map((p) => p.id);
    this.#ids.forEach((id, i) => this.#index.set(id, i));
    this.weekStarts = (plan.weeks ?? []).map((w) => w.start);
    const id = (name: string) => {
      const sheet = hf.getSheetId(name);
      if (sheet === undefined) throw new RangeError(`no sheet "${name}" in the model`);
      return sheet;
    };
    this.#sheets = partitions
      ? { products: id(PRODUCT_SHEET.products) }
      : { products: id(PRODUCT_SHEET.products), revenue: id(PRODUCT_SHEET.revenue), units: id(PRODUCT_SHEET.units) };
  }

  /** Number of products (rows of the calendar). */
  get productCount(): number {
    return this.shape.productCount;
  }

  /** Number of weeks (columns of the calendar). */
  get weekCount(): number {
    return this.shape.weekCount;
  }

  /** The zero-based row of a product, or undefined for an unknown id. */
  rowOf(productId: string): number | undefined {
    return this.#index.get(productId);
  }

  /**
   * Brings the whole grid up to date. After an edit of a shared assumption
   * only the partitions that are read recompute; a worker can call this
   * when idle so that scrolling later finds every row current.
   */
  refreshAll(): void {
    this.#partitions?.refreshAll();
  }

  /**
   * Recomputes one partition the planner has already seen and an edit left
   * stale; false when none is left. A worker calls it in idle time, one step
   * per tick, so scrolling back finds current rows and edits never wait long.
   * @example while (model.productCalendar?.refreshStep()) await idle();
   */
  refreshStep(): boolean {
    return this.#partitions?.refreshOneStale() ?? false;
  }

  /** How many partitions of products still wait to recompute after the last edits (0: all current). */
  get stalePartitions(): number {
    return this.#partitions?.staleCount ?? 0;
  }

  /**
   * Reads products `rowStart … rowStart + rowCount − 1` (clamped to the
   * calendar) for every week, in bulk. Only the partitions of products these
   * rows belong to are recomputed if an edit left them stale (see
   * refreshAll). Throws RangeError for a negative or non-integer start or count.
   */
  read(rowStart: number, rowCount: number): ProductCalendarSlice {
    if (!Number.isInteger(rowStart) || !Number.isInteger(rowCount) || rowStart < 0 || rowCount < 0) {
      throw new RangeError(`read(rowStart, rowCount) needs non-negative integers, got ${rowStart}, ${rowCount}`);
    }
    const start = Math.min(rowStart, this.productCount);
    const count = Math.min(rowCount, this.productCount - start);
    const weeks = this.weekCount;
    const slice: ProductCalendarSlice = {
      rowStart: start,
      rowCount: count,
      weekCount: weeks,
      productIds: this.#ids.slice(start, start + count),
      revenue: new Float64Array(count * weeks),
      units: new Float64Array(count * weeks),
      gmv: new Float64Array(count),
      errors: [],
    };
    if (count === 0 || weeks === 0) return slice;
    const range = (sheet: number, col0: number, col1: number) => this.#hf.getRangeValues({
      start: { sheet, col: col0, row: start + 1 },
      end: { sheet, col: col1, row: start + count },
    });
    const grid = (which: 'revenue' | 'units') => {
      const sheet = this.#sheets[which];
      if (this.#partitions || sheet === undefined) return this.#partitions?.readGrid(which, start, count, 1, weeks) ?? [];
      return range(sheet, 1, weeks);
    };
    const fill = (values: CellValue[][], into: Float64Array, figure: 'revenue' | 'units' | 'gmv', width: number) => {
      for (let i = 0; i < count; i++) {
        const row = values[i];
        for (let w = 0; w < width; w++) {
          const v = row?.[w];
          if (typeof v === 'number' && Number.isFinite(v)) into[i * width + w] = v;
          else slice.errors.push({ productId: slice.productIds[i] ?? '', week: figure === 'gmv' ? null : w, figure, value: typeof v === 'object' && v !== null ? `${v.value}` : String(v) });
        }
      }
    };
    fill(grid('revenue'), slice.revenue, 'revenue', weeks);
    fill(grid('units'), slice.units, 'units', weeks);
    const gmvCol = productCol('gmv');
    fill(range(this.#sheets.products, gmvCol, gmvCol), slice.gmv, 'gmv', 1);
    return slice;
  }

  /**
   * Checks product edits field by field (share within 0–100%, price above 0,
   * a known product) and the one whole-plan rule they can break (shares sum
   * to 100%), without re-validating thousands of products.
   */
  checkEdits(products: readonly PlanProduct[], edits: readonly ProductInputEdit[]): ProductEditCheck {
    const issues: PlanIssue[] = [];
    const next = [...products];
    const cells: Array<{ address: SimpleCellAddress; value: number }> = [];
    for (const edit of edits) {
      // the field registry says which fields a product has and what each accepts
      const parsed = parseAssumptionPath(edit.path);
      const row = parsed?.field.owner === 'product' && parsed.ownerId !== undefined ? this.#index.get(parsed.ownerId) : undefined;
      const product = row === undefined ? undefined : next[row];
      if (!parsed || row === undefined || product === undefined) {
        issues.push(issue('unknown_path', [edit.path], { path: edit.path }));
        continue;
      }
      const refused = checkAssumptionValue(edit.path, edit.value, product);
      if (refused) {
        issues.push(refused);
      } else {
        next[row] = { ...product, [parsed.field.field]: edit.value };
        // a field these sheets do not read (cost, lead time, stock: the product plan's) is kept in the plan, with no cell to change
        const column = PRODUCT_COLUMNS.findIndex((c) => c.key === parsed.field.field);
        if (column >= 0) cells.push({ address: { sheet: this.#sheets.products, col: column, row: row + 1 }, value: edit.value });
      }
    }
    if (issues.length > 0) return { ok: false, issues };
    if (edits.some((e) => e.path.endsWith('.share'))) {
      let sum = 0;
      for (const p of next) sum += p.share;
      if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
        return { ok: false, issues: [issue('shares_sum', ['products'], { kind: 'product', sum: { value: sum, unit: 'rate' } })] };
      }
    }
    return { ok: true, products: next, cells };
  }
}
