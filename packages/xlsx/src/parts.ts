import { columnLetter, computePlan, type CellSpec, type ColumnSpec, type PlanResult } from '@shopplan/engine';
import type { LocalizedText } from '@shopplan/schema';
import type { PartContext, WorkbookSheet } from './types.ts';

/**
 * A further part of the plan that gets its own sheet when the plan has it.
 * Extension point: the risk summary (and any later part) is one more function
 * in `PLAN_PARTS`; it returns no sheet when the plan or session lacks the part,
 * and skips a sheet the engine's spec already carries.
 */
export type PlanPart = (context: PartContext) => WorkbookSheet[];

const cell = (content: CellSpec['content'], format: CellSpec['format']): CellSpec => ({ content, format });

interface ScenarioMetric {
  label: LocalizedText;
  format: CellSpec['format'];
  read: (r: PlanResult) => number | null;
}

/**
 * Scenarios side by side: every scenario of the session computed by its own
 * model (values), and each one's difference from the baseline (formulas).
 */
export const scenariosPart: PlanPart = ({ session, lang }) => {
  if (!session || session.scenarios.length === 0) return [];
  const ordered = [...session.scenarios].sort((a, b) => Number(b.id === session.baselineScenarioId) - Number(a.id === session.baselineScenarioId));
  const computed = ordered.map((s) => ({ scenario: s, outcome: computePlan(s.plan) }));
  const channelIds = [...new Set(computed.flatMap((c) => (c.outcome.ok ? c.outcome.result.channels.map((ch) => ch.id) : [])))];
  const metrics: ScenarioMetric[] = [
    { label: { zh: '成交额', en: 'GMV' }, format: 'money', read: (r) => r.total.gmv },
    { label: { zh: '花费', en: 'Spend' }, format: 'money', read: (r) => r.total.spend },
    { label: { zh: '投产比', en: 'ROI' }, format: 'ratio', read: (r) => r.total.roi },
    { label: { zh: '访客数', en: 'Visitors' }, format: 'count', read: (r) => r.total.visitors },
    { label: { zh: '订单数', en: 'Orders' }, format: 'count', read: (r) => r.total.orders },
    ...channelIds.map((id): ScenarioMetric => ({ label: { zh: `${id} 花费`, en: `${id} spend` }, format: 'money', read: (r) => r.channels.find((c) => c.id === id)?.spend ?? null })),
  ];
  const values = metrics.map((m) => computed.map((c) => (c.outcome.ok ? m.read(c.outcome.result) : null)));
  const n = computed.length;
  const rows = metrics.map((m, i): CellSpec[] => {
    const r = i + 2;
    const own = values[i]?.map((v) => cell(v, m.format)) ?? [];
    // differences only where both figures exist: never a formula over an empty cell
    const deltas = computed.slice(1).map((_, j) => {
      const col = columnLetter(2 + j);
      const have = values[i]?.[0] !== null && values[i]?.[j + 1] !== null;
      return cell(have ? `=${col}${r}-$B${r}` : null, m.format);
    });
    return [cell(m.label[lang], 'text'), ...own, ...deltas];
  });
  const columns: ColumnSpec[] = [
    { key: 'metric', header: { zh: '指标', en: 'Metric' }, format: 'text', width: 22 },
    ...computed.map((c): ColumnSpec => ({ key: c.scenario.id, header: c.scenario.name, format: 'money', width: 18 })),
    ...computed.slice(1).map((c): ColumnSpec => ({ key: `delta_${c.scenario.id}`, header: { zh: `${c.scenario.name.zh} − 基准`, en: `${c.scenario.name.en} − baseline` }, format: 'money', width: 18 })),
  ];
  return [{
    name: 'Scenarios',
    title: { zh: '方案对比', en: 'Scenarios' },
    columns,
    rows,
    frozen: { rows: 1, columns: 1 },
    cached: (col, row) => {
      const v = values[row - 1];
      if (!v || col < 1 + n) return null;
      const a = v[0];
      const b = v[col - n];
      return a === null || a === undefined || b === null || b === undefined ? null : b - a;
    },
    alerts: [],
  }];
};

/**
 * The risk summary of a Monte Carlo run (`simulateRisk`): percentiles, the
 * chance of reaching the target, the tornado (with each driver's swing as a
 * formula) and the ranges drawn from. The draws themselves are not a
 * spreadsheet computation, so the figures are values.
 */
export const riskPart: PlanPart = ({ risk, lang }) => {
  if (!risk) return [];
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const rows: CellSpec[][] = [];
  const swing = new Map<number, number>(); // sheet row → cached swing
  const line = (label: string, values: Array<number | null>, format: CellSpec['format']) => rows.push([cell(label, 'text'), ...values.map((v) => cell(v, format))]);
  line(t('成交额 P10 / P50 / P90', 'GMV P10 / P50 / P90'), [risk.gmv.p10, risk.gmv.p50, risk.gmv.p90], 'money');
  line(t('花费 P10 / P50 / P90', 'Spend P10 / P50 / P90'), [risk.spend.p10, risk.spend.p50, risk.spend.p90], 'money');
  line(t('投产比 P10 / P50 / P90', 'ROI P10 / P50 / P90'), [risk.roi.p10, risk.roi.p50, risk.roi.p90], 'ratio');
  line(t('达成目标概率', 'Probability of reaching the target'), [risk.probabilityOfTarget], 'rate');
  line(t('基准：成交额 / 花费 / 投产比', 'Base: GMV / spend / ROI'), [risk.base.gmv, risk.base.spend, risk.base.roi], 'money');
  line(t('抽样次数 / 随机种子 / 失败次数', 'Draws / seed / failed draws'), [risk.draws, risk.seed, risk.failedDraws], 'count');
  rows.push([cell(t('敏感性（龙卷风图）：假设取低 / 高时的成交额与波动', 'Tornado: GMV at each driver\'s low / high, and the swing'), 'text')]);
  for (const item of risk.tornado) {
    const r = rows.length + 2;
    swing.set(r - 1, Math.abs(item.high - item.low));
    rows.push([cell(item.driver, 'text'), cell(item.low, 'money'), cell(item.high, 'money'), cell(`=ABS(C${r}-B${r})`, 'money')]);
  }
  rows.push([cell(t('抽样区间：低 / 基准 / 高 / 来源', 'Ranges drawn from: low / base / high / source'), 'text')]);
  for (const range of risk.ranges) rows.push([cell(range.driver, 'text'), cell(range.low, 'count'), cell(range.base, 'count'), cell(range.high, 'count'), cell(range.source, 'text')]);
  return [{
    name: 'Risk',
    title: { zh: '风险汇总', en: 'Risk summary' },
    columns: [
      { key: 'item', header: { zh: '项目', en: 'Item' }, format: 'text', width: 40 },
      { key: 'a', header: { zh: '低 / P10', en: 'Low / P10' }, format: 'money', width: 18 },
      { key: 'b', header: { zh: '高 / P50', en: 'High / P50' }, format: 'money', width: 18 },
      { key: 'c', header: { zh: '波动 / P90', en: 'Swing / P90' }, format: 'money', width: 18 },
      { key: 'd', header: { zh: '来源', en: 'Source' }, format: 'text', width: 12 },
    ],
    rows,
    frozen: { rows: 1, columns: 1 },
    cached: (col, row) => (col === 3 ? swing.get(row) ?? null : null),
    alerts: [],
  }];
};

/**
 * The further parts, in sheet order. The product calendar and daily phasing
 * (the Days and Calendar sheets) arrive through the engine's spec, so the
 * workbook, the CLI and the page share one phasing; a later part is one more
 * function here.
 */
export const PLAN_PARTS: readonly PlanPart[] = [scenariosPart, riskPart];
