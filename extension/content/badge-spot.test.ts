// DOM test in real Chromium (see test/e2e/ext/run-in-page.ts): the spot
// depends on computed styles, which only a browser computes.
import { describe, expect, it } from 'vitest';
import { useTestPage } from '../../test/e2e/ext/run-in-page.ts';
import type { PageModules } from '../../test/e2e/ext/page-entry.ts';

declare global {
  interface Window {
    cv: PageModules;
  }
}

const page = useTestPage();

/** Puts `html` on the page and returns the badge spot of its `#a`, as ids: which element it goes after, and whether compact. */
async function spotIn(html: string): Promise<{ after: string; compact: boolean }> {
  return page.evaluate((markup) => {
    const root = document.getElementById('root')!;
    // Test markup of our own, not page or CSV data.
    root.innerHTML = markup;
    const spot = window.cv.badgeSpot(document.getElementById('a')!);
    return { after: spot.after.id, compact: spot.compact };
  }, html);
}

const TRUNCATE = 'overflow: hidden; text-overflow: ellipsis; white-space: nowrap';

describe('badgeSpot', () => {
  it('goes right after an anchor that nothing clips', async () => {
    expect(await spotIn('<h1 id="h"><span id="a">Acme</span></h1>')).toEqual({ after: 'a', compact: false });
  });

  it('goes after the truncating wrapper of a Lightning list cell, and is compact there', async () => {
    const cell = `<table><tr><th id="cell" style="width:200px"><span id="grid" style="display:flex"><div id="trunc" style="${TRUNCATE}"><lightning-primitive-formatted-url id="url"><a id="a" href="#">Jane Doe</a></lightning-primitive-formatted-url></div></span></th></tr></table>`;
    expect(await spotIn(cell)).toEqual({ after: 'trunc', compact: true });
  });

  it('goes after an anchor that truncates itself', async () => {
    expect(await spotIn(`<table><tr><td><a id="a" href="#" style="display:block; ${TRUNCATE}">Jane</a></td></tr></table>`)).toEqual({ after: 'a', compact: true });
  });

  it('takes the outermost of nested clipping wrappers, but never leaves the cell', async () => {
    const html = `<div role="row"><div role="gridcell" id="cell" style="${TRUNCATE}"><div id="outer" style="${TRUNCATE}"><span id="inner" style="display:inline-block; ${TRUNCATE}"><a id="a">Jane</a></span></div></div></div>`;
    expect(await spotIn(html)).toEqual({ after: 'outer', compact: true });
  });

  it('ignores wrappers that hide overflow but let text wrap (a card with rounded corners)', async () => {
    expect(await spotIn('<div id="card" style="overflow:hidden; border-radius:8px"><h2 id="t"><span id="a">Acme</span></h2></div>')).toEqual({ after: 'a', compact: false });
  });

  it('counts a line clamp as clipping', async () => {
    const html = '<h1 id="t" style="display:-webkit-box; -webkit-box-orient:vertical; -webkit-line-clamp:1; overflow:hidden"><span id="a">Acme</span></h1>';
    expect(await spotIn(html)).toEqual({ after: 't', compact: false });
  });

  it('in native shadow DOM, climbs out of the link component\'s shadow root to the clipping wrapper, and is compact in the cell', async () => {
    const out = await page.evaluate((truncate) => {
      const root = document.getElementById('root')!;
      root.innerHTML = `<table><tr><th id="cell" style="width:200px"><div id="trunc" style="${truncate}"><lightning-primitive-formatted-url id="url"></lightning-primitive-formatted-url></div></th></tr></table>`;
      const a = document.createElement('a');
      a.id = 'a';
      a.textContent = 'Jane Doe';
      document.getElementById('url')!.attachShadow({ mode: 'open' }).append(a);
      const spot = window.cv.badgeSpot(a);
      return { after: spot.after.id, compact: spot.compact };
    }, TRUNCATE);
    expect(out).toEqual({ after: 'trunc', compact: true });
  });

  it('never goes beside a cell: an anchor that is the cell itself takes the badge inside, at its end', async () => {
    const out = await page.evaluate(() => {
      const root = document.getElementById('root')!;
      root.innerHTML = '<table><tr><td id="a">jane@acme.com</td><td>next</td></tr></table>';
      const spot = window.cv.badgeSpot(document.getElementById('a')!);
      return { after: spot.after.id, inside: spot.inside === true, compact: spot.compact };
    });
    expect(out).toEqual({ after: 'a', inside: true, compact: true });
  });
});
