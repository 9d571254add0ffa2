import { parseArgs } from 'node:util';
import { applyCalibration, calibrateHistory, computePlan, spendBeyondHistory, type ChannelCalibration } from '@shopplan/engine';
import { UsageError, EXIT, resolveLang, type CliIo } from '../io.ts';
import { printIssues, readPlanFile } from '../plan-file.ts';
import { renderTable } from '../format.ts';
import { isoDateFlag, parseMapping, printHistoryIssues, readHistoryFile } from './history-file.ts';
import { money, percent, writePlanJson } from './question-args.ts';

/**
 * The `--json` shape of `shopplan calibrate`: a public interface, exactly as
 * issue 14 names it (null where a figure does not apply).
 */
export function calibrateJson(channels: readonly ChannelCalibration[]): unknown {
  return {
    channels: channels.map((c) => ({
      id: c.id,
      days: c.days,
      rows: c.rows,
      cvr: c.cvr,
      aov: c.aov,
      cpc: c.cpc,
      cpm: c.cpm,
      ctr: c.ctr,
      addToCartRate: c.addToCartRate,
      confidence: c.confidence,
      curve: c.curve
        ? { beta: c.curve.beta, alpha: c.curve.alpha, kappa: c.curve.kappa, r2: c.curve.r2, mape: c.curve.mape, nrmse: c.curve.nrmse, spendMin: c.curve.spendMin, spendMax: c.curve.spendMax }
        : null,
      excludedDays: c.excludedDays,
    })),
  };
}

const NOTE = {
  zh: { flat_spend: '花费变化不足，保持线性', too_few_days: '数据不足 30 天，保持线性', not_spend_bought: '' },
  en: { flat_spend: 'spend too flat: kept linear', too_few_days: 'under 30 days: kept linear', not_spend_bought: '' },
} as const;

const CONFIDENCE = { zh: { untested: '未测试', medium: '中', high: '高' }, en: { untested: 'untested', medium: 'medium', high: 'high' } } as const;

/** `shopplan calibrate HISTORY --plan PLAN [--from D --to D] [--json] [-o plan.json] [--map LABEL=ID] [--lang zh|en]` */
export async function calibrate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      plan: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean', default: false },
      output: { type: 'string', short: 'o' },
      map: { type: 'string', multiple: true },
      lang: { type: 'string' },
    },
  });
  const lang = resolveLang(values.lang, io.env);
  if (positionals.length > 1) throw new UsageError(`one history file, not ${positionals.length}`);
  if (!values.plan) throw new UsageError('--plan PLAN is required');
  const from = isoDateFlag('--from', values.from);
  const to = isoDateFlag('--to', values.to);
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const mapping = parseMapping(values.map);
  const read = readPlanFile(values.plan, io);
  if (!read.ok) {
    printIssues(read.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const plan = read.plan;
  const imported = await readHistoryFile(positionals[0], io, { channels: plan.channels, mapping });
  if (!imported.ok) {
    printHistoryIssues(imported.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const channels = calibrateHistory(plan, imported.history, { from, to });
  if (values.json) io.out(JSON.stringify(calibrateJson(channels), null, 2));
  else {
    const header = lang === 'zh'
      ? ['渠道', '天数', '行数', '转化率', '客单价', 'CPC', 'CPM', 'CTR', '加购率', '可信度', '排除天数', '响应曲线']
      : ['channel', 'days', 'rows', 'CVR', 'AOV', 'CPC', 'CPM', 'CTR', 'add-to-cart', 'confidence', 'excluded', 'curve'];
    const rows = channels.map((c) => [
      c.id, String(c.days), String(c.rows), percent(c.cvr), money(c.aov), money(c.cpc), money(c.cpm), percent(c.ctr), percent(c.addToCartRate),
      CONFIDENCE[lang][c.confidence], String(c.excludedDays),
      c.curve
        ? `β ${Math.round(c.curve.beta)} α ${c.curve.alpha.toFixed(2)} κ ${money(c.curve.kappa)} R² ${c.curve.r2.toFixed(3)} MAPE ${percent(c.curve.mape, 1)} (${money(c.curve.spendMin)}–${money(c.curve.spendMax)})`
        : c.curveNote ? NOTE[lang][c.curveNote] : '',
    ]);
    io.out(`${imported.header.columns.filter((c) => c.field === null).map((c) => (lang === 'zh' ? `忽略的列：${c.header}` : `ignored column: ${c.header}`)).join('\n')}`.trim());
    io.out(renderTable(header, rows));
  }
  if (values.output) {
    const period = { start: from && from > imported.period.start ? from : imported.period.start, end: to && to < imported.period.end ? to : imported.period.end };
    const next = applyCalibration(plan, channels, { file: positionals[0]!, period });
    writePlanJson(values.output, next, values.json ? { ...io, out: io.err } : io, lang);
    // A fitted curve only describes the spend it saw: say where the plan goes beyond it.
    const computed = computePlan(next);
    if (computed.ok) for (const w of spendBeyondHistory(computed.plan, computed.result.channels)) io.err(`${lang === 'zh' ? '提示' : 'warning'}: ${w.message[lang]}`);
  }
  return EXIT.ok;
}

