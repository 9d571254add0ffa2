import { describe, expect, it } from 'vitest';
import { funnelStages } from './funnel.ts';
import { channelFunnelOption, describeRisk, responseCurveOption, riskDistributionOption, riskSummary, scenarioComparisonOption, scenarioDifference } from './options.ts';

// The June plan's search channel and total (DOMAIN.md worked example).
const search = { id: 'search', label: '直通车', clicks: 274056.03, visitors: 274056.03, orders: 6851.4 };
const display = { id: 'display', label: '引力魔方', impressions: 10962241.17, clicks: 164433.62, visitors: 164433.62, orders: 1973.2 };

/** Every number anywhere in an option object, to check none is NaN. */
function numbers(x: unknown, out: number[] = []): number[] {
  if (typeof x === 'number') out.push(x);
  else if (Array.isArray(x)) for (const v of x) numbers(v, out);
  else if (x && typeof x === 'object') for (const v of Object.values(x)) numbers(v, out);
  return out;
}
function strings(x: unknown, out: string[] = []): string[] {
  if (typeof x === 'string') out.push(x);
  else if (Array.isArray(x)) for (const v of x) strings(v, out);
  else if (x && typeof x === 'object') for (const v of Object.values(x)) strings(v, out);
  return out;
}

describe('funnel', () => {
  it('keeps the stages a channel has and states each step rate', () => {
    const stages = funnelStages(display);
    expect(stages.map((s) => s.key)).toEqual(['impressions', 'clicks', 'visitors', 'orders']);
    expect(stages[1]!.stepRate).toBeCloseTo(0.015, 6);
    expect(stages[3]!.perVisitor).toBeCloseTo(0.012, 6);
    expect(funnelStages({ id: 'organic', label: 'organic', impressions: null, visitors: 400000, orders: 8000 }).map((s) => s.key)).toEqual(['visitors', 'orders']);
  });

  it('draws one funnel per channel with real figures in zh', () => {
    const option = channelFunnelOption([search, display], 'zh') as { series: Array<{ data: Array<{ name: string }> }> };
    expect(option.series).toHaveLength(2);
    expect(option.series[1]!.data[0]!.name).toBe('曝光 1,096.22万');
    expect(strings(option).join(' ')).toContain('转化率 1.2%');
    expect(numbers(option).every(Number.isFinite)).toBe(true);
  });

  it('wraps more than four funnels onto a second row', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ ...search, id: `c${i}`, label: `c${i}` }));
    const option = channelFunnelOption(six, 'en') as { series: Array<{ left: string; top: string }> };
    expect(option.series.map((s) => s.left)).toEqual(['1.5%', '26.5%', '51.5%', '76.5%', '1.5%', '26.5%']);
    expect(option.series[4]!.top).toBe('60%');
  });
});

describe('response curve option', () => {
  it('marks the chosen point and adds the break-even line for GMV', () => {
    const option = responseCurveOption([{ id: 's', label: 'Search', curve: { kind: 'hill', beta: 2e6, alpha: 1.2, kappa: 3e5 }, chosenSpend: 328867 }], 'money', 'en') as { series: Array<{ type: string; data: number[][] }> };
    expect(option.series.map((s) => s.type)).toEqual(['line', 'scatter', 'line']);
    expect(option.series[1]!.data[0]![0]).toBe(328867);
    expect(numbers(option).every(Number.isFinite)).toBe(true);
    expect(strings(option).join(' ')).toContain('marginal ROI');
  });
});

describe('scenario comparison option', () => {
  const scenarios = [
    { id: 'base', name: '基准', gmv: 3_000_000, spend: 809_013.4 },
    { id: 'bold', name: '激进', gmv: 3_600_000, spend: 1_100_000 },
    { id: 'careful', name: '保守', gmv: null, spend: 500_000 },
  ];
  it('labels the others with their difference from the baseline', () => {
    expect(scenarioDifference(3_600_000, 3_000_000)).toEqual({ abs: 600_000, rel: 0.2 });
    expect(scenarioDifference(null, 1)).toEqual({ abs: null, rel: null });
    const text = strings(scenarioComparisonOption(scenarios, 'zh')).join(' ');
    expect(text).toContain('¥360万 (+20.0%)');
    expect(text).not.toContain('NaN');
    const en = scenarioComparisonOption(scenarios, 'en', 'bold');
    expect(strings(en).join(' ')).toContain('¥3M (-16.7%)');
  });
});

describe('risk distribution', () => {
  const draws = Array.from({ length: 1000 }, (_, i) => 2_500_000 + i * 1000);
  it('states P10/P50/P90 and the chance of the target', () => {
    const s = riskSummary([...draws, Number.NaN], 3_000_000);
    expect(s.p50).toBeCloseTo(2_999_500, 6);
    expect(s.chance).toBe(0.5);
    expect(s.dropped).toBe(1);
    expect(describeRisk(s, 'zh', 3_000_000)).toBe('成交额 P10 ¥259.99万，P50 ¥299.95万，P90 ¥339.91万，共 1000 次模拟；达成目标 ¥300万 的概率 50%（忽略 1 个无效样本）');
    expect(describeRisk(s, 'en', 3_000_000)).toContain('chance of reaching the target ¥3M: 50%');
  });
  it('builds a histogram with four marked lines and no NaN', () => {
    const option = riskDistributionOption(draws, 'en', 3_000_000) as { series: Array<{ markLine: { data: unknown[] } }> };
    expect(option.series[0]!.markLine.data).toHaveLength(4);
    expect(numbers(option).every(Number.isFinite)).toBe(true);
    expect(numbers(riskDistributionOption([], 'zh')).every(Number.isFinite)).toBe(true);
  });
  it('draws a distribution summarised elsewhere (the engine in the worker) the same way', () => {
    const pre = { histogram: [{ from: 2.5e6, to: 3e6, count: 400 }, { from: 3e6, to: 3.5e6, count: 600 }], percentiles: { p10: 2.6e6, p50: 3.05e6, p90: 3.4e6 }, chance: 0.6, draws: 1000 };
    expect(describeRisk(riskSummary(pre, 3e6), 'en', 3e6)).toBe('GMV P10 ¥2.6M, P50 ¥3.05M, P90 ¥3.4M over 1000 draws; chance of reaching the target ¥3M: 60%');
    const option = riskDistributionOption(pre, 'zh', 3e6) as { series: Array<{ data: unknown[]; markLine: { data: unknown[] } }> };
    expect(option.series[0]!.data).toHaveLength(2);
    expect(option.series[0]!.markLine.data).toHaveLength(4);
  });
});
