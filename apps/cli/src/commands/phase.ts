import { parseArgs } from 'node:util';
import { phasePlan, type PhaseGrain, type PhaseResult } from '@shopplan/engine';
import type { Lang, Plan } from '@shopplan/schema';
import { formatNumber, renderTable, totalLabel } from '../format.ts';
import { EXIT, resolveLang, UsageError, type CliIo } from '../io.ts';
import { printIssues, readPlanFile, onePlanPath } from '../plan-file.ts';

/** The `--json` shape of `shopplan phase`: a public interface, keep it exactly as named in issue 11. */
export function phaseJson(result: PhaseResult): unknown {
  return {
    periods: result.periods.map((p) => ({
      start: p.start,
      end: p.end,
      gmv: p.gmv,
      spend: p.spend,
      visitors: p.visitors,
      phase: p.phase ? { activity: p.phase.activity, kind: p.phase.kind } : null,
      channels: p.channels.map((c) => ({ id: c.id, gmv: c.gmv, spend: c.spend, visitors: c.visitors })),
    })),
    total: { gmv: result.total.gmv, spend: result.total.spend },
  };
}

const PHASE_NAMES: Record<string, Record<Lang, string>> = {
  warmUp: { zh: '预热期', en: 'warm-up' },
  peak: { zh: '高峰期', en: 'peak' },
  tail: { zh: '尾期', en: 'tail' },
  encore: { zh: '返场期', en: 'encore' },
};

/** The phased plan as a table: one line per day or week, the channels' spend beside the totals. */
export function phaseTable(plan: Plan, result: PhaseResult, by: PhaseGrain, lang: Lang): string {
  const zh = lang === 'zh';
  const names = new Map((plan.activities ?? []).map((a) => [a.id, a.name[lang]]));
  const header = [
    zh ? (by === 'day' ? '日期' : '周') : by === 'day' ? 'day' : 'week',
    zh ? '活动 · 阶段' : 'activity · phase',
    zh ? '成交额' : 'GMV',
    zh ? '花费' : 'spend',
    zh ? '访客数' : 'visitors',
    ...plan.channels.map((c) => `${c.name[lang]}${zh ? ' 花费' : ' spend'}`),
  ];
  const rows = result.periods.map((p) => [
    by === 'day' ? p.start : `${p.start} – ${p.end}`,
    p.phase ? `${names.get(p.phase.activity) ?? p.phase.activity} · ${PHASE_NAMES[p.phase.kind]?.[lang] ?? p.phase.kind}` : '',
    formatNumber(p.gmv, 2),
    formatNumber(p.spend, 2),
    formatNumber(p.visitors, 0),
    ...p.channels.map((c) => formatNumber(c.spend, 2)),
  ]);
  rows.push([totalLabel(lang), '', formatNumber(result.total.gmv, 2), formatNumber(result.total.spend, 2), '', ...plan.channels.map(() => '')]);
  const what = result.measure === 'gmv'
    ? (zh ? '按日权重拆分成交目标（整分），每天按当日阶段费率倒推花费' : 'GMV target split by day weight (whole fen), each day back-calculated with its own phase rates')
    : (zh ? '按日权重拆分花费（整分），每天按当日阶段费率计算成交额' : 'spend split by day weight (whole fen), each day buying at its own phase rates');
  const title = `${plan.name[lang]} · ${plan.shop} · ${plan.period.start} – ${plan.period.end}\n${what}`;
  return `${title}\n\n${renderTable(header, rows)}`;
}

/** `shopplan phase PLAN --by day|week [--json] [--lang zh|en]` */
export function phase(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { by: { type: 'string', default: 'day' }, json: { type: 'boolean', default: false }, lang: { type: 'string' } },
  });
  const lang = resolveLang(values.lang, io.env);
  const by = values.by;
  if (by !== 'day' && by !== 'week') throw new UsageError(`--by must be day or week, not "${by}"`);
  onePlanPath(positionals);
  const read = readPlanFile(positionals[0], io);
  if (!read.ok) {
    printIssues(read.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const outcome = phasePlan(read.plan, { by });
  if (!outcome.ok) {
    printIssues(outcome.issues, lang, io);
    return EXIT.invalidPlan;
  }
  io.out(values.json ? JSON.stringify(phaseJson(outcome.result), null, 2) : phaseTable(read.plan, outcome.result, by, lang));
  return EXIT.ok;
}
