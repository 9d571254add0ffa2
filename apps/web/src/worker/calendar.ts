import type { PlanModel } from '@shopplan/engine';
import type { CalendarShape, CalendarViewport } from './protocol.ts';

/** The products × weeks shape of a model's product calendar, if the plan has one. */
export function calendarShape(model: PlanModel): CalendarShape | undefined {
  const { products, weeks } = model.plan;
  if (!products?.length || !weeks?.length) return undefined;
  return { productIds: products.map((p) => p.id), productNames: products.map((p) => p.name), weekStarts: weeks.map((w) => w.start) };
}

/** Reads a viewport of the product calendar from the engine (null until the engine has a product calendar). */
export function readCalendar(model: PlanModel, rowStart: number, rowCount: number): CalendarViewport | null {
  void model; void rowStart; void rowCount;
  return null;
}
