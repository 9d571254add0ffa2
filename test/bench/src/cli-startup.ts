/**
 * Benchmark: how long the `shopplan` command takes from start to exit.
 * Before: TypeScript compiled by tsx at every run (`tsx apps/cli/src/bin.ts`,
 * the root script until the bundle). After: the esbuild bundle run by plain
 * `node apps/cli/dist/shopplan.js`, each verb's heavy modules loaded lazily.
 * Both are measured in the same session, each command as a fresh process,
 * alternating, so machine load weighs on both alike; the report keeps every
 * run, the median and the minimum, and the load average at the start.
 *
 * pnpm --filter @shopplan/bench bench:cli    (BENCH_RUNS=10)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const runs = Number(process.env.BENCH_RUNS ?? 10);
const tsx = join(root, 'node_modules/.bin/tsx');
const bundle = join(root, 'apps/cli/dist/shopplan.js');
const JUNE = join(root, 'packages/examples/plans/june-shop.json');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** GNU time, when the machine has it: CPU time (user + system) is far less swayed by other processes than wall time. */
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall and CPU time of one run of a command, in ms; its exit code must be the expected one. */
function time(cmd: string, args: string[], expectedExit: number | null): { wallMs: number; cpuMs: number | null } {
  // no INIT_CWD from the pnpm that started this script: each run is as a planner starts it
  const { INIT_CWD: _initCwd, ...env } = process.env;
  const start = process.hrtime.bigint();
  const proc = gnuTime
    ? spawnSync(gnuTime, ['-f', 'cpu %U %S', cmd, ...args], { cwd: root, encoding: 'utf8', env })
    : spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (expectedExit !== null && proc.status !== expectedExit) throw new Error(`${cmd} ${args.join(' ')} exited ${proc.status}: ${proc.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(proc.stderr);
  return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null };
}

// Build first, so "after" is the code in this tree.
const built = spawnSync(process.execPath, [join(root, 'apps/cli/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) throw new Error('the CLI bundle did not build');

const cases: Array<{ name: string; args: string[]; exit: number }> = [
  { name: 'schema', args: ['schema'], exit: 0 },
  { name: 'usage error', args: ['teleport'], exit: 2 },
  { name: 'compute June plan', args: ['compute', JUNE], exit: 0 },
];
const variants: Array<{ name: string; cmd: string; pre: string[]; floor?: boolean }> = [
  { name: 'floor: node -e 0 (Node itself)', cmd: process.execPath, pre: ['-e', '0', '--'], floor: true },
  { name: 'before: tsx apps/cli/src/bin.ts', cmd: tsx, pre: ['apps/cli/src/bin.ts'] },
  { name: 'after: node apps/cli/dist/shopplan.js', cmd: process.execPath, pre: [bundle] },
  { name: 'after, through pnpm: pnpm -s shopplan', cmd: 'pnpm', pre: ['-s', 'shopplan'] },
];

const load = loadavg();
const results = cases.map((c) => {
  const times: Array<Array<{ wallMs: number; cpuMs: number | null }>> = variants.map(() => []);
  for (const variant of variants) time(variant.cmd, [...variant.pre, ...c.args], variant.floor ? null : c.exit); // warm the file cache
  for (let r = 0; r < runs; r++) {
    for (const [v, variant] of variants.entries()) times[v]!.push(time(variant.cmd, [...variant.pre, ...c.args], variant.floor ? null : c.exit));
  }
  return {
    command: `shopplan ${c.args.join(' ')}`,
    variants: variants.map((variant, v) => {
      const wall = times[v]!.map((t) => t.wallMs);
      const cpu = times[v]!.flatMap((t) => (t.cpuMs === null ? [] : [t.cpuMs]));
      return { variant: variant.name, medianMs: median(wall), minMs: Math.min(...wall), medianCpuMs: cpu.length > 0 ? median(cpu) : null, runsMs: wall };
    }),
  };
});

const report = {
  benchmark: 'shopplan command start to exit, fresh process per run',
  runs,
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? '', loadAverage1mAtStart: load[0], loadAverage1mAtEnd: loadavg()[0] },
  results,
};
mkdirSync(join(here, '../reports'), { recursive: true });
writeFileSync(join(here, '../reports/cli-startup.json'), `${JSON.stringify(report, null, 2)}\n`);
for (const r of results) {
  console.log(r.command);
  for (const v of r.variants) console.log(`  ${v.variant.padEnd(40)} median ${v.medianMs.toFixed(0)} ms, min ${v.minMs.toFixed(0)} ms, CPU ${v.medianCpuMs?.toFixed(0) ?? '?'} ms`);
}
