import { describe, expect, it } from 'vitest';
import { examplePlan, scalePlan } from '@shopplan/examples';
import type { Plan } from '@shopplan/schema';
import { EditJournal, type JournalStorage } from './journal.ts';
import {
  addScenario, applyUndo, deleteScenario, duplicateScenario, fromPersisted, newSession, renameScenario, replaceScenarioPlan, setBaselineScenario,
  setPending, toPersisted, type SessionState,
} from './session-store.ts';
import { applyStructureChange, isStructureChange, structureChange, type StructureChange } from './structure-journal.ts';

/** Web Storage semantics (string values, synchronous) in a Map; the page uses localStorage. */
class MapStorage implements JournalStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** What a reload finds: the state as IndexedDB keeps it, read back. */
const reloaded = (s: SessionState): SessionState => fromPersisted(JSON.parse(JSON.stringify(toPersisted(s)))) as SessionState;
/** A change as it comes back out of localStorage. */
const throughStorage = (c: StructureChange): StructureChange => JSON.parse(JSON.stringify(c)) as StructureChange;
const core = (s: SessionState) => ({ scenarios: s.scenarios, activeScenarioId: s.activeScenarioId, baselineScenarioId: s.baselineScenarioId });

describe('structural changes in the journal', () => {
  it('Given a saved session, When a scenario is duplicated, renamed and made the baseline and the tab dies, Then replaying the journal on the saved session gives the same scenarios, each change one undo step', () => {
    const saved = newSession(examplePlan('june-shop'), 'zh');
    const journal = new EditJournal('w', new MapStorage());
    let state = saved;
    for (const act of [
      (s: SessionState) => duplicateScenario(s, s.activeScenarioId, { zh: '激进', en: 'Aggressive' }),
      (s: SessionState) => renameScenario(s, s.activeScenarioId, { zh: '激进 618', en: 'Aggressive 618' }),
      (s: SessionState) => setBaselineScenario(s, s.activeScenarioId),
    ]) {
      const next = act(state);
      journal.append({ kind: 'structure', scenarioId: next.activeScenarioId, change: structureChange(state, next) });
      state = next;
    }
    // no plan is written out: both scenarios keep a plan that was there before
    const changes = journal.records().map((r) => (r.op.kind === 'structure' ? r.op.change : undefined));
    expect(changes.flatMap((c) => c?.scenarios ?? []).every((j) => j.plan === undefined && j.planOf !== undefined)).toBe(true);

    let replayed: SessionState | undefined = reloaded(saved);
    for (const c of changes) replayed = replayed && c ? applyStructureChange(replayed, c) : undefined;
    expect(replayed && core(replayed)).toEqual(core(state));
    expect(replayed?.undo).toHaveLength(3);
    // the last undo step takes back the baseline, the one before it the name
    expect(replayed && applyUndo(applyUndo(replayed)).scenarios[1]?.name.zh).toBe('激进');
  });

  it('Given a 400-product plan restructured, Then the journaled change leaves the products out and brings them back from the saved scenario', () => {
    const plan = scalePlan(400, 8);
    const saved = newSession(plan, 'zh');
    const id = saved.activeScenarioId;
    const restructured: Plan = { ...plan, objective: { kind: 'target', gmv: 3_600_000 } };
    const after = replaceScenarioPlan(saved, id, restructured);
    const change = throughStorage(structureChange(saved, after));
    expect(change.scenarios[0]).toMatchObject({ id, productsOf: id });
    expect(change.scenarios[0]?.plan?.products).toBeUndefined();
    expect(JSON.stringify(change).length).toBeLessThan(JSON.stringify(plan).length / 10);
    const replayed = applyStructureChange(reloaded(saved), change);
    expect(replayed?.scenarios[0]?.plan.objective).toEqual({ kind: 'target', gmv: 3_600_000 });
    expect(replayed?.scenarios[0]?.plan.products).toEqual(plan.products);
  });

  it('Given a change already saved, When it is replayed again (the tab died between save and settle), Then the scenarios stay as they are', () => {
    const saved = newSession(examplePlan('june-shop'), 'zh');
    const after = addScenario(saved, examplePlan('saturation'), { zh: '饱和', en: 'Saturation' }, 'file:saturation.json');
    const change = throughStorage(structureChange(saved, after));
    expect(change.scenarios[1]?.plan).toBeDefined(); // a new plan is written out in full
    const once = applyStructureChange(reloaded(saved), change) as SessionState;
    const twice = applyStructureChange(once, change) as SessionState;
    expect(twice.scenarios.map((s) => [s.id, s.name.en, s.origin])).toEqual(after.scenarios.map((s) => [s.id, s.name.en, s.origin]));
    expect(twice.scenarios[1]?.plan).toEqual(after.scenarios[1]?.plan);
  });

  it('Given entries not in force in a restructured scenario, Then replaying drops them as the change did, and keeps the other scenario\'s', () => {
    const first = newSession(examplePlan('june-shop'), 'zh');
    let saved = duplicateScenario(first, first.activeScenarioId, { zh: '副本', en: 'Copy' });
    const [a, b] = saved.scenarios.map((s) => s.id) as [string, string];
    saved = setPending(setPending(saved, a, 'channels.search.cvr', { text: 'abc', message: { zh: '不是数字', en: 'not a number' } }), b, 'channels.search.aov', { text: 'x', message: { zh: '不是数字', en: 'not a number' } });
    const after = replaceScenarioPlan(saved, a, { ...saved.scenarios[0]!.plan, objective: { kind: 'target', gmv: 3_100_000 } });
    const replayed = applyStructureChange(reloaded(saved), throughStorage(structureChange(saved, after)));
    expect(Object.keys(replayed?.pending ?? {})).toEqual([b]);
  });

  it('Given a change made on another session, or a damaged one, Then it is not applied', () => {
    const saved = newSession(examplePlan('june-shop'), 'zh');
    const other = newSession(examplePlan('june-shop'), 'zh');
    const renamed = renameScenario(saved, saved.activeScenarioId, { zh: '改名', en: 'Renamed' });
    expect(applyStructureChange(other, structureChange(saved, renamed))).toBeUndefined();
    // a plan in the journal is checked like a plan file: a CVR of 200% is refused
    const added = addScenario(saved, examplePlan('saturation'), { zh: '新', en: 'New' });
    const change = throughStorage(structureChange(saved, added));
    (change.scenarios[1]!.plan as unknown as { channels: Array<{ cvr: number }> }).channels[0]!.cvr = 2;
    expect(applyStructureChange(saved, change)).toBeUndefined();
    // the journal reads only well-formed structural actions
    expect(isStructureChange({ scenarios: 'x' })).toBe(false);
    const storage = new MapStorage();
    storage.setItem('shopplan:journal:w', JSON.stringify([
      { seq: 1, op: { kind: 'structure', scenarioId: 's', change: { scenarios: [{ id: 1 }] } } },
      { seq: 2, op: { kind: 'structure', scenarioId: 's', change: structureChange(saved, deleteScenario(added, added.activeScenarioId)) } },
    ]));
    expect(new EditJournal('w', storage).records().map((r) => r.seq)).toEqual([2]);
  });
});
