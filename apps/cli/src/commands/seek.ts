import { parseArgs } from 'node:util';
import { goalSeek, type GoalSeekResult } from '@shopplan/engine';
import { listAssumptions, RATE_FIELDS, type Lang, type Plan } from '@shopplan/schema';
import { displayWidth } from '../format.ts';
import { EXIT, resolveLang, UsageError, type CliIo } from '../io.ts';
import { printIssues, readPlanFile, onePlanPath } from '../plan-file.ts';
import { money, numberFlag, percent, ratio, writePlanJson } from './question-args.ts';

/** The `--json` shape of `shopplan seek`: a public interface, keep it as named. */
export function seekJson(result: GoalSeekResult): unknown {
  return { driver: result.driver, value: result.value, reachable: result.reachable, gmv: result.gmv, spend: result.spend, roi: result.roi };
}

function showValue(plan: Plan, driver: string, value: number | null): string {
  if (value === null) return '—';
  const field = listAssumptions(plan).find((a) => a.path === driver)?.field ?? driver.split('.').pop() ?? '';
  if (driver === 'budget' || driver === 'objective.gmv') return money(value);
  return RATE_FIELDS.has(field) ? percent(value, 4) : String(Number(value.toPrecision(10)));
}

/** The answer of goal seek as a planner reads it. */
export function seekText(plan: Plan, result: GoalSeekResult, target: number, budget: number | undefined, lang: Lang): string {
  const zh = lang === 'zh';
  const row = (label: string, text: string) => `${label}${' '.repeat(Math.max(1, 10 - displayWidth(label)))}${text}`;
  const lines = [
    `${zh ? '单变量求解' : 'Goal seek'} · ${plan.name[lang]}`,
    '',
    row(zh ? '变量' : 'driver', result.driver),
    row(zh ? '当前值' : 'base', showValue(plan, result.driver, result.base)),
    row(zh ? '求解值' : 'value', showValue(plan, result.driver, result.value)),
    row(zh ? '目标' : 'target', money(target)),
    ...(budget !== undefined && result.driver !== 'budget' ? [row(zh ? '预算' : 'budget', money(budget))] : []),
    '',
  ];
  if (result.reachable) {
    lines.push(zh ? `可达：成交额 ${money(result.gmv)}，花费 ${money(result.spend)}，投产比 ${ratio(result.roi)}` : `reachable: GMV ${money(result.gmv)}, spend ${money(result.spend)}, ROI ${ratio(result.roi)}`);
  } else {
    lines.push(zh ? `不可达。最好可达：成交额 ${money(result.gmv)}，花费 ${money(result.spend)}，投产比 ${ratio(result.roi)}（取值 ${showValue(plan, result.driver, result.bestValue)}）`
      : `not reachable. Best reachable: GMV ${money(result.gmv)}, spend ${money(result.spend)}, ROI ${ratio(result.roi)} (at ${showValue(plan, result.driver, result.bestValue)})`);
  }
  for (const note of result.reachable ? result.issues : []) lines.push(`${zh ? '注意' : 'note'}: ${note.message[lang]}`);
  if (result.driver.endsWith('.share')) {
    lines.push(zh ? '（其余付费渠道按原比例分摊剩余占比，合计仍为 100%）' : '(the other paid channels share the rest in their old proportions, so shares still sum to 100%)');
  }
  return lines.join('\n');
}

/**
 * `shopplan seek PLAN --driver PATH [--budget B] [--target X] [--json] [-o plan.json] [--lang zh|en]`:
 * which value of one driver reaches the target with budget B. Unreachable:
 * the best reachable figures (JSON with value null), the reason on stderr, exit 1.
 */
export function seek(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      driver: { type: 'string' },
      budget: { type: 'string' },
      target: { type: 'string' },
      json: { type: 'boolean', default: false },
      output: { type: 'string', short: 'o' },
      lang: { type: 'string' },
    },
  });
  const lang = resolveLang(values.lang, io.env);
  if (!values.driver) throw new UsageError('a driver is required: --driver channels.search.cvr (or --driver budget)');
  const budget = numberFlag('--budget', values.budget);
  const target = numberFlag('--target', values.target);
  const read = readPlanFile(onePlanPath(positionals), io);
  if (!read.ok) {
    printIssues(read.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const outcome = goalSeek(read.plan, { driver: values.driver, ...(budget !== undefined ? { budget } : {}), ...(target !== undefined ? { target } : {}) });
  if (!outcome.ok) {
    printIssues(outcome.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const { result } = outcome;
  const goal = target ?? (read.plan.objective.kind === 'target' ? read.plan.objective.gmv : 0);
  const usedBudget = budget ?? (read.plan.objective.kind === 'budget' ? read.plan.objective.spend : undefined);
  io.out(values.json ? JSON.stringify(seekJson(result), null, 2) : seekText(read.plan, result, goal, usedBudget, lang));
  if (!result.reachable) {
    printIssues(result.issues, lang, io);
    return EXIT.invalidPlan;
  }
  if (values.output && result.plan) writePlanJson(values.output, result.plan, values.json ? { ...io, out: io.err } : io, lang);
  return EXIT.ok;
}
