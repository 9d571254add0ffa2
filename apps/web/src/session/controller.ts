import type { PlanResult } from '@shopplan/engine';
import { parsePlanJson, type Lang, type LocalizedText, type Plan, type PlanIssue } from '@shopplan/schema';
import { EngineClient } from '../worker/engine-client.ts';
import type { CalendarShape, CalendarTotals, CalendarViewport, CellFormula, Intermediates, TotalExtra } from '../worker/protocol.ts';
import { applyEntries, type EnteredValue } from './edit-flow.ts';
import { SessionPersistence } from './persistence.ts';
import {
  activeScenario, addScenario, applyRedo, applyUndo, clearPending, commitEdits, deleteScenario, duplicateScenario,
  fromSessionDocument, newSession, sessionIssues, peekRedo, peekUndo, renameScenario, replaceWithPlan, setActiveScenario,
  setBaselineScenario, setPending, toSessionDocument, type SessionState,
} from './session-store.ts';
import { SessionStore } from './store.ts';

/** The engine's figures for one scenario, as the views need them. */
export interface ScenarioFigures {
  result?: PlanResult;
  formulas: Record<string, CellFormula>;
  calendar?: CalendarShape;
  /** Why the scenario could not be computed (shown instead of figures). */
  issues?: PlanIssue[];
  /** Bumped on every recalculation so views can repaint. */
  version: number;
  /** Cost per order and visitor value of the total row. */
  totalExtra?: TotalExtra;
  /** Product calendar rows read with the last accepted edit (for the version they carry). */
  calendarRows?: { version: number; slice: CalendarViewport };
}

/** A message for the planner above the grids (a file that would not open, an engine failure). */
export interface Notice {
  kind: 'error' | 'info';
  title: LocalizedText;
  issues?: PlanIssue[];
}

/** Everything the page renders from. Replaced (never mutated) on every change. */
export interface PageSnapshot {
  session: SessionState;
  figures: Record<string, ScenarioFigures>;
  /** True while a write to IndexedDB is under way. */
  saving: boolean;
  /** True until the first scenario has been computed. */
  loading: boolean;
  notice?: Notice;
}

/**
 * The page's controller: owns the session store, the engine worker and the
 * browser storage, and turns a planner's actions into engine requests. Edits
 * are queued so they reach the engine in order and each builds on the last.
 */
export class PlanningController {
  readonly store: SessionStore;
  readonly #client = new EngineClient();
  readonly #persistence: SessionPersistence;
  /** The plan object each scenario's model in the worker was built from or edited to. */
  readonly #loaded = new Map<string, Plan>();
  #queue: Promise<unknown> = Promise.resolve();
  #snapshot: PageSnapshot;
  readonly #listeners = new Set<() => void>();
  #writes = 0;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #viewport: { scenarioId: string; rowStart: number; rowCount: number } | undefined;

  /** @param storageKey the IndexedDB record of this workspace (the demo and a benchmark keep theirs apart) */
  constructor(initial: SessionState, storageKey?: string) {
    this.#persistence = new SessionPersistence(storageKey);
    this.store = new SessionStore(initial);
    this.#snapshot = { session: initial, figures: {}, saving: false, loading: true };
    this.store.subscribe(() => {
      this.#update({ session: this.store.get() });
      this.#save();
    });
  }

  /** Starts on the stored session if there is one (unless `fresh`), else on the given plan. */
  async start(demo: () => Plan, lang: Lang, fresh = false): Promise<void> {
    let restored: SessionState | undefined;
    try {
      restored = fresh ? undefined : await this.#persistence.load();
    } catch {
      restored = undefined; // storage unavailable (private mode): start fresh
    }
    this.store.set(restored ?? newSession(demo(), lang));
    await this.#enqueue(() => this.#sync());
    this.#update({ loading: false });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  snapshot = (): PageSnapshot => this.#snapshot;

  #update(patch: Partial<PageSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const l of this.#listeners) l();
  }

  #setFigures(id: string, patch: Partial<ScenarioFigures>): void {
    const old = this.#snapshot.figures[id] ?? { formulas: {}, version: 0 };
    this.#update({ figures: { ...this.#snapshot.figures, [id]: { ...old, ...patch, version: old.version + 1 } } });
  }

  #save(): void {
    const n = ++this.#writes;
    if (!this.#snapshot.saving) this.#update({ saving: true });
    // Written right after the change is painted (a macrotask later), so a
    // large plan's structured clone for IndexedDB never delays the repaint;
    // a burst of changes in one task is written once.
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      this.#persistence.save(this.store.get()).then(
        () => { if (n === this.#writes) this.#update({ saving: false }); },
        () => { if (n === this.#writes) this.#update({ saving: false }); },
      );
    }, 0);
  }

  #enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(job, job);
    this.#queue = run.catch((error: unknown) => {
      this.#update({ notice: { kind: 'error', title: { zh: `计算出错：${String(error)}`, en: `The engine failed: ${String(error)}` } } });
    });
    return run;
  }

  /** Brings the worker's models in line with the session: builds new or replaced scenarios, frees deleted ones. */
  async #sync(): Promise<void> {
    const { scenarios } = this.store.get();
    const ids = new Set(scenarios.map((s) => s.id));
    for (const id of [...this.#loaded.keys()]) {
      if (ids.has(id)) continue;
      this.#loaded.delete(id);
      await this.#client.drop(id);
    }
    // The scenario in front first, so the planner sees figures soonest.
    const active = this.store.get().activeScenarioId;
    const ordered = [...scenarios].sort((a, b) => Number(b.id === active) - Number(a.id === active));
    for (const s of ordered) {
      if (this.#loaded.get(s.id) === s.plan) continue;
      this.#loaded.set(s.id, s.plan);
      const outcome = await this.#client.load(s.id, s.plan);
      if (outcome.ok) this.#setFigures(s.id, { result: outcome.result, totalExtra: outcome.totalExtra, formulas: outcome.formulas, calendar: outcome.calendar, issues: outcome.result.issues.length ? outcome.result.issues : undefined });
      else this.#setFigures(s.id, { issues: outcome.issues });
    }
  }

  /** Values a planner entered in cells of a scenario (typing, paste or fill): one undo step. */
  enter(scenarioId: string, entries: EnteredValue[]): Promise<void> {
    return this.#enqueue(async () => {
      const scenario = this.store.get().scenarios.find((s) => s.id === scenarioId);
      if (!scenario) return;
      const pending = this.store.get().pending[scenarioId] ?? {};
      const retry = Object.entries(pending).flatMap(([path, p]) => (p.value === undefined ? [] : [{ path, value: p.value, text: p.text }]));
      performance.mark('shopplan:edit-sent');
      const viewport = this.#viewport?.scenarioId === scenarioId ? this.#viewport : undefined;
      let rows: CalendarViewport | null | undefined;
      let extra: TotalExtra | undefined;
      const out = await applyEntries(scenario.plan, entries, retry, async (edits) => {
        const answer = await this.#client.edit(scenarioId, edits, viewport);
        rows = answer.ok ? answer.calendar : undefined;
        extra = answer.ok ? answer.totalExtra : undefined;
        return answer;
      });
      performance.mark('shopplan:edit-answered');
      let next = commitEdits(this.store.get(), scenarioId, out.accepted);
      for (const r of out.rejected) next = setPending(next, scenarioId, r.path, r.entry);
      const plan = next.scenarios.find((s) => s.id === scenarioId)?.plan;
      if (plan && out.accepted.length > 0) this.#loaded.set(scenarioId, plan);
      this.store.set(next);
      if (out.result) {
        const version = (this.#snapshot.figures[scenarioId]?.version ?? 0) + 1;
        this.#setFigures(scenarioId, { result: out.result, issues: undefined, totalExtra: extra, calendarRows: rows ? { version, slice: rows } : undefined });
      }
    });
  }

  /** The product calendar rows on screen, so an edit's answer can carry them (set by the calendar view). */
  setCalendarViewport(viewport: { scenarioId: string; rowStart: number; rowCount: number } | undefined): void {
    this.#viewport = viewport;
  }

  /** Text typed into a cell that is not a number: kept in the cell with its message, nothing else changes. */
  invalidInput(scenarioId: string, path: string, text: string, message: LocalizedText): void {
    this.store.set((s) => setPending(s, scenarioId, path, { text, message }));
  }

  /** Gives up pending entries (the planner pressed Escape on them or cleared them). */
  discardPending(scenarioId: string, paths: string[]): void {
    this.store.set((s) => clearPending(s, scenarioId, paths));
  }

  /** Undoes the last step (edits are replayed in the engine first). */
  undo(): Promise<void> {
    return this.#enqueue(async () => {
      const entry = peekUndo(this.store.get());
      if (!entry) return;
      if (entry.kind === 'edits') {
        const outcome = await this.#client.edit(entry.scenarioId, entry.changes.map((c) => ({ path: c.path, value: c.before })));
        if (!outcome.ok) return;
        const next = applyUndo(this.store.get());
        this.#loaded.set(entry.scenarioId, next.scenarios.find((s) => s.id === entry.scenarioId)?.plan as Plan);
        this.store.set(next);
        this.#setFigures(entry.scenarioId, { result: outcome.result, issues: undefined, totalExtra: outcome.totalExtra });
        return;
      }
      this.store.set(applyUndo(this.store.get()));
      await this.#sync();
    });
  }

  /** Redoes the last undone step. */
  redo(): Promise<void> {
    return this.#enqueue(async () => {
      const entry = peekRedo(this.store.get());
      if (!entry) return;
      if (entry.kind === 'edits') {
        const outcome = await this.#client.edit(entry.scenarioId, entry.changes.map((c) => ({ path: c.path, value: c.after })));
        if (!outcome.ok) return;
        const next = applyRedo(this.store.get());
        this.#loaded.set(entry.scenarioId, next.scenarios.find((s) => s.id === entry.scenarioId)?.plan as Plan);
        this.store.set(next);
        this.#setFigures(entry.scenarioId, { result: outcome.result, issues: undefined, totalExtra: outcome.totalExtra });
        return;
      }
      this.store.set(applyRedo(this.store.get()));
      await this.#sync();
    });
  }

  #structural(change: (s: SessionState) => SessionState): Promise<void> {
    return this.#enqueue(async () => {
      this.store.set(change(this.store.get()));
      await this.#sync();
    });
  }

  /** Duplicates the scenario in front under a new name. */
  duplicate(name: LocalizedText): Promise<void> {
    return this.#structural((s) => duplicateScenario(s, s.activeScenarioId, name));
  }

  /** Adds a scenario made by an action (goal seek, allocation). */
  addScenario(plan: Plan, name: LocalizedText, origin: string): Promise<void> {
    return this.#structural((s) => addScenario(s, plan, name, origin));
  }

  /** Renames a scenario. */
  rename(id: string, name: LocalizedText): Promise<void> {
    return this.#structural((s) => renameScenario(s, id, name));
  }

  /** Deletes a scenario (undoable). */
  remove(id: string): Promise<void> {
    return this.#structural((s) => deleteScenario(s, id));
  }

  /** Brings a scenario to the front. */
  activate(id: string): void {
    this.store.set((s) => setActiveScenario(s, id));
  }

  /** Chooses the baseline of comparisons. */
  setBaseline(id: string): void {
    this.store.set((s) => setBaselineScenario(s, id));
  }

  /** Switches the interface language. */
  setLang(lang: Lang): void {
    this.store.set((s) => ({ ...s, lang }));
  }

  /** Clears the notice above the grids. */
  dismissNotice(): void {
    this.#update({ notice: undefined });
  }

  /** Shows a notice above the grids; good news fades after a few seconds, problems stay until closed. */
  notify(notice: Notice): void {
    this.#update({ notice });
    if (notice.kind === 'info') {
      setTimeout(() => {
        if (this.#snapshot.notice === notice) this.#update({ notice: undefined });
      }, 6000);
    }
  }

  /**
   * Opens a plan file: a plan JSON, a session JSON saved by this page, or an
   * xlsx shopplan wrote. Nothing is replaced when the file has problems; they
   * are listed with their field paths.
   */
  async openFile(file: File): Promise<void> {
    const lang = this.store.get().lang;
    if (/\.xlsx$/i.test(file.name)) {
      const outcome = await this.#client.importXlsx(new Uint8Array(await file.arrayBuffer()));
      if (!outcome.ok) {
        this.notify({ kind: 'error', title: { zh: `无法打开 ${file.name}，当前方案未改变`, en: `${file.name} could not be opened; nothing was replaced` }, issues: outcome.issues });
        return;
      }
      await this.#structural((s) => replaceWithPlan(s, outcome.plan, outcome.plan.name));
      this.notify({ kind: 'info', title: { zh: `已打开 ${file.name}`, en: `Opened ${file.name}` } });
      return;
    }
    const text = await file.text();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    if (raw && typeof raw === 'object' && 'scenarios' in raw) {
      const session = fromSessionDocument(raw, lang);
      if (!session) {
        this.notify({ kind: 'error', title: { zh: `${file.name} 不是有效的方案文件，当前方案未改变`, en: `${file.name} is not a valid session file; nothing was replaced` }, issues: sessionIssues(raw) });
        return;
      }
      await this.#structural((s) => ({ ...s, ...session, lang: s.lang, undo: s.undo, redo: s.redo }));
      return;
    }
    const parsed = parsePlanJson(text);
    if (!parsed.ok) {
      this.notify({ kind: 'error', title: { zh: `无法打开 ${file.name}，当前方案未改变`, en: `${file.name} could not be opened; nothing was replaced` }, issues: parsed.issues });
      return;
    }
    await this.#structural((s) => replaceWithPlan(s, parsed.plan, parsed.plan.name));
    this.notify({ kind: 'info', title: { zh: `已打开 ${file.name}`, en: `Opened ${file.name}` } });
  }

  /** The active scenario's plan as a JSON file. */
  planFile(): { name: string; blob: Blob } {
    const plan = activeScenario(this.store.get()).plan;
    return { name: `${plan.id}.json`, blob: new Blob([`${JSON.stringify(plan, null, 2)}\n`], { type: 'application/json' }) };
  }

  /** All scenarios as a session JSON file. */
  sessionFile(): { name: string; blob: Blob } {
    const s = this.store.get();
    const plan = activeScenario(s).plan;
    return { name: `${plan.id}-session.json`, blob: new Blob([`${JSON.stringify(toSessionDocument(s), null, 2)}\n`], { type: 'application/json' }) };
  }

  /** The active scenario as a live xlsx workbook. */
  async xlsxFile(): Promise<{ name: string; blob: Blob }> {
    const s = this.store.get();
    const plan = activeScenario(s).plan;
    const bytes = await this.#client.exportXlsx(plan, s.lang, toSessionDocument(s));
    return { name: `${plan.id}.xlsx`, blob: new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }) };
  }

  /** Asks the engine a question about the scenario in front (queued after pending edits, so it sees them). */
  ask<T>(question: (client: EngineClient, scenarioId: string) => Promise<T>): Promise<T> {
    return this.#enqueue(() => question(this.#client, this.store.get().activeScenarioId));
  }

  /**
   * Sums a scenario's product calendar over all products, in the worker,
   * after the edits queued so far but without holding up later ones (the
   * worker sums in blocks and answers null when an edit changed the plan meanwhile).
   */
  readCalendarTotals(scenarioId: string): Promise<CalendarTotals | null> {
    return this.#queue.then(() => this.#client.calendarTotals(scenarioId));
  }

  /** A scenario's intermediate figures (named cells such as paid_visitors, each channel's figures), after any queued edits. */
  readIntermediates(scenarioId: string): Promise<Intermediates> {
    return this.#enqueue(() => this.#client.namedFigures(scenarioId));
  }

  /** Reads rows of a scenario's product calendar (after any queued edits). */
  readCalendar(scenarioId: string, rowStart: number, rowCount: number): Promise<CalendarViewport | null> {
    return this.#enqueue(() => this.#client.calendar(scenarioId, rowStart, rowCount));
  }

  /** Waits until every queued engine request has been answered. */
  idle(): Promise<unknown> {
    return this.#queue;
  }
}

/** The names of the duplicate suggestions, so views and tests agree. */
export type { EnteredValue };
