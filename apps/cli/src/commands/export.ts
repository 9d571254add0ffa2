import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PlanModel, simulateRisk } from '@shopplan/engine';
import { guardInput, parsePlan, planIssue, planningSession, type Plan, type PlanIssue, type PlanningSession } from '@shopplan/schema';
import { exportWorkbookWithIssues } from '@shopplan/xlsx';
import { EXIT, resolveLang, UsageError, type CliIo } from '../io.ts';
import { planText, printIssues, readPlanFile, onePlanPath } from '../plan-file.ts';

/**
 * A plan file, or a planning session file (with `scenarios`): the session's
 * active scenario is exported, and all scenarios side by side.
 */
function readPlanOrSession(path: string | undefined, io: CliIo): { ok: true; plan: Plan; session?: PlanningSession } | { ok: false; issues: PlanIssue[] } {
  const read = readPlanFile(path, io);
  if (read.ok || !path) return read;
  let raw: unknown;
  try {
    raw = JSON.parse(planText(readFileSync(resolve(io.cwd, path))));
  } catch {
    return read;
  }
  if (typeof raw !== 'object' || raw === null || !('scenarios' in raw)) return read;
  // the session schema walks the document recursively: size limits first
  const tooBig = guardInput(raw);
  if (tooBig.length > 0) return { ok: false, issues: tooBig };
  const session = planningSession.safeParse(raw);
  if (!session.success) {
    return { ok: false, issues: session.error.issues.map((i) => planIssue(i.path.join('.') || '(session)', i.code, `方案文件无效：${i.message}`, `the session file is not valid: ${i.message}`)) };
  }
  const active = session.data.scenarios.find((s) => s.id === session.data.activeScenarioId) ?? session.data.scenarios[0];
  const plan = parsePlan(active?.plan);
  return plan.ok ? { ok: true, plan: plan.plan, session: session.data } : plan;
}

/**
 * `shopplan export PLAN -o plan.xlsx [--lang zh|en] [--risk]`: the plan as a live xlsx workbook (`--risk` adds a Monte Carlo
 * risk summary; a plan with products and weeks carries its product plan). Issues of the plan, or of a product plan left
 * out, are printed and the workbook is still written (exit 0).
 */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, lang: { type: 'string' }, risk: { type: 'boolean', default: false } },
  });
  const lang = resolveLang(values.lang, io.env);
  if (!values.output) throw new UsageError('an output file is required: -o plan.xlsx');
  if (!values.output.toLowerCase().endsWith('.xlsx')) throw new UsageError(`the output file must end in .xlsx, not "${values.output}"`);
  const read = readPlanOrSession(onePlanPath(positionals), io);
  if (!read.ok) {
    printIssues(read.issues, lang, io);
    return EXIT.invalidPlan;
  }
  // An unsatisfiable plan is still exported (the workbook shows the alerts); say so.
  const model = PlanModel.build(read.plan);
  const issues = model.result().issues;
  model.dispose();
  if (issues.length > 0) printIssues(issues, lang, io);
  // seeded, so the same plan exports the same risk figures
  const risk = values.risk && issues.length === 0 ? simulateRisk(read.plan, { seed: 1 }) : undefined;
  if (risk && !risk.ok) printIssues(risk.issues, lang, io);
  const { bytes, issues: leftOut } = await exportWorkbookWithIssues({
    plan: read.plan,
    lang,
    ...(read.session ? { session: read.session } : {}),
    ...(risk?.ok ? { risk: risk.result } : {}),
  });
  // a product plan that cannot be built is left out of the workbook (its cover says why): say so here too, as for the model's issues
  if (leftOut.length > 0) printIssues(leftOut, lang, io);
  const target = resolve(io.cwd, values.output);
  try {
    writeFileSync(target, bytes);
  } catch (error) {
    throw new UsageError(`cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const size = statSync(target).size;
  io.out(lang === 'zh' ? `已导出 ${values.output}（${size} 字节）` : `wrote ${values.output} (${size} bytes)`);
  return EXIT.ok;
}
