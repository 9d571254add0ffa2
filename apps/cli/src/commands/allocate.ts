import { parseArgs } from 'node:util';
import { allocateBudget, type AllocationResult } from '@shopplan/engine';
import type { Lang, Plan } from '@shopplan/schema';
import { renderTable, totalLabel, formatNumber } from '../format.ts';
import { EXIT, resolveLang, UsageError, type CliIo } from '../io.ts';
import { printIssues, readPlanFile, onePlanPath } from '../plan-file.ts';
import { money, numberFlag, ratio, writePlanJson } from './question-args.ts';

/** The `--json` shape of `shopplan allocate`: a public interface, keep it as named. */
export function allocateJson(result: AllocationResult): unknown {
  return {
    channels: result.channels.map((c) => ({
      id: c.id, spend: c.spend, visitors: c.visitors, gmv: c.gmv, roi: c.roi, marginalRoi: c.marginalRoi, atBound: c.atBound,
    })),
    total: { spend: result.total.spend, gmv: result.total.gmv, roi: result.total.roi, profit: result.total.profit },
    // added fields (the ones above are the public shape): whether the claim below holds, and the shared value
    equalMarginalRoi: result.equalMarginalRoi,
    marginalRoi: result.marginalRoi,
  };
}

const HEADERS: Record<Lang, string[]> = {
  zh: ['渠道', '花费', '访客数', '成交额', '投产比', '边际投产比', '保本投产比', '毛利', '约束'],
  en: ['channel', 'spend', 'visitors', 'GMV', 'ROI', 'marginal ROI', 'breakeven ROI', 'profit', 'bound'],
};

const BOUND: Record<Lang, Record<string, string>> = {
  zh: { min: '最低', max: '最高', floor: '保本线' },
  en: { min: 'min', max: 'max', floor: 'floor' },
};

/** The allocation as a planner reads it: per channel, the total, and why (marginal ROI). */
export function allocationText(plan: Plan, result: AllocationResult, lang: Lang): string {
  const name = (id: string) => plan.channels.find((c) => c.id === id)?.name[lang] ?? id;
  const rows = result.channels.map((c) => [
    name(c.id), formatNumber(c.spend, 2), formatNumber(c.visitors, 2), formatNumber(c.gmv, 2), ratio(c.roi), ratio(c.marginalRoi), ratio(c.breakevenRoi),
    formatNumber(c.profit, 2), c.atBound ? BOUND[lang][c.atBound]! : '',
  ]);
  const t = result.total;
  rows.push([totalLabel(lang), formatNumber(t.spend, 2), '', formatNumber(t.gmv, 2), ratio(t.roi), '', '', formatNumber(t.profit, 2), '']);
  const zh = lang === 'zh';
  // the claim is printed only when it holds for the figures read back (an S-curve optimum may break it)
  const why = !result.equalMarginalRoi || result.marginalRoi === null ? '' : zh
    ? `\n未触及上下限的渠道边际投产比相等：${ratio(result.marginalRoi)}（每多投 1 元带来的成交额）`
    : `\nchannels not at a bound share one marginal ROI: ${ratio(result.marginalRoi)} (GMV the next yuan brings)`;
  const notes = result.notes.map((n) => `\n${zh ? '注意' : 'note'}: ${n.message[lang]}`).join('');
  const formula = result.channels.some((c) => c.breakevenRoi !== null)
    ? (zh ? '\n保本投产比 = 1 / (毛利率 × (1 − 退款率))；毛利 = 成交额 × 毛利率 × (1 − 退款率) − 花费（佣金已计入花费）'
      : '\nbreakeven ROI = 1 / (margin × (1 − refund rate)); profit = GMV × margin × (1 − refund rate) − spend (commission is part of spend)')
    : '';
  const title = `${zh ? '预算分配' : 'Budget allocation'} · ${plan.name[lang]} · ${zh ? '成交额含免费渠道' : 'GMV includes free channels'} ${money(t.gmv)}`;
  return `${title}\n\n${renderTable(HEADERS[lang], rows)}${why}${formula}${notes}`;
}

/**
 * `shopplan allocate PLAN (--target X | --budget B) [--breakeven-floor] [--min-roi R] [--json] [-o allocated.json] [--lang zh|en]`:
 * the least spend that reaches a target, or the most GMV for a budget, over
 * the paid channels within their spend bounds.
 */
export function allocate(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      budget: { type: 'string' },
      'breakeven-floor': { type: 'boolean' },
      'min-roi': { type: 'string' },
      json: { type: 'boolean', default: false },
      output: { type: 'string', short: 'o' },
      lang: { type: 'string' },
    },
  });
  const lang = resolveLang(values.lang, io.env);
  const target = numberFlag('--target', values.target);
  const budget = numberFlag('--budget', values.budget);
  const minTotalRoi = numberFlag('--min-roi', values['min-roi']);
  if ((target === undefined) === (budget === undefined)) throw new UsageError('give exactly one of --target X or --budget B');
  const read = readPlanFile(onePlanPath(positionals), io);
  if (!read.ok) {
    printIssues(read.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const outcome = allocateBudget(read.plan, target !== undefined ? { target } : { budget: budget! }, {
    ...(values['breakeven-floor'] !== undefined ? { breakevenFloor: values['breakeven-floor'] } : {}),
    ...(minTotalRoi !== undefined ? { minTotalRoi } : {}),
  });
  if (!outcome.ok) {
    printIssues(outcome.issues, lang, io);
    return EXIT.invalidPlan;
  }
  io.out(values.json ? JSON.stringify(allocateJson(outcome.result), null, 2) : allocationText(read.plan, outcome.result, lang));
  if (values.output) writePlanJson(values.output, outcome.result.plan, values.json ? { ...io, out: io.err } : io, lang);
  return EXIT.ok;
}
