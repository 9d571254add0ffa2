import { describe, expect, it } from 'vitest';
import { examplePlan } from '@shopplan/examples';
import {
  activeScenario, addOpenedScenarios, applyRedo, applyUndo, commitEdits, deleteScenario, duplicateScenario, fromPersisted, newSession,
  renameScenario, sessionIssues, setPending, toPersisted,
} from './session-store.ts';
import { issueAssumptionPath, readPlanValue, writePlanValue } from './plan-edit.ts';
import { compareScenarios, difference } from './scenario-diff.ts';

const june = examplePlan('june-shop');

describe('session store', () => {
  it('Given edited scenarios, When a file is opened, Then its plans join them as new scenarios and one undo takes them out', () => {
    const s0 = duplicateScenario(newSession(june, 'zh'), newSession(june, 'zh').activeScenarioId, { zh: '激进', en: 'Aggressive' });
    const base = s0.scenarios[0]!.id;
    const edited = commitEdits(s0, base, [{ path: 'channels.search.cvr', before: 0.025, after: 0.03 }]);
    const saturation = examplePlan('saturation');
    // a session file saved from this very session carries the same ids: they must not collide
    const opened = addOpenedScenarios(edited, [{ name: saturation.name, plan: saturation }, { name: { zh: '旧', en: 'old' }, plan: edited.scenarios[0]!.plan }], 'plans.json');
    expect(opened.scenarios).toHaveLength(edited.scenarios.length + 2);
    expect(opened.scenarios.slice(0, edited.scenarios.length)).toEqual(edited.scenarios);
    expect(new Set(opened.scenarios.map((s) => s.id)).size).toBe(opened.scenarios.length);
    expect(activeScenario(opened).plan).toBe(saturation);
    expect(activeScenario(opened).origin).toBe('file:plans.json');
    expect(opened.baselineScenarioId).toBe(edited.baselineScenarioId);
    expect(readPlanValue(opened.scenarios[0]!.plan, 'channels.search.cvr')).toBe(0.03);
    const undone = applyUndo(opened);
    expect(undone.scenarios).toEqual(edited.scenarios);
    expect(addOpenedScenarios(edited, [], 'empty.json')).toBe(edited);
  });

  it('Given an edit, When it is undone and redone, Then the plan goes back and forth', () => {
    const s0 = newSession(june, 'zh');
    const id = s0.activeScenarioId;
    const s1 = commitEdits(s0, id, [{ path: 'channels.search.cvr', before: 0.025, after: 0.03 }]);
    expect(readPlanValue(activeScenario(s1).plan, 'channels.search.cvr')).toBe(0.03);
    const s2 = applyUndo(s1);
    expect(readPlanValue(activeScenario(s2).plan, 'channels.search.cvr')).toBe(0.025);
    const s3 = applyRedo(s2);
    expect(readPlanValue(activeScenario(s3).plan, 'channels.search.cvr')).toBe(0.03);
    // the original plan object was never mutated
    expect(june.channels[1]?.cvr).toBe(0.025);
  });

  it('Given a duplicate, When undone, Then the scenario is gone and the first is in front', () => {
    const s0 = newSession(june, 'en');
    const s1 = duplicateScenario(s0, s0.activeScenarioId, { zh: '激进', en: 'Aggressive' });
    expect(s1.scenarios).toHaveLength(2);
    expect(activeScenario(s1).name.en).toBe('Aggressive');
    const s2 = applyUndo(s1);
    expect(s2.scenarios).toHaveLength(1);
    expect(s2.activeScenarioId).toBe(s0.activeScenarioId);
  });

  it('Given two scenarios, When one is deleted or renamed, Then active and baseline stay valid', () => {
    const s0 = newSession(june, 'zh');
    const s1 = renameScenario(duplicateScenario(s0, s0.activeScenarioId, { zh: '保守', en: 'Conservative' }), s0.activeScenarioId, { zh: '基准A', en: 'Base A' });
    const s2 = deleteScenario(s1, s0.activeScenarioId);
    expect(s2.scenarios).toHaveLength(1);
    expect(s2.baselineScenarioId).toBe(s2.scenarios[0]?.id);
    expect(deleteScenario(s2, s2.activeScenarioId)).toBe(s2); // the last one stays
  });

  it('Given a pending invalid entry, When persisted and restored, Then scenarios, language and the entry come back', () => {
    const s0 = newSession(june, 'en');
    const id = s0.activeScenarioId;
    const s1 = setPending(commitEdits(s0, id, [{ path: 'channels.search.cpc', before: 1.2, after: 1.5 }]), id, 'channels.search.cvr', { text: '150%', value: 1.5, message: { zh: '转化率不能大于 100%', en: 'conversion rate must be at most 100%' } });
    const restored = fromPersisted(JSON.parse(JSON.stringify(toPersisted(s1))));
    expect(restored?.lang).toBe('en');
    expect(restored && readPlanValue(activeScenario(restored).plan, 'channels.search.cpc')).toBe(1.5);
    expect(restored?.pending[id]?.['channels.search.cvr']?.text).toBe('150%');
  });

  it('Given a session file with a bad plan, Then its problems carry the scenario and field path', () => {
    const doc = toPersisted(newSession(june, 'zh')).session;
    const plan = doc.scenarios[0]?.plan as { channels: Array<{ cvr: number }> };
    (plan.channels[1] as { cvr: number }).cvr = 1.5;
    expect(sessionIssues(doc).map((i) => i.path)).toContain('scenarios[0].plan.channels[1].cvr');
    expect(sessionIssues({ version: 1 })[0]?.path).toBe('scenarios');
  });

  it('Given a damaged store, When restored, Then nothing is trusted', () => {
    expect(fromPersisted({ session: { version: 1, scenarios: [] } })).toBeUndefined();
    expect(fromPersisted('nonsense')).toBeUndefined();
  });
});

describe('plan edits', () => {
  it('writes objective, channel and cost fields without touching other channels', () => {
    const next = writePlanValue(june, 'channels.display.ctr', 0.02);
    expect(next && readPlanValue(next, 'channels.display.ctr')).toBe(0.02);
    expect(next?.channels[0]).toBe(june.channels[0]);
    expect(writePlanValue(june, 'objective.gmv', 4e6)?.objective).toEqual({ kind: 'target', gmv: 4e6 });
    expect(writePlanValue(june, 'channels.organic.cpc', 1)).toBeUndefined();
  });

  it('maps validation paths by index to stable paths by id', () => {
    expect(issueAssumptionPath(june, 'channels[1].cvr')).toBe('channels.search.cvr');
    expect(issueAssumptionPath(june, 'channels[2].cost.ctr')).toBe('channels.display.ctr');
    expect(issueAssumptionPath(june, 'objective.gmv')).toBe('objective.gmv');
    expect(issueAssumptionPath(june, 'uncertainty.channels.search.beta')).toBe('channels.search.beta');
  });
});

describe('scenario comparison', () => {
  it('gives absolute and relative differences, never NaN', () => {
    expect(difference(110, 100)).toEqual({ delta: 10, deltaPct: 0.1 });
    expect(difference(5, 0)).toEqual({ delta: 5, deltaPct: null });
    expect(difference(null, 1)).toEqual({ delta: null, deltaPct: null });
  });

  it('compares totals and channels against the baseline', () => {
    const result = (gmv: number, spend: number) => ({ channels: [{ id: 'search', visitors: 1, clicks: 1, impressions: null, orders: 1, gmv, spend, roi: gmv / spend, costPerOrder: spend, visitorValue: gmv }], total: { visitors: 1, orders: 1, gmv, spend, roi: gmv / spend }, issues: [] });
    const rows = compareScenarios([{ scenarioId: 'a', result: result(100, 50) }, { scenarioId: 'b', result: result(120, 50) }], 'a', new Map([['search', { zh: '直通车', en: 'Paid search' }]]));
    const gmv = rows.find((r) => r.key === 'total.gmv');
    expect(gmv?.cells[1]).toEqual({ scenarioId: 'b', value: 120, delta: 20, deltaPct: 0.2 });
    expect(rows.some((r) => r.key === 'search.spend')).toBe(true);
  });
});
