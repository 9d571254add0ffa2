import type { PlanModel } from '@shopplan/engine';
import type { CalendarShape, CalendarTotals, CalendarViewport } from './protocol.ts';

/** The products × weeks shape of a model's product calendar, if the plan has one. */
export function calendarShape(model: PlanModel): CalendarShape | undefined {
  const { products, weeks } = model.plan;
  if (!model.productCalendar || !products?.length || !weeks?.length) return undefined;
  return { productIds: products.map((p) => p.id), productNames: products.map((p) => p.name), weekStarts: weeks.map((w) => w.start) };
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

/**
 * Totals of the product calendar over ALL its products, never over the rows
 * a page happened to load: revenue per week and over the period summed in
 * whole fen (integers, so the sum is exact and order-independent), units per
 * week summed as read. Reads the calendar block by block, so a stale
 * partition is recomputed before it is counted. Between blocks it awaits
 * `between`, which yields to other work and says whether to go on (false:
 * the model changed meanwhile). Null without a calendar or when stopped.
 * @example (await calendarTotals(model))?.gmv // the plan's GMV split over products, to the fen
 */
export async function calendarTotals(model: PlanModel, between: () => Promise<boolean> = async () => true): Promise<CalendarTotals | null> {
  const calendar = model.productCalendar;
  if (!calendar) return null;
  const weeks = calendar.weekCount;
  const products = calendar.productCount;
  const revenueFen = new Float64Array(weeks);
  const units = new Float64Array(weeks);
  let gmvFen = 0;
  const errors: string[] = [];
  for (let start = 0; start < products; start += TOTALS_BLOCK) {
    const slice = calendar.read(start, Math.min(TOTALS_BLOCK, products - start));
    for (let i = 0; i < slice.rowCount; i++) {
      gmvFen += Math.round((slice.gmv[i] ?? 0) * 100);
      for (let w = 0; w < weeks; w++) {
        revenueFen[w] = (revenueFen[w] ?? 0) + Math.round((slice.revenue[i * weeks + w] ?? 0) * 100);
        units[w] = (units[w] ?? 0) + (slice.units[i * weeks + w] ?? 0);
      }
    }
    // Cells HyperFormula could not compute count as 0 in the arrays; the page says how many there were.
    for (const e of slice.errors) if (errors.length < 20) errors.push(`${e.productId}:${e.figure}${e.week === null ? '' : `@${e.week}`}=${e.value}`);
    // Let other messages (an edit) in between blocks; a sum the model changed under is no sum of one plan.
    if (start + TOTALS_BLOCK < products && !(await between())) return null;
  }
  const weekRevenue = revenueFen.map((fen) => fen / 100);
  let unitsTotal = 0;
  for (const u of units) unitsTotal += u;
  return { productCount: products, weekCount: weeks, weekRevenue, weekUnits: units, gmv: gmvFen / 100, units: unitsTotal, errors };
}
