import { useMemo } from 'react';
import { ChartBox, type ChartBoxProps } from './ChartBox.tsx';
import { describeRisk, riskDistributionOption, riskSummary, type PrecomputedRisk, type RiskInput } from './options.ts';

const NO_DRAWS: readonly number[] = [];

/** Props of `RiskDistribution`: the draws, or a distribution summarised elsewhere. */
export interface RiskDistributionProps extends ChartBoxProps {
  /** Simulated GMV outcomes; non-finite draws are ignored and counted. */
  draws?: number[];
  /** Used when `draws` is absent: a histogram with P10/P50/P90 (and the chance) computed elsewhere. */
  distribution?: PrecomputedRisk;
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
export function RiskDistribution({ draws, distribution, target, lang, bins, ...box }: RiskDistributionProps) {
  const input: RiskInput = draws ?? distribution ?? NO_DRAWS;
  const option = useMemo(() => riskDistributionOption(input, lang, target, bins), [input, lang, target, bins]);
  const summary = useMemo(() => describeRisk(riskSummary(input, target), lang, target), [input, lang, target]);
  return <ChartBox kind="risk" option={option} summary={summary} {...box} />;
}
