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
});
