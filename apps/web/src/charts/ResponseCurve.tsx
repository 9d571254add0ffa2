import { useMemo } from 'react';
import { formatNumber } from '../number/index.ts';
import { ChartBox, type ChartBoxProps } from './ChartBox.tsx';
import { responseCurveOption, type ResponseCurveSeries } from './options.ts';
import { responseAt } from './response.ts';

/** Props of `ResponseCurve`. */
export interface ResponseCurveProps extends ChartBoxProps {
  /** One or more channels' curves, each with its chosen spend. */
  curves: ResponseCurveSeries[];
  /** What the curve returns: visitors (`count`) or GMV (`money`, with `valuePerResponse`). */
  yUnit: 'count' | 'money';
  lang: 'zh' | 'en';
  /** Right end of the spend axis; by default past the chosen points and the curves' bend. */
  maxSpend?: number;
}

/**
 * Spend → visitors or GMV for Hill-curve (saturating) and linear channels,
 * with the plan's chosen spend marked and its marginal return stated.
 * @example <ResponseCurve lang="en" yUnit="money" curves={[{ id: 'search', label: 'Search', curve: { kind: 'hill', beta: 2e6, alpha: 1.2, kappa: 3e5 }, chosenSpend: 328867 }]} />
 */
export function ResponseCurve({ curves, yUnit, lang, maxSpend, ...box }: ResponseCurveProps) {
  const option = useMemo(() => responseCurveOption(curves, yUnit, lang, maxSpend), [curves, yUnit, lang, maxSpend]);
  const summary = useMemo(
    () =>
      curves
        .map((c) => `${c.label}: ${formatNumber(c.chosenSpend, 'money', lang)} → ${formatNumber(responseAt(c.curve, c.chosenSpend) * (c.valuePerResponse ?? 1), yUnit, lang)}`)
        .join('; '),
    [curves, lang, yUnit],
  );
  return <ChartBox kind="response" option={option} summary={summary} {...box} />;
}
