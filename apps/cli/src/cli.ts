import { EXIT, UsageError, type CliIo } from './io.ts';
import { terminalSafe } from './terminal.ts';

/** A verb of the `shopplan` command. */
export interface Command {
  summary: { zh: string; en: string };
  usage: string;
  run(args: string[], io: CliIo): number | Promise<number>;
}

// Each verb's module is loaded when the verb runs: `shopplan schema` or a
// usage error then never loads HyperFormula or ExcelJS, which cost most of
// the start-up time (the bundle keeps them in chunks of their own).

/** The verbs, in the order `shopplan --help` lists them. Names and flags are a public interface. */
export const COMMANDS: Record<string, Command> = {
  compute: {
    summary: { zh: '计算计划：各渠道访客、订单、成交额、花费', en: 'compute a plan: visitors, orders, GMV and spend per channel' },
    usage: 'shopplan compute PLAN [--json] [--lang zh|en]',
    run: async (args, io) => (await import('./commands/compute.ts')).compute(args, io),
  },
  schema: {
    summary: { zh: '输出计划文件的 JSON Schema', en: "print the plan document's JSON Schema" },
    usage: 'shopplan schema',
    run: async (args, io) => (await import('./commands/schema.ts')).schema(args, io),
  },
  export: {
    summary: { zh: '导出计划为可重算的 xlsx 工作簿（公式、命名假设）', en: 'export a plan as a live xlsx workbook (formulas over named assumptions)' },
    usage: 'shopplan export PLAN -o plan.xlsx [--lang zh|en] [--risk]',
    run: async (args, io) => (await import('./commands/export.ts')).exportCommand(args, io),
  },
  import: {
    summary: { zh: '把编辑过的 xlsx 工作簿读回计划文件', en: 'read an edited xlsx workbook back into a plan document' },
    usage: 'shopplan import plan.xlsx -o plan.json [--lang zh|en]',
    run: async (args, io) => (await import('./commands/import.ts')).importCommand(args, io),
  },
  seek: {
    summary: { zh: '单变量求解：哪个转化率、客单价、出价或占比能在预算内达成目标', en: 'goal seek: which CVR, AOV, bid or share reaches the target within a budget' },
    usage: 'shopplan seek PLAN --driver channels.search.cvr --budget 800000 [--target X] [--json] [-o plan.json] [--lang zh|en]',
    run: async (args, io) => (await import('./commands/seek.ts')).seek(args, io),
  },
  allocate: {
    summary: { zh: '预算分配：最省钱达成目标，或给定预算成交额最高（响应曲线、上下限）', en: 'allocate: least spend for a target, or most GMV for a budget (response curves, bounds)' },
    usage: 'shopplan allocate PLAN (--target X | --budget B) [--breakeven-floor] [--min-roi R] [--json] [-o allocated.json] [--lang zh|en]',
    run: async (args, io) => (await import('./commands/allocate.ts')).allocate(args, io),
  },
  risk: {
    summary: { zh: '风险模拟：P10/P50/P90、达成概率、龙卷风图', en: 'risk: P10 / P50 / P90, probability of the target, tornado' },
    usage: 'shopplan risk PLAN [--draws N] [--seed S] [--target X] [--json] [--lang zh|en]',
    run: async (args, io) => (await import('./commands/risk.ts')).risk(args, io),
  },
  schedule: {
    summary: { zh: '按活动等级排期：资源容量、窗口、筹备期，列出未排期的活动及原因', en: 'schedule activities by tier within resource capacities, windows and lead times; list what cannot be placed and why' },
    usage: 'shopplan schedule PLAN [--json] [--lang zh|en]',
    run: async (args, io) => (await import('./commands/schedule.ts')).schedule(args, io),
  },
  calendar: {
    summary: { zh: '日历：节日、节气、法定节假日与调休（未公布年份为暂定）', en: 'calendar: festivals, solar terms, statutory holidays and 调休 (provisional until published)' },
    usage: 'shopplan calendar YEAR [--json] [--holidays FILE] [--lang zh|en]',
    run: async (args, io) => (await import('./commands/calendar.ts')).calendar(args, io),
  },
  phase: {
    summary: { zh: '按日/周拆解：目标或预算按日权重（星期、季节、活动阶段、大促后遗症）拆成整分，每天按当日费率倒推花费', en: 'phase: the target (or budget) split over days or weeks in whole fen by day weight, each day back-calculated with its own phase rates' },
    usage: 'shopplan phase PLAN --by day|week [--json] [--lang zh|en]',
    run: async (args, io) => (await import('./commands/phase.ts')).phase(args, io),
  },
  products: {
    summary: { zh: '商品计划：某一周每个商品的状态、活动、促销价、件数、成交额、毛利、库存与最晚下单日', en: "product plan: each product's status, activity, promo price, units, revenue, margin, stock and order-by date in a week" },
    usage: 'shopplan products PLAN [--week W] [--json] [--lang zh|en]',
    run: async (args, io) => (await import('./commands/products.ts')).products(args, io),
  },
  reorders: {
    summary: { zh: '补货：订货量、最晚下单日（供应商工作日交期），以及缺货、过期下单、促销价低于成本等提醒', en: 'reorders: order quantities and order-by dates (supplier working days), with alerts (stock-outs, order-by dates past, promo prices under cost)' },
    usage: 'shopplan reorders PLAN [--json] [--lang zh|en]',
    run: async (args, io) => (await import('./commands/products.ts')).reorders(args, io),
  },
  calibrate: {
    summary: { zh: '用历史数据校准计划：各渠道转化率、客单价、CPC/CPM/CTR、加购率与响应曲线', en: "calibrate a plan from the shop's history: CVR, AOV, CPC/CPM/CTR, add-to-cart rate and response curves per channel" },
    usage: 'shopplan calibrate HISTORY --plan PLAN [--from D --to D] [--json] [-o plan.json] [--map LABEL=ID] [--lang zh|en]',
    run: async (args, io) => (await import('./commands/calibrate.ts')).calibrate(args, io),
  },
  review: {
    summary: { zh: '复盘：计划与实际对比，达成率与差额拆解（流量、转化、客单价）', en: 'review: plan versus actual, attainment and the gap split into traffic, conversion and order value' },
    usage: 'shopplan review PLAN ACTUALS [--by day|week|month|promotion] [--json] [--map LABEL=ID] [--lang zh|en]',
    run: async (args, io) => (await import('./commands/review.ts')).review(args, io),
  },
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
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  // Everything printed may echo a plan's text (names, ids, paths in messages):
  // made safe for a terminal here, once, for every verb.
  const io: CliIo = {
    ...rawIo,
    out: (text) => rawIo.out(terminalSafe(text)),
    err: (text) => rawIo.err(terminalSafe(text)),
    ...(rawIo.progress ? { progress: (text: string) => rawIo.progress!(terminalSafe(text)) } : {}),
  };
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
