import type { EChartsCoreOption } from 'echarts/core';
import type { Lang } from '@shopplan/schema';
import type { PhasePeriod } from '@shopplan/engine';
import { escapeHtml } from '../../charts/markup.ts';
import { t } from '../../i18n/index.ts';
import { PHASE_LABEL } from './phases.ts';

const yuan = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * The tooltip of one day: date, governing activity and phase, target and
 * spend. Every interpolated text is escaped (activity names come from plans).
 */
export function dailyTooltip(day: PhasePeriod, activityNames: Readonly<Record<string, string>>, lang: Lang): string {
  const phase = day.phase ? `<br/>${escapeHtml(activityNames[day.phase.activity] ?? day.phase.activity)} · ${escapeHtml(t(PHASE_LABEL[day.phase.kind], lang))}` : '';
  return `${escapeHtml(day.start)}${phase}<br/>${escapeHtml(t('promoDailyGmv', lang))}: ${yuan(day.gmv)}<br/>${escapeHtml(t('promoDailySpend', lang))}: ${yuan(day.spend)}`;
}

/** The ECharts option of the daily chart: target GMV as bars, spend as a line on its own axis. */
export function dailyOption(days: readonly PhasePeriod[], activityNames: Readonly<Record<string, string>>, lang: Lang): EChartsCoreOption {
  const gmvName = t('promoDailyGmv', lang);
  const spendName = t('promoDailySpend', lang);
  return {
    animation: false,
    grid: { left: 70, right: 70, top: 30, bottom: 30 },
    legend: { data: [gmvName, spendName] },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const day = days[(params as Array<{ dataIndex: number }>)[0]?.dataIndex ?? -1];
        return day ? dailyTooltip(day, activityNames, lang) : '';
      },
    },
    xAxis: { type: 'category', data: days.map((d) => d.start) },
    yAxis: [{ type: 'value', name: gmvName }, { type: 'value', name: spendName }],
    series: [
      { name: gmvName, type: 'bar', data: days.map((d) => d.gmv), itemStyle: { color: '#91caff' } },
      { name: spendName, type: 'line', yAxisIndex: 1, showSymbol: false, data: days.map((d) => d.spend), itemStyle: { color: '#d4380d' } },
    ],
  };
}

/** The chart's figures in words (its aria-label). */
export function dailySummary(days: readonly PhasePeriod[], lang: Lang): string {
  const gmv = days.reduce((s, d) => s + d.gmv, 0);
  const spend = days.reduce((s, d) => s + d.spend, 0);
  return `${t('promoDaily', lang)}: ${t('promoDailyGmv', lang)} ${yuan(gmv)} · ${t('promoDailySpend', lang)} ${yuan(spend)}`;
}
