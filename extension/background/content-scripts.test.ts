import { describe, expect, it } from 'vitest';
import { isSingleSite, oneAtATime, plannedScripts, sitePattern, syncContentScripts, urlMatches, type ScriptingLike } from './content-scripts.ts';

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

/**
 * A scripting API that behaves as Chromium's does under concurrent calls:
 * each call reads or writes after a delay, registering an id twice throws
 * "Duplicate script ID", unregistering a missing one "Nonexistent script ID".
 */
function racyScripting() {
  let registered: { id: string; matches?: string[]; runAt?: string }[] = [];
  const later = () => new Promise((r) => setTimeout(r, Math.random() * 4));
  const api: ScriptingLike = {
    getRegisteredContentScripts: async () => {
      await later();
      return registered.map((s) => ({ ...s }));
    },
    registerContentScripts: async (scripts) => {
      await later();
      for (const s of scripts) if (registered.some((r) => r.id === s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      registered.push(...scripts);
    },
    unregisterContentScripts: async ({ ids }) => {
      await later();
      for (const id of ids) if (!registered.some((r) => r.id === id)) throw new Error(`Nonexistent script ID '${id}'`);
      registered = registered.filter((s) => !ids.includes(s.id));
    },
  };
  return { api, now: () => registered.map((s) => s.id).sort() };
}

describe('oneAtATime', () => {
  it('twenty ticks and unticks in a row, each followed by a sync, end registered exactly as granted, without an error', async () => {
    const granted = new Set<string>();
    const s = racyScripting();
    const sync = oneAtATime(() => syncContentScripts(s.api, plannedScripts(crms, [...granted])));
    const runs: Promise<string[]>[] = [];
    for (let i = 0; i < 20; i++) {
      if (i % 2 === 0) crms[1].origins.forEach((o) => granted.add(o));
      else crms[1].origins.forEach((o) => granted.delete(o));
      runs.push(sync(), sync()); // the page's message and the permission event, both
      await new Promise((r) => setTimeout(r, Math.random() * 3));
    }
    granted.add(crms[1].origins[0]);
    runs.push(sync());
    await Promise.all(runs);
    expect(s.now()).toEqual(['crm-hubspot']);
  });

  it('the same syncs unserialised do race (the failure the serialisation removes)', async () => {
    let failures = 0;
    for (let round = 0; round < 10; round++) {
      const s = racyScripting();
      const planned = plannedScripts(crms, crms[1].origins);
      const results = await Promise.allSettled([syncContentScripts(s.api, planned), syncContentScripts(s.api, planned)]);
      failures += results.filter((r) => r.status === 'rejected').length;
    }
    expect(failures).toBeGreaterThan(0);
  });

  it('never overlaps two runs and shares one next run among the callers waiting', async () => {
    let active = 0;
    let most = 0;
    let count = 0;
    const task = oneAtATime(async () => {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return ++count;
    });
    const got = await Promise.all([task(), task(), task(), task()]);
    expect(most).toBe(1);
    expect(got).toEqual([1, 2, 2, 2]);
  });

  it('runs again after a failed run', async () => {
    let n = 0;
    const task = oneAtATime(async () => {
      if (n++ === 0) throw new Error('boom');
      return n;
    });
    const [a, b] = await Promise.allSettled([task(), task()]);
    expect(a.status).toBe('rejected');
    expect(b).toEqual({ status: 'fulfilled', value: 2 });
  });
});

describe('urlMatches', () => {
  it('matches scheme, host with a leading wildcard, and any path', () => {
    expect(urlMatches('https://acme.lightning.force.com/lightning/r/x', ['https://*.lightning.force.com/*'])).toBe(true);
    expect(urlMatches('https://lightning.force.com/', ['https://*.lightning.force.com/*'])).toBe(true);
    expect(urlMatches('https://evil-lightning.force.com/', ['https://*.lightning.force.com/*'])).toBe(false);
    expect(urlMatches('http://app.hubspot.com/', ['https://app.hubspot.com/*'])).toBe(false);
    expect(urlMatches('http://crm.intra.example/x', ['http://crm.intra.example/*'])).toBe(true);
    expect(urlMatches('not a url', ['<all_urls>'])).toBe(false);
  });
});
