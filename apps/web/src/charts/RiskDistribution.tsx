import { useMemo } from 'react';
import { ChartBox, type ChartBoxProps } from './ChartBox.tsx';
import { describeRisk, riskDistributionOption, riskSummary } from './options.ts';

/** Props of `RiskDistribution`. */
export interface RiskDistributionProps extends ChartBoxProps {
  /** Simulated GMV outcomes; non-finite draws are ignored and counted. */
  draws: number[];
  /** The GMV target, drawn as a red line with the chance of reaching it. */
  target?: number;
  lang: 'zh' | 'en';
  /** Number of histogram bars; default √n between 10 and 40. */
  bins?: number;
}

/**
 * How sure the plan is: the histogram of simulated GMV with P10/P50/P90 and
 * the target, and the chance of making it.
 * @example <RiskDistribution lang="zh" draws={draws} target={3_000_000} />
 */
export function RiskDistribution({ draws, target, lang, bins, ...box }: RiskDistributionProps) {
  const option = useMemo(() => riskDistributionOption(draws, lang, target, bins), [draws, lang, target, bins]);
  const summary = useMemo(() => describeRisk(riskSummary(draws, target), lang, target), [draws, lang, target]);
  return <ChartBox kind="risk" option={option} summary={summary} {...box} />;
}
