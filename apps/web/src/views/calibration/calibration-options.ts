import type { EChartsCoreOption } from 'echarts/core';
import type { HillFit } from '@shopplan/engine';
import { CHART_COLORS } from '../../charts/options.ts';
import { html, htmlLines } from '../../charts/markup.ts';
import { responseAt } from '../../charts/response.ts';
import { formatNumber, type NumberLang } from '../../number/index.ts';
import { t } from '../../i18n/index.ts';
import type { CurvePoint } from '../../worker/calibration.ts';
import { FACTOR_LABEL, type WaterfallBar } from './calibration-model.ts';

/**
 * ECharts options of the Calibration view: a channel's fitted Hill curve over
 * its days, and the waterfall of a period's GMV gap. Tooltips are HTML built
 * with `html` (every name escaped) and always functions; canvas text never
 * parses HTML.
 */

const TEXT = '#3c4350';
const GREY = '#adb5bd';
const font = { fontFamily: 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' };
const money = (v: number, lang: NumberLang) => formatNumber(v, 'money', lang, { compact: 'short' });
const count = (v: number, lang: NumberLang) => formatNumber(v, 'count', lang, { compact: 'short' });

/** Where the curve's spend axis ends: past the data, the planned spend and the curve's bend. */
export function curveAxisTop(points: readonly CurvePoint[], fit: HillFit, planned: number | null): number {
  let top = fit.spendMax * 1.15;
  for (const p of points) top = Math.max(top, p.spend * 1.05);
  if (planned !== null && Number.isFinite(planned)) top = Math.max(top, planned * 1.15);
  return top > 0 ? top : 1;
}

/**
 * A channel's days as points (baseline days in colour, days left out grey),
 * the fitted curve over them, the observed spend range as dashed lines and
 * the plan's daily spend as a solid line, labelled.
 * @example curveOption('Paid search', points, fit, 3561.64, 'en')
 */
export function curveOption(label: string, points: readonly CurvePoint[], fit: HillFit, planned: number | null, lang: NumberLang, color = CHART_COLORS[0]!): EChartsCoreOption {
  const top = curveAxisTop(points, fit, planned);
  const curve = { kind: 'hill' as const, beta: fit.beta, alpha: fit.alpha, kappa: fit.kappa };
  const line: Array<[number, number]> = [];
  for (let i = 0; i <= 120; i += 1) {
    const s = (top * i) / 120;
    line.push([s, responseAt(curve, s)]);
  }
  const used = points.filter((p) => p.used).map((p) => [p.spend, p.visitors]);
  const leftOut = points.filter((p) => !p.used).map((p) => [p.spend, p.visitors]);
  const pointTip = (what: string) => (params: { value?: [number, number] }) =>
    htmlLines([html`${label} · ${what}`, html`${t('fieldSpend', lang)} ${money(params.value?.[0] ?? 0, lang)} → ${count(params.value?.[1] ?? 0, lang)} ${t('fieldVisitors', lang)}`]).value;
  const marks: unknown[] = [
    { xAxis: fit.spendMin, lineStyle: { type: 'dashed', color: GREY }, label: { formatter: () => `${money(fit.spendMin, lang)}`, color: TEXT } },
    { xAxis: fit.spendMax, lineStyle: { type: 'dashed', color: GREY }, label: { formatter: () => `${money(fit.spendMax, lang)}`, color: TEXT } },
  ];
  const beyond = planned !== null && (planned > fit.spendMax || planned < fit.spendMin);
  if (planned !== null && Number.isFinite(planned)) {
    marks.push({ xAxis: planned, lineStyle: { type: 'solid', width: 2, color: beyond ? '#e03131' : '#2b9a66' }, label: { formatter: () => `${t('calPlanned', lang)} ${money(planned, lang)}`, color: beyond ? '#e03131' : '#2b9a66', position: 'insideEndTop' } });
  }
  return {
    textStyle: font,
    animation: false,
    legend: { top: 0, textStyle: { color: TEXT } },
    grid: { left: 12, right: 28, top: 36, bottom: 30, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', name: t('fieldSpend', lang), nameLocation: 'middle', nameGap: 22, min: 0, max: top, axisLabel: { formatter: (v: number) => money(v, lang), color: TEXT } },
    yAxis: { type: 'value', name: t('fieldVisitors', lang), min: 0, axisLabel: { formatter: (v: number) => count(v, lang), color: TEXT }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series: [
      { type: 'scatter', name: t('calPointsUsed', lang), data: used, symbolSize: 5, itemStyle: { color, opacity: 0.55 }, tooltip: { formatter: pointTip(t('calPointsUsed', lang)) } },
      { type: 'scatter', name: t('calPointsLeftOut', lang), data: leftOut, symbolSize: 5, itemStyle: { color: GREY, opacity: 0.7 }, tooltip: { formatter: pointTip(t('calPointsLeftOut', lang)) } },
      {
        type: 'line', name: t('calFitted', lang), data: line, showSymbol: false, lineStyle: { width: 2, color: '#1c2330' }, itemStyle: { color: '#1c2330' },
        tooltip: { show: false },
        markLine: { symbol: 'none', silent: true, data: marks },
      },
    ],
  };
}

const FACTOR_COLORS = { traffic: '#2f6fed', conversion: '#f08c00', orderValue: '#7048e8' } as const;

/**
 * The waterfall of a period's gap: plan GMV, each channel's parts rising or
 * falling from there (green up, red down, the factor's colour in the
 * border), and actual GMV. `names` gives each channel's label.
 * @example waterfallOption(waterfallBars(period), new Map([['search', 'Paid search']]), 'en')
 */
export function waterfallOption(bars: readonly WaterfallBar[], names: ReadonlyMap<string, string>, lang: NumberLang): EChartsCoreOption {
  const labelOf = (b: WaterfallBar) =>
    b.kind === 'plan' ? t('calPlanGmv', lang) : b.kind === 'actual' ? t('calActualGmv', lang) : `${names.get(b.channel ?? '') ?? b.channel} · ${t(FACTOR_LABEL[b.kind], lang)}`;
  const labels = bars.map(labelOf);
  const base = bars.map((b) => Math.min(b.start, b.end));
  const size = bars.map((b) => ({
    value: Math.abs(b.end - b.start),
    itemStyle: {
      color: b.kind === 'plan' || b.kind === 'actual' ? '#495057' : b.value >= 0 ? '#2b9a66' : '#e03131',
      borderColor: b.kind === 'plan' || b.kind === 'actual' ? '#495057' : FACTOR_COLORS[b.kind],
      borderWidth: b.kind === 'plan' || b.kind === 'actual' ? 0 : 2,
    },
  }));
  return {
    textStyle: font,
    animation: false,
    grid: { left: 12, right: 20, top: 20, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: Array<{ dataIndex: number }>) => {
        const i = params[0]?.dataIndex ?? 0;
        const b = bars[i];
        if (!b) return '';
        const figure = b.kind === 'plan' || b.kind === 'actual' ? money(b.value, lang) : formatNumber(b.value, 'money', lang, { signed: true });
        return htmlLines([html`${labels[i] ?? ''}`, html`${figure}`]).value;
      },
    },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: 40, color: TEXT, interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => money(v, lang), color: TEXT }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series: [
      { type: 'bar', stack: 'gap', data: base, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, silent: true },
      { type: 'bar', stack: 'gap', data: size, barMaxWidth: 36 },
    ],
  };
}
