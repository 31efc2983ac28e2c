import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { RejectedRow, TierSummaryRow } from '../../core/index.ts';
import type { EntityScore, StoredCustomer } from './stored-customer.ts';
import { normalizeQuery } from './search-terms.ts';
import { byValue } from './by-value.ts';
import { chunkHash, eachTermMatch, keyOwner, shorterPrefixes, type StoredKeyChunk, type StoredTermChunk } from './chunk-layout.ts';
import { unpackCustomers, type ChunkedCustomer, type CustomerChunk } from './packed-customers.ts';
import { chunkReader } from './chunk-reader.ts';
import { blockOf, isBlock, positionOf, readBlock, type CustomerBlock } from './customer-blocks.ts';
import { eachRefMatch, keyCheck, layoutRefs, RefLayoutBuilder, refsOfCheck, type KeyRefChunk, type TermRefChunk } from './ref-layout.ts';

/** Facts about the last import, shown on the options page. */
export interface ImportMeta {
  fileName: string;
  importedAt: string;
  /**
   * What was imported: a transaction file or a customer table (x, t_x, T)
   * scored here, a value list (tiers by value, churn risk unknown), or the
   * Excel add-in's scored-customers export.
   */
  kind: 'transactions' | 'customers' | 'values' | 'scored';
  customers: number;
  rowsRead: number;
  /** With each reason's messages (core's codes and parameters), so the report says it in the page's language. */
  rejected: RejectedRow[];
  /** Rejected rows beyond the ones kept in `rejected`. */
  rejectedMore: number;
  summary: TierSummaryRow[];
  warnings: string[];
  tierMethod?: string;
  model?: string;
  /**
   * Set when the import was merged into the data stored before it: how many
   * stored customers the file did not hold and were kept (their scores are
   * those of their own import).
   */
  merged?: { kept: number; replaced: number };
}

/** How a new import treats the customers already stored. */
export type ImportMode = 'replace' | 'merge';

/** One import's customers, as laid out in the chunk stores under its generation number. */
interface SetRecord {
  gen: number;
  meta: ImportMeta;
  customers: number;
  customerChunks: number;
  keyChunks: number;
  /**
   * 3: laid out by ref-layout.ts. Absent: by chunk-layout.ts (sets written
   * before it), read as they are — an update keeps the data shown and the
   * one undo goes back to without rewriting them.
   */
  layout?: 3;
}

/**
 * Which generation is shown, and which one an undo goes back to
 * (`previous`: null = to no data; absent = nothing to undo). Generations
 * below `cleanFrom` hold nothing any more.
 */
interface StateRecord {
  current: number | null;
  previous?: number | null;
  nextGen: number;
  cleanFrom: number;
}

interface CvlensDB extends DBSchema {
  sets: { key: number; value: SetRecord };
  state: { key: string; value: StateRecord };
  customerChunks: { key: [number, number]; value: CustomerChunk | CustomerBlock };
  keyChunks: { key: [number, number]; value: StoredKeyChunk | KeyRefChunk };
  termChunks: { key: [number, string]; value: StoredTermChunk | TermRefChunk };
}

type ChunkStore = 'customerChunks' | 'keyChunks' | 'termChunks';
const CHUNK_STORES: ChunkStore[] = ['customerChunks', 'keyChunks', 'termChunks'];

export const DB_NAME = 'cvlens';
/** Upper bound of a prefix range; built at run time so the bundle carries no raw U+FFFF. */
const LAST_CHAR = String.fromCharCode(0xffff);
/**
 * Version 1 kept one record per customer; version 2 keeps chunks (see
 * chunk-layout.ts). Packed chunks, then the ref layout (ref-layout.ts, a
 * set's `layout: 3`), came later without a new version: the readers take
 * every form, so data written before stays readable as it is.
 */
const DB_VERSION = 2;
const STATE_KEY = 'state';
/** Chunks written per transaction: large enough to amortise a commit, small enough to start writing early. */
const CHUNKS_PER_TRANSACTION = 64;
/** Customers laid out between two progress reports. */
const PROGRESS_EVERY = 8192;

/** Every key of generation `gen` in a chunk store: [gen, anything] sorts below [gen, []]. */
const genRange = (gen: number) => IDBKeyRange.bound([gen], [gen, []]);


/**
 * The extension's customer data in IndexedDB, one generation per import (see
 * chunk-layout.ts for the layout): a new import is written beside the data
 * shown and switched to in one transaction, so a failed import leaves the
 * old data in place and the previous generation stays until the next
 * import, which is what undo goes back to. The store holds one connection.
 *
 * @example
 * const store = await CustomerStore.open();
 * await store.writeImport(rows, meta, { mode: 'replace' });
 * await store.lookup(['email:jane@acme.com']); // { customer, key } or undefined
 */
export class CustomerStore {
  private constructor(private readonly db: IDBPDatabase<CvlensDB>) {}

  /** Opens (creating on first use, or moving version-1 data into chunks) the database named `name`. */
  static async open(name = DB_NAME): Promise<CustomerStore> {
    const db = await openDB<CvlensDB>(name, DB_VERSION, {
      async upgrade(database, oldVersion, _new, tx) {
        database.createObjectStore('sets');
        database.createObjectStore('state');
        for (const store of CHUNK_STORES) database.createObjectStore(store);
        if (oldVersion === 1) await migrateVersion1(database as unknown as IDBPDatabase<unknown>, tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>);
      },
    });
    return new CustomerStore(db);
  }

  close(): void {
    this.db.close();
  }

  private async state(): Promise<StateRecord> {
    return (await this.db.get('state', STATE_KEY)) ?? { current: null, nextGen: 1, cleanFrom: 1 };
  }

  private async currentSet(): Promise<SetRecord | undefined> {
    const state = await this.state();
    return state.current === null ? undefined : this.db.get('sets', state.current);
  }

  /**
   * Stores an import as a new generation and shows it. `replace`: the new
   * rows only; `merge`: the new rows plus the stored customers whose id the
   * file does not hold (a customer in both takes the file's row). Customer
   * blocks are written as they fill, in transactions of
   * CHUNKS_PER_TRANSACTION committed at once, so the browser stores them
   * while the rest is laid out; `onProgress` gets the fraction handed over,
   * and 1 once all is written.
   * `keysDerived`: every row's keys are customerIndexKeys of its fields (an
   * import's rows; they are then not stored). `whileWriting` is called with
   * the customers the store will show once every chunk is handed over, while
   * the browser is still writing them. The generation shown before stays for
   * `undo` until the next import; older ones are deleted.
   *
   * @returns how many customers the shown data now holds
   */
  async writeImport(
    rows: readonly StoredCustomer[],
    meta: ImportMeta,
    options: { mode?: ImportMode; onProgress?: (fraction: number) => void; keysDerived?: boolean; whileWriting?: (shown: readonly (StoredCustomer | ChunkedCustomer)[]) => void } = {},
  ): Promise<number> {
    const state = await this.state();
    let kept: ChunkedCustomer[] = [];
    let written = meta;
    if (options.mode === 'merge' && state.current !== null) {
      const ids = new Set(rows.map((r) => r.id));
      let replaced = 0;
      for (const c of await this.customersOf(state.current)) {
        if (ids.has(c.id)) replaced++;
        // Its search words are worked out again from its fields when laid out.
        else kept.push(c);
      }
      written = { ...meta, customers: rows.length + kept.length, merged: { kept: kept.length, replaced } };
    }
    const all = rows.length + kept.length;
    const gen = state.nextGen;
    // The generation number is taken before anything is written: an import
    // that dies half-way leaves chunks that the next one deletes.
    await this.db.put('state', { ...state, nextGen: gen + 1 }, STATE_KEY);
    const db = unwrap(this.db);
    const committed: Promise<void>[] = [];
    let tx: IDBTransaction | undefined;
    let inTx = 0;
    let added = 0;
    const close = () => {
      if (!tx) return;
      const finished = transactionDone(tx);
      // Awaited at the end; noted now so a failure is not reported as unhandled meanwhile.
      finished.catch(() => {});
      committed.push(finished);
      tx.commit();
      tx = undefined;
      inTx = 0;
    };
    const put = (store: ChunkStore, value: unknown, key: IDBValidKey) => {
      // Relaxed durability: an interrupted import is re-run, not recovered.
      tx ??= db.transaction(CHUNK_STORES, 'readwrite', { durability: 'relaxed' });
      tx.objectStore(store).put(value, key);
      if (++inTx >= CHUNKS_PER_TRANSACTION) close();
    };
    // Everything from here to the last put runs in one task: each put is
    // sent to the browser as it is made, and each transaction committed as
    // soon as it is full, without waiting for this thread to yield.
    const builder = new RefLayoutBuilder((block, n) => put('customerChunks', block, [gen, n]));
    // Progress is told from this loop (a transaction's completion is heard
    // only once the loop is over): the share of customers handed to the
    // database, the blocks holding nearly all the bytes.
    const told = (n: number) => {
      if (n % PROGRESS_EVERY === 0) options.onProgress?.((0.9 * n) / Math.max(1, all));
    };
    for (; added < rows.length; added++, told(added)) builder.add(rows[added], options.keysDerived ?? false);
    for (const c of kept) (builder.add(c, false), added++, told(added));
    const layout = builder.finish();
    layout.keyChunks.forEach((chunk, n) => put('keyChunks', chunk, [gen, n]));
    for (const [prefix, chunk] of layout.termChunks) put('termChunks', chunk, [gen, prefix]);
    close();
    options.whileWriting?.(kept.length ? [...rows, ...kept] : rows);
    await Promise.all(committed);
    options.onProgress?.(1);
    const set: SetRecord = { gen, meta: written, customers: all, customerChunks: layout.customerChunks, keyChunks: layout.keyChunks.length, layout: 3 };
    const sw = this.db.transaction(['sets', 'state'], 'readwrite');
    const latest = (await sw.objectStore('state').get(STATE_KEY)) ?? state;
    const next: StateRecord = { current: gen, previous: latest.current, nextGen: Math.max(latest.nextGen, gen + 1), cleanFrom: latest.cleanFrom };
    await Promise.all([sw.objectStore('sets').put(set, gen), sw.objectStore('state').put(next, STATE_KEY), sw.done]);
    await this.dropUnused();
    return all;
  }

  /** Replaces every customer with `rows` (an import in `replace` mode). */
  async replaceAll(rows: readonly StoredCustomer[], meta: ImportMeta, onProgress?: (fraction: number) => void): Promise<number> {
    return this.writeImport(rows, meta, { mode: 'replace', onProgress });
  }

  /** What an undo would go back to: the import shown before (null = no data), or undefined when there is nothing to undo. */
  async undoTarget(): Promise<{ meta: ImportMeta | null } | undefined> {
    const state = await this.state();
    if (state.previous === undefined) return undefined;
    if (state.previous === null) return { meta: null };
    return { meta: (await this.db.get('sets', state.previous))?.meta ?? null };
  }

  /** Shows the data as it was before the last import, and deletes that import. @returns false when there is nothing to undo. */
  async undo(): Promise<boolean> {
    const state = await this.state();
    if (state.previous === undefined) return false;
    const { previous, ...rest } = state;
    await this.db.put('state', { ...rest, current: previous }, STATE_KEY);
    await this.dropUnused();
    return true;
  }

  /** Deletes the generations neither shown nor kept for undo (and any left by an import that died). */
  private async dropUnused(): Promise<void> {
    const state = await this.state();
    const live = [state.current, state.previous].filter((g): g is number => typeof g === 'number');
    const tx = this.db.transaction(['sets', ...CHUNK_STORES], 'readwrite');
    for (let g = state.cleanFrom; g < state.nextGen; g++) {
      if (live.includes(g)) continue;
      void tx.objectStore('sets').delete(g);
      for (const store of CHUNK_STORES) void tx.objectStore(store).delete(genRange(g));
    }
    await tx.done;
    const cleanFrom = live.length ? Math.min(...live) : state.nextGen;
    if (cleanFrom !== state.cleanFrom) await this.db.put('state', { ...state, cleanFrom }, STATE_KEY);
  }

  /** Every customer shown now (the current generation; after a merge, the merged set), for the company store. */
  async customers(): Promise<StoredCustomer[]> {
    const state = await this.state();
    return state.current === null ? [] : this.customersOf(state.current);
  }

  /** Every customer of generation `gen`. */
  private async customersOf(gen: number): Promise<StoredCustomer[]> {
    const chunks = await this.db.getAll('customerChunks', genRange(gen) as IDBKeyRange);
    const out: StoredCustomer[] = [];
    for (const chunk of chunks) for (const c of isBlock(chunk) ? readBlock(chunk) : unpackCustomers(chunk)) out.push(c);
    return out;
  }

  /**
   * The customer matching the first of `keys` (in the order given, most
   * specific first) that hits, or undefined.
   */
  async lookup(keys: readonly string[]): Promise<EntityScore | undefined> {
    return (await this.lookupMany([keys]))[0];
  }

  /**
   * `lookup` for many entities at once, in one transaction: every entity's
   * first key is asked at once, and an entity whose key missed asks its next
   * key as soon as that answer is in. Each chunk is read once however many
   * entities need it. Returns one result (or undefined) per entity, in
   * order; rejects when the transaction fails.
   */
  async lookupMany(entities: readonly (readonly string[])[]): Promise<(EntityScore | undefined)[]> {
    const results: (EntityScore | undefined)[] = entities.map(() => undefined);
    if (entities.length === 0) return results;
    // Raw requests, not one promise each: at a thousand keys the wrappers'
    // promise turns cost as much as the reads.
    const tx = unwrap(this.db.transaction(['state', 'sets', 'keyChunks', 'customerChunks'], 'readonly'));
    const finished = transactionDone(tx);
    const stateRequest = tx.objectStore('state').get(STATE_KEY) as IDBRequest<StateRecord | undefined>;
    stateRequest.onsuccess = () => {
      const gen = stateRequest.result?.current;
      if (gen === null || gen === undefined) return;
      const setRequest = tx.objectStore('sets').get(gen) as IDBRequest<SetRecord | undefined>;
      setRequest.onsuccess = () => {
        const set = setRequest.result;
        if (!set) return;
        if (set.layout === 3) return lookupRefs(tx, set, entities, results);
        const keyChunk = chunkReader<StoredKeyChunk>(tx.objectStore('keyChunks'), (n) => [gen, n]);
        const customerChunk = chunkReader<CustomerChunk>(tx.objectStore('customerChunks'), (n) => [gen, n]);
        const ask = (i: number, k: number): void => {
          const key = entities[i][k];
          if (key === undefined) return;
          keyChunk(chunkHash(key) % set.keyChunks, (map) => {
            const id = keyOwner(map, key);
            if (id === undefined) return ask(i, k + 1);
            customerChunk(chunkHash(id) % set.customerChunks, (chunk) => {
              const customer = unpackCustomers(chunk, id)[0];
              if (customer) results[i] = { customer, key };
              else ask(i, k + 1);
            });
          });
        };
        for (let i = 0; i < entities.length; i++) ask(i, 0);
      };
    };
    await finished;
    return results;
  }

  /**
   * Up to `limit` customers having a search word that starts with the
   * normalised `query` (name, e-mail, company, id or a word of them), each
   * once, highest value first. Looks at up to ten times `limit` matches
   * (at least 200) to rank. An empty query returns nothing.
   */
  async search(query: string, limit = 20): Promise<StoredCustomer[]> {
    const q = normalizeQuery(query);
    if (!q) return [];
    const set = await this.currentSet();
    if (!set) return [];
    const enough = Math.max(limit * 10, 200);
    const tx = this.db.transaction(['termChunks', 'customerChunks'], 'readonly');
    const terms = tx.objectStore('termChunks');
    const chunks = await Promise.all(shorterPrefixes(q).map((p) => terms.get([set.gen, p])));
    let cursor = await terms.openCursor(IDBKeyRange.bound([set.gen, q], [set.gen, q + LAST_CHAR]));
    const next = async () => {
      if (!cursor) return undefined;
      const value = cursor.value;
      cursor = await cursor.continue();
      return value;
    };
    let found: StoredCustomer[];
    if (set.layout === 3) {
      const refs = new Set<number>();
      const take = (chunk: StoredTermChunk | TermRefChunk | undefined) => eachRefMatch(chunk as TermRefChunk | undefined, q, (ref) => refs.add(ref).size < enough);
      for (const chunk of chunks) take(chunk);
      while (cursor && refs.size < enough) take(await next());
      const blocks = new Map<number, number[]>();
      for (const ref of refs) {
        const n = blockOf(ref);
        let list = blocks.get(n);
        if (!list) blocks.set(n, (list = []));
        list.push(positionOf(ref));
      }
      const wanted = [...blocks];
      const read = await Promise.all(wanted.map(([n]) => tx.objectStore('customerChunks').get([set.gen, n])));
      found = read.flatMap((block, i) => (isBlock(block) ? wanted[i][1].flatMap((pos) => readBlock(block, pos)) : []));
    } else {
      const ids = new Set<string>();
      const take = (chunk: StoredTermChunk | TermRefChunk | undefined) => eachTermMatch(chunk as StoredTermChunk | undefined, q, (id) => ids.add(id).size < enough);
      for (const chunk of chunks) take(chunk);
      while (cursor && ids.size < enough) take(await next());
      const byChunk = new Map<number, Set<string>>();
      for (const id of ids) {
        const n = chunkHash(id) % set.customerChunks;
        let s = byChunk.get(n);
        if (!s) byChunk.set(n, (s = new Set()));
        s.add(id);
      }
      const wanted = [...byChunk];
      const read = await Promise.all(wanted.map(([n]) => tx.objectStore('customerChunks').get([set.gen, n])));
      found = read.flatMap((chunk, i) => unpackCustomers(chunk as CustomerChunk | undefined).filter((c) => wanted[i][1].has(c.id)));
    }
    return found.sort(byValue).slice(0, limit);
  }

  /** Customers in the data shown. */
  async count(): Promise<number> {
    return (await this.currentSet())?.customers ?? 0;
  }

  /** The record of the import shown, or undefined when no data is stored. */
  async meta(): Promise<ImportMeta | undefined> {
    return (await this.currentSet())?.meta;
  }

  /** Deletes every customer, every import record and what undo could go back to. */
  async clear(): Promise<void> {
    const tx = this.db.transaction(['sets', 'state', ...CHUNK_STORES], 'readwrite');
    await Promise.all([...(['sets', 'state', ...CHUNK_STORES] as StoreNames<CvlensDB>[]).map((s) => tx.objectStore(s).clear()), tx.done]);
  }
}

/**
 * lookupMany on a set of the ref layout: a key's chunk gives the refs whose
 * keyCheck matches; the first of their customers that has the key is the
 * answer (another one is a collision of checks). Each chunk is read once.
 */
function lookupRefs(tx: IDBTransaction, set: SetRecord, entities: readonly (readonly string[])[], results: (EntityScore | undefined)[]): void {
  const { gen } = set;
  const keyChunk = chunkReader<KeyRefChunk>(tx.objectStore('keyChunks'), (n) => [gen, n]);
  const block = chunkReader<CustomerBlock>(tx.objectStore('customerChunks'), (n) => [gen, n]);
  const ask = (i: number, k: number): void => {
    const key = entities[i][k];
    if (key === undefined) return;
    keyChunk(chunkHash(key) % set.keyChunks, (chunk) => {
      const refs = refsOfCheck(chunk, keyCheck(key));
      const tryRef = (j: number): void => {
        if (j >= refs.length) return ask(i, k + 1);
        block(blockOf(refs[j]), (b) => {
          const customer = b && readBlock(b, positionOf(refs[j]))[0];
          if (customer && customer.keys.includes(key)) results[i] = { customer, key };
          else tryRef(j + 1);
        });
      };
      tryRef(0);
    });
  };
  for (let i = 0; i < entities.length; i++) ask(i, 0);
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/**
 * Moves version 1's data (one record per customer, indexed) into the first
 * generation of chunks, inside the upgrade: an update of the extension keeps
 * what the user imported.
 */
async function migrateVersion1(database: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>): Promise<void> {
  const names = [...database.objectStoreNames];
  if (!names.includes('customers')) return;
  const rows = (await tx.objectStore('customers').getAll()) as StoredCustomer[];
  const meta = names.includes('meta') ? ((await tx.objectStore('meta').get('import')) as ImportMeta | undefined) : undefined;
  if (rows.length && meta) {
    const layout = layoutRefs(rows, false);
    const gen = 1;
    layout.blocks.forEach((block, n) => void tx.objectStore('customerChunks').put(block, [gen, n]));
    layout.keyChunks.forEach((chunk, n) => void tx.objectStore('keyChunks').put(chunk, [gen, n]));
    for (const [prefix, chunk] of layout.termChunks) void tx.objectStore('termChunks').put(chunk, [gen, prefix]);
    const set: SetRecord = { gen, meta, customers: rows.length, customerChunks: layout.customerChunks, keyChunks: layout.keyChunks.length, layout: 3 };
    void tx.objectStore('sets').put(set, gen);
    void tx.objectStore('state').put({ current: gen, nextGen: gen + 1, cleanFrom: gen } satisfies StateRecord, STATE_KEY);
  }
  database.deleteObjectStore('customers');
  if (names.includes('meta')) database.deleteObjectStore('meta');
}
