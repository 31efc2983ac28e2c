import { openDB, unwrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { TierSummaryRow } from '../../core/index.ts';
import type { EntityScore, StoredCustomer } from './stored-customer.ts';
import { normalizeQuery } from './search-terms.ts';

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
  rejected: { line: number; reason: string }[];
  /** Rejected rows beyond the ones kept in `rejected`. */
  rejectedMore: number;
  summary: TierSummaryRow[];
  warnings: string[];
  tierMethod?: string;
  model?: string;
}

interface CvlensDB extends DBSchema {
  customers: {
    key: string;
    value: StoredCustomer;
    indexes: { keys: string; search: string };
  };
  meta: { key: string; value: ImportMeta };
}

export const DB_NAME = 'cvlens';
/** Upper bound of a prefix range; built at run time so the bundle carries no raw U+FFFF. */
const LAST_CHAR = String.fromCharCode(0xffff);
const DB_VERSION = 1;

/**
 * The extension's customer table in IndexedDB. Rows are keyed by customer id;
 * a multiEntry index over `keys` makes a page lookup one index hit, and one
 * over `search` serves the popup's prefix search. Every method opens nothing
 * new: the store holds one connection.
 *
 * @example
 * const store = await CustomerStore.open();
 * await store.replaceAll(rows, meta, (done) => {});
 * await store.lookup(['email:jane@acme.com']); // { customer, key } or undefined
 */
export class CustomerStore {
  private constructor(private readonly db: IDBPDatabase<CvlensDB>) {}

  /** Opens (creating on first use) the database named `name`. */
  static async open(name = DB_NAME): Promise<CustomerStore> {
    const db = await openDB<CvlensDB>(name, DB_VERSION, {
      upgrade(database) {
        const customers = database.createObjectStore('customers', { keyPath: 'id' });
        customers.createIndex('keys', 'keys', { multiEntry: true });
        customers.createIndex('search', 'search', { multiEntry: true });
        database.createObjectStore('meta');
      },
    });
    return new CustomerStore(db);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Replaces every customer with `rows`, written in transactions of
   * `batchSize` rows so a million-row import neither holds one huge
   * transaction nor starves the page; `onProgress` gets the rows written so far.
   * The old rows are cleared first; the meta record is written last, so a
   * half-finished import is visible as "no meta".
   */
  async replaceAll(
    rows: Iterable<StoredCustomer>,
    meta: ImportMeta,
    onProgress?: (written: number) => void,
    batchSize = 5000,
  ): Promise<number> {
    await this.clear();
    let written = 0;
    let batch: StoredCustomer[] = [];
    const flush = async () => {
      // Relaxed durability: an interrupted import is re-run, not recovered,
      // so there is no point waiting for each batch to reach the disk.
      const tx = this.db.transaction('customers', 'readwrite', { durability: 'relaxed' });
      for (const row of batch) void tx.store.put(row);
      await tx.done;
      written += batch.length;
      batch = [];
      onProgress?.(written);
    };
    for (const row of rows) {
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length) await flush();
    await this.db.put('meta', meta, 'import');
    return written;
  }

  /**
   * The customer matching the first of `keys` (in the order given, most
   * specific first) that hits the index, or undefined.
   */
  async lookup(keys: readonly string[]): Promise<EntityScore | undefined> {
    const tx = this.db.transaction('customers', 'readonly');
    const index = tx.store.index('keys');
    for (const key of keys) {
      const customer = await index.get(key);
      if (customer) return { customer, key };
    }
    return undefined;
  }

  /**
   * `lookup` for many entities at once, in one transaction: every entity's
   * first key is asked at once, and an entity whose key missed asks its next
   * key as soon as that answer is in — a list view of 1,000 rows costs one
   * transaction and one request per key tried, without waiting for the
   * slowest entity between rounds. Returns one result (or undefined) per
   * entity, in order; rejects when the transaction fails.
   */
  async lookupMany(entities: readonly (readonly string[])[]): Promise<(EntityScore | undefined)[]> {
    const results: (EntityScore | undefined)[] = entities.map(() => undefined);
    if (entities.length === 0) return results;
    // Raw requests, not one promise each: at a thousand keys the wrappers'
    // promise turns cost as much as the index hits.
    const tx = unwrap(this.db.transaction('customers', 'readonly'));
    const index = tx.objectStore('customers').index('keys');
    const ask = (i: number, k: number) => {
      const key = entities[i][k];
      if (key === undefined) return;
      const request = index.get(key) as IDBRequest<StoredCustomer | undefined>;
      request.onsuccess = () => {
        const customer = request.result;
        if (customer) results[i] = { customer, key };
        else ask(i, k + 1);
      };
    };
    for (let i = 0; i < entities.length; i++) ask(i, 0);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('lookupMany: transaction aborted'));
    });
    return results;
  }

  /**
   * Up to `limit` customers having a search term that starts with the
   * normalised `query` (name, e-mail, company or a word of them), each once,
   * in term order. An empty query returns nothing.
   */
  async search(query: string, limit = 20): Promise<StoredCustomer[]> {
    const q = normalizeQuery(query);
    if (!q) return [];
    const found = new Map<string, StoredCustomer>();
    const tx = this.db.transaction('customers', 'readonly');
    let cursor = await tx.store.index('search').openCursor(IDBKeyRange.bound(q, q + LAST_CHAR));
    while (cursor && found.size < limit) {
      found.set(cursor.value.id, cursor.value);
      cursor = await cursor.continue();
    }
    return [...found.values()];
  }

  count(): Promise<number> {
    return this.db.count('customers');
  }

  meta(): Promise<ImportMeta | undefined> {
    return this.db.get('meta', 'import');
  }

  /** Deletes every customer and the import record. */
  async clear(): Promise<void> {
    const tx = this.db.transaction(['customers', 'meta'], 'readwrite');
    await Promise.all([tx.objectStore('customers').clear(), tx.objectStore('meta').clear(), tx.done]);
  }
}
