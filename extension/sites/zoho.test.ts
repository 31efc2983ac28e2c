import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM_PATH, fixture, openSitesBrowser, type SitesBrowser } from './_test/chromium.ts';

// The Zoho adapter on the list markup today's Zoho CRM renders
// (crux-table-component > lyte-exptable; the fixture cites its evidence).
const suite = chromiumAvailable ? describe : describe.skip;
if (!chromiumAvailable) console.warn(`zoho.test.ts skipped: no Chromium at ${CHROMIUM_PATH}`);

let browser: SitesBrowser;
beforeAll(async () => {
  if (chromiumAvailable) browser = await openSitesBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LIST_URL = 'https://crm.zoho.eu/crm/org20071234/tab/Contacts/custom-view/81234000000087501/list';

suite('zoho: lyte-exptable list views', () => {
  it('finds one entity per row, with its record id, e-mail and account, anchored on the name link', async () => {
    const r = await browser.find(fixture('zoho-exptable-list.html'), LIST_URL);
    expect(r.adapter).toBe('zoho');
    expect(r.entities.map((e) => [e.label, e.keys])).toEqual([
      ['Anna Schmidt', [{ kind: 'crmId', value: 'zoho:81234000000412001' }, { kind: 'email', value: 'anna.schmidt@schmidt-logistik.de' }, { kind: 'company', value: 'Schmidt Logistik GmbH' }]],
      ['Marco Rossi', [{ kind: 'crmId', value: 'zoho:81234000000412002' }, { kind: 'email', value: 'm.rossi@rossi-alimentari.it' }, { kind: 'company', value: 'Rossi Alimentari S.p.A.' }]],
      // No e-mail in the row: the id and the account still identify it.
      ['Sofia Lindqvist', [{ kind: 'crmId', value: 'zoho:81234000000412003' }, { kind: 'company', value: 'Nordic Timber AB' }]],
      ['Pierre Dubois', [{ kind: 'crmId', value: 'zoho:81234000000412004' }, { kind: 'email', value: 'pierre@dubois-fils.fr' }, { kind: 'company', value: 'Dubois & Fils SARL' }]],
      ['Eva Novak', [{ kind: 'crmId', value: 'zoho:81234000000412005' }, { kind: 'email', value: 'eva.novak@novak-stavby.cz' }, { kind: 'company', value: 'Novak Stavby s.r.o.' }]],
      ['Jan de Vries', [{ kind: 'crmId', value: 'zoho:81234000000412006' }, { kind: 'email', value: 'jan@devries-bloemen.nl' }, { kind: 'company', value: 'De Vries Bloemen B.V.' }]],
    ]);
    for (const e of r.entities) expect(e.anchor).toMatchObject({ tag: 'a', text: e.label, connected: true });
    expect(r.unchanged).toBe(true);
  });

  it('reads the header row as no entity, and an Accounts list by its account links', async () => {
    const accounts = fixture('zoho-exptable-list.html')
      .replace(/tab\/Contacts\/8123400000041200(\d)/g, 'tab/Accounts/8123400000009900$1')
      .replace(/lt-prop-value="Contact Name"><span class="lyteTextValue">Contact Name/, 'lt-prop-value="Account Name"><span class="lyteTextValue">Account Name');
    const r = await browser.find(accounts, 'https://crm.zoho.eu/crm/org20071234/tab/Accounts/custom-view/81234000000087502/list');
    expect(r.entities).toHaveLength(6);
    // The name link of an Accounts row is the company itself.
    expect(r.entities[0].keys).toEqual([
      { kind: 'crmId', value: 'zoho:81234000000099001' },
      { kind: 'email', value: 'anna.schmidt@schmidt-logistik.de' },
      { kind: 'company', value: 'Anna Schmidt' },
    ]);
  });
});
