/**
 * Benchmark: promotion-tier scheduling (issue 11, point 4). Times
 * schedulePlan on synthetic year calendars of 60 and 600 activities over 4
 * resources (banner slots and live-stream slots per day, team hours and
 * budget per week) and on the bundled 2027 example, each as the median of
 * several runs after an untimed warm-up. Target: 60 activities well under a
 * second.
 *
 * It also measures how far the greedy (tier-first, then one-move repair) scheduler is from the
 * optimum: small random calendars, and the 2027 example, are solved exactly
 * as a 0/1 program with HiGHS (MIT; a dev dependency of this package only):
 * one binary per activity and start day, at most one start per activity,
 * every day's (or week's) use within capacity, maximising the tier-weighted
 * placed count (S 8, A 4, B 2, C 1) that scheduleObjective reports.
 *
 * Writes test/bench/reports/schedule.json.
 * pnpm --filter @shopplan/bench exec tsx src/schedule.ts    (BENCH_RUNS=9)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import loadHighs from 'highs';
import { scheduleObjective, schedulePlan, type Schedule } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import { parsePlan, PHASE_KINDS, resolveLeadTime, resolveNeeds, resolvePhases, TIER_DEFAULTS, type Plan } from '@shopplan/schema';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A small deterministic PRNG (mulberry32), so every run schedules the same calendars. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parsed(doc: unknown): Plan {
  const outcome = parsePlan(doc);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues.slice(0, 3)));
  return outcome.plan;
}

/**
 * A synthetic calendar of `n` activities over `days` days from 2027-01-01:
 * tiers about 1 S : 3 A : 6 B : 10 C, windows of 1.5–3 times the activity's
 * length, needs on the four resources, capacities that leave some activities
 * out when the calendar is crowded.
 */
function syntheticPlan(n: number, days: number, seed: number, resourceCount = 4, capacityDensity?: number): Plan {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const first = dayOf('2027-01-01');
  const density = capacityDensity ?? n / days; // activities starting per day the capacities are sized for
  const resources = [
    { id: 'banner', name: { zh: '首页横幅位', en: 'Home banner slots' }, capacity: Math.max(2, Math.round(3 * density * 4)), per: 'day' },
    { id: 'live', name: { zh: '直播档期', en: 'Live-stream slots' }, capacity: Math.max(1, Math.round(2 * density * 4)), per: 'day' },
    { id: 'team', name: { zh: '团队工时', en: 'Team hours' }, capacity: Math.max(20, Math.round(90 * density * 4)), per: 'week' },
    { id: 'budget', name: { zh: '推广预算', en: 'Promotion budget' }, capacity: Math.max(30_000, Math.round(250_000 * density * 4)), per: 'week' },
  ].slice(0, resourceCount);
  const activities = Array.from({ length: n }, (_, i) => {
    const tier = pick(['S', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'B', 'B', 'C', 'C', 'C', 'C', 'C', 'C', 'C', 'C', 'C', 'C'] as const);
    const phases = TIER_DEFAULTS[tier].phases;
    const length = PHASE_KINDS.reduce((s, k) => s + phases[k], 0);
    const span = Math.min(days, Math.ceil(length * (1.5 + 1.5 * rand())));
    const start = Math.floor(rand() * (days - span + 1));
    const needs: Record<string, number> = {};
    const all: Record<string, number> = { banner: tier === 'C' ? 0 : tier === 'S' ? 2 : 1, live: tier === 'B' ? 0 : 1, team: { S: 8, A: 5, B: 3, C: 2 }[tier], budget: { S: 20_000, A: 10_000, B: 4_000, C: 2_000 }[tier] };
    for (const r of resources) needs[r.id] = all[r.id]!;
    return {
      id: `act-${String(i).padStart(4, '0')}`,
      name: { zh: `活动 ${i}`, en: `activity ${i}` },
      tier,
      window: { start: isoOf(first + start), end: isoOf(first + start + span - 1) },
      leadTime: 0,
      needs,
    };
  });
  return parsed({
    version: 3, id: `bench-${n}`, name: { zh: '排期基准', en: 'schedule benchmark' }, shop: 'bench',
    period: { start: isoOf(first), end: isoOf(first + days - 1) },
    objective: { kind: 'target', gmv: 1_000_000 },
    channels: [{ id: 'organic', name: { zh: '自然', en: 'organic' }, cvr: 0.02, aov: 150, cost: { model: 'free', forecastVisitors: 100_000 } }],
    resources, activities,
  });
}

function scheduleOf(plan: Plan): Schedule {
  const outcome = schedulePlan(plan);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues.slice(0, 3)));
  return outcome.schedule;
}

function timed(plan: Plan, runs: number) {
  scheduleOf(plan); // warm-up, untimed
  const runsMs: number[] = [];
  let schedule: Schedule | undefined;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    schedule = scheduleOf(plan);
    runsMs.push(performance.now() - t0);
  }
  const placed = schedule!.activities.filter((a) => a.placed).length;
  return {
    activities: plan.activities!.length,
    resources: plan.resources!.length,
    days: dayOf(plan.period.end) - dayOf(plan.period.start) + 1,
    placed,
    unplaced: plan.activities!.length - placed,
    medianMs: round(median(runsMs)),
    minMs: round(Math.min(...runsMs)),
    runsMs: runsMs.map((x) => round(x)),
  };
}

/**
 * The plan's scheduling problem as a CPLEX LP model: x_a_s = 1 when
 * activity a starts on plan day s. The same rules as the scheduler: window
 * clipped to the plan, no start inside the lead time, new shops kept out of
 * S-tier platform festivals, day and Monday–Sunday week capacities.
 */
function exactModel(plan: Plan): string {
  const first = dayOf(plan.period.start);
  const last = dayOf(plan.period.end);
  const resources = plan.resources ?? [];
  const terms: string[] = [];
  const once: string[] = [];
  const rows = new Map<string, string[]>();
  const binaries: string[] = [];
  (plan.activities ?? []).forEach((act, a) => {
    if (plan.newShop && act.tier === 'S' && act.kind === 'platform') return;
    const phases = resolvePhases(act, plan.calendar);
    const kinds = PHASE_KINDS.flatMap((k) => Array<(typeof PHASE_KINDS)[number]>(phases[k]).fill(k));
    const needs = resolveNeeds(act, plan.calendar);
    const lo = Math.max(dayOf(act.window.start), first + resolveLeadTime(act, plan.calendar));
    const hi = Math.min(dayOf(act.window.end), last) - kinds.length + 1;
    const vars: string[] = [];
    for (let s = lo; s <= hi; s += 1) {
      const x = `x_${a}_${s - first}`;
      vars.push(x);
      binaries.push(x);
      terms.push(`${TIER_DEFAULTS[act.tier].weight} ${x}`);
      resources.forEach((res) => {
        const need = needs[res.id];
        const add = new Map<string, number>();
        kinds.forEach((kind, k) => {
          const n = need === undefined ? 0 : typeof need === 'number' ? need : need[kind] ?? 0;
          if (n === 0) return;
          const d = s + k;
          const key = res.per === 'day' ? `${res.id}_d${d - first}` : `${res.id}_w${Math.floor((d + 3) / 7)}`;
          add.set(key, (add.get(key) ?? 0) + n);
        });
        for (const [key, n] of add) {
          const row = rows.get(key) ?? [];
          row.push(`${n} ${x}`);
          rows.set(key, row);
        }
      });
    }
    if (vars.length > 1) once.push(` once_${a}: ${vars.join(' + ')} <= 1`);
  });
  const capacity = new Map(resources.map((r) => [r.id, r.capacity]));
  const constraints = [...once];
  for (const [key, row] of rows) constraints.push(` cap_${key}: ${row.join(' + ')} <= ${capacity.get(key.slice(0, key.lastIndexOf('_')))}`);
  // LP format wants lines of modest length.
  const wrap = (text: string): string => text.replace(/((?:\S+\s+){40})/g, '$1\n   ');
  return [
    'Maximize',
    ` placed: ${terms.length > 0 ? wrap(terms.join(' + ')) : '0 dummy'}`,
    'Subject To',
    ...(constraints.length > 0 ? constraints.map(wrap) : [' none: dummy <= 0']),
    'Binary',
    ...(binaries.length > 0 ? binaries.map((b) => ` ${b}`) : [' dummy']),
    'End',
  ].join('\n');
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;

function exactOptimum(highs: Highs, plan: Plan, timeLimit: number) {
  const t0 = performance.now();
  const solution = highs.solve(exactModel(plan), { output_flag: false, time_limit: timeLimit, mip_rel_gap: 0 });
  const ms = performance.now() - t0;
  const bound = 'MipDualBound' in solution ? Number((solution as { MipDualBound?: number }).MipDualBound) : undefined;
  return { status: solution.Status, objective: Math.round(solution.ObjectiveValue), ms: round(ms), bound };
}

function compare(highs: Highs, plan: Plan, timeLimit: number) {
  const heuristic = scheduleObjective(scheduleOf(plan));
  const exact = exactOptimum(highs, plan, timeLimit);
  if (exact.status === 'Optimal' && heuristic > exact.objective) throw new Error(`the heuristic (${heuristic}) beat the optimum (${exact.objective}): a capacity check differs`);
  return {
    activities: plan.activities!.length,
    resources: plan.resources!.length,
    days: dayOf(plan.period.end) - dayOf(plan.period.start) + 1,
    heuristic,
    optimum: exact.objective,
    status: exact.status,
    gap: exact.objective > 0 ? round((exact.objective - heuristic) / exact.objective, 4) : 0,
    exactMs: exact.ms,
  };
}

const highs = await loadHighs();

const timing = [
  { name: '60 activities, 4 resources, one year', ...timed(syntheticPlan(60, 365, 60), RUNS) },
  { name: '600 activities, 4 resources, one year', ...timed(syntheticPlan(600, 365, 600), RUNS) },
  // The slow path: capacities sized for 60, so most of the 600 are left out and every start of each is tried, repaired and explained.
  { name: '600 activities, capacities sized for 60 (crowded)', ...timed(syntheticPlan(600, 365, 601, 4, 60 / 365), RUNS) },
  { name: 'example year-2027 (79 activities)', ...timed(examplePlan('year-2027'), RUNS) },
];

// Small calendars: 6 to 14 activities over 45 days and 2 to 4 resources, crowded enough to leave some out.
const small = Array.from({ length: 24 }, (_, i) => compare(highs, syntheticPlan(6 + (i % 9), 45, 1000 + i, 2 + (i % 3)), 60));
const optimal = small.filter((c) => c.status === 'Optimal');
const year = compare(highs, examplePlan('year-2027'), 120);

const report = {
  benchmark: 'schedule',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', loadavg: loadavg().map((x) => round(x)), node: process.version },
  runs: RUNS,
  objective: 'tier-weighted placed count: S 8, A 4, B 2, C 1 (scheduleObjective)',
  timing,
  exact: {
    solver: 'highs (HiGHS MIP, 0/1 start variables), mip_rel_gap 0',
    small: {
      instances: small.length,
      optimal: optimal.length,
      heuristicEqualsOptimum: optimal.filter((c) => c.gap === 0).length,
      meanGap: round(optimal.reduce((s, c) => s + c.gap, 0) / Math.max(1, optimal.length), 4),
      maxGap: Math.max(0, ...optimal.map((c) => c.gap)),
      cases: small,
    },
    year2027: year,
  },
};

mkdirSync(join(here, '../reports'), { recursive: true });
writeFileSync(join(here, '../reports/schedule.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify({ timing: timing.map(({ runsMs: _r, ...t }) => t), small: { ...report.exact.small, cases: undefined }, year2027: year }, null, 2));
