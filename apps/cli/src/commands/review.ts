import { parseArgs } from 'node:util';
import { computePlan, dailyPlan, reviewPlan, REVIEW_BY, type Review, type ReviewBy } from '@shopplan/engine';
import { UsageError, EXIT, resolveLang, type CliIo } from '../io.ts';
import { printIssues, readPlanFile } from '../plan-file.ts';
import { renderTable, totalLabel } from '../format.ts';
import { parseMapping, printHistoryIssues, readHistoryFile } from './history-file.ts';
import { money, percent } from './question-args.ts';

/**
 * The `--json` shape of `shopplan review`: a public interface, exactly as
 * issue 14 names it.
 */
export function reviewJson(review: Review): unknown {
  return {
    by: review.by,
    periods: review.periods.map((p) => ({
      period: p.period,
      channels: p.channels.map((c) => ({
        id: c.id, planGmv: c.planGmv, actualGmv: c.actualGmv, attainment: c.attainment, gap: c.gap, traffic: c.traffic, conversion: c.conversion, orderValue: c.orderValue,
      })),
      total: { planGmv: p.total.planGmv, actualGmv: p.total.actualGmv, attainment: p.total.attainment, gap: p.total.gap },
    })),
  };
}

/** `shopplan review PLAN ACTUALS [--by day|week|month|promotion] [--json] [--map LABEL=ID] [--lang zh|en]` */
export async function review(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      by: { type: 'string', default: 'month' },
      json: { type: 'boolean', default: false },
      map: { type: 'string', multiple: true },
      lang: { type: 'string' },
    },
  });
  const lang = resolveLang(values.lang, io.env);
  if (!REVIEW_BY.includes(values.by as ReviewBy)) throw new UsageError(`--by must be day, week, month or promotion, not "${values.by}"`);
  if (positionals.length !== 2) throw new UsageError('a plan file and an actuals file are required');
  const mapping = parseMapping(values.map);
  const read = readPlanFile(positionals[0], io);
  if (!read.ok) {
    printIssues(read.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const computed = computePlan(read.plan);
  if (!computed.ok) {
    printIssues(computed.issues, lang, io);
    return EXIT.invalidPlan;
  }
  // the plan side by day, as the plan phases it (a plan that cannot be phased says why)
  const phased = dailyPlan(computed.plan, computed.result.channels);
  if (!phased.ok) {
    printIssues(phased.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const imported = await readHistoryFile(positionals[1], io, { channels: read.plan.channels, mapping, range: read.plan.period });
  if (!imported.ok) {
    printHistoryIssues(imported.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const result = reviewPlan(computed.plan, phased.daily, imported.history, values.by as ReviewBy);
  if (values.json) {
    io.out(JSON.stringify(reviewJson(result), null, 2));
    return EXIT.ok;
  }
  const header = lang === 'zh'
    ? ['渠道', '计划成交额', '实际成交额', '达成率', '差额', '流量', '转化', '客单价']
    : ['channel', 'plan GMV', 'actual GMV', 'attainment', 'gap', 'traffic', 'conversion', 'order value'];
  const blocks = result.periods.map((p) => {
    const rows = p.channels.map((c) => [c.id, money(c.planGmv), money(c.actualGmv), percent(c.attainment, 1), money(c.gap), money(c.traffic), money(c.conversion), money(c.orderValue)]);
    rows.push([totalLabel(lang), money(p.total.planGmv), money(p.total.actualGmv), percent(p.total.attainment, 1), money(p.total.gap), '', '', '']);
    return `${p.period}\n${renderTable(header, rows)}`;
  });
  const note = lang === 'zh' ? '计划按日分解（星期、季节、活动阶段）；只计到最后一天的实际数据。' : 'plan as phased by day (weekday, season, promotion phases); counted up to the last day with actuals.';
  io.out([...blocks, note].join('\n\n'));
  return EXIT.ok;
}

