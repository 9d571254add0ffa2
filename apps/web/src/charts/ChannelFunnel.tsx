import { useMemo } from 'react';
import { formatNumber } from '../number/index.ts';
import { ChartBox, type ChartBoxProps } from './ChartBox.tsx';
import { funnelStages, type FunnelData } from './funnel.ts';
import { channelFunnelOption } from './options.ts';

/** Props of `ChannelFunnel`. */
export interface ChannelFunnelProps extends ChartBoxProps {
  /** One funnel per channel, or a single one for the total; stages a channel lacks are null. */
  funnels: FunnelData[];
  lang: 'zh' | 'en';
  /**
   * Height of one row of funnels (default 320 px). Up to four funnels share a
   * row; with more the chart grows by a row per four, so none gets squeezed.
   */
  height?: number;
}

/**
 * The shopping funnel (impressions → clicks → visitors → add-to-cart →
 * orders) per channel or in total, with the rate at each step.
 * @example <ChannelFunnel lang="zh" funnels={[{ id: 'search', label: '直通车', clicks: 274056, visitors: 274056, orders: 6851 }]} />
 */
export function ChannelFunnel({ funnels, lang, height = 320, ...box }: ChannelFunnelProps) {
  const option = useMemo(() => channelFunnelOption(funnels, lang), [funnels, lang]);
  const summary = useMemo(
    () => funnels.map((f) => `${f.label}: ${funnelStages(f).map((s) => `${s.name[lang]} ${formatNumber(s.value, 'count', lang)}`).join(' → ')}`).join('; '),
    [funnels, lang],
  );
  const rows = Math.max(1, Math.ceil(funnels.length / 4));
  return <ChartBox kind="funnel" option={option} summary={summary} height={height * rows} {...box} />;
}
