import { openDB, type IDBPDatabase } from 'idb';
import type { PersistedSession, SessionState } from './session-store.ts';
import { fromPersisted, toPersisted } from './session-store.ts';

const DB_NAME = 'shopplan';
const STORE = 'session';
const KEY = 'current';

/** The main record: the session with each plan's products kept in records of their own. */
interface StoredSession extends PersistedSession {
  /** Scenario ids whose plan's products are stored under `productsKey(key, id)`. */
  productsOf?: string[];
}

const productsKey = (key: string, scenarioId: string) => `${key}|products|${scenarioId}`;

/**
 * Keeps the planning session in IndexedDB. Every change is written as it
 * happens (writes are queued so they land in order); a reload or a crash
 * brings back the last written state.
 *
 * A plan's products (10,000 of them in a yearly product calendar) live in a
 * record per scenario that is rewritten only when that scenario's products
 * changed: an edit of a CVR or the target then writes a few kilobytes, not
 * the whole calendar, so saving never holds up the page.
 */
export class SessionPersistence {
  #db: Promise<IDBPDatabase>;
  #queue: Promise<void> = Promise.resolve();
  readonly #key: string;
  /** The products array last written per scenario (by identity: plans are immutable). */
  readonly #written = new Map<string, unknown>();

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
    const stored = (await db.get(STORE, this.#key)) as StoredSession | undefined;
    if (!stored?.session?.scenarios) return fromPersisted(stored);
    for (const id of stored.productsOf ?? []) {
      const scenario = stored.session.scenarios.find((s) => s.id === id);
      const products: unknown = await db.get(STORE, productsKey(this.#key, id));
      if (scenario && products !== undefined) scenario.plan = { ...scenario.plan, products };
    }
    const state = fromPersisted(stored);
    for (const s of state?.scenarios ?? []) if (s.plan.products) this.#written.set(s.id, s.plan.products);
    return state;
  }

  /** Writes the session; resolves once it is on disk. */
  save(state: SessionState): Promise<void> {
    const record: StoredSession = toPersisted(state);
    const productsOf: string[] = [];
    const changed: Array<{ id: string; products: unknown }> = [];
    record.session = {
      ...record.session,
      scenarios: record.session.scenarios.map((s, i) => {
        const products = state.scenarios[i]?.plan.products;
        if (!products) return s;
        productsOf.push(s.id);
        if (this.#written.get(s.id) !== products) changed.push({ id: s.id, products });
        const { products: _omit, ...rest } = s.plan;
        void _omit;
        return { ...s, plan: rest };
      }),
    };
    record.productsOf = productsOf;
    const gone = [...this.#written.keys()].filter((id) => !state.scenarios.some((s) => s.id === id && s.plan.products));
    for (const c of changed) this.#written.set(c.id, c.products);
    for (const id of gone) this.#written.delete(id);
    this.#queue = this.#queue.then(async () => {
      const db = await this.#db;
      const tx = db.transaction(STORE, 'readwrite');
      for (const c of changed) void tx.store.put(c.products, productsKey(this.#key, c.id));
      for (const id of gone) void tx.store.delete(productsKey(this.#key, id));
      void tx.store.put(record, this.#key);
      await tx.done;
    });
    return this.#queue;
  }

  /** Forgets the stored session. */
  async clear(): Promise<void> {
    const db = await this.#db;
    await db.delete(STORE, this.#key);
  }
}
