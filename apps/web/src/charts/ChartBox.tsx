import type { EChartsCoreOption } from 'echarts/core';
import { useEChart } from './use-echart.ts';

/** Props every chart shares for its box. */
export interface ChartBoxProps {
  /** Height of the chart; the width follows the container. Default 320 px. */
  height?: number | string;
  /** `data-testid` of the chart's element. */
  testId?: string;
}

/**
 * The element a chart draws into; its `aria-label` states the chart's
 * figures in words (for screen readers, and for tests that read them).
 */
export function ChartBox({ option, summary, height = 320, testId, kind }: ChartBoxProps & { option: EChartsCoreOption; summary: string; kind: string }) {
  const ref = useEChart(option);
  return <div ref={ref} className={`sp-chart sp-chart-${kind}`} role="img" aria-label={summary} data-testid={testId} style={{ width: '100%', height }} />;
}
