import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { churnLevel, tierColors, type Tier } from '../../core/index.ts';
import type { PageCustomersReply, SearchReply, StatusReply } from '../shared/protocol.ts';
import { langOf, t } from '../shared/i18n.ts';
import { domainLabels } from '../shared/domain-labels.ts';
import type { StoredCustomer } from '../store/stored-customer.ts';
import { adapterFor } from '../shared/crm-adapters.ts';
import { knownChurnRisk } from '../store/known-churn-risk.ts';
import { pageSummary } from './page-summary.ts';

/**
 * The toolbar popup. Search comes first (focused on open; answered by the
 * background, highest value first); below it the customers matched on the
 * current tab (asked from its content script), highest value first, with how
 * many there are of each tier.
 */
export function App() {
  const lang = langOf(browser.i18n.getUILanguage());
  const labels = domainLabels(lang);
  const [onPage, setOnPage] = useState<StoredCustomer[] | null>(null);
  const [stored, setStored] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<StoredCustomer[]>([]);
  // A CRM tab without our content script (its CRM not enabled): activeTab lets
  // the user show badges on this one tab without granting the whole CRM.
  const [injectable, setInjectable] = useState<{ tabId: number; origin: string } | null>(null);
  const money = new Intl.NumberFormat(browser.i18n.getUILanguage() || undefined, { maximumFractionDigits: 0 });

  useEffect(() => {
    void (async () => {
      const status = (await browser.runtime.sendMessage({ type: 'status' })) as StatusReply;
      setStored(status.customers);
      const tab = await shownTab();
      if (tab?.id === undefined) return setOnPage([]);
      try {
        const reply = (await browser.tabs.sendMessage(tab.id, { type: 'page-customers' })) as PageCustomersReply;
        setOnPage(reply.customers.map((s) => s.customer));
      } catch {
        // No content script on this tab (not an enabled CRM).
        setOnPage([]);
        const url = tab.url ? new URL(tab.url) : undefined;
        const crm = url ? adapterFor(url) : undefined;
        if (url && crm && crm.id !== 'generic') setInjectable({ tabId: tab.id, origin: url.origin });
      }
    })();
  }, []);

  useEffect(() => {
    let current = true;
    const q = query.trim();
    if (!q) return setResults([]);
    void (browser.runtime.sendMessage({ type: 'search', query: q }) as Promise<SearchReply>).then((r) => current && setResults(r.customers));
    return () => {
      current = false;
    };
  }, [query]);

  // A value-list customer has no churn risk: say so, never a level or a number.
  const churn = (c: StoredCustomer) => {
    const risk = knownChurnRisk(c);
    return risk === undefined
      ? <span class="churn" data-churn="unknown">{t('badgeChurnUnknown')}</span>
      : <span class="churn" data-churn={churnLevel(risk)}>{labels.churn(churnLevel(risk))} {Math.round(risk * 100)}%</span>;
  };
  const tierChip = (tier: Tier, text: string) => <span class="tier" data-tier={tier} style={{ background: tierColors[tier].strong }}>{text}</span>;
  const row = (c: StoredCustomer) => (
    <li key={c.id} data-customer={c.id}>
      {tierChip(c.tier, labels.tier(c.tier))}
      <strong>{c.name || c.company || c.email || c.id}</strong>{' '}
      {c.value !== undefined && <span class="value" data-value={c.value}>{money.format(c.value)}</span>}
      <br />
      <span class="muted">{[c.email, c.company].filter(Boolean).join(' · ')}</span>{' '}
      {churn(c)}
    </li>
  );
  const page = pageSummary(onPage ?? []);

  return (
    <main>
      {stored === 0 ? (
        <p id="no-data">{t('popupNoData')}</p>
      ) : (
        <>
          <input type="search" id="search" autoFocus placeholder={t('popupSearch')} aria-label={t('popupSearch')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          <ul id="results" aria-label={t('popupResults')}>{results.map(row)}</ul>
        </>
      )}
      <h2>{t('popupOnPage')}</h2>
      {onPage && onPage.length === 0 && <p class="muted" id="no-match">{t('popupNoMatch')}</p>}
      {page.counts.length > 0 && (
        <p class="tier-counts" id="tier-counts" aria-label={t('popupTierCounts')}>
          {page.counts.map(({ tier, count }) => tierChip(tier, `${labels.tier(tier)} ${count}`))}
        </p>
      )}
      <ul id="on-page">{page.customers.map(row)}</ul>
      {injectable !== null && (
        <button type="button" id="show-once" onClick={() => void showOnce(injectable.tabId, injectable.origin)}>{t('popupShowOnce')}</button>
      )}
      <p class="privacy">{t('privacy')}</p>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>{t('popupOpenOptions')}</button>
    </main>
  );
}

/**
 * The tab the popup is about: the active tab of its window, or the tab named
 * by `?tab=<id>` when the popup page is opened outside the toolbar (the
 * end-to-end tests and screenshots open it so: headless Chromium gives the
 * toolbar's popup no page a test can drive).
 */
async function shownTab(): Promise<browser.Tabs.Tab | undefined> {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return browser.tabs.get(named).catch(() => undefined);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/**
 * Injects the content script into one tab through activeTab, marked so it
 * runs although the CRM is not enabled; the background is told through
 * storage.session that this tab's page may be looked up.
 */
async function showOnce(tabId: number, origin: string): Promise<void> {
  await browser.storage.session.set({ [`once:${tabId}`]: origin });
  await browser.scripting.executeScript({
    target: { tabId },
    func: () => {
      (globalThis as unknown as Record<symbol, boolean>)[Symbol.for('cvlens.once')] = true;
    },
  });
  await browser.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
  window.close();
}
