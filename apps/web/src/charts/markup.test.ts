import { describe, expect, it } from 'vitest';
import { escapeHtml, html, htmlLines } from './markup.ts';
import { channelFunnelOption, responseCurveOption, scenarioComparisonOption } from './options.ts';

const HOSTILE = '<img src=x onerror=window.__pwned=1>';

/** Every tooltip text an option can produce: its formatter functions called with each data point, and stored tooltip strings. */
function tooltipTexts(option: unknown, points: number): string[] {
  const out: string[] = [];
  const walk = (x: unknown, key: string) => {
    if (typeof x === 'function' && key === 'formatter') {
      for (let i = 0; i < points; i++) {
        const r = (x as (p: unknown) => unknown)([{ dataIndex: i }]);
        if (typeof r === 'string') out.push(r);
        const r2 = (x as (p: unknown) => unknown)({ dataIndex: i, data: {} });
        if (typeof r2 === 'string') out.push(r2);
      }
    } else if (typeof x === 'string' && (key === 'tooltipText' || key === 'formatter')) out.push(x);
    else if (Array.isArray(x)) for (const v of x) walk(v, key);
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, k);
  };
  walk(option, '');
  return out;
}

describe('tooltip markup', () => {
  it('escapes what is interpolated and keeps its own markup', () => {
    expect(escapeHtml(HOSTILE)).toBe('&lt;img src=x onerror=window.__pwned=1&gt;');
    expect(html`<b>${HOSTILE}</b>`.value).toBe('<b>&lt;img src=x onerror=window.__pwned=1&gt;</b>');
    expect(html`a ${html`<i>${'"q"'}</i>`} ${42} ${null}`.value).toBe('a <i>&quot;q&quot;</i> 42 ');
    expect(htmlLines([html`${'x&y'}`, html`z`]).value).toBe('x&amp;y<br/>z');
  });

  it('Given names with markup in every chart, When each tooltip is made, Then no tag from a name survives', () => {
    const scenarios = [
      { id: 'a', name: HOSTILE, gmv: 3_000_000, spend: 809_013.4 },
      { id: 'b', name: `${HOSTILE}{a}{b}`, gmv: 3_600_000, spend: 990_000 },
    ];
    const options = [
      scenarioComparisonOption(scenarios, 'zh', 'a'),
      scenarioComparisonOption(scenarios, 'en', 'b'),
      channelFunnelOption([{ id: 'search', label: HOSTILE, clicks: 274056, visitors: 274056, orders: 6851 }], 'en'),
      responseCurveOption([{ id: 'search', label: HOSTILE, curve: { kind: 'hill', beta: 2e6, alpha: 1.2, kappa: 3e5 }, chosenSpend: 328867, valuePerResponse: 4 }], 'money', 'zh'),
    ];
    const texts = options.flatMap((o) => tooltipTexts(o, 2));
    // the comparison tooltips of both scenarios name the baseline; the funnel and curve name the channel
    expect(texts.filter((t) => t.includes('&lt;img')).length).toBeGreaterThanOrEqual(6);
    for (const t of texts) expect(t).not.toMatch(/<img/i);
  });
});
