import type { EChartsCoreOption } from 'echarts/core';
import { formatNumber, type NumberLang } from '../number/index.ts';
import { funnelStages, type FunnelData } from './funnel.ts';
import { defaultMaxSpend, marginalResponse, responseAt, sampleResponse, type ResponseCurveSpec } from './response.ts';
import { html, htmlLines } from './markup.ts';
import { finiteSorted, histogram, quantile, shareAtLeast, type HistogramBin } from './stats.ts';

function isDrawList(input: RiskInput): input is readonly number[] {
  return Array.isArray(input);
}

/** The palette shared by every chart, so a channel or scenario keeps its colour. */
export const CHART_COLORS = ['#2f6fed', '#f08c00', '#2b9a66', '#c2255c', '#7048e8', '#0c8599', '#e8590c', '#5c940d'];

const TEXT = '#3c4350';
const AXIS = '#c9ced6';
/** Axis ticks: short figures, and a bare 0 rather than ¥0.00. */
function axisFigure(v: number, unit: 'money' | 'count', lang: NumberLang): string {
  if (v === 0) return unit === 'money' ? '¥0' : '0';
  return formatNumber(v, unit, lang, { compact: 'short' });
}

const font = { fontFamily: 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' };

/**
 * Tooltips are HTML and every name in them comes from a plan file: they are
 * written with `html` (markup.ts), which escapes whatever is interpolated,
 * and always as functions (an ECharts template string would also expand
 * `{a}`/`{b}` found inside a name).
 */

/**
 * The channel funnel: one funnel per entry, side by side, impressions →
 * clicks → visitors → add-to-cart → orders. Widths follow the logarithm of
 * each stage (orders are a thousandth of impressions: on a linear scale the
 * lower stages would vanish); labels carry the real figures and step rates.
 */
export function channelFunnelOption(funnels: readonly FunnelData[], lang: NumberLang): EChartsCoreOption {
  // Up to four funnels side by side; more wrap onto further rows so each stays readable.
  const perRow = Math.min(4, Math.max(1, funnels.length));
  const rowsOf = Math.max(1, Math.ceil(funnels.length / perRow));
  const slot = 100 / perRow;
  const band = 100 / rowsOf;
  const place = (i: number) => ({ col: i % perRow, row: Math.floor(i / perRow) });
  const series = funnels.map((f, i) => {
    const { col, row } = place(i);
    const stages = funnelStages(f);
    const logs = stages.map((s) => Math.log10(s.value + 1));
    const lo = Math.min(...logs, Infinity);
    const hi = Math.max(...logs, -Infinity);
    return {
      type: 'funnel',
      name: f.label,
      sort: 'none',
      left: `${col * slot + slot * 0.06}%`,
      width: `${slot * 0.88}%`,
      top: `${row * band + band * (rowsOf === 1 ? 0.17 : 0.2)}%`,
      height: `${band * (rowsOf === 1 ? 0.8 : 0.76)}%`,
      min: lo === hi ? 0 : lo - (hi - lo) * 0.35,
      max: hi,
      minSize: '36%',
      gap: 2,
      label: { show: true, position: 'inside', color: '#fff', fontSize: 11, lineHeight: 15, textBorderColor: 'rgba(0,0,0,0.25)', textBorderWidth: 2 },
      labelLine: { show: false },
      itemStyle: { borderColor: '#fff', borderWidth: 1 },
      color: stages.map((_, k) => shade(CHART_COLORS[i % CHART_COLORS.length]!, k / Math.max(1, stages.length))),
      data: stages.map((s, k) => {
        // clicks → visitors is 100% for bought clicks (a click is a visit): no need to say so.
        const rate = s.perVisitor ?? (s.key === 'visitors' && s.stepRate !== null && Math.abs(s.stepRate - 1) < 1e-9 ? null : s.stepRate);
        const rateText = rate === null ? '' : ` · ${s.stepRateName[lang]} ${formatNumber(rate, 'rate', lang)}`;
        return {
          name: `${s.name[lang]} ${formatNumber(s.value, 'count', lang, { compact: 'short' })}`,
          value: logs[k],
          tooltipText: html`${f.label} · ${s.name[lang]}: ${formatNumber(s.value, 'count', lang, { compact: false })}${rateText}`.value,
          label: { formatter: `${s.name[lang]} ${formatNumber(s.value, 'count', lang, { compact: 'short' })}${rate === null ? '' : `\n${formatNumber(rate, 'rate', lang)}`}` },
        };
      }),
    };
  });
  return {
    textStyle: font,
    color: CHART_COLORS,
    title: funnels.map((f, i) => ({ text: f.label, left: `${place(i).col * slot + slot / 2}%`, top: `${place(i).row * band + 1.5}%`, textAlign: 'center', textStyle: { fontSize: 13, color: TEXT, fontWeight: 600 } })),
    tooltip: { trigger: 'item', formatter: (p: { data?: { tooltipText?: string } }) => p.data?.tooltipText ?? '' },
    series,
  };
}

/** A lighter tone of a colour for lower funnel stages. */
function shade(hex: string, t: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * t * 0.35);
  const r = mix((n >> 16) & 255);
  const g = mix((n >> 8) & 255);
  const b = mix(n & 255);
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0')}`;
}

/** One channel's curve and the spend the plan chose for it. */
export interface ResponseCurveSeries {
  id: string;
  label: string;
  curve: ResponseCurveSpec;
  chosenSpend: number;
  /** Multiplies the response, e.g. visitor value (CVR × AOV) to draw GMV instead of visitors. */
  valuePerResponse?: number;
}

/**
 * Spend → response curves with each chosen point marked and labelled with
 * its spend, response and marginal return; for GMV a dashed break-even line
 * (ROI = 1) shows where extra spend stops paying for itself.
 */
export function responseCurveOption(curves: readonly ResponseCurveSeries[], yUnit: 'count' | 'money', lang: NumberLang, maxSpend?: number): EChartsCoreOption {
  const top = maxSpend !== undefined && maxSpend > 0 ? maxSpend : defaultMaxSpend(curves.map((c) => c.curve), curves.map((c) => c.chosenSpend));
  const money = (v: number) => formatNumber(v, 'money', lang, { compact: 'short' });
  const y = (v: number) => formatNumber(v, yUnit, lang, { compact: 'short' });
  const series: unknown[] = [];
  const notes: Array<{ text: string; color: string }> = [];
  let yTop = 0;
  curves.forEach((c, i) => {
    const k = c.valuePerResponse !== undefined && Number.isFinite(c.valuePerResponse) ? c.valuePerResponse : 1;
    const color = CHART_COLORS[i % CHART_COLORS.length];
    const chosenY = responseAt(c.curve, c.chosenSpend) * k;
    const marginal = marginalResponse(c.curve, c.chosenSpend) * k;
    const marginalText = yUnit === 'money'
      ? (lang === 'zh' ? `边际ROI ${formatNumber(marginal, 'ratio', lang)}` : `marginal ROI ${formatNumber(marginal, 'ratio', lang)}`)
      : (lang === 'zh' ? `每元边际 ${formatNumber(marginal, 'count', lang)}` : `${formatNumber(marginal, 'count', lang)} per extra ¥`);
    notes.push({ text: `● ${c.label}: ${money(c.chosenSpend)} → ${y(chosenY)} · ${marginalText}`, color: color ?? TEXT });
    if (Number.isFinite(chosenY)) yTop = Math.max(yTop, chosenY * 2);
    if (c.curve.kind === 'hill') yTop = Math.max(yTop, responseAt(c.curve, top) * k * 1.1);
    series.push({
      type: 'line',
      name: c.label,
      showSymbol: false,
      smooth: false,
      color,
      lineStyle: { width: 2 },
      data: sampleResponse(c.curve, top).map(([s, r]) => [s, r * k]),
    });
    series.push({
      type: 'scatter',
      name: c.label,
      color,
      symbolSize: 11,
      z: 5,
      data: Number.isFinite(c.chosenSpend) && c.chosenSpend >= 0 ? [[c.chosenSpend, chosenY]] : [],
      tooltip: { formatter: () => htmlLines([html`${c.label}`, html`${lang === 'zh' ? '计划花费' : 'planned spend'} ${money(c.chosenSpend)} → ${y(chosenY)}`, html`${marginalText}`]).value },
    });
  });
  if (yUnit === 'money') {
    series.push({
      type: 'line',
      name: lang === 'zh' ? '盈亏平衡 (ROI=1)' : 'break-even (ROI = 1)',
      showSymbol: false,
      color: '#adb5bd',
      lineStyle: { type: 'dashed', width: 1 },
      data: [[0, 0], [top, top]],
      tooltip: { show: false },
    });
  }
  return {
    textStyle: font,
    color: CHART_COLORS,
    legend: { top: 4, textStyle: { color: TEXT } },
    grid: { left: 16, right: 24, top: 58 + 17 * notes.length, bottom: 36, containLabel: true },
    tooltip: { trigger: 'item' },
    // The chosen points are stated in lines between the legend and the plot: labels at the points would collide.
    graphic: [
      {
        type: 'group',
        left: 16,
        top: 30,
        children: notes.map((n, i) => ({ type: 'text', top: i * 17, style: { text: n.text, fill: n.color, font: `12px ${font.fontFamily}` } })),
      },
    ],
    xAxis: {
      type: 'value',
      name: lang === 'zh' ? '花费' : 'spend',
      nameLocation: 'middle',
      nameGap: 26,
      min: 0,
      max: top,
      axisLabel: { formatter: (v: number) => axisFigure(v, 'money', lang), color: TEXT },
      axisLine: { lineStyle: { color: AXIS } },
    },
    // The chosen points and the bends of the saturating curves set the height; a straight line runs off the top.
    yAxis: {
      type: 'value',
      name: yUnit === 'money' ? (lang === 'zh' ? '成交额' : 'GMV') : lang === 'zh' ? '访客数' : 'visitors',
      min: 0,
      max: yTop > 0 ? niceCeil(yTop) : undefined,
      axisLabel: { formatter: (v: number) => axisFigure(v, yUnit, lang), color: TEXT },
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    series,
  };
}

/** One scenario's headline figures. */
export interface ScenarioFigures {
  id: string;
  name: string;
  gmv: number | null;
  spend: number | null;
  /** GMV / spend; computed from the two when absent. */
  roi?: number | null;
}

/** A difference from the baseline, absolute and relative; null where it does not apply. */
export function scenarioDifference(value: number | null, base: number | null): { abs: number | null; rel: number | null } {
  if (value === null || base === null || !Number.isFinite(value) || !Number.isFinite(base)) return { abs: null, rel: null };
  return { abs: value - base, rel: base !== 0 ? (value - base) / Math.abs(base) : null };
}

function roiOf(s: ScenarioFigures): number | null {
  if (s.roi !== undefined && s.roi !== null && Number.isFinite(s.roi)) return s.roi;
  return s.gmv !== null && s.spend !== null && s.spend > 0 ? s.gmv / s.spend : null;
}

/**
 * Scenarios side by side: GMV and spend as bars (¥, left axis), ROI as a
 * line (right axis); labels on the other scenarios give the difference from
 * the baseline in %, the tooltip in ¥ and %.
 */
export function scenarioComparisonOption(scenarios: readonly ScenarioFigures[], lang: NumberLang, baselineId?: string): EChartsCoreOption {
  const base = scenarios.find((s) => s.id === baselineId) ?? scenarios[0];
  const names = scenarios.map((s) => s.name);
  const metric = (pick: (s: ScenarioFigures) => number | null, unit: 'money' | 'ratio') =>
    scenarios.map((s) => {
      const v = pick(s);
      const d = base && s !== base ? scenarioDifference(v, pick(base)) : { abs: null, rel: null };
      const diff = d.rel === null ? '' : ` (${formatNumber(d.rel, 'rate', lang, { signed: true, decimals: 1 })})`;
      return {
        value: v === null || !Number.isFinite(v) ? null : v,
        label: { formatter: `${formatNumber(v, unit, lang, { compact: 'short' })}${diff}` },
        diffText: d.abs === null ? '' : `${formatNumber(d.abs, unit, lang, { signed: true, compact: 'short' })}${diff}`,
      };
    });
  const gmvLabel = lang === 'zh' ? '成交额' : 'GMV';
  const spendLabel = lang === 'zh' ? '花费' : 'Spend';
  const roiLabel = lang === 'zh' ? 'ROI 投产比' : 'ROI';
  const rows = { gmv: metric((s) => s.gmv, 'money'), spend: metric((s) => s.spend, 'money'), roi: metric(roiOf, 'ratio') };
  const moneyValues = [...rows.gmv, ...rows.spend].map((r) => r.value ?? 0);
  const roiValues = rows.roi.map((r) => r.value ?? 0);
  const moneyTop = niceCeil(Math.max(1, ...moneyValues) * 1.7);
  const roiTop = niceCeil(Math.max(0.1, ...roiValues) * 1.12);
  const vsBase = lang === 'zh' ? `对比 ${base?.name ?? ''}` : `vs ${base?.name ?? ''}`;
  return {
    textStyle: font,
    color: CHART_COLORS.slice(0, 3),
    legend: { top: 4, textStyle: { color: TEXT } },
    grid: { left: 16, right: 16, top: 44, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: Array<{ dataIndex: number }>) => {
        const i = ps[0]?.dataIndex ?? 0;
        const s = scenarios[i];
        if (!s) return '';
        const line = (label: string, v: number | null, unit: 'money' | 'ratio', diff: string) =>
          html`${label}: ${formatNumber(v, unit, lang, { compact: false })}${diff && s !== base ? html` <span style="color:#868e96">${vsBase} ${diff}</span>` : ''}`;
        return htmlLines([
          html`<b>${s.name}</b>`,
          line(gmvLabel, s.gmv, 'money', rows.gmv[i]?.diffText ?? ''),
          line(spendLabel, s.spend, 'money', rows.spend[i]?.diffText ?? ''),
          line(roiLabel, roiOf(s), 'ratio', rows.roi[i]?.diffText ?? ''),
        ]).value;
      },
    },
    xAxis: { type: 'category', data: names, axisLabel: { color: TEXT, fontSize: 13, interval: 0, hideOverlap: false, width: 110, overflow: 'truncate' }, axisLine: { lineStyle: { color: AXIS } } },
    yAxis: [
      // Bars use the lower part of the chart and the ROI line the upper part, so their labels never collide.
      { type: 'value', min: 0, max: moneyTop, axisLabel: { formatter: (v: number) => axisFigure(v, 'money', lang), color: TEXT }, splitLine: { lineStyle: { color: '#eef0f3' } } },
      { type: 'value', min: 0, max: roiTop, name: 'ROI', axisLabel: { formatter: (v: number) => formatNumber(v, 'ratio', lang, { decimals: 1 }), color: TEXT }, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: gmvLabel, barMaxWidth: 48, label: { show: true, position: 'top', fontSize: 11, color: TEXT }, labelLayout: { hideOverlap: true }, data: rows.gmv.map(({ value, label }) => ({ value, label })) },
      { type: 'bar', name: spendLabel, barMaxWidth: 48, label: { show: true, position: 'top', fontSize: 11, color: TEXT }, labelLayout: { hideOverlap: true }, data: rows.spend.map(({ value, label }) => ({ value, label })) },
      { type: 'line', name: roiLabel, yAxisIndex: 1, symbolSize: 8, label: { show: true, position: 'top', fontSize: 11, color: CHART_COLORS[2] }, labelLayout: { hideOverlap: true }, data: rows.roi.map(({ value, label }) => ({ value, label })) },
    ],
  };
}

/** A tidy axis end at or above a value (1, 2, 2.5, 5 × 10ⁿ). */
function niceCeil(v: number): number {
  const magnitude = Math.pow(10, Math.floor(Math.log10(v)));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * magnitude >= v) return step * magnitude;
  return 10 * magnitude;
}

/** The figures the risk chart states, also used as its accessible summary. */
export interface RiskSummary {
  p10: number | null;
  p50: number | null;
  p90: number | null;
  /** Share of draws at or above the target, or null without a target. */
  chance: number | null;
  draws: number;
  dropped: number;
}

/**
 * A risk result computed elsewhere (the engine's simulation in the worker),
 * for when the draws themselves are not at hand: the histogram and the
 * figures to mark on it.
 */
export interface PrecomputedRisk {
  histogram: HistogramBin[];
  percentiles: { p10: number; p50: number; p90: number };
  /** Share of draws reaching the target, if there is one. */
  chance?: number | null;
  draws: number;
  /** Draws that could not be computed and were left out. */
  dropped?: number;
}

/** What the risk chart draws from: the simulated GMV values, or a precomputed summary. */
export type RiskInput = readonly number[] | PrecomputedRisk;

/** P10/P50/P90, the chance of making the target and how many draws counted. */
export function riskSummary(input: RiskInput, target?: number): RiskSummary {
  if (!isDrawList(input)) {
    const finite = (v: number) => (Number.isFinite(v) ? v : null);
    const chance = input.chance === undefined || input.chance === null || !Number.isFinite(input.chance) ? null : input.chance;
    return { p10: finite(input.percentiles.p10), p50: finite(input.percentiles.p50), p90: finite(input.percentiles.p90), chance: target === undefined ? null : chance, draws: input.draws, dropped: input.dropped ?? 0 };
  }
  const { sorted, dropped } = finiteSorted(input);
  return {
    p10: quantile(sorted, 0.1),
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    chance: target === undefined ? null : shareAtLeast(sorted, target),
    draws: sorted.length,
    dropped,
  };
}

/** The risk summary as one sentence in the interface language. */
export function describeRisk(s: RiskSummary, lang: NumberLang, target?: number): string {
  const m = (v: number | null) => formatNumber(v, 'money', lang, { compact: 'short' });
  const chance = s.chance === null ? '' : lang === 'zh' ? `；达成目标 ${m(target ?? null)} 的概率 ${formatNumber(s.chance, 'rate', lang, { decimals: 0 })}` : `; chance of reaching the target ${m(target ?? null)}: ${formatNumber(s.chance, 'rate', lang, { decimals: 0 })}`;
  const dropped = s.dropped === 0 ? '' : lang === 'zh' ? `（忽略 ${s.dropped} 个无效样本）` : ` (${s.dropped} invalid draws ignored)`;
  return lang === 'zh'
    ? `成交额 P10 ${m(s.p10)}，P50 ${m(s.p50)}，P90 ${m(s.p90)}，共 ${s.draws} 次模拟${chance}${dropped}`
    : `GMV P10 ${m(s.p10)}, P50 ${m(s.p50)}, P90 ${m(s.p90)} over ${s.draws} draws${chance}${dropped}`;
}

/**
 * The distribution of simulated GMV: a histogram (bins below the target
 * tinted), P10/P50/P90 as dashed lines and the target as a solid red one.
 */
export function riskDistributionOption(input: RiskInput, lang: NumberLang, target?: number, bins?: number): EChartsCoreOption {
  const hist = isDrawList(input) ? histogram(input, bins) : input.histogram.filter((b) => Number.isFinite(b.from) && Number.isFinite(b.to) && Number.isFinite(b.count));
  const s = riskSummary(input, target);
  const m = (v: number) => formatNumber(v, 'money', lang, { compact: 'short' });
  const lines: unknown[] = [];
  for (const [name, v] of [['P10', s.p10], ['P50', s.p50], ['P90', s.p90]] as const) {
    if (v !== null) lines.push({ xAxis: v, name, lineStyle: { type: 'dashed', color: '#495057' }, label: { formatter: `${name}\n${m(v)}`, color: TEXT } });
  }
  if (target !== undefined && Number.isFinite(target)) {
    // Along the line, so it never sits on top of a nearby P50 label.
    lines.push({ xAxis: target, name: 'target', lineStyle: { type: 'solid', color: '#e03131', width: 2 }, label: { position: 'insideEndTop', formatter: `${lang === 'zh' ? '目标' : 'target'} ${m(target)}`, color: '#e03131', fontWeight: 600 } });
  }
  const width = hist.length > 0 ? Math.max(...hist.map((b) => b.to - b.from)) : 1;
  const lo = hist[0]?.from ?? 0;
  const hi = hist[hist.length - 1]?.to ?? 1;
  const pad = (width || Math.abs(lo) * 0.05 || 1) * 1.5;
  return {
    textStyle: font,
    title: { text: describeRisk(s, lang, target), left: 8, top: 4, textStyle: { fontSize: 12, fontWeight: 'normal', color: TEXT } },
    grid: { left: 16, right: 28, top: 64, bottom: 28, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const b = hist[p.dataIndex];
        if (!b) return '';
        return htmlLines([html`${m(b.from)} – ${m(b.to)}`, html`${lang === 'zh' ? '次数' : 'draws'}: ${b.count} (${formatNumber(b.count / Math.max(1, s.draws), 'rate', lang, { decimals: 1 })})`]).value;
      },
    },
    xAxis: { type: 'value', min: lo - pad, max: hi + pad, scale: true, axisLabel: { formatter: (v: number) => m(v), color: TEXT, showMinLabel: false, showMaxLabel: false }, axisLine: { lineStyle: { color: AXIS } } },
    yAxis: { type: 'value', min: 0, name: lang === 'zh' ? '次数' : 'draws', axisLabel: { color: TEXT }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series: [
      {
        type: 'bar',
        barWidth: '96%',
        data: hist.map((b) => ({
          value: [(b.from + b.to) / 2, b.count],
          itemStyle: { color: target !== undefined && (b.from + b.to) / 2 < target ? '#ffa8a8' : '#74c0fc' },
        })),
        markLine: { symbol: 'none', silent: true, data: lines },
      },
    ],
  };
}
