import { parsePlan, type LocalizedText, type Plan } from '@shopplan/schema';
import { HISTORY_LIMIT, type ScenarioState, type SessionCore, type SessionState } from './session-store.ts';

/**
 * One scenario of a journaled structural change. Its plan is written out
 * only when it is new: a plan the change left alone (a rename, the other
 * scenarios) or copied (a duplicate) names the scenario it was taken from,
 * and a new plan over the same products (a channel added to a 10,000-product
 * plan) names the scenario whose products it keeps, so a journal entry stays
 * small enough for `localStorage`.
 */
export interface JournaledScenario {
  id: string;
  name: LocalizedText;
  origin?: string;
  /** The plan as the change left it, products omitted when `productsOf` is set. */
  plan?: Plan;
  /** The plan is, unchanged, the one this scenario had just before the change. */
  planOf?: string;
  /** The plan's products are the ones this scenario had just before the change. */
  productsOf?: string;
}

/**
 * A structural change of the session (scenarios added, deleted, renamed or
 * restructured, the baseline chosen, a structural undo or redo) as the
 * journal keeps it: the scenario list as the change left it.
 */
export interface StructureChange {
  scenarios: JournaledScenario[];
  activeScenarioId: string;
  baselineScenarioId: string;
  /** Scenarios whose entries not in force the change dropped (their cells may be gone). */
  dropPending: string[];
}

/**
 * Describes the change from `before` to `after` for the journal.
 * @example structureChange(state, renameScenario(state, id, name)).scenarios[0].planOf // the scenario's own id
 */
export function structureChange(before: SessionState, after: SessionState): StructureChange {
  const byPlan = new Map<Plan, string>();
  const byProducts = new Map<unknown, string>();
  for (const s of before.scenarios) {
    if (!byPlan.has(s.plan)) byPlan.set(s.plan, s.id);
    if (s.plan.products && !byProducts.has(s.plan.products)) byProducts.set(s.plan.products, s.id);
  }
  const scenarios = after.scenarios.map((s): JournaledScenario => {
    const head: JournaledScenario = s.origin === undefined ? { id: s.id, name: s.name } : { id: s.id, name: s.name, origin: s.origin };
    const planOf = byPlan.get(s.plan);
    if (planOf !== undefined) return { ...head, planOf };
    const productsOf = s.plan.products ? byProducts.get(s.plan.products) : undefined;
    if (productsOf === undefined) return { ...head, plan: s.plan };
    const { products: _kept, ...rest } = s.plan;
    return { ...head, plan: rest as Plan, productsOf };
  });
  const dropPending = Object.keys(before.pending).filter((id) => after.pending[id] === undefined);
  return { scenarios, activeScenarioId: after.activeScenarioId, baselineScenarioId: after.baselineScenarioId, dropPending };
}

/**
 * Applies a journaled structural change to the state it was made on (the
 * stored session with the journal's earlier actions replayed) as one undo
 * step; a plan written out in it is checked as a plan file is. Applying it to a state that already holds it changes nothing but
 * the history. Undefined when a scenario it refers to is not there (the
 * change was made on another session).
 */
export function applyStructureChange(state: SessionState, change: StructureChange): SessionState | undefined {
  const before = new Map(state.scenarios.map((s) => [s.id, s]));
  const scenarios: ScenarioState[] = [];
  for (const j of change.scenarios) {
    let plan: Plan | undefined;
    if (j.planOf !== undefined) plan = before.get(j.planOf)?.plan;
    else {
      // A plan read back from storage is checked like a plan file before it is used.
      const products = j.productsOf === undefined ? undefined : before.get(j.productsOf)?.plan.products;
      if (j.productsOf !== undefined && !products) return undefined;
      const parsed = parsePlan(products ? { ...j.plan, products } : j.plan);
      plan = parsed.ok ? parsed.plan : undefined;
    }
    if (!plan) return undefined;
    scenarios.push(j.origin === undefined ? { id: j.id, name: j.name, plan } : { id: j.id, name: j.name, plan, origin: j.origin });
  }
  const ids = new Set(scenarios.map((s) => s.id));
  if (!ids.has(change.activeScenarioId) || !ids.has(change.baselineScenarioId)) return undefined;
  const after: SessionCore = { scenarios, activeScenarioId: change.activeScenarioId, baselineScenarioId: change.baselineScenarioId };
  const current: SessionCore = { scenarios: state.scenarios, activeScenarioId: state.activeScenarioId, baselineScenarioId: state.baselineScenarioId };
  const pending = Object.fromEntries(Object.entries(state.pending).filter(([id]) => ids.has(id) && !change.dropPending.includes(id)));
  return {
    ...state,
    ...after,
    pending,
    undo: [...state.undo, { kind: 'structure' as const, before: current, after }].slice(-HISTORY_LIMIT),
    redo: [],
  };
}

/** Whether a value read back from storage has the shape of a `StructureChange` (plans are checked when the session is next loaded and saved). */
export function isStructureChange(x: unknown): x is StructureChange {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Partial<Record<keyof StructureChange, unknown>>;
  return Array.isArray(c.scenarios)
    && c.scenarios.every((s: unknown) => typeof s === 'object' && s !== null && typeof (s as { id?: unknown }).id === 'string' && typeof (s as { name?: unknown }).name === 'object')
    && typeof c.activeScenarioId === 'string'
    && typeof c.baselineScenarioId === 'string'
    && Array.isArray(c.dropPending);
}
