import { describe, expect, it } from 'vitest';
import { adapterFor, adapters, dynamics, generic, hubspot, pipedrive, salesforce, zoho } from './index.ts';

const specific = adapters.filter((a) => a !== generic);

/** Whether a WebExtension match pattern of the form `https://[*.]host/*` matches a URL. */
function patternMatches(pattern: string, url: URL): boolean {
  const m = /^(https?):\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
  if (!m || url.protocol !== `${m[1]}:`) return false;
  return m[2] ? url.hostname === m[3] || url.hostname.endsWith(`.${m[3]}`) : url.hostname === m[3];
}

describe('site adapters: URL detection', () => {
  it('lists the generic adapter last and every id once', () => {
    expect(adapters.at(-1)).toBe(generic);
    expect(new Set(adapters.map((a) => a.id)).size).toBe(adapters.length);
  });

  for (const adapter of adapters) {
    describe(adapter.id, () => {
      it.each(adapter.examples)('accepts $url as a $kind page', ({ url, kind }) => {
        const u = new URL(url);
        expect(adapter.matches(u)).toBe(true);
        expect(adapter.pageKind(u)).toBe(kind);
        expect(adapterFor(u)).toBe(adapter);
      });

      if (adapter !== generic) {
        it('has record and list examples, and https origins that cover every example', () => {
          expect(adapter.examples.some((e) => e.kind === 'record')).toBe(true);
          expect(adapter.examples.some((e) => e.kind === 'list')).toBe(true);
          expect(adapter.origins.length).toBeGreaterThan(0);
          for (const o of adapter.origins) expect(o).toMatch(/^https:\/\/(?:\*\.)?[a-z0-9.-]+\/\*$/);
          for (const e of adapter.examples) {
            expect(adapter.origins.some((o) => patternMatches(o, new URL(e.url))), e.url).toBe(true);
          }
        });
      }

      if (adapter !== generic) {
        const others = adapters.filter((a) => a !== adapter).flatMap((a) => a.examples.map((e) => e.url));
        it.each(others)('rejects %s', (url) => {
          expect(adapter.matches(new URL(url))).toBe(false);
        });
      }
    });
  }

  it('declares no origins for the generic adapter: the user enables one site at a time', () => {
    expect(generic.origins).toEqual([]);
  });

  it('lets the generic adapter take every http(s) page but nothing else', () => {
    for (const a of specific) for (const e of a.examples) expect(generic.matches(new URL(e.url))).toBe(true);
    for (const url of ['file:///home/me/a.html', 'chrome://extensions/', 'about:blank', 'moz-extension://abc/options.html']) {
      expect(generic.matches(new URL(url))).toBe(false);
      expect(adapterFor(new URL(url))).toBeUndefined();
    }
  });

  it.each([
    // Look-alike hosts and paths that no CRM adapter may claim.
    'https://lightning.force.com.evil.example/lightning/r/Account/001xx000003DGb2AAG/view',
    'https://acme.my.salesforce.com/001xx000003DGb2',
    'http://acme.lightning.force.com/lightning/r/Account/001xx000003DGb2AAG/view',
    'https://www.hubspot.com/products/crm',
    'https://app.hubspot.com.evil.example/contacts/1/record/0-1/2',
    'https://contoso.crm.dynamics.com/api/data/v9.2/accounts',
    'https://contoso.dynamics.com.evil.example/main.aspx?pagetype=entityrecord',
    'https://www.zoho.com/crm/',
    'https://crm.zoho.com.evil.example/crm/org1/tab/Contacts/12345678',
    'https://www.pipedrive.com/en/pricing/person/1',
    'https://pipedrive.com.evil.example/person/1',
  ])('no CRM adapter claims %s', (url) => {
    for (const a of specific) expect(a.matches(new URL(url)), a.id).toBe(false);
  });
});

describe('site adapters: record ids', () => {
  it.each([
    [salesforce, 'https://acme.lightning.force.com/lightning/r/Account/001xx000003DGb2AAG/view', '001xx000003DGb2AAG'],
    // 15-char ids in the URL come back as the 18-char id (checksum: Salesforce documentation's 001xx000003DGb2 → …AAG).
    [salesforce, 'https://acme.my.salesforce.com/lightning/r/Account/001xx000003DGb2/view', '001xx000003DGb2AAG'],
    [salesforce, 'https://acme.lightning.force.com/lightning/r/001xx000003DGb2AAG/view', '001xx000003DGb2AAG'],
    [salesforce, 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent', undefined],
    [hubspot, 'https://app.hubspot.com/contacts/4567890/record/0-1/51', '51'],
    [hubspot, 'https://app.hubspot.com/contacts/4567890/company/9876543210', '9876543210'],
    [hubspot, 'https://app.hubspot.com/contacts/4567890/objects/0-1/views/all/list', undefined],
    [dynamics, 'https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=%7BB1C2D3E4-0000-1111-2222-333344445555%7D', 'b1c2d3e4-0000-1111-2222-333344445555'],
    [dynamics, 'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id={A1B2C3D4-0000-1111-2222-333344445555}', 'a1b2c3d4-0000-1111-2222-333344445555'],
    [dynamics, 'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=A1B2C3D4-0000-1111-2222-333344445555', 'a1b2c3d4-0000-1111-2222-333344445555'],
    [dynamics, 'https://contoso.crm.dynamics.com/main.aspx?pagetype=dashboard&id=a1b2c3d4-0000-1111-2222-333344445555', undefined],
    [dynamics, 'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=nope', undefined],
    [zoho, 'https://crm.zoho.com/crm/org805223710/tab/Contacts/5725767000000412345', '5725767000000412345'],
    [zoho, 'https://crm.zoho.com/crm/tab/Contacts/5725767000000412345', '5725767000000412345'],
    [zoho, 'https://crm.zoho.com/crm/org805223710/tab/Contacts/custom-view/5725767000000087501/list', undefined],
    [pipedrive, 'https://acme.pipedrive.com/person/42', '42'],
    [pipedrive, 'https://acme.pipedrive.com/organization/7', '7'],
    [pipedrive, 'https://acme.pipedrive.com/persons/list', undefined],
    [generic, 'https://mail.example.org/inbox/thread/1842', undefined],
  ] as const)('%#: %s → %s', (adapter, url, id) => {
    expect(adapter.recordId(new URL(url))).toBe(id);
  });
});
