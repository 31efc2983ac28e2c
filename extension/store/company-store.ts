import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { companyRecords } from './company-records.ts';
import { chunkCount, chunkHash, keyOwner } from './chunk-layout.ts';
import { joinStrings, type JoinedStrings } from './joined-strings.ts';
import { chunkReader } from './chunk-reader.ts';
import type { CompanyScore, StoredCompany } from './stored-company.ts';
import type { StoredCustomer } from './stored-customer.ts';

/** How many companies there are and in how many chunks their keys are. */
interface CompanyMeta {
  chunks: number;
  companies: number;
}

interface CompaniesDB extends DBSchema {
  meta: { key: string; value: CompanyMeta };
  /** Chunk `hash(key) % chunks`: each company key followed by its company as JSON, alternating, joined. */
  chunks: { key: number; value: JoinedStrings };
}

/**
 * A database of its own, beside the customers' (`cvlens`): the customer
 * store's layout can change without a migration here, and companies are
 * rebuilt whole at every import anyway.
 */
export const COMPANY_DB_NAME = 'cvlens-companies';
/**
 * Version 1 kept one record per company with a multi-entry index over its
 * keys; version 2 keeps chunks: Chromium's IndexedDB costs far more per
 * record than per byte (see chunk-layout.ts), and a million-row import can
 * hold a hundred thousand companies.
 */
const DB_VERSION = 2;
const META_KEY = 'meta';
/** Keys (each with its company, ~300 characters) per chunk: records below 64 KiB, which a lookup reads from the database itself (see chunk-layout.ts). */
export const COMPANY_KEYS_PER_CHUNK = 96;

/**
 * The companies of the last import (see companyRecords), found by any of
 * their company keys: chunk `hash(key) % chunks` lists each key with its
 * company, so a page entity's domain or company name finds its company in
 * one record read.
 *
 * @example
 * const store = await CompanyStore.open();
 * await store.replaceAll(companyRecords(rows, 'contribution'));
 * await store.lookupMany([['domain:acme.com', 'company:acme']]); // [{ company, key: 'domain:acme.com' }]
 */
export class CompanyStore {
  private constructor(private readonly db: IDBPDatabase<CompaniesDB>) {}

  static async open(name = COMPANY_DB_NAME): Promise<CompanyStore> {
    const db = await openDB<CompaniesDB>(name, DB_VERSION, {
      async upgrade(database, oldVersion, _new, tx) {
        database.createObjectStore('meta');
        database.createObjectStore('chunks');
        if (oldVersion === 1) await migrateVersion1(database as unknown as IDBPDatabase<unknown>, tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>);
      },
    });
    return new CompanyStore(db);
  }

  close(): void {
    this.db.close();
  }

  /** Replaces every company with `companies`, in one transaction (a few dozen records for a hundred thousand companies). */
  async replaceAll(companies: readonly StoredCompany[]): Promise<number> {
    const { chunks, meta } = companyChunks(companies);
    const tx = this.db.transaction(['meta', 'chunks'], 'readwrite', { durability: 'relaxed' });
    void tx.objectStore('chunks').clear();
    chunks.forEach((chunk, n) => void tx.objectStore('chunks').put(chunk, n));
    void tx.objectStore('meta').put(meta, META_KEY);
    await tx.done;
    return companies.length;
  }

  /**
   * For each entity's company keys (in the order given), the company the
   * first hitting key finds, or undefined; one transaction for them all,
   * each chunk read once.
   */
  async lookupMany(entities: readonly (readonly string[])[]): Promise<(CompanyScore | undefined)[]> {
    const results: (CompanyScore | undefined)[] = entities.map(() => undefined);
    if (entities.every((keys) => keys.length === 0)) return results;
    const tx = unwrap(this.db.transaction(['meta', 'chunks'], 'readonly'));
    const metaRequest = tx.objectStore('meta').get(META_KEY) as IDBRequest<CompanyMeta | undefined>;
    metaRequest.onsuccess = () => {
      const meta = metaRequest.result;
      if (!meta) return;
      const chunk = chunkReader<JoinedStrings>(tx.objectStore('chunks'), (n) => n);
      const ask = (i: number, k: number) => {
        const key = entities[i][k];
        if (key === undefined) return;
        chunk(chunkHash(key) % meta.chunks, (value) => {
          const json = keyOwner(value, key);
          if (json !== undefined) results[i] = { company: JSON.parse(json) as StoredCompany, key };
          else ask(i, k + 1);
        });
      };
      entities.forEach((_, i) => ask(i, 0));
    };
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('CompanyStore.lookupMany: transaction aborted'));
    });
    return results;
  }

  async count(): Promise<number> {
    return (await this.db.get('meta', META_KEY))?.companies ?? 0;
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(['meta', 'chunks'], 'readwrite');
    await Promise.all([tx.objectStore('meta').clear(), tx.objectStore('chunks').clear(), tx.done]);
  }
}

/**
 * The chunks of `companies`: each company, as JSON, under each of its keys
 * (a company has one or two, so the copy costs little and a lookup parses
 * only the company it finds).
 */
export function companyChunks(companies: readonly StoredCompany[]): { chunks: JoinedStrings[]; meta: CompanyMeta } {
  let keys = 0;
  for (const c of companies) keys += c.keys.length;
  const lists: string[][] = Array.from({ length: chunkCount(keys, COMPANY_KEYS_PER_CHUNK) }, () => []);
  for (const c of companies) {
    const json = JSON.stringify(c);
    for (const key of c.keys) lists[chunkHash(key) % lists.length].push(key, json);
  }
  return { chunks: lists.map(joinStrings), meta: { chunks: lists.length, companies: companies.length } };
}

/** Moves version 1's companies (one record each, indexed) into chunks, inside the upgrade. */
async function migrateVersion1(database: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>): Promise<void> {
  if (![...database.objectStoreNames].includes('companies')) return;
  const companies = (await tx.objectStore('companies').getAll()) as StoredCompany[];
  const { chunks, meta } = companyChunks(companies);
  chunks.forEach((chunk, n) => void tx.objectStore('chunks').put(chunk, n));
  void tx.objectStore('meta').put(meta, META_KEY);
  database.deleteObjectStore('companies');
}

/**
 * Rebuilds the company store from an import's stored customers — the one
 * place companies are computed (the import worker calls it once the
 * customers are written). Pass every customer the store holds afterwards
 * (after a merge, the merged set), so a company never sums part of its customers.
 */
export async function storeCompaniesOf(customers: readonly StoredCustomer[], tierMethod: string | undefined, name = COMPANY_DB_NAME): Promise<number> {
  return storeCompanies(companyRecords(customers, tierMethod), name);
}

/** Replaces the stored companies with `companies` (companyRecords of every customer shown). */
export async function storeCompanies(companies: readonly StoredCompany[], name = COMPANY_DB_NAME): Promise<number> {
  const store = await CompanyStore.open(name);
  try {
    return await store.replaceAll(companies);
  } finally {
    store.close();
  }
}

/** Deletes every stored company (with the customers, when the user deletes the data). */
export async function clearCompanies(name = COMPANY_DB_NAME): Promise<void> {
  const store = await CompanyStore.open(name);
  try {
    await store.clear();
  } finally {
    store.close();
  }
}
