import type { PlanModel } from '@shopplan/engine';
import type { CalendarShape, CalendarViewport } from './protocol.ts';

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
