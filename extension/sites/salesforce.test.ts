import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM_PATH, fixture, openSitesBrowser, type SitesBrowser } from './_test/chromium.ts';

// The Salesforce adapter on Lightning's cached views and on components in
// native shadow DOM (the fixtures cite their evidence).
const suite = chromiumAvailable ? describe : describe.skip;
if (!chromiumAvailable) console.warn(`salesforce.test.ts skipped: no Chromium at ${CHROMIUM_PATH}`);

let browser: SitesBrowser;
beforeAll(async () => {
  if (chromiumAvailable) browser = await openSitesBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const GRACE_URL = 'https://acme.lightning.force.com/lightning/r/Contact/003Dn00000T1GhoIAF/view';
const LIST_URL = 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent';

suite('salesforce: earlier views cached in the same tab', () => {
  it('reads the record shown, not an earlier one kept hidden, and no row of a hidden list', async () => {
    const r = await browser.find(fixture('salesforce-cached-views.html'), GRACE_URL);
    expect(r.entities.map((e) => [e.label, e.keys])).toEqual([
      [
        'Grace Hopper',
        [
          { kind: 'crmId', value: 'salesforce:003Dn00000T1GhoIAF' },
          { kind: 'email', value: 'grace.hopper@navalcomputing.com' },
          { kind: 'company', value: 'Naval Computing Corp.' },
        ],
      ],
    ]);
    expect(r.entities[0].anchor).toMatchObject({ text: 'Grace Hopper', connected: true });
    expect(r.unchanged).toBe(true);
  });

  it('after Back to the cached list, reads its rows and no hidden record', async () => {
    await browser.load(fixture('salesforce-cached-views.html'));
    await browser.page.evaluate(() => {
      const views = [...document.querySelectorAll('.oneContent')];
      views.forEach((v, i) => v.classList.toggle('active', i === 0));
    });
    const r = await browser.findLoaded(LIST_URL);
    expect(r.entities.map((e) => [e.label, e.keys[0].value])).toEqual([
      ['Ada Lovelace', 'salesforce:003Dn00000T1LovIAF'],
      ['Grace Hopper', 'salesforce:003Dn00000T1GhoIAF'],
    ]);
  });

  it('finds no record while every record view is hidden (the new one not rendered yet)', async () => {
    await browser.load(fixture('salesforce-cached-views.html'));
    await browser.page.evaluate(() => document.querySelectorAll('.oneContent').forEach((v) => v.classList.remove('active')));
    const r = await browser.findLoaded(GRACE_URL);
    expect(r.entities).toEqual([]);
  });
});

suite('salesforce: components in native shadow DOM', () => {
  it('reads list rows whose table, links and e-mails are in nested open shadow roots', async () => {
    const r = await browser.find(fixture('salesforce-shadow-list.html'), LIST_URL);
    expect(r.entities.map((e) => [e.label, e.keys])).toEqual([
      ['Kwame Mensah', [{ kind: 'crmId', value: 'salesforce:003Dn00000S7w01IAB' }, { kind: 'email', value: 'kwame.mensah@accracocoa.com.gh' }, { kind: 'company', value: 'Accra Cocoa Traders Ltd' }]],
      ['Ingrid Solberg', [{ kind: 'crmId', value: 'salesforce:003Dn00000S7w02IAB' }, { kind: 'email', value: 'ingrid.solberg@fjordshipping.no' }, { kind: 'company', value: 'Fjord Shipping AS' }]],
      ['Diego Fernández', [{ kind: 'crmId', value: 'salesforce:003Dn00000S7w03IAB' }, { kind: 'company', value: 'Viñedos del Sur S.L.' }]],
      ['Mei Chen', [{ kind: 'crmId', value: 'salesforce:003Dn00000S7w04IAB' }, { kind: 'email', value: 'mei.chen@pearlrivertextiles.cn' }, { kind: 'company', value: 'Pearl River Textiles Co.' }]],
    ]);
    for (const e of r.entities) expect(e.anchor).toMatchObject({ tag: 'a', text: e.label, connected: true });
  });

  it('reads a record page whose highlights panel and detail fields are in open shadow roots', async () => {
    const html = `<html><body><div class="windowViewMode-normal oneContent active lafPageHost">
      <one-record-home-flexipage2><template shadowrootmode="open">
        <records-lwc-highlights-panel><template shadowrootmode="open">
          <records-highlights2><template shadowrootmode="open">
            <div class="highlights slds-page-header slds-page-header_record-home"><h1><div class="entityNameTitle">Contact</div>
              <slot name="primaryField"><lightning-formatted-name slot="primaryField"><template shadowrootmode="open">Kwame Mensah</template></lightning-formatted-name></slot></h1>
              <p class="fieldComponent"><lightning-formatted-email><template shadowrootmode="open"><a href="mailto:kwame.mensah@accracocoa.com.gh">kwame.mensah@accracocoa.com.gh</a></template></lightning-formatted-email></p></div>
          </template></records-highlights2>
        </template></records-lwc-highlights-panel>
        <records-lwc-detail-panel><template shadowrootmode="open">
          <records-record-layout-item field-label="Account Name"><template shadowrootmode="open">
            <div class="slds-form-element"><span class="test-id__field-label">Account Name</span><div class="slds-form-element__control"><span class="slds-form-element__static">
              <force-lookup><template shadowrootmode="open"><a href="/lightning/r/001Dn00000S7c01IAB/view">Accra Cocoa Traders Ltd</a></template></force-lookup></span></div></div>
          </template></records-record-layout-item>
        </template></records-lwc-detail-panel>
      </template></one-record-home-flexipage2></div></body></html>`;
    const r = await browser.find(html, 'https://acme.lightning.force.com/lightning/r/Contact/003Dn00000S7w01IAB/view');
    expect(r.entities.map((e) => [e.label, e.keys])).toEqual([
      [
        'Kwame Mensah',
        [
          { kind: 'crmId', value: 'salesforce:003Dn00000S7w01IAB' },
          { kind: 'email', value: 'kwame.mensah@accracocoa.com.gh' },
          { kind: 'company', value: 'Accra Cocoa Traders Ltd' },
        ],
      ],
    ]);
  });

  it('finds every row of a 1,000-row native shadow list, and measures the cost of walking its shadow roots', async () => {
    const page = fixture('salesforce-shadow-list.html');
    const rowHtml = /<tr aria-selected[\s\S]*?<\/tr>/.exec(page)![0];
    const n = 1000;
    const rows = Array.from({ length: n }, (_, i) => rowHtml.replaceAll('003Dn00000S7w01IAB', `003Dn00000S${String(i).padStart(4, '0')}`));
    const big = page.replace(/<tbody>[\s\S]*<\/tbody>/, `<tbody>${rows.join('\n')}</tbody>`);
    await browser.load(big);
    const cost = await browser.page.evaluate(() => {
      const sites = (window as unknown as { cvlensSites: typeof import('./index.ts') }).cvlensSites;
      const url = new URL('https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent');
      const elements = document.querySelectorAll('*').length;
      const roots = sites.openShadowRoots(document);
      const times: number[] = [];
      let found = 0;
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        found = sites.salesforce.findEntities(document, url).length;
        times.push(performance.now() - t0);
        const t1 = performance.now();
        sites.openShadowRoots(document);
        times.push(-(performance.now() - t1));
      }
      const scans = times.filter((t) => t >= 0).sort((a, b) => a - b);
      const walks = times.filter((t) => t < 0).map((t) => -t).sort((a, b) => a - b);
      const all = roots.reduce((s, r) => s + r.querySelectorAll('*').length, elements);
      return { found, roots: roots.length, elements: all, scanMs: scans[2], walkMs: walks[2], limits: sites.SHADOW_LIMITS };
    });
    console.log(`native shadow list, ${n} rows: ${cost.elements} elements, ${cost.roots} open shadow roots; walk ${cost.walkMs.toFixed(1)} ms, whole scan ${cost.scanMs.toFixed(1)} ms (median of 5)`);
    expect(cost.found).toBe(n);
    // Within the walk's bounds, with room to spare.
    expect(cost.roots).toBeLessThan(cost.limits.roots);
    expect(cost.elements).toBeLessThan(cost.limits.elements);
    // Informative on a shared machine (6–26 ms measured); a walk costing several frames would be a regression.
    expect(cost.walkMs).toBeLessThan(100);
  });
});
