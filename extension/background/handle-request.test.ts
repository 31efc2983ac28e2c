import { describe, expect, it } from 'vitest';
import { handleRequest, type HandlerDeps } from './handle-request.ts';
import type { StoredCustomer } from '../store/stored-customer.ts';
import type { BackgroundRequest } from '../shared/protocol.ts';

const jane: StoredCustomer = { id: 'C1', name: 'Jane', tier: 'VIP', churnRisk: 0.1, keys: ['email:jane@acme.com', 'company:acme'], search: ['jane'] };
const bob: StoredCustomer = { id: 'C2', name: 'Bob', tier: 'Small', churnRisk: 0.9, keys: ['email:bob@x.com'], search: ['bob'] };

function deps(): HandlerDeps & { changed: number } {
  const rows = [jane, bob];
  const d = {
    changed: 0,
    lookupMany: async (entities: readonly (readonly string[])[]) =>
      entities.map((keys) => {
        for (const key of keys) {
          const customer = rows.find((r) => r.keys.includes(key));
          if (customer) return { customer, key };
        }
        return undefined;
      }),
    search: async (q: string, limit: number) => rows.filter((r) => r.search.some((s) => s.startsWith(q))).slice(0, limit),
    count: async () => rows.length,
    meta: async () => undefined,
    syncContentScripts: async () => ['crm-hubspot'],
    registered: async () => ['crm-hubspot', 'other'],
    dataChanged: () => void d.changed++,
  };
  return d;
}

describe('handleRequest', () => {
  it('answers a lookup with each entity’s own customer only, null when nothing matched', async () => {
    const reply = await handleRequest(
      { type: 'lookup', entities: [{ id: 'a', keys: ['email:nobody@x.com', 'company:acme'] }, { id: 'b', keys: ['email:none@x.com'] }] },
      'content',
      deps(),
    );
    expect(reply).toEqual({ results: { a: { customer: jane, key: 'company:acme' }, b: null } });
  });

  it('refuses search, status and sync from a web page (content script)', async () => {
    for (const type of ['status', 'sync-content-scripts', 'data-changed'] as const) {
      await expect(handleRequest({ type }, 'content', deps())).rejects.toThrow(/not allowed from a web page/);
    }
    await expect(handleRequest({ type: 'search', query: 'j' }, 'content', deps())).rejects.toThrow(/not allowed/);
  });

  it('tells a content script which CRMs are enabled', async () => {
    expect(await handleRequest({ type: 'enabled-adapters' }, 'content', deps())).toEqual({ adapters: ['hubspot'] });
  });

  it('serves our own pages: search, status, sync, data-changed', async () => {
    const d = deps();
    expect(await handleRequest({ type: 'search', query: 'bo' }, 'extension', d)).toEqual({ customers: [bob] });
    expect(await handleRequest({ type: 'status' }, 'extension', d)).toEqual({ customers: 2, meta: null, registered: ['crm-hubspot', 'other'] });
    expect(await handleRequest({ type: 'sync-content-scripts' }, 'extension', d)).toEqual({ registered: ['crm-hubspot'] });
    await handleRequest({ type: 'data-changed' }, 'extension', d);
    expect(d.changed).toBe(1);
  });

  it('refuses lookups from a page whose site access was withdrawn, and tells it no CRM is enabled', async () => {
    const lookup: BackgroundRequest = { type: 'lookup', entities: [{ id: 'a', keys: ['email:jane@acme.com'] }] };
    await expect(handleRequest(lookup, 'content', deps(), false)).rejects.toThrow(/no longer enabled/);
    expect(await handleRequest({ type: 'enabled-adapters' }, 'content', deps(), false)).toEqual({ adapters: [] });
    expect(await handleRequest({ type: 'status' }, 'extension', deps(), false)).toMatchObject({ customers: 2 });
  });
});
