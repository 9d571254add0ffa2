import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { everyFieldDocument } from './every-field-fixture.test-data.ts';
import { formatPath, parsePath, type PlanIssue } from './issues.ts';
import { juneShopDocument } from './june-fixture.test-data.ts';
import { formatIssueNumber, messageCodes, quoteInput, renderMessage } from './messages.ts';
import { parsePlan, parsePlanJson } from './validate.ts';

// Property runs take seconds on a loaded two-core machine: a timeout, not a speed assertion.
vi.setConfig({ testTimeout: 60_000 });

function issuesOf(doc: unknown): PlanIssue[] {
  const outcome = parsePlan(doc);
  if (outcome.ok) throw new Error('expected the plan to be refused');
  return outcome.issues;
}

/** zod's own English wording, which must never reach a planner (in zh least of all). */
const LIBRARY_TEXT = /Invalid input|Invalid option|expected|received|Too (big|small)|Unrecognized key|Unexpected|JSON at position/i;
/** Latin words in a Chinese message, once quoted input, ids and paths are taken out. */
function englishWords(zh: string, params: PlanIssue['params'] = {}): string[] {
  // string parameters are document tokens (what was typed, allowed values, ids, paths), not wording
  let text = zh;
  for (const p of Object.values(params)) if (typeof p === 'string' && p !== '') text = text.replaceAll(p, '');
  const stripped = text.replace(/"(?:[^"\\]|\\.)*"/g, '').replace(/“[^”]*”/g, '').replace(/[\w.]+\[\d+\][\w.[\]]*/g, '');
  return (stripped.match(/\b[a-z]{4,}\b/gi) ?? []).filter((w) => !['shopplan', 'allocate', 'budget', 'seek', 'free', 'live', 'YYYY'].includes(w));
}

describe('issue messages come from one catalog', () => {
  it('says a number given as text is text, not missing (zh and en)', () => {
    const doc = juneShopDocument();
    doc.channels[1].cvr = '0.03';
    const [found] = issuesOf(doc);
    expect(found).toMatchObject({ path: 'channels[1].cvr', at: ['channels', 1, 'cvr'], code: 'not_a_number', params: { got: '"0.03"' } });
    expect(found?.message.en).toBe('conversion rate must be a number, not text "0.03"');
    expect(found?.message.zh).toBe('转化率必须是数字，而不是文本 "0.03"');
  });

  it('still says missing when a field is missing, and names other wrong types by what they are', () => {
    const doc = juneShopDocument();
    delete doc.channels[1].aov;
    doc.channels[2].cvr = null;
    doc.channels[3].cost.commission = [0.2];
    const issues = issuesOf(doc);
    expect(issues.map((i) => `${i.path}:${i.code}`)).toEqual(['channels[1].aov:missing', 'channels[2].cvr:invalid_type', 'channels[3].cost.commission:invalid_type']);
    expect(issues[0]?.message).toEqual({ zh: '缺少客单价', en: 'average order value is missing' });
    expect(issues[1]?.message.en).toBe('conversion rate must be a number, not null');
    expect(issues[2]?.message.zh).toBe('佣金比例应为数字，而不是 [0.2]');
  });

  it('formats numbers with Intl.NumberFormat in each language, rates as percentages', () => {
    expect(formatIssueNumber(1_200_000.5, 'money', 'en')).toBe('1,200,000.5');
    expect(formatIssueNumber(0.333333, 'rate', 'zh')).toBe('33.3333%');
    expect(formatIssueNumber(Number.NaN, 'count', 'zh')).toBe('非数字');
    const doc = juneShopDocument();
    doc.channels[3].cost.share = 0.1;
    expect(issuesOf(doc)[0]?.message.zh).toBe('付费渠道的流量占比合计为 90%，应为 100%');
    const bounds = juneShopDocument();
    bounds.version = 2;
    bounds.channels[1].bounds = { min: 1_500_000, max: 20_000 };
    expect(issuesOf(bounds)[0]?.message.en).toBe('minimum spend 1,500,000 is above maximum spend 20,000');
  });

  it('keeps library text out of messages: a malformed file, a cell-like id, an unknown model', () => {
    const broken = parsePlanJson('{\n  "version": 2,\n  "channels": [');
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.issues[0]).toMatchObject({ path: '(file)', code: 'malformed_json' });
      expect(broken.issues[0]?.message.zh).toMatch(/^计划文件不是有效的 JSON（第 3 行第 \d+ 列附近）$/);
      expect(broken.issues[0]?.message.en).toContain('near line 3');
    }
    const doc = juneShopDocument();
    doc.channels[1].id = 'ab12';
    doc.channels[2].cost.model = 'cpa';
    const issues = issuesOf(doc);
    expect(issues.map((i) => `${i.path}:${i.code}`)).toEqual(['channels[1].id:id_looks_like_cell', 'channels[2].cost.model:invalid_value']);
    expect(issues[0]?.message.zh).toBe('编号 "ab12" 看起来像单元格地址（如 a1、r1c1），请换一个');
    expect(issues[1]?.message.en).toBe('cost model must be one of free | cpc | cpm | cps | live | crm (it is "cpa")');
    for (const i of issues) expect(englishWords(i.message.zh, i.params), i.message.zh).toEqual([]);
  });

  it('quotes what was typed safely: short, control characters escaped', () => {
    expect(quoteInput('\u001b[2J' + 'x'.repeat(100))).toBe(`"\\u001b[2J${'x'.repeat(36)}…"`);
    const doc = juneShopDocument();
    doc.channels[1].cpc = 1;
    doc.channels[1].cvr = '\u001b]0;owned\u0007';
    const texts = issuesOf(doc).flatMap((i) => [i.message.zh, i.message.en]);
    for (const t of texts) expect(t).not.toMatch(/[\u0000-\u001f]/);
  });

  it('renders every catalogued code in both languages, and an unknown code readably', () => {
    for (const code of messageCodes()) {
      const m = renderMessage(code, { field: { zh: '字段', en: 'field' } });
      expect(m.zh.length * m.en.length, code).toBeGreaterThan(0);
      expect(m.zh).not.toContain('undefined');
    }
    expect(renderMessage('no_such_code', {})).toEqual({ zh: '计划有问题（no_such_code）', en: 'problem in the plan (no_such_code)' });
  });

  it('property: any value at any place of a plan gives ok or issues with structured paths and clean zh/en', () => {
    const base = everyFieldDocument('target');
    const places: Array<Array<string | number>> = [];
    const walk = (v: unknown, at: Array<string | number>) => {
      places.push(at);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
    };
    walk(base, []);
    const hostile = fc.oneof(
      fc.constantFrom<unknown>(null, undefined, true, '', '0.03', '12%', 'NaN', [], {}, { model: 'cpc' }, -1, 0, 1e308, -0, 2, 'search', 'ab1'),
      fc.double(), fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(fc.property(fc.constantFrom(...places.filter((p) => p.length > 0)), hostile, (at, value) => {
      const doc = structuredClone(base);
      let parent: any = doc;
      for (const k of at.slice(0, -1)) parent = parent[k];
      const last = at[at.length - 1]!;
      if (value === undefined) delete parent[last];
      else parent[last] = value;
      const outcome = parsePlan(doc);
      if (outcome.ok) return;
      expect(outcome.issues.length).toBeGreaterThan(0);
      for (const i of outcome.issues) {
        expect(i.message.zh.length * i.message.en.length).toBeGreaterThan(0);
        expect(i.message.zh).not.toMatch(LIBRARY_TEXT);
        expect(i.message.en).not.toMatch(LIBRARY_TEXT);
        expect(englishWords(i.message.zh, i.params), i.message.zh).toEqual([]);
        const got = typeof i.params?.got === 'string' ? i.params.got : '\u0000';
        expect((i.message.zh + i.message.en).replaceAll(got, '')).not.toMatch(/NaN|undefined|\[object/);
        expect(formatPath(i.at)).toBe(i.path);
        if (!i.path.startsWith('uncertainty')) expect(parsePath(i.path)).toEqual(i.at);
      }
    }), { numRuns: 400, seed: 20261130 });
  });
});

describe('planning session documents', () => {
  it('names each problem of a session by its full structured path, in catalog zh and en', async () => {
    const { checkSession } = await import('./validate.ts');
    const doc = juneShopDocument();
    doc.channels[1].cvr = '0.03';
    const session = { version: 1, scenarios: [{ id: 's1', name: { zh: '基准', en: 'Base' }, plan: doc }], activeScenarioId: 's1', baselineScenarioId: 's1' };
    expect(checkSession(session)).toMatchObject([{ path: 'scenarios[0].plan.channels[1].cvr', at: ['scenarios', 0, 'plan', 'channels', 1, 'cvr'], code: 'not_a_number' }]);
    const broken = checkSession({ version: 1, scenarios: 'none', activeScenarioId: 3 });
    expect(broken.map((i) => `${i.path}:${i.code}`)).toEqual(['scenarios:invalid_type', 'activeScenarioId:invalid_type', 'baselineScenarioId:missing']);
    expect(broken[0]?.message.zh).toBe('方案应为列表（[…]），而不是 "none"');
    for (const i of broken) expect(i.message.zh).not.toMatch(LIBRARY_TEXT);
  });
});
