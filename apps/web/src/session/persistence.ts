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
/** Where part `k` of a scenario's products is kept (the products record then says how many parts there are). */
const partKey = (key: string, scenarioId: string, k: number) => `${key}|products|${scenarioId}|part|${k}`;
/** Every part record of a scenario's products, to clear them before a full write. */
const partRange = (key: string, scenarioId: string) => IDBKeyRange.bound(`${key}|products|${scenarioId}|part|`, `${key}|products|${scenarioId}|part|\uffff`);

/** Products per part record. */
export const PRODUCTS_PER_RECORD = 500;

/**
 * The products as part records: a put copies its value in one go on the
 * page's main thread, and 10,000 products in one record blocked it for a
 * quarter of a second; parts of PRODUCTS_PER_RECORD are each a short task.
 * @example productParts(new Array(1200).fill(p)).map((x) => x.length) // [500, 500, 200]
 */
export function productParts<T>(products: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < products.length; i += PRODUCTS_PER_RECORD) parts.push(products.slice(i, i + PRODUCTS_PER_RECORD));
  return parts;
}

/** The products record: the products themselves (as earlier versions wrote them) or how many part records hold them. */
type ProductsRecord = unknown[] | { parts: number };
const patchesKey = (key: string, scenarioId: string) => `${key}|products|${scenarioId}|patches`;

/** One changed product since the products record was last written in full. */
interface ProductPatch {
  index: number;
  product: unknown;
}

/** After this many patches the products are written in full again (when the page is idle). */
const PATCH_LIMIT = 200;

/**
 * The products that changed between two versions of a plan's products, by
 * position; undefined when the list itself changed (length), so only a full
 * write will do. Plans are immutable, so unchanged products are the same objects.
 */
export function changedProducts(before: readonly unknown[], after: readonly unknown[]): ProductPatch[] | undefined {
  if (before.length !== after.length) return undefined;
  const out: ProductPatch[] = [];
  for (let i = 0; i < after.length; i++) if (before[i] !== after[i]) out.push({ index: i, product: after[i] });
  return out;
}

/**
 * Keeps the planning session in IndexedDB. Every change is written as it
 * happens (writes are queued so they land in order); a reload or a crash
 * brings back the last written state.
 *
 * A plan's products (10,000 of them in a yearly product calendar) live in
 * part records per scenario, rewritten only when that scenario's products
 * changed: an edit of a CVR or the target then writes a few kilobytes, not
 * the whole calendar, so saving never holds up the page.
 */
export class SessionPersistence {
  #db: Promise<IDBPDatabase>;
  #queue: Promise<void> = Promise.resolve();
  readonly #key: string;
  /** The products array last written per scenario (by identity: plans are immutable). */
  readonly #written = new Map<string, unknown[]>();
  /** Patches written since each scenario's products were last written in full. */
  readonly #patches = new Map<string, ProductPatch[]>();

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
    const loadedPatches = new Map<string, ProductPatch[]>();
    for (const id of stored.productsOf ?? []) {
      const scenario = stored.session.scenarios.find((s) => s.id === id);
      const record = (await db.get(STORE, productsKey(this.#key, id))) as ProductsRecord | undefined;
      let products: unknown[] | undefined;
      if (Array.isArray(record)) products = record;
      else if (record && Number.isInteger(record.parts)) {
        const parts: unknown[][] = [];
        for (let k = 0; k < record.parts; k++) {
          const part = (await db.get(STORE, partKey(this.#key, id, k))) as unknown[] | undefined;
          if (!Array.isArray(part)) break;
          parts.push(part);
        }
        // a part missing: the products cannot be trusted, the scenario is not restored with a hole in it
        products = parts.length === record.parts ? parts.flat() : undefined;
      }
      const patches = ((await db.get(STORE, patchesKey(this.#key, id))) as ProductPatch[] | undefined) ?? [];
      if (!scenario || !Array.isArray(products)) continue;
      for (const p of patches) if (p.index >= 0 && p.index < products.length) products[p.index] = p.product;
      scenario.plan = { ...scenario.plan, products };
      // The next patch is appended to these: written alone it would drop them (the products record predates them).
      loadedPatches.set(id, patches);
    }
    const state = fromPersisted(stored);
    this.#written.clear();
    this.#patches.clear();
    for (const s of state?.scenarios ?? []) {
      if (!s.plan.products) continue;
      this.#written.set(s.id, s.plan.products);
      this.#patches.set(s.id, loadedPatches.get(s.id) ?? []);
    }
    return state;
  }

  /**
   * Writes the session; resolves once it is on disk. A scenario whose
   * products changed in a few places (a price typed into the calendar) gets
   * those products appended to its patch record; only a changed list, or
   * many patches, rewrites the whole products record.
   */
  save(state: SessionState): Promise<void> {
    const record: StoredSession = toPersisted(state);
    const productsOf: string[] = [];
    const full: Array<{ id: string; products: unknown[] }> = [];
    const patched: Array<{ id: string; patches: ProductPatch[] }> = [];
    record.session = {
      ...record.session,
      scenarios: record.session.scenarios.map((s, i) => {
        const products = state.scenarios[i]?.plan.products;
        if (!products) return s;
        productsOf.push(s.id);
        const written = this.#written.get(s.id);
        if (written !== products) {
          const changes = written ? changedProducts(written, products) : undefined;
          const patches = [...(this.#patches.get(s.id) ?? []), ...(changes ?? [])];
          if (changes && patches.length <= PATCH_LIMIT) {
            if (changes.length > 0) patched.push({ id: s.id, patches });
            this.#patches.set(s.id, patches);
          } else {
            full.push({ id: s.id, products });
            this.#patches.set(s.id, []);
          }
          this.#written.set(s.id, products);
        }
        const { products: _omit, ...rest } = s.plan;
        void _omit;
        return { ...s, plan: rest };
      }),
    };
    record.productsOf = productsOf;
    const gone = [...this.#written.keys()].filter((id) => !state.scenarios.some((s) => s.id === id && s.plan.products));
    for (const id of gone) {
      this.#written.delete(id);
      this.#patches.delete(id);
    }
    this.#queue = this.#queue.then(async () => {
      const db = await this.#db;
      const tx = db.transaction(STORE, 'readwrite');
      for (const f of full) {
        const parts = productParts(f.products);
        void tx.store.delete(partRange(this.#key, f.id));
        void tx.store.delete(patchesKey(this.#key, f.id));
        void tx.store.put({ parts: parts.length } satisfies ProductsRecord, productsKey(this.#key, f.id));
        // each part is copied once the one before is stored: one short task each, in the same transaction
        for (let k = 0; k < parts.length; k++) await tx.store.put(parts[k], partKey(this.#key, f.id, k));
      }
      for (const p of patched) void tx.store.put(p.patches, patchesKey(this.#key, p.id));
      for (const id of gone) {
        void tx.store.delete(productsKey(this.#key, id));
        void tx.store.delete(partRange(this.#key, id));
        void tx.store.delete(patchesKey(this.#key, id));
      }
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
