import { describe, expect, it } from 'vitest';
import { isSingleSite, plannedScripts, sitePattern, syncContentScripts, type ScriptingLike } from './content-scripts.ts';

const crms = [
  { id: 'salesforce', origins: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'] },
  { id: 'hubspot', origins: ['https://app.hubspot.com/*'] },
  { id: 'generic', origins: [] },
];

function fakeScripting(initial: { id: string; matches?: string[]; runAt?: string }[] = []) {
  let registered = [...initial];
  const calls: string[] = [];
  const api: ScriptingLike = {
    getRegisteredContentScripts: async () => registered,
    registerContentScripts: async (scripts) => {
      calls.push(`register ${scripts.map((s) => s.id).join()}`);
      registered.push(...scripts);
    },
    unregisterContentScripts: async ({ ids }) => {
      calls.push(`unregister ${ids.join()}`);
      registered = registered.filter((s) => !ids.includes(s.id));
    },
  };
  return { api, calls, now: () => registered };
}

describe('plannedScripts', () => {
  it('plans a script for a CRM only when all its origins are granted, matching exactly them', () => {
    expect(plannedScripts(crms, ['https://*.lightning.force.com/*'])).toEqual([]);
    expect(plannedScripts(crms, ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*', 'https://*.elsewhere.com/*'])).toEqual([
      { id: 'crm-salesforce', matches: crms[0].origins },
    ]);
  });
});

describe('plannedScripts for single sites (generic adapter)', () => {
  it('puts granted single sites no CRM declares into one generic registration', () => {
    expect(plannedScripts(crms, ['https://app.hubspot.com/*', 'https://mail.example.org/*', 'http://crm.intra.example/*'])).toEqual([
      { id: 'crm-hubspot', matches: ['https://app.hubspot.com/*'] },
      { id: 'crm-generic', matches: ['http://crm.intra.example/*', 'https://mail.example.org/*'] },
    ]);
  });

  it('never turns a wildcard grant into a generic registration', () => {
    expect(plannedScripts(crms, ['https://*/*', '<all_urls>', 'https://*.example.org/*'])).toEqual([]);
  });
});

describe('sitePattern / isSingleSite', () => {
  it('turns an address into the pattern of its site', () => {
    expect(sitePattern('mail.example.org/inbox?x=1')).toBe('https://mail.example.org/*');
    expect(sitePattern(' http://intranet.example:8080/crm ')).toBe('http://intranet.example/*');
    expect(sitePattern('ftp://files.example.org')).toBeUndefined();
    expect(sitePattern('not a url at all')).toBeUndefined();
  });

  it('accepts one host, rejects wildcards', () => {
    expect(isSingleSite('https://mail.example.org/*')).toBe(true);
    expect(isSingleSite('https://*.example.org/*')).toBe(false);
    expect(isSingleSite('https://*/*')).toBe(false);
  });
});

describe('syncContentScripts', () => {
  it('registers newly granted CRMs', async () => {
    const s = fakeScripting();
    expect(await syncContentScripts(s.api, plannedScripts(crms, crms[1].origins))).toEqual(['crm-hubspot']);
    expect(s.now().map((r) => r.id)).toEqual(['crm-hubspot']);
  });

  it('unregisters revoked CRMs and leaves registrations it did not make', async () => {
    const s = fakeScripting([{ id: 'crm-salesforce', matches: crms[0].origins }, { id: 'someone-else', matches: ['https://x/*'] }]);
    await syncContentScripts(s.api, []);
    expect(s.now().map((r) => r.id)).toEqual(['someone-else']);
  });

  it('does nothing when already in sync, and re-registers a script whose origins changed', async () => {
    const s = fakeScripting([{ id: 'crm-hubspot', matches: crms[1].origins, runAt: 'document_end' }]);
    await syncContentScripts(s.api, plannedScripts(crms, crms[1].origins));
    expect(s.calls).toEqual([]);
    const t = fakeScripting([{ id: 'crm-hubspot', matches: ['https://old.hubspot.com/*'], runAt: 'document_end' }]);
    await syncContentScripts(t.api, plannedScripts(crms, crms[1].origins));
    expect(t.calls).toEqual(['unregister crm-hubspot', 'register crm-hubspot']);
    expect(t.now()[0].matches).toEqual(crms[1].origins);
  });

  it('registers scripts to run when the document is parsed, and re-registers those an earlier version set to run at idle', async () => {
    const s = fakeScripting([{ id: 'crm-hubspot', matches: crms[1].origins, runAt: 'document_idle' }]);
    await syncContentScripts(s.api, plannedScripts(crms, crms[1].origins));
    expect(s.calls).toEqual(['unregister crm-hubspot', 'register crm-hubspot']);
    expect(s.now()[0].runAt).toBe('document_end');
  });
});
