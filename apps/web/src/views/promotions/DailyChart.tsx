import { useMemo } from 'react';
import type { Lang } from '@shopplan/schema';
import type { PhasePeriod } from '@shopplan/engine';
import { ChartBoxInternal } from './chart-box.tsx';
import { dailyOption, dailySummary } from './daily-option.ts';

/** The daily GMV target (bars) and spend (line) as the engine phased them. */
export function DailyChart({ days, activityNames, lang }: { days: PhasePeriod[]; activityNames: Record<string, string>; lang: Lang }) {
  const option = useMemo(() => dailyOption(days, activityNames, lang), [days, activityNames, lang]);
  // A fingerprint of the daily spend, so a test sees any day change.
  const signature = useMemo(() => days.map((d) => Math.round(d.spend * 100)).join(','), [days]);
  return <ChartBoxInternal option={option} summary={dailySummary(days, lang)} signature={signature} />;
}
