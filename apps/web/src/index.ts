/**
 * @shopplan/web — the planner's web app. The app itself is built by Vite
 * (`index.html` → `src/main.tsx`); this entry exposes the pure session logic
 * for tests and tools.
 */
export { newSession, commitEdits, applyUndo, applyRedo, duplicateScenario, toSessionDocument, fromSessionDocument, toPersisted, fromPersisted } from './session/session-store.ts';
export type { SessionState, ScenarioState, PendingEntry, AssumptionChange, HistoryEntry, PersistedSession } from './session/session-store.ts';
export { compareScenarios, difference } from './session/scenario-diff.ts';
export type { ComparedMetric } from './session/scenario-diff.ts';
export { applyEntries } from './session/edit-flow.ts';
export type { EnteredValue, EditFlowOutcome } from './session/edit-flow.ts';
