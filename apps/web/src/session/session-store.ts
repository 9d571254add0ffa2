import { checkSession, parsePlan, planningSession, SESSION_VERSION, type Lang, type LocalizedText, type Plan, type PlanIssue, type PlanningSession } from '@shopplan/schema';
import { writePlanValue } from './plan-edit.ts';

/** One scenario as the page holds it: a validated plan with its name. */
export interface ScenarioState {
  id: string;
  name: LocalizedText;
  /** The scenario it was duplicated from, or the action that made it. */
  origin?: string;
  plan: Plan;
}

/**
 * An entry a planner typed that is not in force: text that is not a number,
 * or a number the plan rejects (a CVR of 150%). The cell shows the message;
 * the last good value stays; the text is kept so nothing typed is lost.
 * `value` is set when the text parsed: it is retried with later edits (a
 * share of 60% becomes valid once another share drops to 20%).
 */
export interface PendingEntry {
  text: string;
  message: LocalizedText;
  value?: number;
}

/** One changed assumption with its value before and after. */
export interface AssumptionChange {
  path: string;
  before: number;
  after: number;
}

/** The part of a session that structural actions change (and undo restores). */
export interface SessionCore {
  scenarios: ScenarioState[];
  activeScenarioId: string;
  baselineScenarioId: string;
}

/** A step of the undo history: assumption edits of one scenario, or a structural change. */
export type HistoryEntry =
  | { kind: 'edits'; scenarioId: string; changes: AssumptionChange[] }
  | { kind: 'structure'; before: SessionCore; after: SessionCore };

/** The whole planning session on the page. Immutable: every action returns a new state. */
export interface SessionState extends SessionCore {
  lang: Lang;
  /** scenario id → assumption path → entry not in force. */
  pending: Record<string, Record<string, PendingEntry>>;
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

/** Undo keeps this many steps; older ones are dropped. */
export const HISTORY_LIMIT = 200;

/** A fresh scenario id. */
export function newScenarioId(): string {
  return `s-${globalThis.crypto.randomUUID().slice(0, 8)}`;
}

/**
 * A new session on one plan: a single scenario named 基准 / Base that is also the baseline.
 * @example newSession(examplePlan('june-shop'), 'zh').scenarios[0].name.zh // '基准'
 */
export function newSession(plan: Plan, lang: Lang, name: LocalizedText = { zh: '基准', en: 'Base' }): SessionState {
  const id = newScenarioId();
  return { scenarios: [{ id, name, plan }], activeScenarioId: id, baselineScenarioId: id, lang, pending: {}, undo: [], redo: [] };
}

/** The scenario in front. */
export function activeScenario(state: SessionState): ScenarioState {
  return state.scenarios.find((s) => s.id === state.activeScenarioId) ?? (state.scenarios[0] as ScenarioState);
}

function core(state: SessionCore): SessionCore {
  return { scenarios: state.scenarios, activeScenarioId: state.activeScenarioId, baselineScenarioId: state.baselineScenarioId };
}

function push(state: SessionState, entry: HistoryEntry): Pick<SessionState, 'undo' | 'redo'> {
  return { undo: [...state.undo, entry].slice(-HISTORY_LIMIT), redo: [] };
}

function writeChanges(scenarios: ScenarioState[], scenarioId: string, changes: readonly AssumptionChange[], side: 'before' | 'after'): ScenarioState[] {
  return scenarios.map((s) => {
    if (s.id !== scenarioId) return s;
    let plan = s.plan;
    for (const c of changes) plan = writePlanValue(plan, c.path, c[side]) ?? plan;
    return { ...s, plan };
  });
}

function withoutPending(pending: SessionState['pending'], scenarioId: string, paths: readonly string[]): SessionState['pending'] {
  const mine = pending[scenarioId];
  if (!mine || !paths.some((p) => p in mine)) return pending;
  const next = { ...mine };
  for (const p of paths) delete next[p];
  return { ...pending, [scenarioId]: next };
}

/**
 * Records assumption edits the engine accepted: the scenario's plan takes the
 * new values, the entries pending at those paths are cleared, and one undo step is pushed.
 */
export function commitEdits(state: SessionState, scenarioId: string, changes: readonly AssumptionChange[]): SessionState {
  if (changes.length === 0) return state;
  return {
    ...state,
    scenarios: writeChanges(state.scenarios, scenarioId, changes, 'after'),
    pending: withoutPending(state.pending, scenarioId, changes.map((c) => c.path)),
    ...push(state, { kind: 'edits', scenarioId, changes: [...changes] }),
  };
}

/** Marks an entry as typed but not in force at a path of a scenario. */
export function setPending(state: SessionState, scenarioId: string, path: string, entry: PendingEntry): SessionState {
  return { ...state, pending: { ...state.pending, [scenarioId]: { ...state.pending[scenarioId], [path]: entry } } };
}

/** Drops pending entries (the planner typed a good value, or gave up on them). */
export function clearPending(state: SessionState, scenarioId: string, paths: readonly string[]): SessionState {
  return { ...state, pending: withoutPending(state.pending, scenarioId, paths) };
}

/** The next undo step, if any (the page replays its inverse in the worker before applying it here). */
export function peekUndo(state: SessionState): HistoryEntry | undefined {
  return state.undo[state.undo.length - 1];
}

/** The next redo step, if any. */
export function peekRedo(state: SessionState): HistoryEntry | undefined {
  return state.redo[state.redo.length - 1];
}

/** Undoes the last step. */
export function applyUndo(state: SessionState): SessionState {
  const entry = peekUndo(state);
  if (!entry) return state;
  const undo = state.undo.slice(0, -1);
  const redo = [...state.redo, entry];
  if (entry.kind === 'edits') return { ...state, scenarios: writeChanges(state.scenarios, entry.scenarioId, entry.changes, 'before'), activeScenarioId: entry.scenarioId, undo, redo };
  return { ...state, ...entry.before, undo, redo };
}

/** Redoes the last undone step. */
export function applyRedo(state: SessionState): SessionState {
  const entry = peekRedo(state);
  if (!entry) return state;
  const redo = state.redo.slice(0, -1);
  const undo = [...state.undo, entry];
  if (entry.kind === 'edits') return { ...state, scenarios: writeChanges(state.scenarios, entry.scenarioId, entry.changes, 'after'), activeScenarioId: entry.scenarioId, undo, redo };
  return { ...state, ...entry.after, undo, redo };
}

function structural(state: SessionState, after: SessionCore): SessionState {
  return { ...state, ...after, ...push(state, { kind: 'structure', before: core(state), after }) };
}

/**
 * Adds a scenario (a duplicate, a goal-seek or allocation result) and brings it to the front.
 * @example addScenario(state, plan, { zh: '激进', en: 'Aggressive' }, 'duplicate of s-1')
 */
export function addScenario(state: SessionState, plan: Plan, name: LocalizedText, origin?: string): SessionState {
  const id = newScenarioId();
  const scenario: ScenarioState = origin ? { id, name, plan, origin } : { id, name, plan };
  return structural(state, { ...core(state), scenarios: [...state.scenarios, scenario], activeScenarioId: id });
}

/** Replaces one scenario's plan (a structural step: undo brings the old plan back). */
export function replaceScenarioPlan(state: SessionState, id: string, plan: Plan): SessionState {
  if (!state.scenarios.some((s) => s.id === id)) return state;
  return structural(state, { ...core(state), scenarios: state.scenarios.map((s) => (s.id === id ? { ...s, plan } : s)) });
}

/** Duplicates a scenario under a new name; the copy comes to the front. */
export function duplicateScenario(state: SessionState, sourceId: string, name: LocalizedText): SessionState {
  const source = state.scenarios.find((s) => s.id === sourceId);
  if (!source) return state;
  return addScenario(state, source.plan, name, sourceId);
}

/** Renames a scenario. */
export function renameScenario(state: SessionState, id: string, name: LocalizedText): SessionState {
  if (!state.scenarios.some((s) => s.id === id)) return state;
  return structural(state, { ...core(state), scenarios: state.scenarios.map((s) => (s.id === id ? { ...s, name } : s)) });
}

/** Deletes a scenario; the last one cannot be deleted. Active and baseline move to the first remaining. */
export function deleteScenario(state: SessionState, id: string): SessionState {
  const scenarios = state.scenarios.filter((s) => s.id !== id);
  const first = scenarios[0];
  if (!first || scenarios.length === state.scenarios.length) return state;
  return structural(state, {
    scenarios,
    activeScenarioId: state.activeScenarioId === id ? first.id : state.activeScenarioId,
    baselineScenarioId: state.baselineScenarioId === id ? first.id : state.baselineScenarioId,
  });
}

/** Brings a scenario to the front (not an undo step: it changes no figure). */
export function setActiveScenario(state: SessionState, id: string): SessionState {
  return state.scenarios.some((s) => s.id === id) ? { ...state, activeScenarioId: id } : state;
}

/** Chooses the baseline of comparisons. */
export function setBaselineScenario(state: SessionState, id: string): SessionState {
  return state.scenarios.some((s) => s.id === id) ? structural(state, { ...core(state), baselineScenarioId: id }) : state;
}

/** Replaces the whole session with one plan (an undo step). Opening a file adds scenarios instead: see `addOpenedScenarios`. */
export function replaceWithPlan(state: SessionState, plan: Plan, name: LocalizedText): SessionState {
  const id = newScenarioId();
  return structural(state, { scenarios: [{ id, name, plan }], activeScenarioId: id, baselineScenarioId: id });
}

/** A scenario read from a file, before it joins a session. */
export interface OpenedScenario {
  name: LocalizedText;
  plan: Plan;
}

/**
 * Adds the scenarios of an opened file (a plan, a workbook or a session
 * file) next to the ones already there, as one undo step: opening a file
 * never replaces the planner's work. Each gets a fresh id (a session file
 * saved from this very session would otherwise collide), its origin names
 * the file, and the first comes to the front; the baseline stays.
 * @example addOpenedScenarios(state, [{ name: plan.name, plan }], 'june.json').scenarios.length // one more
 */
export function addOpenedScenarios(state: SessionState, opened: readonly OpenedScenario[], fileName: string): SessionState {
  const first = opened[0];
  if (!first) return state;
  const added: ScenarioState[] = opened.map((o) => ({ id: newScenarioId(), name: o.name, plan: o.plan, origin: `file:${fileName}` }));
  return structural(state, { ...core(state), scenarios: [...state.scenarios, ...added], activeScenarioId: (added[0] as ScenarioState).id });
}

/** The session as the `planningSession` document of @shopplan/schema (for a session file). */
export function toSessionDocument(state: SessionCore): PlanningSession {
  return {
    version: SESSION_VERSION,
    scenarios: state.scenarios.map((s) => ({ id: s.id, name: s.name, plan: s.plan as unknown as Record<string, unknown>, ...(s.origin ? { origin: s.origin } : {}) })),
    activeScenarioId: state.activeScenarioId,
    baselineScenarioId: state.baselineScenarioId,
  };
}

/** What the browser stores: the session document, the language and the pending entries. */
export interface PersistedSession {
  session: PlanningSession;
  lang: Lang;
  pending: SessionState['pending'];
}

/** The persisted form of a state (undo history is not kept across reloads). */
export function toPersisted(state: SessionState): PersistedSession {
  return { session: toSessionDocument(state), lang: state.lang, pending: state.pending };
}

/**
 * Reads a session document back (from IndexedDB or a session file): the
 * session shape is checked and every scenario's plan is migrated and
 * validated. Returns undefined when anything is wrong, so a damaged store
 * falls back to the demo plan instead of breaking the page.
 */
export function fromSessionDocument(raw: unknown, lang: Lang, pending: SessionState['pending'] = {}): SessionState | undefined {
  const parsed = planningSession.safeParse(raw);
  if (!parsed.success) return undefined;
  const scenarios: ScenarioState[] = [];
  for (const s of parsed.data.scenarios) {
    const plan = parsePlan(s.plan);
    if (!plan.ok) return undefined;
    scenarios.push(s.origin ? { id: s.id, name: s.name, plan: plan.plan, origin: s.origin } : { id: s.id, name: s.name, plan: plan.plan });
  }
  const ids = new Set(scenarios.map((s) => s.id));
  const first = scenarios[0] as ScenarioState;
  return {
    scenarios,
    activeScenarioId: ids.has(parsed.data.activeScenarioId) ? parsed.data.activeScenarioId : first.id,
    baselineScenarioId: ids.has(parsed.data.baselineScenarioId) ? parsed.data.baselineScenarioId : first.id,
    lang,
    pending: Object.fromEntries(Object.entries(pending).filter(([id]) => ids.has(id))),
    undo: [],
    redo: [],
  };
}

/** Restores a persisted state, or undefined when it cannot be trusted. */
export function fromPersisted(raw: unknown): SessionState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Partial<PersistedSession>;
  const lang: Lang = r.lang === 'en' ? 'en' : 'zh';
  return fromSessionDocument(r.session, lang, r.pending ?? {});
}

/**
 * Why a session document cannot be opened, each problem with its path
 * (`scenarios[0].plan.channels[1].cvr`) in zh and en; empty when it can.
 */
export function sessionIssues(raw: unknown): PlanIssue[] {
  // the schema's catalog: zod's English text never reaches a planner
  return checkSession(raw);
}
