/**
 * Benchmark: daily phasing (issue 11). A yearly plan (365 days) × 20
 * channels of every cost model, with a weekday pattern, seasons, a hangover
 * and a dozen activities (two of them presale), phased in HyperFormula:
 * building the model with its Days and Calendar sheets, and a target edit
 * recomputing every day (read back in full). Medians of several runs after a
 * warm-up; writes test/bench/reports/phasing.json.
 *
 * pnpm --filter @shopplan/bench bench:phasing    (BENCH_RUNS=5)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAYS_SHEET, HYPERFORMULA_VERSION, phaseFromModel, phasePlan, PlanModel } from '@shopplan/engine';
import { yearPlan } from './phasing-plan.ts';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number) => Math.round(x * 100) / 100;

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function measure(fn: () => void): { medianMs: number; minMs: number; runsMs: number[] } {
  fn(); // warm-up
  const runsMs = Array.from({ length: RUNS }, () => time(fn));
  return { medianMs: round(median(runsMs)), minMs: round(Math.min(...runsMs)), runsMs: runsMs.map(round) };
}

const plan = yearPlan();

// build: the whole workbook with Days and Calendar, computed, and every day read back
const build = measure(() => {
  const model = PlanModel.build(plan, { days: 'always' });
  const out = phaseFromModel(model, 'day');
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
  model.dispose();
});

// a target edit: HyperFormula recomputes every day (whole fen, ranks, 20 channels), then the days are read back
const model = PlanModel.build(plan, { days: 'always' });
const daysSheet = model.spec.sheets.find((s) => s.name === DAYS_SHEET.days)!;
let k = 0;
const editOnly = measure(() => {
  const edit = model.setAssumptions([{ path: 'objective.gmv', value: 120_000_000 + 1_234.56 * (++k) }]);
  if (!edit.ok) throw new Error(JSON.stringify(edit.issues));
});
const editAndRead = measure(() => {
  const edit = model.setAssumptions([{ path: 'objective.gmv', value: 120_000_000 + 1_234.56 * (++k) }]);
  if (!edit.ok) throw new Error(JSON.stringify(edit.issues));
  const out = phaseFromModel(model, 'week');
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
});
const check = phaseFromModel(model, 'day');
model.dispose();
if (!check.ok) throw new Error('phasing failed');
const fen = check.result.periods.reduce((s, p) => s + Math.round(p.gmv * 100), 0);

// the CLI's path: validate-free phasePlan by week (build, compute, read, group)
const byWeek = measure(() => {
  const out = phasePlan(plan, { by: 'week' });
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
});

const report = {
  benchmark: 'phasing',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', loadavg: loadavg().map(round), node: process.version },
  hyperformula: HYPERFORMULA_VERSION,
  runs: RUNS,
  plan: {
    days: check.result.periods.length,
    channels: plan.channels.length,
    activities: plan.activities?.length ?? 0,
    daysSheetCells: (daysSheet.rows.length + 1) * daysSheet.columns.length,
    daysSheetFormulas: daysSheet.rows.flat().filter((c) => typeof c.content === 'string' && c.content.startsWith('=')).length,
  },
  build,
  targetEdit: editOnly,
  targetEditAndReadAllDays: editAndRead,
  phasePlanByWeek: byWeek,
  check: { fenSum: fen, targetFen: 12_000_000_000 + Math.round(1_234.56 * k * 100), note: 'the last target edit, split over 365 days in whole fen' },
};

const out = join(here, '..', 'reports', 'phasing.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify({ buildMs: build.medianMs, targetEditMs: editOnly.medianMs, targetEditAndReadMs: editAndRead.medianMs, phasePlanByWeekMs: byWeek.medianMs, cells: report.plan.daysSheetCells, loadavg: report.machine.loadavg })}\nwrote ${out}\n`);
