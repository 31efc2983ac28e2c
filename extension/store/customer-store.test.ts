// IndexedDB test in real Chromium (see test/e2e/ext/run-in-page.ts).
import { describe, expect, it } from 'vitest';
import { useTestPage } from '../../test/e2e/ext/run-in-page.ts';
import type { PageModules } from '../../test/e2e/ext/page-entry.ts';
import type { StoredCustomer } from './stored-customer.ts';
import type { ImportMeta } from './customer-store.ts';
import { searchTerms } from './search-terms.ts';

declare global {
  interface Window {
    cv: PageModules;
  }
}

const customer = (id: string, keys: string[], name: string, tier: StoredCustomer['tier'] = 'Small'): StoredCustomer => ({
  id, name, tier, churnRisk: 0.5, keys, search: searchTerms({ name, id }),
});
// No rejected rows: their messages' recursive type is more than page.evaluate's argument typing can unfold.
const meta: Omit<ImportMeta, 'rejected'> & { rejected: [] } = {
  fileName: 'x.csv', importedAt: '2026-01-01T00:00:00Z', kind: 'transactions', customers: 0, rowsRead: 0, rejected: [], rejectedMore: 0, summary: [], warnings: [],
};

const page = useTestPage();

describe('CustomerStore', () => {
  it('writes rows in chunks, reporting progress, and finds a customer by any of its keys', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => customer(`C${i}`, [`email:c${i}@x.com`, `company:firm ${i % 5}`], `Name ${i}`));
    const out = await page.evaluate(async ({ rows, meta }) => {
      const store = await window.cv.CustomerStore.open('t1');
      const progress: number[] = [];
      const written = await store.replaceAll(rows, meta, (f) => progress.push(f));
      const byEmail = await store.lookup(['email:nobody@x.com', 'email:c7@x.com']);
      const byCompany = await store.lookup(['company:firm 3']);
      const none = await store.lookup(['email:nobody@x.com']);
      const many = await store.lookupMany([['email:c1@x.com'], ['email:nobody@x.com', 'company:firm 2'], ['email:none@x.com'], []]);
      const result = { written, progress, byEmail, byCompany: byCompany?.key, none: none ?? null, many: many.map((m) => (m ? `${m.customer.id} ${m.key}` : null)), count: await store.count(), meta: await store.meta() };
      store.close();
      return result;
    }, { rows, meta });
    expect(out.written).toBe(25);
    expect(out.progress.at(-1)).toBe(1);
    expect(out.byEmail?.customer.id).toBe('C7');
    expect(out.byEmail?.key).toBe('email:c7@x.com'); // the first key that hits, in the order given
    expect(out.byCompany).toBe('company:firm 3');
    expect(out.none).toBeNull();
    // Many entities in one transaction: the first key hitting, per entity, in order.
    // A key shared by several customers finds the smallest id, as the former index did: C12 < C17 < C2.
    expect(out.many).toEqual(['C1 email:c1@x.com', 'C12 company:firm 2', null, null]);
    expect(out.count).toBe(25);
    expect(out.meta?.fileName).toBe('x.csv');
  });

  it('replaces all rows on a new import and deletes everything on clear()', async () => {
    const out = await page.evaluate(async ({ a, b, meta }) => {
      const store = await window.cv.CustomerStore.open('t2');
      await store.replaceAll(a, meta);
      await store.replaceAll(b, meta);
      const afterReplace = { count: await store.count(), old: (await store.lookup(['email:old@x.com'])) ?? null };
      await store.clear();
      const afterClear = { count: await store.count(), meta: (await store.meta()) ?? null };
      store.close();
      return { afterReplace, afterClear };
    }, { a: [customer('A', ['email:old@x.com'], 'Old')], b: [customer('B', ['email:new@x.com'], 'New'), customer('C', ['email:c@x.com'], 'C')], meta });
    expect(out.afterReplace).toEqual({ count: 2, old: null });
    expect(out.afterClear).toEqual({ count: 0, meta: null });
  });

  it('searches by prefix of name, e-mail or company words, each customer once, highest value first', async () => {
    const rows: StoredCustomer[] = [
      { ...customer('1', [], 'Jane Doe'), value: 10, email: 'jane@acme.com', search: searchTerms({ name: 'Jane Doe', email: 'jane@acme.com', company: 'Acme Inc' }) },
      { ...customer('2', [], 'Janet Roe'), value: 900, search: searchTerms({ name: 'Janet Roe', company: 'Roe Ltd' }) },
      { ...customer('3', [], '王小明'), search: searchTerms({ name: '王小明', company: '北京科技' }) },
    ];
    const out = await page.evaluate(async ({ rows, meta }) => {
      const store = await window.cv.CustomerStore.open('t3');
      await store.replaceAll(rows, meta);
      const ids = async (q: string) => (await store.search(q)).map((c) => c.id);
      const result = { jan: await ids('Jan'), acme: await ids('acme'), roe: await ids('ROE'), wang: await ids('王'), empty: await ids('  '), limited: (await store.search('jan', 1)).length };
      store.close();
      return result;
    }, { rows, meta });
    expect(out.jan).toEqual(['2', '1']);
    expect(out.acme).toEqual(['1']);
    expect(out.roe).toEqual(['2']);
    expect(out.wang).toEqual(['3']);
    expect(out.empty).toEqual([]);
    expect(out.limited).toBe(1);
  });

  it('keeps a value-list customer without a churn risk (unknown, not 0) and the import kind values', async () => {
    const valueOnly: StoredCustomer = { id: '001xx000003DGb2AAG', company: 'Acme Inc', tier: 'Ordinary', value: 1_200_000, keys: ['email:jane.doe@acme.com'], search: searchTerms({ company: 'Acme Inc' }) };
    const out = await page.evaluate(async ({ rows, meta }) => {
      const store = await window.cv.CustomerStore.open('t4');
      await store.replaceAll(rows, meta);
      const hit = await store.lookup(['email:jane.doe@acme.com']);
      const result = { customer: hit ? { ...hit.customer, search: rows[0].search } : null, hasChurn: hit ? 'churnRisk' in hit.customer : null, kind: (await store.meta())?.kind };
      store.close();
      return result;
    }, { rows: [valueOnly], meta: { ...meta, kind: 'values' as const } });
    expect(out.customer).toEqual(valueOnly);
    expect(out.hasChurn).toBe(false);
    expect(out.kind).toBe('values');
  });

  it('merges a new import into the stored customers (the file wins for customers in both) and undoes it', async () => {
    const out = await page.evaluate(async ({ a, b, meta }) => {
      const store = await window.cv.CustomerStore.open('t5');
      const ids = async (q: string) => (await store.search(q)).map((c) => `${c.id}:${c.name}`).sort();
      await store.writeImport(a, { ...meta, fileName: 'a.csv' }, { mode: 'replace' });
      const firstUndo = await store.undoTarget();
      await store.writeImport(b, { ...meta, fileName: 'b.csv' }, { mode: 'merge' });
      const merged = { count: await store.count(), meta: await store.meta(), names: await ids('n'), old: (await store.lookup(['email:a@x.com']))?.customer.name ?? null, undo: await store.undoTarget() };
      const undone = await store.undo();
      const after = { count: await store.count(), file: (await store.meta())?.fileName, names: await ids('n'), undo: (await store.undoTarget()) ?? null, again: await store.undo() };
      store.close();
      return { firstUndo, merged, undone, after };
    }, {
      a: [customer('A', ['email:a@x.com'], 'Nancy'), customer('B', ['email:b@x.com'], 'Ned')],
      b: [customer('B', ['email:b@x.com'], 'Nora'), customer('C', ['email:c@x.com'], 'Nils')],
      meta,
    });
    expect(out.firstUndo).toEqual({ meta: null }); // undoing the first import goes back to no data
    expect(out.merged.count).toBe(3);
    expect(out.merged.meta?.merged).toEqual({ kept: 1, replaced: 1 });
    expect(out.merged.names).toEqual(['A:Nancy', 'B:Nora', 'C:Nils']);
    expect(out.merged.old).toBe('Nancy');
    expect(out.merged.undo?.meta?.fileName).toBe('a.csv');
    expect(out.undone).toBe(true);
    expect(out.after).toEqual({ count: 2, file: 'a.csv', names: ['A:Nancy', 'B:Ned'], undo: null, again: false });
  });

  it('keeps what a version-1 database held (one record per customer) when the extension updates', async () => {
    const out = await page.evaluate(async ({ rows, meta }) => {
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('t6', 1);
        open.onupgradeneeded = () => {
          const db = open.result;
          const customers = db.createObjectStore('customers', { keyPath: 'id' });
          customers.createIndex('keys', 'keys', { multiEntry: true });
          customers.createIndex('search', 'search', { multiEntry: true });
          db.createObjectStore('meta');
          for (const r of rows) customers.put(r);
          open.transaction!.objectStore('meta').put(meta, 'import');
        };
        open.onsuccess = () => (open.result.close(), resolve());
        open.onerror = () => reject(open.error);
      });
      const store = await window.cv.CustomerStore.open('t6');
      const result = { count: await store.count(), file: (await store.meta())?.fileName, hit: (await store.lookup(['email:old@x.com']))?.customer.id ?? null, found: (await store.search('old')).map((c) => c.id) };
      store.close();
      return result;
    }, { rows: [customer('OLD', ['email:old@x.com'], 'Old Timer')], meta: { ...meta, fileName: 'v1.csv' } });
    expect(out).toEqual({ count: 1, file: 'v1.csv', hit: 'OLD', found: ['OLD'] });
  });

  it('reads the chunks the first chunked layout wrote (customer objects, key objects) after the update to packed chunks', async () => {
    const out = await page.evaluate(async ({ meta }) => {
      // Version 2 as the first chunked release wrote it: no migration runs, the readers take both forms.
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('t7', 2);
        open.onupgradeneeded = () => {
          const db = open.result;
          for (const name of ['sets', 'state', 'customerChunks', 'keyChunks', 'termChunks']) db.createObjectStore(name);
          const tx = open.transaction!;
          tx.objectStore('sets').put({ gen: 1, meta, customers: 2, customerChunks: 1, keyChunks: 1 }, 1);
          tx.objectStore('state').put({ current: 1, nextGen: 2, cleanFrom: 1 }, 'state');
          tx.objectStore('customerChunks').put([
            { id: 'OLD', name: 'Old Timer', tier: 'VIP', churnRisk: 0.5, value: 7, keys: ['email:old@x.com', 'company:acme'] },
            { id: 'PAL', name: 'Old Pal', tier: 'Small', value: 3, keys: ['email:pal@x.com'] },
          ], [1, 0]);
          tx.objectStore('keyChunks').put({ 'email:old@x.com': 'OLD', 'company:acme': 'OLD', 'email:pal@x.com': 'PAL' }, [1, 0]);
          tx.objectStore('termChunks').put({ terms: ['old timer', 'old', 'old pal', 'old'], ids: ['OLD', 'OLD', 'PAL', 'PAL'] }, [1, 'ol']);
        };
        open.onsuccess = () => (open.result.close(), resolve());
        open.onerror = () => reject(open.error);
      });
      const store = await window.cv.CustomerStore.open('t7');
      const hit = await store.lookup(['email:nobody@x.com', 'company:acme']);
      const result = {
        count: await store.count(),
        hit: hit ? { id: hit.customer.id, tier: hit.customer.tier, key: hit.key } : null,
        found: (await store.search('old')).map((c) => c.id),
        all: (await store.customers()).map((c) => c.id).sort(),
      };
      // A merge over the old form writes the new one; both customers come along.
      await store.writeImport([{ id: 'NEW', tier: 'Small', keys: ['email:new@x.com'], search: ['new'] }], meta, { mode: 'merge' });
      const merged = { count: await store.count(), pal: (await store.lookup(['email:pal@x.com']))?.customer.name ?? null };
      store.close();
      return { ...result, merged };
    }, { meta: { ...meta, fileName: 'v2.csv' } });
    expect(out).toEqual({ count: 2, hit: { id: 'OLD', tier: 'VIP', key: 'company:acme' }, found: ['OLD', 'PAL'], all: ['OLD', 'PAL'], merged: { count: 3, pal: 'Old Pal' } });
  });

  it('reads the packed chunks the layout before refs wrote, merges them into the ref layout, and undoes back to them', async () => {
    const out = await page.evaluate(async ({ meta }) => {
      // Version 2 as the packed release wrote it (joined strings, customers placed by the hash of their id).
      const join = (parts: string[]) => ({ text: parts.join(''), lens: Uint16Array.from(parts.map((p) => p.length)) });
      const fields = (id: string, name: string, tier: string, keys: string[]) => [id, name, '', '', '', tier, '', '', '', '', ...keys];
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('t8', 2);
        open.onupgradeneeded = () => {
          const db = open.result;
          for (const name of ['sets', 'state', 'customerChunks', 'keyChunks', 'termChunks']) db.createObjectStore(name);
          const tx = open.transaction!;
          tx.objectStore('sets').put({ gen: 1, meta, customers: 2, customerChunks: 1, keyChunks: 1 }, 1);
          tx.objectStore('state').put({ current: 1, nextGen: 2, cleanFrom: 1 }, 'state');
          tx.objectStore('customerChunks').put({
            ...join([...fields('OLD', 'Old Timer', 'VIP', ['email:old@x.com', 'company:acme']), ...fields('PAL', 'Old Pal', 'Small', ['email:pal@x.com'])]),
            lists: Uint16Array.of(0, 2, 0, 1),
            num: Float64Array.of(0.5, NaN, NaN, 7, NaN, NaN, NaN, 3),
          }, [1, 0]);
          tx.objectStore('keyChunks').put(join(['email:old@x.com', 'OLD', 'company:acme', 'OLD', 'email:pal@x.com', 'PAL']), [1, 0]);
          tx.objectStore('termChunks').put({ terms: join(['old timer', 'old', 'old pal', 'old']), ids: join(['OLD', 'OLD', 'PAL', 'PAL']) }, [1, 'ol']);
        };
        open.onsuccess = () => (open.result.close(), resolve());
        open.onerror = () => reject(open.error);
      });
      const store = await window.cv.CustomerStore.open('t8');
      const read = async () => ({
        count: await store.count(),
        old: (await store.lookup(['email:nobody@x.com', 'company:acme']))?.customer ?? null,
        pal: (await store.lookup(['email:pal@x.com']))?.customer.name ?? null,
        found: (await store.search('old')).map((c) => c.id),
      });
      const before = await read();
      await store.writeImport([{ id: 'NEW', name: 'Old News', tier: 'Major', value: 5, keys: ['email:new@x.com'] }], meta, { mode: 'merge' });
      const merged = { ...(await read()), added: (await store.lookup(['email:new@x.com']))?.customer.id ?? null };
      await store.undo();
      const undone = await read();
      store.close();
      return { before, merged, undone };
    }, { meta: { ...meta, fileName: 'v2.csv' } });
    const old = { id: 'OLD', name: 'Old Timer', tier: 'VIP', churnRisk: 0.5, value: 7, keys: ['email:old@x.com', 'company:acme'] };
    expect(out.before).toEqual({ count: 2, old, pal: 'Old Pal', found: ['OLD', 'PAL'] });
    // Merged into the ref layout: the old customers keep their keys (not those of their fields) and are found by them.
    expect(out.merged).toEqual({ count: 3, old, pal: 'Old Pal', found: ['OLD', 'NEW', 'PAL'], added: 'NEW' });
    expect(out.undone).toEqual(out.before);
  });
});
