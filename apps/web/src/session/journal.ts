import type { LocalizedText } from '@shopplan/schema';
import type { EnteredValue } from './edit-flow.ts';
import { isStructureChange, type StructureChange } from './structure-journal.ts';

/**
 * What a planner did that the journal keeps until it is in IndexedDB:
 * values entered in cells (typed, pasted, filled, or written back by undo and
 * redo), text that is not a number, entries given up, and structural changes
 * (scenarios added, renamed, deleted or restructured, the baseline chosen;
 * `scenarioId` is then the scenario in front after the change).
 */
export type JournalOp =
  | { kind: 'enter'; scenarioId: string; entries: EnteredValue[] }
  | { kind: 'invalid'; scenarioId: string; path: string; text: string; message: LocalizedText }
  | { kind: 'discard'; scenarioId: string; paths: string[] }
  | { kind: 'structure'; scenarioId: string; change: StructureChange };

/** One journaled action; `seq` grows with every action of a workspace. */
export interface JournalRecord {
  seq: number;
  op: JournalOp;
}

/** The part of the Web Storage API the journal uses (`localStorage` in the page). */
export interface JournalStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A journal holding more than this many actions (storage that never saves) drops the oldest. */
export const JOURNAL_LIMIT = 2000;

function isRecord(x: unknown): x is JournalRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { seq?: unknown; op?: { kind?: unknown; scenarioId?: unknown; change?: unknown } };
  if (typeof r.seq !== 'number' || !Number.isInteger(r.seq) || typeof r.op !== 'object' || r.op === null || typeof r.op.scenarioId !== 'string') return false;
  if (r.op.kind === 'structure') return isStructureChange(r.op.change);
  return ['enter', 'invalid', 'discard'].includes(String(r.op.kind));
}

/**
 * The write-ahead journal of a workspace's edits. IndexedDB writes are
 * asynchronous and finish after the worker has answered, so an edit typed a
 * moment before the tab dies would be lost; `localStorage` is written
 * synchronously, in the same task as the keystroke. The controller appends an
 * action before anything else happens to it, settles the actions a completed
 * IndexedDB save contains, and replays what is left when the page opens.
 *
 * Only the tab that holds the workspace (see workspace-lock.ts) writes it.
 * Storage that refuses (quota, private mode) makes the journal a no-op: the
 * page then keeps only what IndexedDB holds, as before.
 */
export class EditJournal {
  readonly #key: string;
  readonly #storage: JournalStorage | undefined;
  /** The last number handed out by this journal object. */
  #last = 0;

  /** @param workspace the IndexedDB record this journal belongs to */
  constructor(workspace: string, storage: JournalStorage | undefined) {
    this.#key = `shopplan:journal:${workspace}`;
    this.#storage = storage;
  }

  /** The actions not yet known to be saved, oldest first (a damaged journal reads as empty). */
  records(): JournalRecord[] {
    let text: string | null = null;
    try {
      text = this.#storage?.getItem(this.#key) ?? null;
    } catch {
      return [];
    }
    if (!text) return [];
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed.filter(isRecord).sort((a, b) => a.seq - b.seq) : [];
    } catch {
      return [];
    }
  }

  /** Appends an action synchronously and returns its sequence number. */
  append(op: JournalOp): number {
    const records = this.records();
    // Never reused, also once the journal has been emptied: a save still in
    // flight settles the numbers it saw, and must not take a newer action with them.
    const seq = Math.max((records[records.length - 1]?.seq ?? 0) + 1, this.#last + 1);
    this.#last = seq;
    records.push({ seq, op });
    this.#write(records.slice(-JOURNAL_LIMIT));
    return seq;
  }

  /**
   * Forgets the given actions: a completed save holds their effect. (By
   * number, not "up to": a text entry takes effect at once while an earlier
   * typed value may still wait for the worker.)
   */
  settle(seqs: Iterable<number>): void {
    const done = new Set(seqs);
    if (done.size === 0) return;
    const records = this.records();
    const rest = records.filter((r) => !done.has(r.seq));
    if (rest.length !== records.length) this.#write(rest);
  }

  /** Forgets every action (the workspace was started afresh from a demo). */
  clear(): void {
    this.#write([]);
  }

  /** The highest sequence number in the journal (0 when empty). */
  lastSeq(): number {
    return this.records().at(-1)?.seq ?? 0;
  }

  #write(records: JournalRecord[]): void {
    try {
      if (records.length === 0) this.#storage?.removeItem(this.#key);
      else this.#storage?.setItem(this.#key, JSON.stringify(records));
    } catch {
      // quota or private mode: IndexedDB remains the only copy
    }
  }
}
