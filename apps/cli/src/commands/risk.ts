import { parseArgs } from 'node:util';
import { MAX_RISK_DRAWS, simulateRisk, type RiskResult } from '@shopplan/engine';
import { FIELD_LABELS, type Lang, type Plan } from '@shopplan/schema';
import { formatNumber, renderTable } from '../format.ts';
import { EXIT, resolveLang, UsageError, type CliIo } from '../io.ts';
import { printIssues, readPlanFile, onePlanPath } from '../plan-file.ts';
import { numberFlag, percent, ratio } from './question-args.ts';

/** The `--json` shape of `shopplan risk`: a public interface, keep it as named. */
export function riskJson(result: RiskResult): unknown {
  return {
    draws: result.draws,
    seed: result.seed,
    gmv: result.gmv,
    spend: result.spend,
    roi: result.roi,
    probabilityOfTarget: result.probabilityOfTarget,
    tornado: result.tornado.map((t) => ({ driver: t.driver, low: t.low, high: t.high })),
    // draws the model could not compute, left out of the percentiles (0 when all computed)
    failedDraws: result.failedDraws,
  };
}

/** The risk report as a planner reads it: percentiles, the chance of the target, the tornado. */
export function riskText(plan: Plan, result: RiskResult, lang: Lang): string {
  const zh = lang === 'zh';
  const label = (driver: string) => {
    const [, id, field] = driver.split('.');
    const ch = plan.channels.find((c) => c.id === id);
    const f = FIELD_LABELS[field ?? ''];
    return `${ch?.name[lang] ?? id} · ${f ? f[lang] : field}`;
  };
  const money = (x: number) => formatNumber(x, 2);
  const pct = [
    [zh ? '成交额' : 'GMV', money(result.gmv.p10), money(result.gmv.p50), money(result.gmv.p90), money(result.base.gmv)],
    [zh ? '花费' : 'spend', money(result.spend.p10), money(result.spend.p50), money(result.spend.p90), money(result.base.spend)],
    [zh ? '投产比' : 'ROI', ratio(result.roi.p10), ratio(result.roi.p50), ratio(result.roi.p90), ratio(result.base.roi)],
  ];
  const tornado = result.tornado.map((t) => [label(t.driver), t.driver, money(t.low), money(t.high), money(Math.abs(t.high - t.low))]);
  const lines = [
    `${zh ? '风险模拟' : 'Risk'} · ${plan.name[lang]} · ${zh ? `${result.draws} 次抽样，种子 ${result.seed}` : `${result.draws} draws, seed ${result.seed}`}`,
    '',
    renderTable(['', 'P10', 'P50', 'P90', zh ? '基准' : 'base'], pct),
    '',
    result.probabilityOfTarget === null
      ? (zh ? '计划没有目标成交额，无法给出达成概率' : 'the plan has no target GMV, so there is no probability of reaching it')
      : (zh ? `达成目标的概率：${percent(result.probabilityOfTarget, 1)}` : `probability of reaching the target: ${percent(result.probabilityOfTarget, 1)}`),
    '',
    zh ? '龙卷风图（单个假设取低值/高值时的成交额，影响最大的在前）：' : 'tornado (GMV with one assumption at its low / high, biggest swing first):',
    renderTable(zh ? ['假设', '路径', '低值时', '高值时', '差额'] : ['assumption', 'path', 'at low', 'at high', 'swing'], tornado),
  ];
  if (result.failedDraws > 0) lines.push('', zh ? `${result.failedDraws} 次抽样无法计算，未计入` : `${result.failedDraws} draws could not be computed and were left out`);
  return lines.join('\n');
}

/**
 * Progress of the draws as a status line, at most once per whole percent
 * (10,000 draws would otherwise mean 100 redraws for nothing).
 */
function progressReporter(show: (text: string) => void, lang: Lang): (done: number, total: number) => void {
  let shownPercent = -1;
  return (done, total) => {
    const percent = Math.floor((done / total) * 100);
    if (percent === shownPercent) return;
    shownPercent = percent;
    const n = (x: number) => x.toLocaleString('en-US');
    show(lang === 'zh' ? `抽样 ${n(done)} / ${n(total)}（${percent}%）` : `draws ${n(done)} / ${n(total)} (${percent}%)`);
  };
}

/** `shopplan risk PLAN [--draws N] [--seed S] [--target X] [--json] [--lang zh|en]`: seeded Monte Carlo over low / base / high. */
export function risk(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      draws: { type: 'string' },
      seed: { type: 'string' },
      target: { type: 'string' },
      json: { type: 'boolean', default: false },
      lang: { type: 'string' },
    },
  });
  const lang = resolveLang(values.lang, io.env);
  const draws = numberFlag('--draws', values.draws, { integer: true });
  if (draws !== undefined && (draws < 1 || draws > MAX_RISK_DRAWS)) {
    throw new UsageError(`--draws must be from 1 to ${MAX_RISK_DRAWS.toLocaleString('en-US')}, not ${values.draws}`);
  }
  const seed = numberFlag('--seed', values.seed, { integer: true });
  const target = numberFlag('--target', values.target);
  const read = readPlanFile(onePlanPath(positionals), io);
  if (!read.ok) {
    printIssues(read.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const outcome = simulateRisk(read.plan, {
    ...(draws !== undefined ? { draws } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(target !== undefined ? { target } : {}),
    ...(io.progress ? { onProgress: progressReporter(io.progress, lang) } : {}),
  });
  if (!outcome.ok) {
    printIssues(outcome.issues, lang, io);
    return EXIT.invalidPlan;
  }
  io.out(values.json ? JSON.stringify(riskJson(outcome.result), null, 2) : riskText(read.plan, outcome.result, lang));
  return EXIT.ok;
}
