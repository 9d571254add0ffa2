import { openDB, type IDBPDatabase } from 'idb';
import type { SessionState } from './session-store.ts';
import { fromPersisted, toPersisted } from './session-store.ts';

const DB_NAME = 'shopplan';
const STORE = 'session';
const KEY = 'current';

/**
 * Keeps the planning session in IndexedDB. Every change is written as it
 * happens (writes are queued so they land in order); a reload or a crash
 * brings back the last written state.
 */
export class SessionPersistence {
  #db: Promise<IDBPDatabase>;
  #queue: Promise<void> = Promise.resolve();
  readonly #key: string;

  /** @param key the record the session is kept under (one per workspace; `current` by default) */
  constructor(key: string = KEY) {
    this.#key = key;
    this.#db = openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore(STORE);
      },
    });
  }

  /** The stored session, or undefined if none (or it cannot be trusted). */
  async load(): Promise<SessionState | undefined> {
    const db = await this.#db;
    return fromPersisted(await db.get(STORE, this.#key));
  }

  /** Writes the session; resolves once it is on disk. */
  save(state: SessionState): Promise<void> {
    const record = toPersisted(state);
    this.#queue = this.#queue.then(async () => {
      const db = await this.#db;
      await db.put(STORE, record, this.#key);
    });
    return this.#queue;
  }

  /** Forgets the stored session. */
  async clear(): Promise<void> {
    const db = await this.#db;
    await db.delete(STORE, this.#key);
  }
}
