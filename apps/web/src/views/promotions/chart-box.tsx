import type { EChartsCoreOption } from 'echarts/core';
import { useEChart } from '../../charts/use-echart.ts';

/** The daily chart's element: its summary in words and a fingerprint of the figures for tests. */
export function ChartBoxInternal({ option, summary, signature }: { option: EChartsCoreOption; summary: string; signature: string }) {
  const ref = useEChart(option);
  return <div ref={ref} className="sp-chart" role="img" aria-label={summary} data-testid="promo-daily-chart" data-signature={signature} style={{ width: '100%', height: 300 }} />;
}
