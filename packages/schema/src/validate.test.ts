import { describe, expect, it } from 'vitest';
import { juneShopDocument } from './june-fixture.test-data.ts';
import { parsePlan, parsePlanJson } from './validate.ts';

const june = () => juneShopDocument();

function issuesOf(doc: unknown) {
  const outcome = parsePlan(doc);
  if (outcome.ok) throw new Error('expected the plan to be refused');
  return outcome.issues;
}

describe('parsePlan', () => {
  it('accepts the worked example and fills defaults', () => {
    const doc = june();
    delete doc.currency;
    delete doc.paidSplit;
    const outcome = parsePlan(doc);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect([outcome.plan.currency, outcome.plan.paidSplit]).toEqual(['CNY', 'visitors']);
  });

  it('names the field of a rate above 100%, in zh and en', () => {
    const doc = june();
    doc.channels[2].cvr = 1.5;
    const [issue] = issuesOf(doc);
    expect(issue?.path).toBe('channels[2].cvr');
    expect(issue?.message.en).toBe('conversion rate must be at most 100%');
    expect(issue?.message.zh).toBe('转化率不能大于 100%');
  });

  it('refuses a rate below 0', () => {
    const doc = june();
    doc.channels[1].cost.share = -0.1;
    expect(issuesOf(doc).map((i) => i.path)).toContain('channels[1].cost.share');
  });

  it('refuses a negative price and a zero CTR', () => {
    const doc = june();
    doc.channels[1].cost.cpc = -1.2;
    doc.channels[2].cost.ctr = 0;
    const issues = issuesOf(doc);
    expect(issues.map((i) => i.path)).toEqual(['channels[1].cost.cpc', 'channels[2].cost.ctr']);
    expect(issues[1]?.message.en).toBe('click-through rate must be above 0%');
  });

  it('refuses paid shares that do not sum to 100%', () => {
    const doc = june();
    doc.channels[3].cost.share = 0.1;
    const [issue] = issuesOf(doc);
    expect(issue).toMatchObject({ path: 'channels', code: 'shares_sum' });
    expect(issue?.message.en).toContain('90%');
  });

  it('refuses a duplicated and a missing channel id', () => {
    const doc = june();
    doc.channels[3].id = 'search';
    expect(issuesOf(doc)[0]).toMatchObject({ path: 'channels[3].id', code: 'duplicate_id' });
    const missing = june();
    delete missing.channels[1].id;
    expect(issuesOf(missing)[0]).toMatchObject({ path: 'channels[1].id', code: 'missing' });
  });

  it('refuses an unknown cost model and an unknown field', () => {
    const doc = june();
    doc.channels[1].cost.model = 'cpa';
    doc.channels[0].cvR = 0.02;
    const paths = issuesOf(doc).map((i) => i.path);
    expect(paths).toContain('channels[1].cost.model');
    expect(paths).toContain('channels[0]');
  });

  it('refuses an unknown version', () => {
    const doc = june();
    doc.version = 99;
    expect(issuesOf(doc)[0]).toMatchObject({ path: 'version', code: 'unknown_version' });
  });

  it('reports malformed JSON as an issue, not an exception', () => {
    const outcome = parsePlanJson('{"version": 1, "channels": [');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues[0]).toMatchObject({ path: '(file)', code: 'malformed_json' });
  });

  it('checks per-channel levers against the cost models', () => {
    const doc = june();
    doc.objective = { kind: 'channels', spend: { search: 1000, affiliate: 10 }, visitors: {} };
    const issues = issuesOf(doc);
    expect(issues.map((i) => `${i.path}:${i.code}`)).toEqual([
      'objective.spend.affiliate:wrong_lever',
      'objective.spend.display:missing',
      'objective.visitors.affiliate:missing',
    ]);
  });
});

describe('plan v2 checks: curves, bounds, ranges', () => {
  const v2 = () => {
    const doc = june();
    doc.version = 2;
    doc.channels[1].response = { curve: 'hill', beta: 900_000, alpha: 1, kappa: 400_000 };
    return doc;
  };

  it('names α ≤ 0 and κ ≤ 0 by field, in zh and en', () => {
    const doc = v2();
    doc.channels[1].response.alpha = 0;
    doc.channels[1].response.kappa = -5;
    const issues = issuesOf(doc);
    expect(issues.map((i) => i.path)).toEqual(['channels[1].response.alpha', 'channels[1].response.kappa']);
    expect(issues[0]?.message.en).toBe('curve shape α must be above 0');
    expect(issues[0]?.message.zh).toBe('曲线形状 α必须大于 0');
    expect(issues[1]?.message.en).toBe('half-saturation spend κ must be above 0');
  });

  it('refuses bounds with min above max', () => {
    const doc = v2();
    doc.channels[2].bounds = { min: 500, max: 100 };
    const [issue] = issuesOf(doc);
    expect(issue).toMatchObject({ path: 'channels[2].bounds.min', code: 'bounds_order' });
    expect(issue?.message.zh).toContain('最低花费');
  });

  it('refuses a curve on a commission channel and on a budget objective', () => {
    const doc = v2();
    doc.channels[3].response = { curve: 'hill', beta: 1, alpha: 1, kappa: 1 };
    expect(issuesOf(doc)[0]).toMatchObject({ path: 'channels[3].response', code: 'curve_not_applicable' });
    const budget = v2();
    budget.objective = { kind: 'budget', spend: 800_000 };
    expect(issuesOf(budget)[0]).toMatchObject({ path: 'objective', code: 'curve_budget_objective' });
  });

  it('checks uncertainty ranges: path, order around the base, valid values', () => {
    const doc = v2();
    doc.uncertainty = {
      'channels.search.cvr': { low: 0.03, high: 0.04 },
      'channels.nowhere.cvr': { low: 0, high: 1 },
      'channels.display.ctr': { low: 0, high: 0.02 },
      'channels.search.share': { low: 0.4, high: 0.6 },
    };
    const issues = issuesOf(doc);
    expect(issues.map((i) => `${i.path}:${i.code}`)).toEqual([
      'uncertainty.channels.search.cvr:range_order',
      'uncertainty.channels.nowhere.cvr:unknown_path',
      'uncertainty.channels.display.ctr.low:too_small',
      'uncertainty.channels.search.share:unknown_path',
    ]);
  });

  it('accepts a full v2 plan', () => {
    const doc = v2();
    doc.channels[1].bounds = { min: 10_000, max: 600_000 };
    doc.channels[1].margin = 0.45;
    doc.channels[1].refundRate = 0.08;
    doc.channels[2].untested = true;
    doc.uncertainty = { 'channels.search.cvr': { low: 0.02, high: 0.03 }, 'channels.search.beta': { low: 700_000, high: 1_000_000 } };
    doc.allocation = { breakevenRoi: true, minTotalRoi: 2 };
    expect(parsePlan(doc).ok).toBe(true);
  });
});
