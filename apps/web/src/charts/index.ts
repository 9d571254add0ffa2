/**
 * Charts where a planner would rather look than read, on ECharts 6
 * (tree-shaken `echarts/core`): the channel funnel, spend → response curves,
 * scenario comparison and the risk distribution. Props are plain data and
 * `lang`; charts resize with their container and dispose on unmount. The
 * option builders and the maths behind them are React-free and tested in Node.
 */
export { ChannelFunnel } from './ChannelFunnel.tsx';
export type { ChannelFunnelProps } from './ChannelFunnel.tsx';
export { ResponseCurve } from './ResponseCurve.tsx';
export type { ResponseCurveProps } from './ResponseCurve.tsx';
export { ScenarioComparisonChart } from './ScenarioComparisonChart.tsx';
export type { ScenarioComparisonChartProps } from './ScenarioComparisonChart.tsx';
export { RiskDistribution } from './RiskDistribution.tsx';
export type { RiskDistributionProps } from './RiskDistribution.tsx';
export type { ChartBoxProps } from './ChartBox.tsx';
export { funnelStages, FUNNEL_STAGE_NAMES } from './funnel.ts';
export type { FunnelData, FunnelStage, FunnelStageKey } from './funnel.ts';
export { responseAt, marginalResponse, sampleResponse, defaultMaxSpend } from './response.ts';
export type { ResponseCurveSpec } from './response.ts';
export { quantile, histogram, shareAtLeast, finiteSorted } from './stats.ts';
export type { HistogramBin } from './stats.ts';
export {
  channelFunnelOption,
  responseCurveOption,
  scenarioComparisonOption,
  scenarioDifference,
  riskDistributionOption,
  riskSummary,
  describeRisk,
  CHART_COLORS,
} from './options.ts';
export type { ResponseCurveSeries, ScenarioFigures, RiskSummary, PrecomputedRisk, RiskInput } from './options.ts';
