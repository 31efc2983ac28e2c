import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { churnLevel, tierColors } from '../../core/index.ts';
import type { PageCustomersReply, SearchReply, StatusReply } from '../shared/protocol.ts';
import { langOf, t } from '../shared/i18n.ts';
import { domainLabels } from '../shared/domain-labels.ts';
import type { StoredCustomer } from '../store/stored-customer.ts';
import { adapterFor } from '../shared/crm-adapters.ts';
import { knownChurnRisk } from '../store/known-churn-risk.ts';

/**
 * The toolbar popup: the customers matched on the current tab (asked from
 * its content script), and a prefix search over the imported customers
 * (answered by the background, at most 20 rows).
 */
export function App() {
  const labels = domainLabels(langOf(browser.i18n.getUILanguage()));
  const [onPage, setOnPage] = useState<StoredCustomer[] | null>(null);
  const [stored, setStored] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<StoredCustomer[]>([]);
  // A CRM tab without our content script (its CRM not enabled): activeTab lets
  // the user show badges on this one tab without granting the whole CRM.
  const [injectable, setInjectable] = useState<number | null>(null);

  useEffect(() => {
    void (async () => {
      const status = (await browser.runtime.sendMessage({ type: 'status' })) as StatusReply;
      setStored(status.customers);
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return setOnPage([]);
      try {
        const reply = (await browser.tabs.sendMessage(tab.id, { type: 'page-customers' })) as PageCustomersReply;
        setOnPage(reply.customers.map((s) => s.customer));
      } catch {
        // No content script on this tab (not an enabled CRM).
        setOnPage([]);
        const crm = tab.url ? adapterFor(new URL(tab.url)) : undefined;
        if (crm && crm.id !== 'generic') setInjectable(tab.id);
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
  const row = (c: StoredCustomer) => (
    <li key={c.id} data-customer={c.id}>
      <span class="tier" style={{ background: tierColors[c.tier].strong }}>{labels.tier(c.tier)}</span>
      <strong>{c.name || c.company || c.email || c.id}</strong>{' '}
      <span class="muted">{[c.email, c.company].filter(Boolean).join(' · ')}</span>{' '}
      {churn(c)}
    </li>
  );

  return (
    <main>
      <h2>{t('popupOnPage')}</h2>
      {onPage && onPage.length === 0 && <p class="muted" id="no-match">{t('popupNoMatch')}</p>}
      <ul id="on-page">{onPage?.map(row)}</ul>
      {injectable !== null && (
        <button type="button" id="show-once" onClick={() => void showOnce(injectable)}>{t('popupShowOnce')}</button>
      )}
      {stored === 0 ? (
        <p id="no-data">{t('popupNoData')}</p>
      ) : (
        <>
          <input type="search" id="search" placeholder={t('popupSearch')} aria-label={t('popupSearch')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          <ul id="results">{results.map(row)}</ul>
        </>
      )}
      <p class="privacy">{t('privacy')}</p>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>{t('popupOpenOptions')}</button>
    </main>
  );
}

/** Injects the content script into one tab through activeTab, marked so it runs although the CRM is not enabled. */
async function showOnce(tabId: number): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId },
    func: () => {
      (globalThis as unknown as Record<symbol, boolean>)[Symbol.for('cvlens.once')] = true;
    },
  });
  await browser.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
  window.close();
}
