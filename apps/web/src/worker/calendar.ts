import { remainderProductIndex, type AssumptionEdit, type PlanModel } from '@shopplan/engine';
import { parseAssumptionPath } from '@shopplan/schema';
import type { CalendarShape, CalendarTotals, CalendarViewport } from './protocol.ts';

/**
 * The products × weeks size of a model's product calendar, if the plan has
 * one. Only counts and week starts: the page has the products in its own
 * plan, and 10,000 ids and names cloned back on every load cost the page a
 * long task for nothing.
 */
export function calendarShape(model: PlanModel): CalendarShape | undefined {
  const { products, weeks } = model.plan;
  if (!model.productCalendar || !products?.length || !weeks?.length) return undefined;
  return { productCount: products.length, weekStarts: weeks.map((w) => w.start) };
}

/**
 * The remainder product (the one whose GMV absorbs the rounding remainder)
 * of a model's plan, as `productRowsChanged` needs it from before an edit.
 */
export function remainderRow(model: PlanModel): number {
  return remainderProductIndex(model.plan);
}

/**
 * The product rows (zero-based) an accepted edit changed, when those rows are
 * all it changed: a price changes only its product's units; a share its
 * product's GMV and that of the product absorbing the rounding remainder
 * (`remainderBefore`, and the one after the edit, should it move). Undefined
 * when the edit touches anything every row depends on (the target, a week,
 * a channel, another product field): then every row may have changed.
 * @example productRowsChanged(model, [{ path: 'products.p0003.price', value: 99 }], 0) // [2]
 */
export function productRowsChanged(model: PlanModel, edits: readonly AssumptionEdit[], remainderBefore: number): number[] | undefined {
  const calendar = model.productCalendar;
  if (!calendar) return undefined;
  const rows = new Set<number>();
  let shares = false;
  for (const edit of edits) {
    const parsed = parseAssumptionPath(edit.path);
    if (parsed?.field.owner !== 'product' || parsed.ownerId === undefined) return undefined;
    if (parsed.field.field !== 'price' && parsed.field.field !== 'share') return undefined;
    const row = calendar.rowOf(parsed.ownerId);
    if (row === undefined) return undefined;
    rows.add(row);
    shares ||= parsed.field.field === 'share';
  }
  if (shares) {
    rows.add(remainderBefore);
    rows.add(remainderProductIndex(model.plan));
  }
  return [...rows].sort((a, b) => a - b);
}

/**
 * Reads rows of the product calendar from HyperFormula in bulk (the engine's
 * viewport read): weekly revenue and units as typed arrays, moved to the
 * page without copying. Null when the plan has no product calendar.
 */
export function readCalendar(model: PlanModel, rowStart: number, rowCount: number): CalendarViewport | null {
  const calendar = model.productCalendar;
  if (!calendar) return null;
  const slice = calendar.read(rowStart, rowCount);
  return { rowStart: slice.rowStart, rowCount: slice.rowCount, weekCount: slice.weekCount, revenue: slice.revenue, units: slice.units, gmv: slice.gmv };
}

/** Products read per block when summing the whole calendar: small enough that an edit arriving meanwhile waits one block at most. */
const TOTALS_BLOCK = 250;

/** One block's share of the totals: revenue in whole fen and units per week, GMV in fen, and its cells in error. */
interface BlockSum {
  revenueFen: Float64Array;
  units: Float64Array;
  gmvFen: number;
  errors: string[];
}

/** Sums products start … start+count−1 of the calendar (one bulk read). */
function sumBlock(calendar: NonNullable<PlanModel['productCalendar']>, start: number, count: number): BlockSum {
  const weeks = calendar.weekCount;
  const slice = calendar.read(start, count);
  const revenueFen = new Float64Array(weeks);
  const units = new Float64Array(weeks);
  let gmvFen = 0;
  for (let i = 0; i < slice.rowCount; i++) {
    gmvFen += Math.round((slice.gmv[i] ?? 0) * 100);
    for (let w = 0; w < weeks; w++) {
      revenueFen[w] = (revenueFen[w] ?? 0) + Math.round((slice.revenue[i * weeks + w] ?? 0) * 100);
      units[w] = (units[w] ?? 0) + (slice.units[i * weeks + w] ?? 0);
    }
  }
  // Cells HyperFormula could not compute count as 0 in the arrays; the page says how many there were.
  const errors = slice.errors.slice(0, 20).map((e) => `${e.productId}:${e.figure}${e.week === null ? '' : `@${e.week}`}=${e.value}`);
  return { revenueFen, units, gmvFen, errors };
}

/**
 * The product calendar's totals over ALL its products, kept per block of
 * products between requests: an edit that changes only some products' rows
 * (a price, a few shares) makes only their blocks be read and summed again,
 * so the totals after a product edit cost one block, not the whole calendar.
 * Anything else (the target, a week's weight, a channel) changes every row:
 * the owner calls `invalidateAll`. Revenue is summed in whole fen, so block
 * sums add up exactly; units are summed block by block in a fixed order, so
 * the same figures give the same sum however often blocks were re-read.
 *
 * @example
 * const totals = new CalendarTotalsCache();
 * await totals.sum(model);               // reads every block
 * totals.invalidateProducts([42]);       // product 42's price changed
 * await totals.sum(model);               // reads one block
 */
export class CalendarTotalsCache {
  #blocks: Array<BlockSum | undefined> = [];

  /** Every block must be read again (a new model, or an edit of something every product depends on). */
  invalidateAll(): void {
    this.#blocks = [];
  }

  /** Only the rows of these products (zero-based indices in the plan) changed. */
  invalidateProducts(indices: Iterable<number>): void {
    for (const i of indices) this.#blocks[Math.floor(i / TOTALS_BLOCK)] = undefined;
  }

  /** Blocks that would be read by the next `sum` (for tests and measurements). */
  staleBlocks(model: PlanModel): number {
    const products = model.productCalendar?.productCount ?? 0;
    let stale = 0;
    for (let b = 0; b * TOTALS_BLOCK < products; b++) if (!this.#blocks[b]) stale++;
    return stale;
  }

  /**
   * Totals of the model's product calendar, reading only the blocks not
   * already summed. Between two blocks read it awaits `between`, which yields
   * to other work and says whether to go on (false: the model changed
   * meanwhile, so this is no sum of one plan; null is returned, and the
   * blocks read so far stay for the next request). Null without a calendar.
   */
  async sum(model: PlanModel, between: () => Promise<boolean> = async () => true): Promise<CalendarTotals | null> {
    const calendar = model.productCalendar;
    if (!calendar) return null;
    const weeks = calendar.weekCount;
    const products = calendar.productCount;
    const blockCount = Math.ceil(products / TOTALS_BLOCK);
    if (this.#blocks.length > blockCount) this.#blocks.length = blockCount;
    let readSome = false;
    for (let b = 0; b < blockCount; b++) {
      if (this.#blocks[b]) continue;
      // Let other messages (an edit) in between blocks read; a sum the model changed under is no sum of one plan.
      if (readSome && !(await between())) return null;
      const start = b * TOTALS_BLOCK;
      this.#blocks[b] = sumBlock(calendar, start, Math.min(TOTALS_BLOCK, products - start));
      readSome = true;
    }
    const revenueFen = new Float64Array(weeks);
    const units = new Float64Array(weeks);
    let gmvFen = 0;
    const errors: string[] = [];
    for (let b = 0; b < blockCount; b++) {
      const block = this.#blocks[b];
      if (!block) return null; // invalidated by an edit while this sum awaited
      gmvFen += block.gmvFen;
      for (let w = 0; w < weeks; w++) {
        revenueFen[w] = (revenueFen[w] ?? 0) + (block.revenueFen[w] ?? 0);
        units[w] = (units[w] ?? 0) + (block.units[w] ?? 0);
      }
      for (const e of block.errors) if (errors.length < 20) errors.push(e);
    }
    const weekRevenue = revenueFen.map((fen) => fen / 100);
    let unitsTotal = 0;
    for (const u of units) unitsTotal += u;
    return { productCount: products, weekCount: weeks, weekRevenue, weekUnits: units, gmv: gmvFen / 100, units: unitsTotal, errors };
  }
}

/**
 * Totals of the product calendar over ALL its products, never over the rows
 * a page happened to load: revenue per week and over the period summed in
 * whole fen (integers, so the sum is exact and order-independent), units per
 * week summed block by block. Reads the calendar block by block, so a stale
 * partition is recomputed before it is counted. Between blocks it awaits
 * `between`, which yields to other work and says whether to go on (false:
 * the model changed meanwhile). Null without a calendar or when stopped.
 * A worker keeps a CalendarTotalsCache per model instead, to re-read only
 * the blocks an edit changed.
 * @example (await calendarTotals(model))?.gmv // the plan's GMV split over products, to the fen
 */
export function calendarTotals(model: PlanModel, between: () => Promise<boolean> = async () => true): Promise<CalendarTotals | null> {
  return new CalendarTotalsCache().sum(model, between);
}
