import { useEffect, useRef } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { echarts } from './echarts-setup.ts';

/**
 * Mounts an ECharts instance on the returned element ref, sets `option`
 * whenever it changes (replacing, not merging, so removed series go), resizes
 * with the container and disposes on unmount.
 * @example const ref = useEChart(option); return <div ref={ref} style={{ height: 320 }} />;
 */
export function useEChart(option: EChartsCoreOption) {
  const ref = useRef<HTMLDivElement | null>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return ref;
}
