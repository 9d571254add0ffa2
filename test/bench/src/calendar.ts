/**
 * Benchmark: the calendar (issue 11). Times the calendar of all 100 years
 * 2001–2100 (festivals, solar terms, holidays and 调休, provisional years by
 * rule): once cold, in a fresh process (the published data of both libraries
 * is read on first use), then warm (medians; a year's days are cached, its
 * festivals computed again). Also the provisional rules alone for 2027–2100,
 * and 10,000 supplier order-by dates (`addWorkdays(date, -15)`). Writes
 * test/bench/reports/calendar.json.
 *
 * pnpm --filter @shopplan/bench bench:calendar    (BENCH_RUNS=7)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addWorkdays, dayNumber, isoDate, provisionalSchedule, yearCalendar } from '@shopplan/engine';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number) => Math.round(x * 100) / 100;

function timeMs(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function hundredYears(): void {
  for (let year = 2001; year <= 2100; year++) if (!yearCalendar(year).ok) throw new Error(`no calendar for ${year}`);
}

const coldMs = timeMs(hundredYears);
const warm = Array.from({ length: RUNS }, () => timeMs(hundredYears));
const rules = Array.from({ length: RUNS }, () => timeMs(() => {
  for (let year = 2027; year <= 2100; year++) provisionalSchedule(year);
}));
const first = dayNumber(2027, 1, 1);
const orderBy = Array.from({ length: RUNS }, () => timeMs(() => {
  for (let i = 0; i < 10_000; i++) addWorkdays(isoDate(first + (i % 3650)), -15);
}));

const report = {
  benchmark: 'calendar',
  machine: { cpus: cpus().length, loadavg: loadavg().map(round), node: process.version },
  runs: RUNS,
  hundredYears: { years: '2001–2100', coldMs: round(coldMs), warmMedianMs: round(median(warm)) },
  provisionalRules: { years: '2027–2100', medianMs: round(median(rules)) },
  orderByDates: { count: 10_000, leadWorkdays: 15, medianMs: round(median(orderBy)) },
};
const out = join(here, '..', 'reports', 'calendar.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report)}\nwrote ${out}\n`);
