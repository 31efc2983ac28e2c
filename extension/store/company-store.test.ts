// IndexedDB test in real Chromium (see test/e2e/ext/run-in-page.ts).
import { describe, expect, it } from 'vitest';
import { useTestPage } from '../../test/e2e/ext/run-in-page.ts';
import type { PageModules } from '../../test/e2e/ext/page-entry.ts';
import { stored } from '../options/import-job.ts';

declare global {
  interface Window {
    cv: PageModules;
  }
}

const page = useTestPage();

const rows = [
  stored({ id: 'A', email: 'jane@acme.com', company: 'Acme, Inc.', tier: 'VIP', churnRisk: 0.1, value: 300 }),
  stored({ id: 'B', email: 'bob@acme.com', tier: 'Major', churnRisk: 0.9, value: 100 }),
  stored({ id: 'C', company: 'Initech', tier: 'Small', value: 30 }),
];

describe('CompanyStore', () => {
  it('is rebuilt from an import’s customers and finds a company by any of its keys, first hit wins', async () => {
    const out = await page.evaluate(async (rows) => {
      const written = await window.cv.storeCompaniesOf(rows, 'contribution', 'co1');
      const store = await window.cv.CompanyStore.open('co1');
      const found = await store.lookupMany([['domain:acme.com'], ['company:nobody', 'company:initech'], ['domain:none.example'], []]);
      const count = await store.count();
      // A second import replaces every company.
      store.close();
      await window.cv.storeCompaniesOf(rows.slice(2), 'contribution', 'co1');
      const again = await window.cv.CompanyStore.open('co1');
      const after = { count: await again.count(), acme: (await again.lookupMany([['domain:acme.com']]))[0] ?? null };
      again.close();
      return { written, count, found: found.map((f) => (f ? `${f.company.id} ${f.company.customers} ${f.key}` : null)), after };
    }, rows);
    expect(out.written).toBe(2);
    expect(out.count).toBe(2);
    expect(out.found).toEqual(['company:acme 2 domain:acme.com', 'company:initech 1 company:initech', null, null]);
    expect(out.after).toEqual({ count: 1, acme: null });
  });

  it('finds every company of an import with more keys than one chunk holds', async () => {
    // 1,500 companies with a domain and a name each: 3,000 keys, over several chunks of COMPANY_KEYS_PER_CHUNK.
    const many = Array.from({ length: 1500 }, (_, i) => stored({ id: `P${i}`, email: `p${i}@firm${i}.example`, company: `Firm ${i}`, tier: 'Small', churnRisk: 0.5, value: i }));
    const out = await page.evaluate(async (rows) => {
      await window.cv.storeCompaniesOf(rows, 'contribution', 'co2');
      const store = await window.cv.CompanyStore.open('co2');
      const keys = rows.flatMap((r) => [[`domain:firm${r.id.slice(1)}.example`], [`company:firm ${r.id.slice(1)}`]]);
      const found = await store.lookupMany(keys);
      const result = { count: await store.count(), found: found.filter((f) => f && f.company.customers === 1 && f.company.value === Number(f.company.name?.slice(5))).length };
      store.close();
      return result;
    }, many);
    expect(out).toEqual({ count: 1500, found: 3000 });
  });

  it('keeps the companies a version-1 database held (one record each, indexed) when the extension updates', async () => {
    const out = await page.evaluate(async () => {
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('co3', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('companies', { keyPath: 'id' }).createIndex('keys', 'keys', { multiEntry: true });
        open.onsuccess = () => {
          const tx = open.result.transaction('companies', 'readwrite');
          tx.objectStore('companies').put({ id: 'company:acme', keys: ['company:acme', 'domain:acme.com'], name: 'Acme', customers: 2, value: 400, tier: 'VIP', highRisk: 1, riskKnown: 2 });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      });
      const store = await window.cv.CompanyStore.open('co3');
      const found = await store.lookupMany([['domain:acme.com'], ['company:nobody']]);
      const result = { count: await store.count(), found: found.map((f) => (f ? `${f.company.name} ${f.company.value} ${f.key}` : null)) };
      store.close();
      return result;
    });
    expect(out).toEqual({ count: 1, found: ['Acme 400 domain:acme.com', null] });
  });
});
