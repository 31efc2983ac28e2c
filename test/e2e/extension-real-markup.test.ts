/**
 * End to end in Debian's Chromium on the CRMs' real markup (issue 13, item 1):
 * Zoho's lyte-exptable list views, Salesforce Lightning with earlier views
 * cached (hidden) in the same tab, and a Salesforce list whose components
 * render in native shadow DOM — including rows the "app" adds to a shadow
 * root after the first scan. The fixture pages (test/fixtures/crm/, each
 * citing the public evidence it imitates) are served on the real host names;
 * the data are imported through the options page.
 * Run `npm run build:extension` first (npm test does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importThroughOptions, inContentWorld, type ContentWorld, launchWithExtension, openOptions, serveCrmPages, type Launched } from './ext/harness.ts';
import { requireChromiumAndBuild } from './ext/require.ts';
import './ext/chrome-global.ts';
import { adapterOf } from './ext/crm-scenario.ts';
import { scoredChurnShort, scoredChurnText } from './ext/churn-text.ts';
import { buildImport, previewImport } from '../../extension/options/import-job.ts';
import { entityLookupKeys } from '../../extension/match/keys.ts';
import type { StoredCustomer } from '../../extension/store/stored-customer.ts';

const ZOHO_LIST = 'https://crm.zoho.eu/crm/org20071234/tab/Contacts/custom-view/81234000000087501/list';
const SF_RECORD = 'https://acme.lightning.force.com/lightning/r/Contact/003Dn00000T1GhoIAF/view';
const SF_LIST = 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent';
const SF_SHADOW_LIST = 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=AllContacts';

/** The people on the fixture pages, by their CRM ids as the pages link them. */
const PEOPLE: { id: string; crmId: string; email?: string }[] = [
  ...['412001', '412002', '412003', '412004', '412005', '412006'].map((n, i) => ({ id: `Z${i}`, crmId: `zoho:81234000000${n}` })),
  { id: 'GRACE', crmId: 'salesforce:003Dn00000T1GhoIAF' },
  { id: 'ADA', crmId: 'salesforce:003Dn00000T1LovIAF' },
  ...['01', '02', '03', '04', '05'].map((n) => ({ id: `S${n}`, crmId: `salesforce:003Dn00000S7w${n}IAB` })),
];

function transactionsCsv(): string {
  const lines = ['customer_id,date,amount,crm_ids'];
  PEOPLE.forEach((p, i) => {
    lines.push(`${p.id},2024-0${1 + (i % 6)}-10,${60 + 45 * i},${p.crmId}`);
    if (i % 2 === 0) lines.push(`${p.id},2024-0${2 + (i % 6)}-20,${200 + 90 * i},${p.crmId}`);
  });
  return lines.join('\n') + '\n';
}

const csv = transactionsCsv();
// The oracle: what the core computes from the same file, outside the browser.
const bytes = new TextEncoder().encode(csv);
const expected = new Map(buildImport(bytes, { fileName: 'x', encoding: 'auto', identity: previewImport(bytes, 'auto').guess, tierMethod: 'contribution', model: 'auto' }).rows.map((r) => [r.id, r]));
const person = (id: string) => expected.get(id)!;
const entityOf = (id: string) => entityLookupKeys([{ kind: 'crmId', value: PEOPLE.find((p) => p.id === id)!.crmId }])[0];
const compact = (c: StoredCustomer) => `${c.tier} ${scoredChurnShort(c)}`;
const plain = (t: string) => t.replace(/\s+/g, ' ').trim();

interface DeepBadge {
  entity: string;
  text: string;
  /** Inside a shadow root of the page. */
  inShadow: boolean;
  /** Rendered, with a box inside the viewport. */
  onScreen: boolean;
  /** Inside Lightning's view marked active (undefined when there is no such view). */
  inActiveView?: boolean;
}

/** Every badge on the page, in the document and in every open shadow root. */
async function deepBadges(page: Page): Promise<DeepBadge[]> {
  return inContentWorld(page, () => {
    const { cvlensBadgeRoot } = globalThis as unknown as ContentWorld;
    const out: DeepBadge[] = [];
    const visit = (root: Document | ShadowRoot, inShadow: boolean) => {
      for (const host of root.querySelectorAll('[data-cvlens-badge]')) {
        const button = cvlensBadgeRoot(host)?.querySelector('.badge');
        const box = host.getBoundingClientRect();
        const view = document.querySelector('.oneContent.active');
        out.push({
          entity: host.getAttribute('data-cvlens-badge') ?? '',
          text: [...(button?.children ?? [])].map((part) => part.textContent).join(' '),
          inShadow,
          onScreen: host.checkVisibility() && box.width > 0 && box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth,
          inActiveView: view ? view.contains(host) : undefined,
        });
      }
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot && !el.hasAttribute('data-cvlens-badge')) visit(el.shadowRoot, true);
    };
    visit(document, false);
    return out;
  }, undefined);
}

let L: Launched;

beforeAll(async () => {
  requireChromiumAndBuild();
  L = await launchWithExtension({ grantOrigins: [...adapterOf('zoho').origins, ...adapterOf('salesforce').origins] });
  await serveCrmPages(L.context, {
    [ZOHO_LIST]: { file: 'zoho-exptable-list.html' },
    [SF_RECORD]: { file: 'salesforce-cached-views.html' },
    [SF_SHADOW_LIST]: { file: 'salesforce-shadow-list.html' },
  });
  const options = await openOptions(L);
  const report = await importThroughOptions(options, { name: 'transactions.csv', text: csv });
  expect(report).toContain(`${expected.size} customers`);
  await options.close();
}, 60_000);

afterAll(async () => L?.close());

async function visit(url: string, want: number): Promise<Page> {
  const page = await L.context.newPage();
  await page.goto(url);
  await settle(page, want);
  return page;
}
/** Waits until the page shows `want` badges and they stop changing (or gives up after ~6 s). */
async function settle(page: Page, want: number): Promise<void> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(150);
    const now = await deepBadges(page);
    const key = JSON.stringify(now);
    if (key === last && now.length === want) return;
    last = key;
  }
}

describe('Zoho lyte-exptable list view', () => {
  it('badges every row, each with its own customer, on screen', async () => {
    const page = await visit(ZOHO_LIST, 6);
    const badges = await deepBadges(page);
    const ids = ['Z0', 'Z1', 'Z2', 'Z3', 'Z4', 'Z5'];
    expect(badges.map((b) => b.entity)).toEqual(ids.map(entityOf));
    expect(badges.map((b) => plain(b.text))).toEqual(ids.map((id) => compact(person(id))));
    expect(badges.every((b) => b.onScreen)).toBe(true);
    await page.close();
  });
});

describe('Salesforce with earlier views cached in the tab', () => {
  it('badges the record shown, in the active view, and none of the hidden ones', async () => {
    const page = await visit(SF_RECORD, 1);
    const badges = await deepBadges(page);
    expect(badges).toHaveLength(1);
    expect(badges[0]).toMatchObject({ entity: entityOf('GRACE'), onScreen: true, inActiveView: true });
    expect(plain(badges[0].text)).toBe(`${person('GRACE').tier} ${scoredChurnText(person('GRACE'))} via CRM id`);

    // Back to the cached list, as Lightning does it: the URL changes and the list's view becomes the active one.
    await page.evaluate((url) => {
      history.pushState({}, '', url);
      const views = [...document.querySelectorAll('.oneContent')];
      views.forEach((v, i) => v.classList.toggle('active', i === 0));
    }, SF_LIST);
    await settle(page, 2);
    const listBadges = await deepBadges(page);
    expect(listBadges.map((b) => b.entity)).toEqual([entityOf('ADA'), entityOf('GRACE')]);
    expect(listBadges.every((b) => b.onScreen && b.inActiveView)).toBe(true);
    await page.close();
  });
});

describe('Salesforce list in native shadow DOM', () => {
  it('badges the rows inside nested open shadow roots, and a row the app adds to the shadow root later', async () => {
    const page = await visit(SF_SHADOW_LIST, 4);
    let badges = await deepBadges(page);
    const ids = ['S01', 'S02', 'S03', 'S04'];
    expect(badges.map((b) => b.entity)).toEqual(ids.map(entityOf));
    expect(badges.map((b) => plain(b.text))).toEqual(ids.map((id) => compact(person(id))));
    expect(badges.every((b) => b.inShadow && b.onScreen)).toBe(true);

    // The datatable renders one more row into its shadow root (infinite scroll): nothing in the document changes.
    await page.evaluate(() => {
      const table = document.querySelector('lst-object-home')!.shadowRoot!.querySelector('lst-list-view-manager')!.shadowRoot!.querySelector('lightning-datatable')!.shadowRoot!;
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.setAttribute('scope', 'row');
      th.setAttribute('data-label', 'Name');
      const cell = document.createElement('lightning-primitive-cell-factory');
      const a = document.createElement('a');
      a.href = '/lightning/r/003Dn00000S7w05IAB/view';
      a.textContent = 'Lena Weber';
      cell.attachShadow({ mode: 'open' }).append(a);
      th.append(cell);
      tr.append(th);
      table.querySelector('tbody')!.append(tr);
    });
    await settle(page, 5);
    badges = await deepBadges(page);
    expect(badges.map((b) => b.entity)).toEqual([...ids, 'S05'].map(entityOf));
    expect(plain(badges[4].text)).toBe(compact(person('S05')));
    await page.close();
  });
});

describe('privacy', () => {
  it('the extension made no network request', () => {
    expect(L.requests.filter((r) => r.fromExtension && !r.url.startsWith('chrome-extension://'))).toEqual([]);
  });
});
