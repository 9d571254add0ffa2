import { useMemo } from 'react';
import { formatNumber } from '../number/index.ts';
import { ChartBox, type ChartBoxProps } from './ChartBox.tsx';
import { scenarioComparisonOption, scenarioDifference, type ScenarioFigures } from './options.ts';

/** Props of `ScenarioComparisonChart`. */
export interface ScenarioComparisonChartProps extends ChartBoxProps {
  scenarios: ScenarioFigures[];
  lang: 'zh' | 'en';
  /** The scenario the others are compared with; default the first. */
  baselineId?: string;
}

/**
 * Scenarios (保守 / 基准 / 激进 …) side by side on GMV, spend and ROI, with
 * each one's difference from the baseline in ¥ and %.
 * @example <ScenarioComparisonChart lang="zh" scenarios={[{ id: 'a', name: '基准', gmv: 3e6, spend: 809013 }]} />
 */
export function ScenarioComparisonChart({ scenarios, lang, baselineId, ...box }: ScenarioComparisonChartProps) {
  const option = useMemo(() => scenarioComparisonOption(scenarios, lang, baselineId), [scenarios, lang, baselineId]);
  const summary = useMemo(() => {
    const base = scenarios.find((s) => s.id === baselineId) ?? scenarios[0];
    return scenarios
      .map((s) => {
        const d = base && s !== base ? scenarioDifference(s.gmv, base.gmv) : { abs: null, rel: null };
        const diff = d.rel === null ? '' : ` (${formatNumber(d.rel, 'rate', lang, { signed: true, decimals: 1 })})`;
        return `${s.name}: GMV ${formatNumber(s.gmv, 'money', lang)}${diff}, ${lang === 'zh' ? '花费' : 'spend'} ${formatNumber(s.spend, 'money', lang)}`;
      })
      .join('; ');
  }, [scenarios, lang, baselineId]);
  return <ChartBox kind="scenarios" option={option} summary={summary} {...box} />;
}
