import { useMemo } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import type { Lang } from '@shopplan/schema';
import type { PhasePeriod } from '@shopplan/engine';
import { ChartBoxInternal } from './chart-box.tsx';
import { escapeHtml } from '../../charts/markup.ts';
import { t } from '../../i18n/index.ts';

const yuan = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * The daily GMV target (bars) and spend (line) as the engine phased them.
 * Tooltips are built from escaped text only.
 */
export function DailyChart({ days, lang }: { days: PhasePeriod[]; lang: Lang }) {
  const option = useMemo<EChartsCoreOption>(() => {
    const gmvName = t('promoDailyGmv', lang);
    const spendName = t('promoDailySpend', lang);
    return {
      animation: false,
      grid: { left: 70, right: 70, top: 30, bottom: 30 },
      legend: { data: [gmvName, spendName] },
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const list = params as Array<{ dataIndex: number }>;
          const day = days[list[0]?.dataIndex ?? 0];
          if (!day) return '';
          const phase = day.phase ? `<br/>${escapeHtml(day.phase.activity)} · ${escapeHtml(t(`phase${day.phase.kind[0]!.toUpperCase()}${day.phase.kind.slice(1)}` as 'phasePeak', lang))}` : '';
          return `${escapeHtml(day.start)}${phase}<br/>${escapeHtml(gmvName)}: ${yuan(day.gmv)}<br/>${escapeHtml(spendName)}: ${yuan(day.spend)}`;
        },
      },
      xAxis: { type: 'category', data: days.map((d) => d.start) },
      yAxis: [{ type: 'value', name: gmvName }, { type: 'value', name: spendName }],
      series: [
        { name: gmvName, type: 'bar', data: days.map((d) => d.gmv), itemStyle: { color: '#91caff' } },
        { name: spendName, type: 'line', yAxisIndex: 1, showSymbol: false, data: days.map((d) => d.spend), itemStyle: { color: '#d4380d' } },
      ],
    };
  }, [days, lang]);
  const totalSpend = days.reduce((s, d) => s + d.spend, 0);
  const totalGmv = days.reduce((s, d) => s + d.gmv, 0);
  // What the chart says in words, and a fingerprint of the daily spend (changes when a move changes any day).
  const summary = `${t('promoDailyGmv', lang)} ${yuan(totalGmv)} · ${t('promoDailySpend', lang)} ${yuan(totalSpend)}`;
  const signature = days.map((d) => Math.round(d.spend * 100)).join(',');
  return <ChartBoxInternal option={option} summary={summary} signature={signature} />;
}
