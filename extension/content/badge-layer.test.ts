// DOM test in real Chromium (see test/e2e/ext/run-in-page.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useTestPage } from '../../test/e2e/ext/run-in-page.ts';
import type { PageModules } from '../../test/e2e/ext/page-entry.ts';

declare global {
  interface Window {
    cv: PageModules;
    layer: ReturnType<PageModules['badgeLayer']>;
    lookups: string[][];
    scan: () => void;
  }
}

const page = useTestPage();

beforeEach(async () => {
  // A list of three people; only those with a "known" key match.
  await page.evaluate(() => {
    document.getElementById('root')!.replaceChildren();
    for (const [id, email] of [['1', 'a@x.com'], ['2', 'b@x.com'], ['3', 'nobody@x.com']]) {
      const row = document.createElement('p');
      const name = document.createElement('span');
      name.className = 'name';
      name.dataset.id = id;
      name.dataset.email = email;
      name.textContent = `Person ${id}`;
      row.append(name);
      document.getElementById('root')!.append(row);
    }
    window.lookups = [];
    const { badgeLayer, createBadge } = window.cv;
    window.layer = badgeLayer({
      lookup: async (keys) => {
        window.lookups.push(keys);
        if (keys[0].startsWith('email:nobody')) return null;
        return {
          key: keys[0],
          customer: { id: keys[0], tier: 'Major', churnRisk: 0.2, keys, search: [] },
        };
      },
      render: (entityId, score) => {
        if (!('customer' in score)) throw new Error('a person was expected');
        return createBadge(entityId, {
          tier: score.customer.tier, tierLabel: score.customer.tier, churnLevel: 'low', churnText: 'churn low', churnShort: 'churn 20%', matchedText: score.key,
          title: score.customer.id, facts: [], action: '', actionLabel: '',
        });
      },
    });
    window.scan = () =>
      window.layer.sync(
        [...document.querySelectorAll<HTMLElement>('.name')].map((el) => ({ anchor: el, id: `email:${el.dataset.email}`, lookupKeys: () => [`email:${el.dataset.email}`] })),
      );
  });
});

const settle = (p: Page) => p.evaluate(() => new Promise((r) => setTimeout(r, 30)));
const badges = (p: Page) => p.evaluate(() => [...document.querySelectorAll('[data-cvlens-badge]')].map((b) => b.getAttribute('data-cvlens-badge')));

describe('badgeLayer', () => {
  it('puts one badge after each matched entity and none after unmatched ones', async () => {
    await page.evaluate(() => window.scan());
    await settle(page);
    expect(await badges(page)).toEqual(['email:a@x.com', 'email:b@x.com']);
    const nextToAnchor = await page.evaluate(() => [...document.querySelectorAll('[data-cvlens-badge]')].every((b) => b.previousElementSibling?.classList.contains('name')));
    expect(nextToAnchor).toBe(true);
  });

  it('keeps exactly one badge per entity however often the page is scanned, and looks each up once', async () => {
    for (let i = 0; i < 5; i++) {
      await page.evaluate(() => window.scan());
      await settle(page);
    }
    expect(await badges(page)).toEqual(['email:a@x.com', 'email:b@x.com']);
    expect(await page.evaluate(() => window.lookups.length)).toBe(3);
  });

  it('moves with re-rendered rows: removed entities lose their badge, new ones get one', async () => {
    await page.evaluate(() => window.scan());
    await settle(page);
    await page.evaluate(() => {
      // An SPA navigation: the list is rendered anew with different people.
      const root = document.getElementById('root')!;
      const old = root.innerHTML;
      root.innerHTML = old.replace(/a@x\.com/g, 'c@x.com');
      window.scan();
    });
    await settle(page);
    expect(await badges(page)).toEqual(['email:c@x.com', 'email:b@x.com']);
  });

  it('replaces the badge when the same element now shows another entity', async () => {
    await page.evaluate(() => window.scan());
    await settle(page);
    await page.evaluate(() => {
      (document.querySelector('.name') as HTMLElement).dataset.email = 'd@x.com';
      window.scan();
    });
    await settle(page);
    expect(await badges(page)).toEqual(['email:d@x.com', 'email:b@x.com']);
  });

  it('removes stray badge hosts it does not own, and all badges on clear()', async () => {
    await page.evaluate(() => window.scan());
    await settle(page);
    await page.evaluate(() => {
      const stray = document.createElement('span');
      stray.setAttribute('data-cvlens-badge', 'email:a@x.com');
      document.getElementById('root')!.append(stray);
      window.scan();
    });
    expect(await badges(page)).toEqual(['email:a@x.com', 'email:b@x.com']);
    await page.evaluate(() => window.layer.clear());
    expect(await badges(page)).toEqual([]);
  });

  it('puts a compact badge after a list cell’s truncating wrapper, where it is seen, and keeps it there when the cell is re-wrapped', async () => {
    const out = await page.evaluate(async () => {
      const { badgeLayer, createBadge } = window.cv;
      const root = document.getElementById('root')!;
      // Lightning's name cell: a fixed-width cell, a flex row, a div that truncates.
      const table = document.createElement('table');
      table.style.cssText = 'table-layout: fixed; width: 240px';
      const cell = table.insertRow().insertCell();
      const wrap = () => {
        const grid = document.createElement('span');
        grid.style.display = 'flex';
        const trunc = document.createElement('div');
        trunc.style.cssText = 'overflow: hidden; text-overflow: ellipsis; white-space: nowrap';
        grid.append(trunc);
        return { grid, trunc };
      };
      const first = wrap();
      const link = document.createElement('a');
      link.href = '#';
      link.textContent = 'Maximilian Alexander von Hohenberg-Schwarzenfeld';
      first.trunc.append(link);
      cell.append(first.grid);
      root.replaceChildren(table);
      const forms: string[] = [];
      const layer = badgeLayer({
        lookup: async (keys) => ({ key: keys[0], customer: { id: keys[0], tier: 'VIP', churnRisk: 0.2, keys, search: [] } }),
        render: (entityId, _score, form) => {
          forms.push(form);
          return createBadge(entityId, { tier: 'VIP', tierLabel: 'VIP', churnLevel: 'low', churnText: 'churn low (20%)', churnShort: 'churn 20%', matchedText: 'via CRM id', title: '', facts: [], action: '', actionLabel: '' }, { form });
        },
      });
      const sync = () => layer.sync([{ anchor: link, id: 'crmId:x', lookupKeys: () => ['crmId:x'] }]);
      sync();
      await new Promise((r) => setTimeout(r, 30));
      const seen = () => {
        const host = document.querySelector<HTMLElement>('[data-cvlens-badge]')!;
        const box = host.getBoundingClientRect();
        const c = cell.getBoundingClientRect();
        return {
          afterWrapper: host.previousElementSibling === link.parentElement,
          hit: document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === host,
          inCell: box.left >= c.left && box.right <= c.right,
          nameCut: link.parentElement!.scrollWidth > link.parentElement!.clientWidth,
          parts: [...window.cv.badgeRoot(host)!.querySelector('.badge')!.children].map((e) => e.textContent),
          count: document.querySelectorAll('[data-cvlens-badge]').length,
        };
      };
      const before = seen();
      // The CRM re-renders the cell's wrappers around the same link element.
      const second = wrap();
      second.trunc.append(link);
      cell.replaceChildren(second.grid);
      sync();
      await new Promise((r) => setTimeout(r, 30));
      const after = seen();
      layer.clear();
      return { before, after, forms };
    });
    for (const state of [out.before, out.after]) {
      expect(state).toEqual({ afterWrapper: true, hit: true, inCell: true, nameCut: true, parts: ['VIP', 'churn 20%'], count: 1 });
    }
    expect(out.forms).toEqual(['compact', 'compact']);
  });

  it('inserts the badges of lookups answered together in one write, through mutate', async () => {
    const out = await page.evaluate(async () => {
      const { badgeLayer, createBadge } = window.cv;
      let answer!: () => void;
      const answered = new Promise<void>((r) => (answer = r));
      const writes: number[] = [];
      const layer = badgeLayer({
        lookup: async (keys) => {
          await answered;
          return { key: keys[0], customer: { id: keys[0], tier: 'Major', churnRisk: 0.2, keys, search: [] } };
        },
        render: (entityId, score) =>
          createBadge(entityId, { tier: 'customer' in score ? score.customer.tier : score.company.tier, tierLabel: 'Major', churnLevel: 'low', churnText: '', churnShort: '', matchedText: '', title: '', facts: [], action: '', actionLabel: '' }),
        mutate: (write) => {
          const before = document.querySelectorAll('[data-cvlens-badge]').length;
          write();
          writes.push(document.querySelectorAll('[data-cvlens-badge]').length - before);
        },
      });
      layer.sync([...document.querySelectorAll<HTMLElement>('.name')].map((el) => ({ anchor: el, id: el.dataset.id!, lookupKeys: () => [`email:${el.dataset.email}`] })));
      answer();
      await new Promise((r) => setTimeout(r, 30));
      layer.clear();
      return writes;
    });
    // One write for the scan (nothing to show yet), one for all three badges, one for clear().
    expect(out).toEqual([0, 3, -3]);
  });

  describe('writes badges only near what is on screen', () => {
    /** A list of `n` rows of 40 px, in the page or in a scrolling box; each row's lookup matches. */
    const longList = (p: Page, n: number, inBox: boolean) =>
      p.evaluate(
        ({ n, inBox }) => {
          const root = document.getElementById('root')!;
          root.replaceChildren();
          const box = document.createElement('div');
          if (inBox) box.style.cssText = 'height: 400px; overflow: auto;';
          root.append(box);
          for (let i = 0; i < n; i++) {
            const row = document.createElement('p');
            row.style.cssText = 'height: 40px; margin: 0;';
            const name = document.createElement('span');
            name.className = 'row';
            name.dataset.email = `p${i}@x.com`;
            name.textContent = `Person ${i}`;
            row.append(name);
            box.append(row);
          }
          window.scrollTo(0, 0);
          window.lookups = [];
          const { badgeLayer, createBadge } = window.cv;
          window.layer = badgeLayer({
            lookup: async (keys) => (window.lookups.push(keys), { key: keys[0], customer: { id: keys[0], tier: 'Major', churnRisk: 0.2, keys, search: [] } }),
            render: (entityId, score) =>
              createBadge(entityId, { tier: 'customer' in score ? score.customer.tier : score.company.tier, tierLabel: 'Major', churnLevel: 'low', churnText: '', churnShort: '', matchedText: '', title: '', facts: [], action: '', actionLabel: '' }),
            nearMargin: { block: 200, inline: 0 },
          });
          window.layer.sync([...document.querySelectorAll<HTMLElement>('.row')].map((el) => ({ anchor: el, id: `email:${el.dataset.email}`, lookupKeys: () => [`email:${el.dataset.email}`] })));
        },
        { n, inBox },
      );
    const badged = (p: Page) => p.evaluate(() => [...document.querySelectorAll('[data-cvlens-badge]')].map((b) => Number(/p(\d+)@/.exec(b.getAttribute('data-cvlens-badge')!)![1])));

    it('badges the rows in view (and within the margin) first, every matched row counts as shown, the rest follow on scroll', async () => {
      await page.setViewportSize({ width: 800, height: 600 });
      await longList(page, 500, false);
      await settle(page);
      const first = await badged(page);
      // 600 px of view plus twice the 200 px margin below (the observer's
      // reach on the page's scroller, where scrollMargin adds to rootMargin)
      // at 40 px a row: 25 rows. Far fewer than 500.
      expect(first.length).toBeGreaterThanOrEqual(24);
      expect(first.length).toBeLessThanOrEqual(26);
      expect(first).toEqual([...first.keys()]);
      // Only the rows near the view were looked up; the popup's question looks up the rest.
      expect(await page.evaluate(() => window.lookups.length)).toBe(first.length);
      expect(await page.evaluate(async () => (await window.layer.shown()).length)).toBe(500);
      expect(await page.evaluate(() => window.lookups.length)).toBe(500);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await settle(page);
      const after = await badged(page);
      expect(after).toContain(499);
      expect(after).not.toContain(200);
      expect(new Set(after).size).toBe(after.length);
    });

    it('looks ahead into scrolling boxes too, not only the page viewport', async () => {
      await longList(page, 100, true);
      await settle(page);
      const first = await badged(page);
      // The box shows 10 rows; at first, rows within the observer's reach of
      // the viewport (600 px and twice the 200 px margin, as on the page's
      // scroller) count as near whether the box clips them or not: 25 rows.
      expect(first.length).toBeGreaterThanOrEqual(24);
      expect(first.length).toBeLessThanOrEqual(26);
      await page.evaluate(() => document.querySelector('#root > div')!.scrollTo(0, 2000));
      await settle(page);
      expect(await badged(page)).toContain(55);
    });

    it('badges everything at once with nearMargin null', async () => {
      const n = await page.evaluate(async () => {
        const { badgeLayer, createBadge } = window.cv;
        const rows = Array.from({ length: 300 }, (_, i) => {
          const el = document.createElement('p');
          el.style.height = '40px';
          el.textContent = `Person ${i}`;
          document.getElementById('root')!.append(el);
          return el;
        });
        const layer = badgeLayer({
          lookup: async (keys) => ({ key: keys[0], customer: { id: keys[0], tier: 'Major', churnRisk: 0.2, keys, search: [] } }),
          render: (entityId) => createBadge(entityId, { tier: 'Major', tierLabel: 'Major', churnLevel: 'low', churnText: '', churnShort: '', matchedText: '', title: '', facts: [], action: '', actionLabel: '' }),
          nearMargin: null,
        });
        layer.sync(rows.map((el, i) => ({ anchor: el, id: `e${i}`, lookupKeys: () => [`email:e${i}@x.com`] })));
        await new Promise((r) => setTimeout(r, 0));
        const count = document.querySelectorAll('[data-cvlens-badge]').length;
        layer.clear();
        return count;
      });
      expect(n).toBe(300);
    });
  });
});

describe('badgeLayer on generic pages and in narrow cells', () => {
  /** A layer whose every lookup matches, rendering badges in the form asked. */
  const layerScript = () => {
    const { badgeLayer, createBadge } = window.cv;
    return badgeLayer({
      lookup: async (keys) => ({ key: keys[0], customer: { id: keys[0], tier: 'VIP', churnRisk: 0.2, keys, search: [] } }),
      render: (entityId, _score, form) =>
        createBadge(entityId, { tier: 'VIP', tierLabel: 'VIP', churnLevel: 'low', churnText: 'churn low (20%)', churnShort: 'churn 20%', matchedText: 'via e-mail', title: '', facts: [], action: '', actionLabel: '' }, { form }),
      nearMargin: null,
    });
  };

  it('puts one badge right after each address of a paragraph, and keeps a cell’s badge inside the cell', async () => {
    const out = await page.evaluate(async (make) => {
      const root = document.getElementById('root')!;
      root.innerHTML = '<p id="p">Copy a@x.com, b@x.com and c@x.com today.</p><table><tr><td id="c1">d@x.com</td><td id="c2">next</td></tr></table>';
      const layer = (0, eval)(`(${make})`)() as ReturnType<PageModules['badgeLayer']>;
      const p = document.getElementById('p')!;
      const td = document.getElementById('c1')!;
      const entities = [
        ...['a@x.com', 'b@x.com', 'c@x.com'].map((address) => ({ anchor: p, id: `email:${address}`, address, lookupKeys: () => [`email:${address}`] })),
        { anchor: td, id: 'email:d@x.com', address: 'd@x.com', lookupKeys: () => ['email:d@x.com'] },
      ];
      layer.sync(entities);
      await new Promise((r) => setTimeout(r, 30));
      // Scanned again: still one badge each, in place.
      layer.sync(entities);
      await new Promise((r) => setTimeout(r, 30));
      const hosts = [...document.querySelectorAll('[data-cvlens-badge]')];
      const out = {
        text: p.textContent,
        // The text just before each badge ends with its address.
        before: hosts.map((h) => (h.previousSibling as Text | null)?.data.match(/\S+$/)?.[0]),
        parents: hosts.map((h) => (h.parentElement as HTMLElement).id),
        cells: document.querySelector('tr')!.children.length,
      };
      layer.clear();
      return { ...out, textAfterClear: p.textContent };
    }, layerScript.toString());
    expect(out.before).toEqual(['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com']);
    expect(out.parents).toEqual(['p', 'p', 'p', 'c1']);
    expect(out.cells).toBe(2);
    expect(out.text).toBe('Copy a@x.com, b@x.com and c@x.com today.');
    expect(out.textAfterClear).toBe(out.text);
  });

  it('turns a compact badge that would squeeze the name below 60 px into a tier mark, and leaves a roomy cell’s badge compact', async () => {
    const out = await page.evaluate(async (make) => {
      const root = document.getElementById('root')!;
      const cell = (width: number, id: string) =>
        `<table style="table-layout:fixed;width:${width}px"><tr><td style="padding:4px 8px"><span style="display:flex"><div style="overflow:hidden;text-overflow:ellipsis;white-space:nowrap"><a id="${id}" href="#">Maximiliane Alexandra von Hohenberg</a></div></span></td></tr></table>`;
      root.innerHTML = cell(150, 'narrow') + cell(320, 'wide');
      const layer = (0, eval)(`(${make})`)() as ReturnType<PageModules['badgeLayer']>;
      layer.sync(['narrow', 'wide'].map((id) => ({ anchor: document.getElementById(id)!, id, lookupKeys: () => [`crm:${id}`] })));
      await new Promise((r) => setTimeout(r, 30));
      const seen = ['narrow', 'wide'].map((id) => {
        const a = document.getElementById(id)!;
        const clip = a.parentElement!.getBoundingClientRect();
        const host = a.closest('td')!.querySelector('[data-cvlens-badge]')!;
        return { id, mark: host.hasAttribute('data-mark'), compact: host.hasAttribute('data-compact'), name: Math.round(clip.width) };
      });
      layer.clear();
      return seen;
    }, layerScript.toString());
    expect(out[0]).toMatchObject({ id: 'narrow', mark: true });
    expect(out[0].name).toBeGreaterThanOrEqual(60);
    expect(out[1]).toMatchObject({ id: 'wide', mark: false, compact: true });
    expect(out[1].name).toBeGreaterThanOrEqual(60);
  });
});

describe('badgeLayer in a grid cell that clips its line (Dynamics)', () => {
  it('puts a tier mark before a name too long for the cell, where the cell shows it, instead of a badge cut off after it', async () => {
    const out = await page.evaluate(async () => {
      const { badgeLayer, createBadge } = window.cv;
      const root = document.getElementById('root')!;
      root.innerHTML =
        '<div role="row"><div role="gridcell" style="width:150px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis"><div><a id="long" href="#"><span>Maximiliane Alexandra von Hohenberg</span></a></div></div>' +
        '<div role="gridcell" style="width:300px;overflow:hidden;white-space:nowrap"><div><a id="short" href="#"><span>Jane Doe</span></a></div></div></div>';
      const layer = badgeLayer({
        lookup: async (keys) => ({ key: keys[0], customer: { id: keys[0], tier: 'VIP', churnRisk: 0.2, keys, search: [] } }),
        render: (entityId, _score, form) =>
          createBadge(entityId, { tier: 'VIP', tierLabel: 'VIP', churnLevel: 'low', churnText: 'churn low (20%)', churnShort: 'churn 20%', matchedText: 'via CRM id', title: '', facts: [], action: '', actionLabel: '' }, { form }),
        nearMargin: null,
      });
      layer.sync(['long', 'short'].map((id) => ({ anchor: document.getElementById(id)!, id, lookupKeys: () => [`crm:${id}`] })));
      await new Promise((r) => setTimeout(r, 30));
      const seen = ['long', 'short'].map((id) => {
        const a = document.getElementById(id)!;
        const cell = a.closest('[role=gridcell]')!.getBoundingClientRect();
        const host = a.closest('[role=gridcell]')!.querySelector('[data-cvlens-badge]')!;
        const box = host.getBoundingClientRect();
        return { id, mark: host.hasAttribute('data-mark'), beforeName: host.nextElementSibling === a, inCell: box.left >= cell.left && box.right <= cell.right, hit: document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === host };
      });
      layer.clear();
      return seen;
    });
    expect(out).toEqual([
      { id: 'long', mark: true, beforeName: true, inCell: true, hit: true },
      { id: 'short', mark: false, beforeName: false, inCell: true, hit: true },
    ]);
  });
});
