import { describe, expect, it } from 'vitest';
import { handleRequest, type HandlerDeps } from './handle-request.ts';
import type { StoredCustomer } from '../store/stored-customer.ts';
import type { BackgroundRequest } from '../shared/protocol.ts';
import type { StoredCompany } from '../store/stored-company.ts';
import { lookupBudget } from './lookup-budget.ts';

const jane: StoredCustomer = { id: 'C1', name: 'Jane', tier: 'VIP', churnRisk: 0.1, keys: ['email:jane@acme.com', 'company:acme'], search: ['jane'] };
const acme: StoredCompany = { id: 'company:acme', keys: ['company:acme', 'domain:acme.com'], name: 'Acme', customers: 2, value: 900, tier: 'Major', churnRisk: 0.2, highRisk: 0, riskKnown: 2 };
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
    lookupCompanies: async (entities: readonly (readonly string[])[]) =>
      entities.map((keys) => {
        const key = keys.find((k) => acme.keys.includes(k));
        return key ? { company: acme, key } : undefined;
      }),
    search: async (q: string, limit: number) => rows.filter((r) => (r.search ?? []).some((s) => s.startsWith(q))).slice(0, limit),
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
      { type: 'lookup', entities: [{ id: 'a', keys: ['email:jane@acme.com', 'domain:acme.com'] }, { id: 'b', keys: ['email:none@x.com'] }] },
      'content',
      deps(),
    );
    expect(reply).toEqual({ results: { a: { customer: jane, key: 'email:jane@acme.com' }, b: null } });
  });

  it('answers a person matched by domain or company alone with the company, never a colleague (issue 13)', async () => {
    const reply = await handleRequest({ type: 'lookup', entities: [{ id: 'new', keys: ['email:new.hire@acme.com', 'domain:acme.com', 'company:acme'] }] }, 'content', deps());
    expect(reply).toEqual({ results: { new: { company: acme, key: 'domain:acme.com' } } });
  });

  it('answers a company entity (an account page) with a company: that of the customer its record id names, else its domain’s or name’s', async () => {
    const d = deps();
    const withId = { ...jane, keys: [...jane.keys, 'crm:salesforce:001A'] };
    const loner: StoredCustomer = { id: 'C3', tier: 'VIP', keys: ['crm:salesforce:001B'], search: [] };
    d.lookupMany = async (entities) =>
      entities.map((keys) => (keys.includes('crm:salesforce:001A') ? { customer: withId, key: 'crm:salesforce:001A' } : keys.includes('crm:salesforce:001B') ? { customer: loner, key: 'crm:salesforce:001B' } : undefined));
    // The page names another company; the record id's customer is at Acme: Acme, matched on the record id.
    const account = await handleRequest({ type: 'lookup', entities: [{ id: 'acc', keys: ['crm:salesforce:001A', 'company:other'], company: true }] }, 'content', d);
    expect(account).toEqual({ results: { acc: { company: acme, key: 'crm:salesforce:001A' } } });
    // No customer with the record id: the company its name finds.
    const byName = await handleRequest({ type: 'lookup', entities: [{ id: 'acc', keys: ['crm:salesforce:001Z', 'company:acme'], company: true }] }, 'content', d);
    expect(byName).toEqual({ results: { acc: { company: acme, key: 'company:acme' } } });
    // A customer in no company is shown as itself.
    const alone = await handleRequest({ type: 'lookup', entities: [{ id: 'acc', keys: ['crm:salesforce:001B'], company: true }] }, 'content', d);
    expect(alone).toEqual({ results: { acc: { customer: loner, key: 'crm:salesforce:001B' } } });
  });

  it('refuses entities beyond the page’s lookup budget, and says so', async () => {
    const d = { ...deps(), budget: lookupBudget({ distinct: 1 }) };
    const reply = await handleRequest({ type: 'lookup', entities: [{ id: 'a', keys: ['email:jane@acme.com'] }, { id: 'b', keys: ['email:bob@x.com'] }] }, 'content', d, { page: 'tab 1' });
    expect(reply).toEqual({ results: { a: { customer: jane, key: 'email:jane@acme.com' }, b: null }, limited: true });
    // Another page is not affected.
    expect(await handleRequest({ type: 'lookup', entities: [{ id: 'b', keys: ['email:bob@x.com'] }] }, 'content', d, { page: 'tab 2' })).toEqual({ results: { b: { customer: bob, key: 'email:bob@x.com' } } });
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
    await expect(handleRequest(lookup, 'content', deps(), { siteGranted: false })).rejects.toThrow(/no longer enabled/);
    expect(await handleRequest({ type: 'enabled-adapters' }, 'content', deps(), { siteGranted: false })).toEqual({ adapters: [] });
    expect(await handleRequest({ type: 'status' }, 'extension', deps(), { siteGranted: false })).toMatchObject({ customers: 2 });
  });
});
