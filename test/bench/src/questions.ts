/**
 * Benchmark: the planner's questions (issue 5). Times budget allocation over
 * 5, 20 and 100 saturating channels (budget and target), and risk with
 * 10,000 draws, each as the median of several runs after a warm-up, and
 * writes test/bench/reports/questions.json. Targets: 20 channels allocate in
 * under 50 ms; 10,000 draws finish in under 2 s. The machine is shared, so
 * medians, and the per-draw and per-channel ratios measured in the same run.
 *
 * "warm" is a repeated question on a plan of the same shape (a planner moving
 * the budget): the engine reuses its HyperFormula model and reloads the
 * assumption cells. "cold" clears that cache first, so every run pays for
 * building a HyperFormula instance (its parser) and parsing every formula.
 *
 * pnpm --filter @shopplan/bench bench:questions    (BENCH_RUNS=7)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocateBudget, clearModelCache, goalSeek, HYPERFORMULA_VERSION, simulateRisk } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import { parsePlan, type Plan } from '@shopplan/schema';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_ALLOCATE_20_MS = 50;
const TARGET_RISK_10K_MS = 2_000;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number) => Math.round(x * 100) / 100;

/** A deterministic plan with `n` paid channels on Hill curves (α from 0.6 to 1.8), bounds on every third. */
export function manyChannelPlan(n: number): Plan {
  const channels = Array.from({ length: n }, (_, i) => {
    const alpha = 0.6 + (1.2 * ((i * 7) % n)) / Math.max(1, n - 1);
    return {
      id: `channel_${i}`,
      name: { zh: `渠道${i}`, en: `channel ${i}` },
      cvr: 0.01 + 0.002 * (i % 10),
      aov: 100 + 10 * (i % 7),
      cost: { model: 'cpc', share: 1 / n, cpc: 1 + 0.1 * (i % 5) },
      response: { curve: 'hill', beta: 200_000 + 20_000 * (i % 9), alpha, kappa: 100_000 + 15_000 * (i % 11) },
      ...(i % 3 === 0 ? { bounds: { min: 5_000, max: 400_000 } } : {}),
      margin: 0.4,
      refundRate: 0.05,
    };
  });
  const parsed = parsePlan({
    version: 2, id: `bench-${n}`, name: { zh: '基准测试', en: 'benchmark' }, shop: 'bench',
    period: { start: '2026-06-01', end: '2026-06-30' },
    objective: { kind: 'target', gmv: 250_000 * n },
    channels: [{ id: 'organic', name: { zh: '自然搜索', en: 'organic' }, cvr: 0.02, aov: 150, cost: { model: 'free', forecastVisitors: 100_000 } }, ...channels],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.plan;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function measure(fn: () => void): { medianMs: number; minMs: number; runsMs: number[] } {
  fn(); // warm-up: JIT and module loading are not the question
  const runsMs = Array.from({ length: RUNS }, () => time(fn));
  return { medianMs: round(median(runsMs)), minMs: round(Math.min(...runsMs)), runsMs: runsMs.map(round) };
}

function must<T extends { ok: boolean }>(outcome: T): T {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome;
}

const allocation = [5, 20, 100].map((n) => {
  const plan = manyChannelPlan(n);
  const budget = 60_000 * n;
  // warm: the budget moves between runs, as when a planner drags it
  let k = 0;
  const byBudget = measure(() => { must(allocateBudget(plan, { budget: budget * (1 + 0.01 * (k++ % 5)) })); });
  const byTarget = measure(() => { must(allocateBudget(plan, { target: 250_000 * n * (1 - 0.01 * (k++ % 5)) })); });
  const cold = measure(() => { clearModelCache(); must(allocateBudget(plan, { budget })); });
  return { channels: n, budget: byBudget, target: byTarget, coldBudget: cold, msPerChannel: round(byBudget.medianMs / n) };
});

const saturation = examplePlan('saturation');
const riskRuns = measure(() => { clearModelCache(); must(simulateRisk(saturation, { draws: 10_000, seed: 1 })); });
const risk1k = measure(() => { clearModelCache(); must(simulateRisk(saturation, { draws: 1_000, seed: 1 })); });
const seek = measure(() => { must(goalSeek(saturation, { driver: 'channels.search.cvr', budget: 500_000 })); });

const twenty = allocation.find((a) => a.channels === 20)!;
const report = {
  benchmark: 'questions',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', loadavg: loadavg().map(round), node: process.version },
  hyperformula: HYPERFORMULA_VERSION,
  runs: RUNS,
  allocation,
  risk: {
    plan: 'saturation',
    draws: 10_000,
    ...riskRuns,
    usPerDraw: round((riskRuns.medianMs * 1000) / 10_000),
    // the same run at 1,000 draws: the fixed cost (two model builds, tornado) vs the per-draw cost
    draws1k: { medianMs: risk1k.medianMs },
  },
  goalSeek: { plan: 'saturation', driver: 'channels.search.cvr', ...seek },
  targets: {
    allocate20ChannelsMs: TARGET_ALLOCATE_20_MS,
    risk10kDrawsMs: TARGET_RISK_10K_MS,
    allocate20Met: twenty.budget.medianMs < TARGET_ALLOCATE_20_MS && twenty.target.medianMs < TARGET_ALLOCATE_20_MS,
    risk10kMet: riskRuns.medianMs < TARGET_RISK_10K_MS,
    note: 'allocate20Met judges the warm medians (budget and target); coldBudget includes building the HyperFormula model. Risk is measured cold.',
  },
};

const out = join(here, '..', 'reports', 'questions.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify({ allocation: allocation.map((a) => ({ channels: a.channels, warmBudgetMs: a.budget.medianMs, warmTargetMs: a.target.medianMs, coldMs: a.coldBudget.medianMs })), risk10kMs: riskRuns.medianMs, usPerDraw: report.risk.usPerDraw, loadavg: report.machine.loadavg, targets: report.targets })}\nwrote ${out}\n`);
