import { openDB, unwrap, type DBSchema, type IDBPDatabase } from 'idb';
import { companyRecords } from './company-records.ts';
import type { CompanyScore, StoredCompany } from './stored-company.ts';
import type { StoredCustomer } from './stored-customer.ts';

interface CompaniesDB extends DBSchema {
  companies: { key: string; value: StoredCompany; indexes: { keys: string } };
}

/**
 * A database of its own, beside the customers' (`cvlens`): the customer
 * store's layout can change without a migration here, and companies are
 * rebuilt whole at every import anyway.
 */
export const COMPANY_DB_NAME = 'cvlens-companies';
const DB_VERSION = 1;

/**
 * The companies of the last import (see companyRecords), keyed by id, with
 * a multiEntry index over their company keys: a page entity's domain or
 * company name finds its company in one index hit.
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
      upgrade(database) {
        database.createObjectStore('companies', { keyPath: 'id' }).createIndex('keys', 'keys', { multiEntry: true });
      },
    });
    return new CompanyStore(db);
  }

  close(): void {
    this.db.close();
  }

  /** Replaces every company with `companies`, in one transaction (an import has far fewer companies than customers). */
  async replaceAll(companies: readonly StoredCompany[]): Promise<number> {
    const tx = this.db.transaction('companies', 'readwrite', { durability: 'relaxed' });
    void tx.store.clear();
    for (const c of companies) void tx.store.put(c);
    await tx.done;
    return companies.length;
  }

  /**
   * For each entity's company keys (in the order given), the company the
   * first hitting key finds, or undefined; one transaction for them all.
   */
  async lookupMany(entities: readonly (readonly string[])[]): Promise<(CompanyScore | undefined)[]> {
    const results: (CompanyScore | undefined)[] = entities.map(() => undefined);
    if (entities.every((keys) => keys.length === 0)) return results;
    const tx = unwrap(this.db.transaction('companies', 'readonly'));
    const index = tx.objectStore('companies').index('keys');
    const ask = (i: number, k: number) => {
      const key = entities[i][k];
      if (key === undefined) return;
      const request = index.get(key) as IDBRequest<StoredCompany | undefined>;
      request.onsuccess = () => {
        if (request.result) results[i] = { company: request.result, key };
        else ask(i, k + 1);
      };
    };
    entities.forEach((_, i) => ask(i, 0));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('CompanyStore.lookupMany: transaction aborted'));
    });
    return results;
  }

  count(): Promise<number> {
    return this.db.count('companies');
  }

  async clear(): Promise<void> {
    await this.db.clear('companies');
  }
}

/**
 * Rebuilds the company store from an import's stored customers — the one
 * place companies are computed (the import worker calls it once the
 * customers are written). Pass every customer the store holds afterwards
 * (after a merge, the merged set), so a company never sums part of its customers.
 */
export async function storeCompaniesOf(customers: readonly StoredCustomer[], tierMethod: string | undefined, name = COMPANY_DB_NAME): Promise<number> {
  const store = await CompanyStore.open(name);
  try {
    return await store.replaceAll(companyRecords(customers, tierMethod));
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
