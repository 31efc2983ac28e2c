// DOM test in real Chromium (see test/e2e/ext/run-in-page.ts).
import { describe, expect, it } from 'vitest';
import { useTestPage } from '../../test/e2e/ext/run-in-page.ts';
import type { PageModules } from '../../test/e2e/ext/page-entry.ts';
import { tierColors } from '../../core/index.ts';
import type { BadgeView } from './badge.ts';

declare global {
  interface Window {
    cv: PageModules;
    pwned?: boolean;
  }
}

const view: BadgeView = {
  tier: 'VIP',
  tierLabel: 'VIP',
  churnLevel: 'high',
  churnText: 'churn high (82%)',
  churnShort: 'churn 82%',
  matchedText: 'via e-mail',
  title: 'Jane Doe',
  facts: [['CLV', '1,200'], ['Stage', 'Stability']],
  action: 'Top priority: protect from competitors.',
  actionLabel: 'Suggested action',
};

const page = useTestPage();

describe('createBadge', () => {
  it('shows tier, churn and what matched, in a closed shadow root, coloured by tier', async () => {
    const out = await page.evaluate((v) => {
      const host = window.cv.createBadge('e1', v);
      document.body.append(host);
      const root = window.cv.badgeRoot(host)!;
      const button = root.querySelector('.badge') as HTMLElement;
      return {
        closed: host.shadowRoot === null,
        attr: host.getAttribute(window.cv.BADGE_ATTR),
        parts: [...button.children].map((c) => c.textContent),
        background: getComputedStyle(button).backgroundColor,
        cardHidden: (root.querySelector('.card') as HTMLElement).hidden,
      };
    }, view);
    expect(out.closed).toBe(true);
    expect(out.attr).toBe('e1');
    expect(out.parts).toEqual(['VIP', 'churn high (82%)', 'via e-mail']);
    const hex = tierColors.VIP.strong;
    const rgb = `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
    expect(out.background).toBe(rgb);
    expect(out.cardHidden).toBe(true);
  });

  it('compact: tier and churn risk as a number, with what matched on its card and in its accessible name', async () => {
    const out = await page.evaluate((v) => {
      const host = window.cv.createBadge('e5', v, { compact: true });
      const wide = window.cv.createBadge('e6', v);
      document.body.append(host, wide);
      const button = window.cv.badgeRoot(host)!.querySelector('.badge') as HTMLButtonElement;
      button.click();
      return {
        parts: [...button.children].map((c) => c.textContent),
        label: button.getAttribute('aria-label'),
        card: window.cv.badgeRoot(host)!.querySelector('.card')!.textContent,
        narrower: host.getBoundingClientRect().width < wide.getBoundingClientRect().width,
      };
    }, view);
    expect(out.parts).toEqual(['VIP', 'churn 82%']);
    expect(out.label).toBe('VIP · churn high (82%) · via e-mail');
    expect(out.card).toContain('via e-mail');
    expect(out.narrower).toBe(true);
  });

  it('shows the card with facts and the action on click, hides it on Escape', async () => {
    const out = await page.evaluate(async (v) => {
      const host = window.cv.createBadge('e2', v);
      document.body.append(host);
      const root = window.cv.badgeRoot(host)!;
      const button = root.querySelector('.badge') as HTMLButtonElement;
      const card = root.querySelector('.card') as HTMLElement;
      let navigated = false;
      const link = document.createElement('a');
      link.href = '#elsewhere';
      link.addEventListener('click', () => (navigated = true));
      link.append(host);
      document.body.append(link);
      const before = card.textContent;
      button.click();
      const shown = !card.hidden;
      const text = card.textContent;
      // In the top layer: a popover, placed in the viewport just below the badge.
      const inTopLayer = card.matches(':popover-open');
      const below = card.getBoundingClientRect().top - button.getBoundingClientRect().bottom;
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
      return { before, shown, text, inTopLayer, below, hiddenAfter: card.hidden, closedPopover: !card.matches(':popover-open'), navigated };
    }, view);
    expect(out.before).toBe(''); // no facts in the DOM before the card opens
    expect(out.inTopLayer).toBe(true);
    expect(out.below).toBeGreaterThanOrEqual(0);
    expect(out.below).toBeLessThanOrEqual(8);
    expect(out.closedPopover).toBe(true);
    expect(out.shown).toBe(true);
    expect(out.text).toContain('Jane Doe');
    expect(out.text).toContain('CLV1,200');
    expect(out.text).toContain('Suggested action: Top priority');
    expect(out.hiddenAfter).toBe(true);
    expect(out.navigated).toBe(false); // the click stays with the badge, not the CRM link around it
  });

  it('flips the card above and leftwards when the badge is at the viewport’s bottom-right corner', async () => {
    const out = await page.evaluate(async (v) => {
      const host = window.cv.createBadge('e7', v);
      host.style.cssText = 'position: fixed; right: 2px; bottom: 2px;';
      document.body.append(host);
      const root = window.cv.badgeRoot(host)!;
      (root.querySelector('.badge') as HTMLElement).click();
      const c = (root.querySelector('.card') as HTMLElement).getBoundingClientRect();
      const b = host.getBoundingClientRect();
      const inside = c.left >= 0 && c.top >= 0 && c.right <= document.documentElement.clientWidth && c.bottom <= document.documentElement.clientHeight;
      host.remove();
      return { inside, above: c.bottom <= b.top };
    }, view);
    expect(out).toEqual({ inside: true, above: true });
  });

  it('renders markup and script in names and cells as text', async () => {
    const hostile: BadgeView = {
      ...view,
      title: '<img src=x onerror="window.pwned=true">Evil & Co',
      facts: [['<b>CLV</b>', '<script>window.pwned=true</script>']],
      action: '"><svg onload="window.pwned=true">',
    };
    const out = await page.evaluate(async (v) => {
      const host = window.cv.createBadge('e3', v);
      document.body.append(host);
      (window.cv.badgeRoot(host)!.querySelector('.badge') as HTMLElement).click();
      await new Promise((r) => setTimeout(r, 50));
      const root = window.cv.badgeRoot(host)!;
      return {
        elements: [...root.querySelectorAll('img, script, svg, b')].length,
        title: root.querySelector('.title')!.textContent,
        dd: root.querySelector('dd')!.textContent,
        pwned: window.pwned === true,
      };
    }, hostile);
    expect(out.elements).toBe(0);
    expect(out.title).toBe(hostile.title);
    expect(out.dd).toBe('<script>window.pwned=true</script>');
    expect(out.pwned).toBe(false);
  });

  it('shows an unknown churn risk as text with no level colour and no number', async () => {
    const unknown: BadgeView = { ...view, tier: 'Ordinary', tierLabel: 'Ordinary', churnLevel: 'unknown', churnText: 'churn unknown', facts: [['Value', '1,200,000'], ['Churn risk', 'unknown']] };
    const out = await page.evaluate(async ([u, known]) => {
      const read = (v: typeof u) => {
        const host = window.cv.createBadge('e4', v);
        document.body.append(host);
        const root = window.cv.badgeRoot(host)!;
        const churn = root.querySelector('.churn') as HTMLElement;
        (root.querySelector('.badge') as HTMLElement).click();
        return {
          parts: [...root.querySelector('.badge')!.children].map((c) => c.textContent),
          churnClass: churn.className,
          churnBackground: getComputedStyle(churn).backgroundColor,
          label: root.querySelector('.badge')!.getAttribute('aria-label'),
          card: [...root.querySelectorAll('dt, dd')].map((c) => c.textContent),
        };
      };
      return { unknown: read(u), high: read(known) };
    }, [unknown, view] as const);
    expect(out.unknown.parts).toEqual(['Ordinary', 'churn unknown', 'via e-mail']);
    expect(out.unknown.churnClass).toBe('churn churn-unknown');
    // No level colour: transparent, where a high churn risk is red (#b3261e).
    expect(out.unknown.churnBackground).toBe('rgba(0, 0, 0, 0)');
    expect(out.high.churnBackground).toBe('rgb(179, 38, 30)');
    expect(out.unknown.label).toBe('Ordinary · churn unknown · via e-mail');
    expect(out.unknown.card).toEqual(['Value', '1,200,000', 'Churn risk', 'unknown']);
  });
});

describe('createBadge for a company and as a mark', () => {
  const company: BadgeView = {
    ...view,
    tier: 'Major',
    tierLabel: 'Major',
    subject: 'company',
    subjectText: 'Company · 12 customers',
    subjectShort: 'Company',
    matchedText: 'via domain',
    title: 'Acme, Inc.',
    note: 'No imported customer is this person: what is shown is their company’s.',
  };

  it('says it stands for a company on the badge, in its accessible name and on its card', async () => {
    const out = await page.evaluate((v) => {
      const full = window.cv.createBadge('c1', v);
      const compact = window.cv.createBadge('c2', v, { form: 'compact' });
      document.body.append(full, compact);
      const parts = (h: Element) => [...window.cv.badgeRoot(h)!.querySelector('.badge')!.children].map((c) => c.textContent);
      const button = window.cv.badgeRoot(full)!.querySelector('.badge') as HTMLButtonElement;
      button.click();
      const card = window.cv.badgeRoot(full)!.querySelector('.card')!.textContent;
      button.click();
      const out = { full: parts(full), compact: parts(compact), label: button.getAttribute('aria-label'), card };
      full.remove();
      compact.remove();
      return out;
    }, company);
    expect(out.full).toEqual(['Major', 'Company · 12 customers', 'churn high (82%)']);
    expect(out.compact).toEqual(['Major', 'Company', 'churn 82%']);
    expect(out.label).toBe('Company · 12 customers · Major · churn high (82%) · via domain');
    expect(out.card).toContain('Company · 12 customers · via domain');
    expect(out.card).toContain('No imported customer is this person');
  });

  it('mark: a 16 px tier mark whatever the tier’s name, with the whole story in its accessible name', async () => {
    const out = await page.evaluate((v) => {
      return (['VIP', 'Major', 'Ordinary', 'Small', '普通客户'] as const).map((label) => {
        const host = window.cv.createBadge('m', { ...v, tierLabel: label }, { form: 'mark' });
        document.body.append(host);
        const button = window.cv.badgeRoot(host)!.querySelector('.badge') as HTMLElement;
        const r = button.getBoundingClientRect();
        const seen = { text: button.textContent, w: r.width, h: r.height, label: button.getAttribute('aria-label') };
        host.remove();
        return seen;
      });
    }, view);
    expect(out.map((m) => m.text)).toEqual(['V', 'M', 'O', 'S', '普']);
    for (const m of out) expect([m.w, m.h]).toEqual([16, 16]);
    expect(out[0].label).toBe('VIP · churn high (82%) · via e-mail');
  });
});
