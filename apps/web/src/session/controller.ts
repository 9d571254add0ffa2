import type { PlanResult } from '@shopplan/engine';
import { parsePlan, parsePlanJson, type Lang, type LocalizedText, type Plan, type PlanIssue } from '@shopplan/schema';
import { EngineClient } from '../worker/engine-client.ts';
import { afterPaint, pageIdle } from './page-timing.ts';
import type { CalendarShape, CalendarTotals, CalendarViewport, CellFormula, Intermediates, ProductPlanRows, ProductView, TotalExtra } from '../worker/protocol.ts';
import type { PromotionMove, PromotionsOutcome } from '../worker/promotions.ts';
import type { CalibrateOutcome, CalibrateRequest, ReadProgress, ReviewOutcome, ReviewRequest } from '../worker/calibration.ts';
import { applyEntries, type EnteredValue } from './edit-flow.ts';
import { EditJournal, type JournalRecord, type JournalStorage } from './journal.ts';
import { SessionPersistence } from './persistence.ts';
import { readPlanValue } from './plan-edit.ts';
import {
  activeScenario, addOpenedScenarios, addScenario, applyRedo, applyUndo, clearPending, commitEdits, deleteScenario, duplicateScenario,
  fromSessionDocument, newSession, sessionIssues, peekRedo, peekUndo, renameScenario, replaceScenarioPlan, setActiveScenario,
  setBaselineScenario, setPending, toSessionDocument, type OpenedScenario, type PendingEntry, type SessionState,
} from './session-store.ts';
import { SessionStore } from './store.ts';
import { applyStructureChange, structureChange } from './structure-journal.ts';
import { WorkspaceChannel, WorkspaceLock } from './workspace-lock.ts';

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
  /** The product page's rows on screen as the last edit's answer carried them, at that figures version. */
  productRows?: { version: number; slices: ProductPlanRows[] };
}

/**
 * What a notice is about. A notice with a cause goes away by itself when the
 * cause is gone: a file error when a file opens, an engine error when the
 * engine next computes, a question's error when a question is answered.
 */
export type NoticeCause = 'file' | 'engine' | 'question';

/** A message for the planner above the grids (a file that would not open, an engine failure). */
export interface Notice {
  kind: 'error' | 'info';
  title: LocalizedText;
  issues?: PlanIssue[];
  cause?: NoticeCause;
}

/** Why this tab cannot edit, shown for as long as it is so. */
export const READ_ONLY_NOTICE: LocalizedText = {
  zh: '此工作区正在另一个标签页中编辑。为免两个标签页互相覆盖修改，本页只读，并随另一页的保存自动更新；关闭另一个标签页后，本页自动接手编辑。',
  en: 'This workspace is being edited in another tab. So that the two tabs never overwrite each other’s edits, this tab is read-only and follows the other tab’s saves; close the other tab and this one takes over editing.',
};

/** The page's localStorage, or undefined where the browser refuses it. */
function pageStorage(): JournalStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Puts an accepted edit's product rows on screen before anything else of the
 * page moves (the product page's grid, see setProductRowsPainter): the plan
 * and the scenario's pending entries as the edit leaves them, the rows the
 * worker read with the edit, and the figures version they belong to.
 */
export type ProductRowsPainter = (update: { plan: Plan; pending: Record<string, PendingEntry> | undefined; slices: ProductPlanRows[]; version: number }) => void;

/** Everything the page renders from. Replaced (never mutated) on every change. */
export interface PageSnapshot {
  session: SessionState;
  figures: Record<string, ScenarioFigures>;
  /** True while a write to IndexedDB is under way. */
  saving: boolean;
  /** True until the first scenario has been computed. */
  loading: boolean;
  notice?: Notice;
  /** True while another tab edits this workspace (this one shows its saves and takes no edits). */
  readOnly: boolean;
  /** Why the last write to browser storage failed; cleared by the next one that succeeds. */
  saveError?: LocalizedText;
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
  /** Jobs queued and not yet settled. */
  #jobs = 0;
  #snapshot: PageSnapshot;
  readonly #listeners = new Set<() => void>();
  #writes = 0;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #viewport: { scenarioId: string; rowStart: number; rowCount: number } | undefined;
  #productView: { scenarioId: string; view: ProductView } | undefined;
  #rowsPainter: { scenarioId: string; paint: ProductRowsPainter } | undefined;
  readonly #workspace: string;
  readonly #journal: EditJournal;
  readonly #lock: WorkspaceLock;
  #channel: WorkspaceChannel | undefined;
  /** Whether this tab holds the workspace (saves, journals and takes edits). */
  #writable = false;
  /** Journaled actions whose effect is in the session state, waiting for a save to settle them. */
  #applied: number[] = [];
  #followTimer: ReturnType<typeof setTimeout> | undefined;
  /** Journal actions this page has replayed already. */
  readonly #replayed = new Set<number>();
  /** Settles when `start` has put the stored session in place (a takeover must come after it). */
  #started: Promise<void> = Promise.resolve();

  /** @param storageKey the IndexedDB record of this workspace (the demo and a benchmark keep theirs apart) */
  constructor(initial: SessionState, storageKey?: string) {
    this.#persistence = new SessionPersistence(storageKey);
    this.#workspace = storageKey ?? 'current';
    this.#journal = new EditJournal(this.#workspace, pageStorage());
    this.#lock = new WorkspaceLock(this.#workspace);
    this.store = new SessionStore(initial);
    this.#snapshot = { session: initial, figures: {}, saving: false, loading: true, readOnly: false };
    this.store.subscribe(() => {
      this.#update({ session: this.store.get() });
      this.#save();
    });
  }

  /**
   * Starts on the stored session if there is one (unless `fresh`), else on
   * the given plan, then replays the journal: edits typed just before the
   * page last died. When another tab edits this workspace, this one opens
   * its stored session read-only (a demo is not started afresh over it).
   */
  start(demo: () => Plan | Promise<Plan>, lang: Lang, fresh = false): Promise<void> {
    this.#started = this.#start(demo, lang, fresh);
    return this.#started;
  }

  async #start(demo: () => Plan | Promise<Plan>, lang: Lang, fresh: boolean): Promise<void> {
    // The lock may be granted while this tab is still reading the stored
    // session (the killed editor's hold lapses a moment after it died): the
    // takeover waits, or this start would set the stored session over the
    // journal the takeover had just replayed, and the next save would settle it away.
    this.#writable = await this.#lock.acquire(() => void this.#started.then(() => this.#takeOver(), () => this.#takeOver()));
    this.#channel = new WorkspaceChannel(this.#workspace, () => this.#followSoon());
    const startFresh = fresh && this.#writable;
    this.#update({ readOnly: !this.#writable });
    let restored: SessionState | undefined;
    try {
      restored = startFresh ? undefined : await this.#persistence.load();
    } catch {
      restored = undefined; // storage unavailable (private mode): start fresh
    }
    // A demo started afresh is a new session: edits journaled for the old one do not belong to it.
    if (startFresh) this.#journal.clear();
    this.store.set(restored ?? newSession(await demo(), lang));
    // the page renders the plan first; the worker builds its models once the render is done (pageIdle says why)
    await this.#enqueue(async () => {
      await pageIdle();
      await this.#sync();
    });
    if (this.#writable) await this.#replayJournal();
    this.#update({ loading: false });
  }

  /** The generated products × weeks demo plan, made in the engine worker (see EngineClient.scalePlan). */
  scaleDemo(products: number, weeks: number, productCalendar = true): Promise<Plan> {
    return this.#client.scalePlan(products, weeks, productCalendar);
  }

  /** Whether this tab may change the workspace. */
  get writable(): boolean {
    return this.#writable;
  }

  /**
   * Applies what the journal holds, in order: actions that were typed but
   * never reached IndexedDB. An entry whose value is already in force (its
   * save finished but the journal was not yet settled) is not applied twice.
   */
  async #replayJournal(): Promise<void> {
    for (const record of this.#journal.records()) {
      // Taking over while still starting would replay twice: each action once.
      if (this.#replayed.has(record.seq)) continue;
      this.#replayed.add(record.seq);
      await this.#replay(record);
    }
  }

  async #replay({ seq, op }: JournalRecord): Promise<void> {
    if (op.kind === 'structure') {
      // In the queue, after the edits replayed before it: the change was made on their result.
      await this.#enqueue(async () => {
        const next = applyStructureChange(this.store.get(), op.change);
        if (next) this.store.set(next);
        await this.#sync();
      });
      this.#markApplied(seq);
      return;
    }
    const state = this.store.get();
    const scenario = state.scenarios.find((s) => s.id === op.scenarioId);
    if (!scenario) {
      this.#markApplied(seq);
      return;
    }
    if (op.kind === 'enter') {
      const pending = state.pending[op.scenarioId] ?? {};
      const entries = op.entries.filter((e) => readPlanValue(scenario.plan, e.path) !== e.value || e.path in pending);
      if (entries.length > 0) await this.enter(op.scenarioId, entries, seq);
      else this.#markApplied(seq);
      return;
    }
    if (op.kind === 'invalid') this.store.set((s) => setPending(s, op.scenarioId, op.path, { text: op.text, message: op.message }));
    else this.store.set((s) => clearPending(s, op.scenarioId, op.paths));
    this.#markApplied(seq);
  }

  /** The action `seq` is now part of the session state: the next completed save settles it. */
  #markApplied(seq: number): void {
    this.#applied.push(seq);
    this.#save();
  }

  /** False (and nothing happens) when another tab edits this workspace. */
  #mayEdit(): boolean {
    return this.#writable;
  }

  /** A read-only tab re-reads the stored session shortly after the editing tab saved. */
  #followSoon(): void {
    if (this.#writable) return;
    clearTimeout(this.#followTimer);
    this.#followTimer = setTimeout(() => void this.#follow(), 150);
  }

  async #follow(): Promise<void> {
    let restored: SessionState | undefined;
    try {
      restored = await this.#persistence.load();
    } catch {
      return;
    }
    if (!restored || this.#writable) return;
    const mine = this.store.get();
    const activeScenarioId = restored.scenarios.some((s) => s.id === mine.activeScenarioId) ? mine.activeScenarioId : restored.activeScenarioId;
    this.store.set({ ...restored, lang: mine.lang, activeScenarioId });
    await this.#enqueue(() => this.#sync());
  }

  /** The editing tab has gone: this one reads what it saved and journaled, and edits from now on. */
  async #takeOver(): Promise<void> {
    clearTimeout(this.#followTimer);
    let restored: SessionState | undefined;
    try {
      restored = await this.#persistence.load();
    } catch {
      restored = undefined;
    }
    this.#writable = true;
    const mine = this.store.get();
    if (restored) this.store.set({ ...restored, lang: mine.lang });
    await this.#enqueue(() => this.#sync());
    await this.#replayJournal();
    // Only now is what the other tab left on screen: the page says it edits once it does.
    this.#update({ readOnly: false });
    this.notify({ kind: 'info', title: { zh: '另一个标签页已关闭，本页现在可以编辑。', en: 'The other tab has closed; this tab edits the workspace now.' } });
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
    // A read-only tab never writes: the editing tab's session is the stored one.
    if (!this.#writable) return;
    const n = ++this.#writes;
    if (!this.#snapshot.saving) this.#update({ saving: true });
    // Written right after the change is painted (a macrotask later), so a
    // large plan's structured clone for IndexedDB never delays the repaint;
    // a burst of changes in one task is written once. The journal keeps
    // the planner's actions meanwhile, and is settled once the write is done.
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      const settles = this.#applied;
      this.#applied = [];
      this.#persistence.save(this.store.get()).then(
        () => {
          this.#journal.settle(settles);
          this.#channel?.announceSaved();
          if (n === this.#writes) this.#update({ saving: false, saveError: undefined });
        },
        (error: unknown) => {
          // Not settled: the journal still holds these actions for the next load.
          if (n === this.#writes) this.#update({ saving: false, saveError: { zh: `未能保存到浏览器：${String(error)}`, en: `Could not save in this browser: ${String(error)}` } });
        },
      );
    }, 0);
  }

  /**
   * Runs `job` after every job queued before it. `now`: with none queued,
   * it starts in this very call rather than a microtask later (a typed
   * value goes to the worker inside the key's own event handler, before the
   * grid's work on the same key, such as moving the focus, which forces a layout).
   */
  #enqueue<T>(job: () => Promise<T>, now = false): Promise<T> {
    const run = now && this.#jobs === 0 ? job() : this.#queue.then(job, job);
    this.#jobs++;
    const done = () => { this.#jobs--; };
    run.then(done, done);
    this.#queue = run.catch((error: unknown) => {
      this.#update({ notice: { kind: 'error', cause: 'engine', title: { zh: `计算出错：${String(error)}`, en: `The engine failed: ${String(error)}` } } });
    });
    return run;
  }

  /** Clears the notice if it is about `cause` (the cause is gone). */
  resolveNotice(cause: NoticeCause): void {
    if (this.#snapshot.notice?.cause === cause) this.#update({ notice: undefined });
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
      // for the web benchmark: from here until the figures are shown, the worker builds (test/e2e/src/bench-web.ts)
      performance.mark('shopplan:build-sent');
      // today as the planning date of a product plan whose plan sets none (the worker's engine knows no clock)
      const outcome = await this.#client.load(s.id, s.plan, new Date().toISOString().slice(0, 10));
      if (outcome.ok) this.#setFigures(s.id, { result: outcome.result, totalExtra: outcome.totalExtra, formulas: outcome.formulas, calendar: outcome.calendar, issues: outcome.result.issues.length ? outcome.result.issues : undefined });
      else this.#setFigures(s.id, { issues: outcome.issues });
    }
    this.resolveNotice('engine');
  }

  /**
   * Values a planner entered in cells of a scenario (typing, paste or fill):
   * one undo step. They are journaled at once, in the task of the keystroke,
   * before the worker sees them; `replaySeq` marks a replay of the journal.
   */
  enter(scenarioId: string, entries: EnteredValue[], replaySeq?: number): Promise<void> {
    if (!this.#mayEdit()) return Promise.resolve();
    const seq = replaySeq ?? this.#journal.append({ kind: 'enter', scenarioId, entries });
    return this.#enqueue(async () => {
      try {
        await this.#enterNow(scenarioId, entries);
      } finally {
        this.#markApplied(seq);
      }
    }, replaySeq === undefined);
  }

  async #enterNow(scenarioId: string, entries: EnteredValue[]): Promise<void> {
    const scenario = this.store.get().scenarios.find((s) => s.id === scenarioId);
    if (!scenario) return;
    const pending = this.store.get().pending[scenarioId] ?? {};
    const retry = Object.entries(pending).flatMap(([path, p]) => (p.value === undefined ? [] : [{ path, value: p.value, text: p.text }]));
    performance.mark('shopplan:edit-sent');
    const viewport = this.#viewport?.scenarioId === scenarioId ? this.#viewport : undefined;
    const productView = this.#productView?.scenarioId === scenarioId ? this.#productView.view : undefined;
    let rows: CalendarViewport | null | undefined;
    let productRows: ProductPlanRows[] | undefined;
    let extra: TotalExtra | undefined;
    const out = await applyEntries(scenario.plan, entries, retry, async (edits) => {
      const answer = await this.#client.edit(scenarioId, edits, viewport, productView);
      rows = answer.ok ? answer.calendar : undefined;
      productRows = answer.ok ? answer.productRows : undefined;
      extra = answer.ok ? answer.totalExtra : undefined;
      return answer;
    });
    performance.mark('shopplan:edit-answered');
    const commit = (state: SessionState) => {
      let after = commitEdits(state, scenarioId, out.accepted);
      for (const r of out.rejected) after = setPending(after, scenarioId, r.path, r.entry);
      return after;
    };
    const before = this.store.get();
    let next = commit(before);
    const painter = this.#rowsPainter?.scenarioId === scenarioId ? this.#rowsPainter.paint : undefined;
    const edited = next.scenarios.find((s) => s.id === scenarioId)?.plan;
    if (out.result && productRows && painter && edited) {
      // The rows on screen first, straight into the grid; the session state, every view's render and the
      // save come once the browser has painted them (the journal already holds the entries).
      painter({ plan: edited, pending: next.pending[scenarioId], slices: productRows, version: (this.#snapshot.figures[scenarioId]?.version ?? 0) + 1 });
      performance.mark('shopplan:edit-rows-shown');
      await afterPaint();
      // the session moved meanwhile (text typed elsewhere, the language): the edit lands on what it is now
      if (this.store.get() !== before) next = commit(this.store.get());
    }
    const plan = next.scenarios.find((s) => s.id === scenarioId)?.plan;
    if (plan && out.accepted.length > 0) this.#loaded.set(scenarioId, plan);
    this.store.set(next);
    if (out.result) {
      const version = (this.#snapshot.figures[scenarioId]?.version ?? 0) + 1;
      this.#setFigures(scenarioId, { result: out.result, issues: undefined, totalExtra: extra, calendarRows: rows ? { version, slice: rows } : undefined, productRows: productRows ? { version, slices: productRows } : undefined });
      this.resolveNotice('engine');
    }
    performance.mark('shopplan:edit-committed');
  }

  /** The product page's rows on screen and measure, so an edit's answer can carry their figures (set by that page). */
  setProductView(scenarioId: string, view: ProductView | undefined): void {
    this.#productView = view ? { scenarioId, view } : undefined;
  }

  /**
   * The product page's painter of a scenario: an accepted edit whose answer
   * carries the rows on screen hands them to it first, and the page's state
   * follows after the repaint (undefined: the page is gone).
   */
  setProductRowsPainter(scenarioId: string, paint: ProductRowsPainter | undefined): void {
    if (paint) this.#rowsPainter = { scenarioId, paint };
    else if (this.#rowsPainter?.scenarioId === scenarioId) this.#rowsPainter = undefined;
  }

  /** The product calendar rows on screen, so an edit's answer can carry them (set by the calendar view). */
  setCalendarViewport(viewport: { scenarioId: string; rowStart: number; rowCount: number } | undefined): void {
    this.#viewport = viewport;
  }

  /** Text typed into a cell that is not a number: kept in the cell with its message, nothing else changes. */
  invalidInput(scenarioId: string, path: string, text: string, message: LocalizedText): void {
    if (!this.#mayEdit()) return;
    const seq = this.#journal.append({ kind: 'invalid', scenarioId, path, text, message });
    this.store.set((s) => setPending(s, scenarioId, path, { text, message }));
    this.#markApplied(seq);
  }

  /** Gives up pending entries (the planner pressed Escape on them or cleared them). */
  discardPending(scenarioId: string, paths: string[]): void {
    if (!this.#mayEdit()) return;
    const seq = this.#journal.append({ kind: 'discard', scenarioId, paths });
    this.store.set((s) => clearPending(s, scenarioId, paths));
    this.#markApplied(seq);
  }

  /** Journals the values an undo or redo writes back, so they survive the page dying before the save. */
  #journalWrite(scenarioId: string, changes: ReadonlyArray<{ path: string; value: number }>): number {
    return this.#journal.append({ kind: 'enter', scenarioId, entries: changes.map((c) => ({ path: c.path, value: c.value, text: String(c.value) })) });
  }

  /** Undoes the last step (edits are replayed in the engine first). */
  undo(): Promise<void> {
    if (!this.#mayEdit()) return Promise.resolve();
    return this.#enqueue(async () => {
      const entry = peekUndo(this.store.get());
      if (!entry) return;
      if (entry.kind === 'edits') {
        const writes = entry.changes.map((c) => ({ path: c.path, value: c.before }));
        const seq = this.#journalWrite(entry.scenarioId, writes);
        try {
          const outcome = await this.#client.edit(entry.scenarioId, writes);
          if (!outcome.ok) return;
          const next = applyUndo(this.store.get());
          this.#loaded.set(entry.scenarioId, next.scenarios.find((s) => s.id === entry.scenarioId)?.plan as Plan);
          this.store.set(next);
          this.#setFigures(entry.scenarioId, { result: outcome.result, issues: undefined, totalExtra: outcome.totalExtra });
        } finally {
          this.#markApplied(seq);
        }
        return;
      }
      this.#commitStructure(applyUndo(this.store.get()));
      await this.#sync();
    });
  }

  /** Redoes the last undone step. */
  redo(): Promise<void> {
    if (!this.#mayEdit()) return Promise.resolve();
    return this.#enqueue(async () => {
      const entry = peekRedo(this.store.get());
      if (!entry) return;
      if (entry.kind === 'edits') {
        const writes = entry.changes.map((c) => ({ path: c.path, value: c.after }));
        const seq = this.#journalWrite(entry.scenarioId, writes);
        try {
          const outcome = await this.#client.edit(entry.scenarioId, writes);
          if (!outcome.ok) return;
          const next = applyRedo(this.store.get());
          this.#loaded.set(entry.scenarioId, next.scenarios.find((s) => s.id === entry.scenarioId)?.plan as Plan);
          this.store.set(next);
          this.#setFigures(entry.scenarioId, { result: outcome.result, issues: undefined, totalExtra: outcome.totalExtra });
        } finally {
          this.#markApplied(seq);
        }
        return;
      }
      this.#commitStructure(applyRedo(this.store.get()));
      await this.#sync();
    });
  }

  /**
   * Puts a structural change in force, journaled first. Called from queued
   * jobs: with no edit waiting for the worker the job runs in a microtask of
   * the click or key that asked for it, so the journal holds the change
   * before the tab can die; behind an edit it is journaled when it is made.
   */
  #commitStructure(next: SessionState): void {
    const current = this.store.get();
    if (next === current) return;
    const seq = this.#journal.append({ kind: 'structure', scenarioId: next.activeScenarioId, change: structureChange(current, next) });
    this.store.set(next);
    this.#markApplied(seq);
  }

  #structural(change: (s: SessionState) => SessionState): Promise<void> {
    if (!this.#mayEdit()) return Promise.resolve();
    return this.#enqueue(async () => {
      this.#commitStructure(change(this.store.get()));
      await this.#sync();
    });
  }

  /**
   * A change to the structure of a scenario's plan made in the plan builder
   * (channels, cost models, objective, shares, ranges): checked with the same
   * parsePlan issues (zh/en) as the CLI, then one undo step, saved like any
   * edit. A plan with issues changes nothing; the issues are shown and
   * returned.
   */
  async restructure(scenarioId: string, change: (plan: Plan) => Plan | undefined): Promise<PlanIssue[]> {
    if (!this.#mayEdit()) return [];
    return this.#enqueue(async () => {
      const scenario = this.store.get().scenarios.find((s) => s.id === scenarioId);
      const changed = scenario ? change(scenario.plan) : undefined;
      if (!scenario || !changed || changed === scenario.plan) return [];
      const parsed = parsePlan(changed);
      if (!parsed.ok) {
        this.notify({ kind: 'error', cause: 'engine', title: { zh: '计划结构有问题，未作修改', en: 'The plan would not be valid; nothing was changed' }, issues: parsed.issues });
        return parsed.issues;
      }
      this.#commitStructure(replaceScenarioPlan(this.store.get(), scenarioId, parsed.plan));
      await this.#sync();
      return [];
    });
  }

  /** Starts a new scenario from a plan (blank, or an example as a template): one undo step. */
  newPlan(plan: Plan, name: LocalizedText): Promise<void> {
    return this.#structural((s) => addScenario(s, plan, name, 'builder'));
  }

  /** Duplicates the scenario in front under a new name. */
  duplicate(name: LocalizedText): Promise<void> {
    return this.#structural((s) => duplicateScenario(s, s.activeScenarioId, name));
  }

  /** Adds a scenario made by an action (goal seek, allocation). */
  addScenario(plan: Plan, name: LocalizedText, origin: string): Promise<void> {
    return this.#structural((s) => addScenario(s, plan, name, origin));
  }

  /** Replaces a scenario's plan by an edited one (a moved promotion): one undo step, saved like any edit. */
  replacePlan(id: string, plan: Plan): Promise<void> {
    return this.#structural((s) => replaceScenarioPlan(s, id, plan));
  }

  /** The Promotion calendar of a plan, from the worker. */
  promotions(plan: Plan): Promise<PromotionsOutcome> {
    return this.#client.promotions(plan);
  }

  /** Asks the worker whether a placed activity may start on `start` (see movePromotion). */
  movePromotion(plan: Plan, activityId: string, start: string): Promise<PromotionMove> {
    return this.#client.movePromotion(plan, activityId, start);
  }

  /**
   * Reads a history file and calibrates a plan in the worker (Calibration
   * view). Not queued behind edits: it reads a file and the plan it is given,
   * no scenario's model; the worker answers edits between chunks of the file.
   */
  calibrate(request: CalibrateRequest, onProgress?: (p: ReadProgress) => void): Promise<CalibrateOutcome> {
    return this.#client.calibrate(request, onProgress);
  }

  /** Reads an actuals file and reviews a plan against it in the worker (plan vs actual). */
  review(request: ReviewRequest, onProgress?: (p: ReadProgress) => void): Promise<ReviewOutcome> {
    return this.#client.review(request, onProgress);
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
    if (!this.#mayEdit()) return;
    this.#commitStructure(setBaselineScenario(this.store.get(), id));
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
   * xlsx shopplan wrote. What it holds is added as new scenarios next to the
   * planner's (one undo step); nothing is ever replaced. A file with problems
   * changes nothing; they are listed with their field paths.
   */
  async openFile(file: File): Promise<void> {
    if (!this.#mayEdit()) return;
    const lang = this.store.get().lang;
    const refused = (issues: PlanIssue[], what: 'plan' | 'session' = 'plan') => this.notify({
      kind: 'error',
      cause: 'file',
      title: what === 'session'
        ? { zh: `${file.name} 不是有效的方案文件，当前方案未改变`, en: `${file.name} is not a valid session file; nothing was changed` }
        : { zh: `无法打开 ${file.name}，当前方案未改变`, en: `${file.name} could not be opened; nothing was changed` },
      issues,
    });
    let opened: OpenedScenario[];
    if (/\.xlsx$/i.test(file.name)) {
      const outcome = await this.#client.importXlsx(new Uint8Array(await file.arrayBuffer()));
      if (!outcome.ok) return refused(outcome.issues);
      opened = [{ name: outcome.plan.name, plan: outcome.plan }];
    } else {
      const text = await file.text();
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        raw = undefined;
      }
      if (raw && typeof raw === 'object' && 'scenarios' in raw) {
        const session = fromSessionDocument(raw, lang);
        if (!session) return refused(sessionIssues(raw), 'session');
        opened = session.scenarios.map((s) => ({ name: s.name, plan: s.plan }));
      } else {
        const parsed = parsePlanJson(text);
        if (!parsed.ok) return refused(parsed.issues);
        opened = [{ name: parsed.plan.name, plan: parsed.plan }];
      }
    }
    await this.#structural((s) => addOpenedScenarios(s, opened, file.name));
    this.resolveNotice('file');
    const n = opened.length;
    this.notify({
      kind: 'info',
      title: {
        zh: `已打开 ${file.name}：加入 ${n} 个新方案，原有方案都还在（撤销可取消打开）`,
        en: `Opened ${file.name} as ${n === 1 ? 'a new scenario' : `${n} new scenarios`}; your scenarios are all still here (Undo takes the file back out)`,
      },
    });
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

  /**
   * Asks the engine at once, ahead of queued requests: only for a question
   * about what the worker already holds (a product page's summary asked as
   * an edit's rows are painted, while that edit's job still waits for the
   * paint); anything else goes through `ask`.
   */
  askNow<T>(question: (client: EngineClient) => Promise<T>): Promise<T> {
    return question(this.#client);
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
