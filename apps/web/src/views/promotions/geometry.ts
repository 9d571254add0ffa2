/**
 * Day arithmetic of the Gantt (drawing only: where a date falls on the
 * axis). Scheduling and capacity checks stay in the engine worker.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function dayIndex(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

/** The ISO date `days` after `iso` (negative: before). */
export function addDays(iso: string, days: number): string {
  return new Date((dayIndex(iso) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Pixels per day: a year fits a wide screen, a month gets room to read. */
export function dayWidth(dayCount: number): number {
  return Math.max(3, Math.min(28, Math.floor(1100 / Math.max(1, dayCount))));
}

/** The first day of each month inside a period, for the axis labels. */
export function monthStarts(start: string, end: string): string[] {
  const out: string[] = [];
  let [y, m] = start.split('-').map(Number) as [number, number];
  for (;;) {
    const iso = `${y}-${String(m).padStart(2, '0')}-01`;
    if (iso > end) break;
    out.push(iso < start ? start : iso);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

/** Share of a capacity in use, 0–1 (a capacity of 0 with nothing used reads empty). */
export function usedShare(used: number, capacity: number): number {
  if (!(capacity > 0)) return used > 0 ? 1 : 0;
  return Math.max(0, Math.min(1, used / capacity));
}
