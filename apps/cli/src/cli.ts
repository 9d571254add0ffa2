import { compute } from './commands/compute.ts';
import { schema } from './commands/schema.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { seek } from './commands/seek.ts';
import { allocate } from './commands/allocate.ts';
import { risk } from './commands/risk.ts';
import { scheduleCommand } from './commands/schedule.ts';
import { calibrateCommand } from './commands/calibrate.ts';
import { reviewCommand } from './commands/review.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';

/** A verb of the `shopplan` command. */
export interface Command {
  summary: { zh: string; en: string };
  usage: string;
  run(args: string[], io: CliIo): number | Promise<number>;
}

/** The verbs, in the order `shopplan --help` lists them. Names and flags are a public interface. */
export const COMMANDS: Record<string, Command> = {
  compute: {
    summary: { zh: '计算计划：各渠道访客、订单、成交额、花费', en: 'compute a plan: visitors, orders, GMV and spend per channel' },
    usage: 'shopplan compute PLAN [--json] [--lang zh|en]',
    run: compute,
  },
  schema: {
    summary: { zh: '输出计划文件的 JSON Schema', en: "print the plan document's JSON Schema" },
    usage: 'shopplan schema',
    run: schema,
  },
  export: {
    summary: { zh: '导出计划为可重算的 xlsx 工作簿（公式、命名假设）', en: 'export a plan as a live xlsx workbook (formulas over named assumptions)' },
    usage: 'shopplan export PLAN -o plan.xlsx [--lang zh|en] [--risk]',
    run: exportCommand,
  },
  import: {
    summary: { zh: '把编辑过的 xlsx 工作簿读回计划文件', en: 'read an edited xlsx workbook back into a plan document' },
    usage: 'shopplan import plan.xlsx -o plan.json [--lang zh|en]',
    run: importCommand,
  },
  seek: {
    summary: { zh: '单变量求解：哪个转化率、客单价、出价或占比能在预算内达成目标', en: 'goal seek: which CVR, AOV, bid or share reaches the target within a budget' },
    usage: 'shopplan seek PLAN --driver channels.search.cvr --budget 800000 [--target X] [--json] [-o plan.json] [--lang zh|en]',
    run: seek,
  },
  allocate: {
    summary: { zh: '预算分配：最省钱达成目标，或给定预算成交额最高（响应曲线、上下限）', en: 'allocate: least spend for a target, or most GMV for a budget (response curves, bounds)' },
    usage: 'shopplan allocate PLAN (--target X | --budget B) [--breakeven-floor] [--min-roi R] [--json] [-o allocated.json] [--lang zh|en]',
    run: allocate,
  },
  risk: {
    summary: { zh: '风险模拟：P10/P50/P90、达成概率、龙卷风图', en: 'risk: P10 / P50 / P90, probability of the target, tornado' },
    usage: 'shopplan risk PLAN [--draws N] [--seed S] [--target X] [--json] [--lang zh|en]',
    run: risk,
  },
  schedule: scheduleCommand,
  calibrate: calibrateCommand,
  review: reviewCommand,
};

function help(): string {
  const lines = ['shopplan — 电商运营计划 / e-commerce operations planning', '', 'usage:'];
  for (const cmd of Object.values(COMMANDS)) lines.push(`  ${cmd.usage}`, `      ${cmd.summary.en} / ${cmd.summary.zh}`);
  lines.push('', 'exit: 0 ok, 1 invalid plan, 2 usage error');
  return lines.join('\n');
}

/**
 * Runs the `shopplan` command line and returns its exit code. Never throws for
 * a user's mistake: usage errors exit 2, invalid plans exit 1, both with a
 * message and no stack trace.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    io.out(help());
    return verb === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[verb];
  try {
    if (!command) throw new UsageError(`unknown command "${verb}"`);
    return await command.run(rest, io);
  } catch (error) {
    // node:util parseArgs reports unknown or malformed flags with these codes
    const code = (error as { code?: string }).code ?? '';
    if (error instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`shopplan: ${(error as Error).message}`);
      io.err(command ? `usage: ${command.usage}` : 'run "shopplan --help" for the list of commands');
      return EXIT.usage;
    }
    throw error;
  }
}
