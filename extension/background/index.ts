/**
 * The background (service worker in Chromium, event page in Firefox). It owns
 * no state of its own: customers live in IndexedDB, permissions in the browser.
 * It answers lookups, is the one owner of the content-script registrations
 * (kept equal to the granted CRM origins, one reconciliation at a time), tells
 * open tabs when their site's access changed — injecting the content script
 * into tabs of a newly enabled CRM, stopping it in tabs whose access was
 * withdrawn — and makes no network request.
 */
import browser from 'webextension-polyfill';
import { adapters } from '../shared/crm-adapters.ts';
import { asBackgroundRequest } from '../shared/protocol.ts';
import { CustomerStore } from '../store/customer-store.ts';
import { CompanyStore } from '../store/company-store.ts';
import { lookupBudget } from './lookup-budget.ts';
import { handleRequest, type HandlerDeps } from './handle-request.ts';
import { oneAtATime, plannedScripts, syncContentScripts, urlMatches, type PlannedScript } from './content-scripts.ts';

let storePromise: Promise<CustomerStore> | undefined;
function store(): Promise<CustomerStore> {
  storePromise ??= CustomerStore.open();
  return storePromise;
}

let companiesPromise: Promise<CompanyStore> | undefined;
function companies(): Promise<CompanyStore> {
  companiesPromise ??= CompanyStore.open();
  return companiesPromise;
}

/**
 * A page past its lookup budget (an enumeration, not a list view) is shown on
 * the toolbar icon of its tab, with the reason in the icon's tooltip.
 */
const budget = lookupBudget({
  onExceeded: (page) => {
    const tabId = Number(page.split(' ')[0]);
    if (!Number.isInteger(tabId) || tabId < 0) return;
    void browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' }).catch(() => {});
    void browser.action.setBadgeText({ tabId, text: '!' }).catch(() => {});
    void browser.action.setTitle({ tabId, title: browser.i18n.getMessage('lookupLimited') }).catch(() => {});
  },
});

/** Prefix of the storage.session keys the popup sets for a tab it showed badges on once (activeTab). */
const ONCE_KEY = 'once:';

/**
 * Makes the registrations equal to the granted origins, then brings the open
 * tabs along: every tab is told access changed (its content script re-asks
 * what is enabled and stops when nothing is), and a tab of a planned CRM
 * without our script gets it injected, so granting a CRM badges the tabs
 * already open without a reload.
 */
async function reconcile(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  const planned = plannedScripts(adapters, origins);
  const ids = await syncContentScripts(browser.scripting as never, planned);
  await reachOpenTabs(planned);
  return ids;
}

const sync = oneAtATime(reconcile);

async function reachOpenTabs(planned: readonly PlannedScript[]): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined) return;
      const told = await browser.tabs.sendMessage(tab.id, { type: 'access-changed' }).then(
        () => true,
        () => false,
      );
      // Tab URLs are visible only for granted hosts: a tab we may not read has none and is left alone.
      if (told || !tab.url || !planned.some((p) => urlMatches(tab.url!, p.matches))) return;
      await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['content.js'] }).catch(() => undefined);
    }),
  );
}

/** Whether the page a content script messages from may still be read: its origin granted, or shown once from the popup. */
async function siteGranted(sender: browser.Runtime.MessageSender): Promise<boolean> {
  if (!sender.url) return false;
  let origin: string;
  try {
    origin = new URL(sender.url).origin;
  } catch {
    return false;
  }
  if (sender.tab?.id !== undefined) {
    const key = `${ONCE_KEY}${sender.tab.id}`;
    const once = (await browser.storage.session.get(key))[key];
    if (once === origin) return true;
  }
  return browser.permissions.contains({ origins: [`${origin}/*`] });
}

const deps: HandlerDeps = {
  lookupMany: async (entities) => (await store()).lookupMany(entities),
  lookupCompanies: async (entities) => (await companies()).lookupMany(entities),
  budget,
  search: async (query, limit) => (await store()).search(query, limit),
  count: async () => (await store()).count(),
  meta: async () => (await store()).meta(),
  syncContentScripts: sync,
  registered: async () => (await browser.scripting.getRegisteredContentScripts()).map((s) => s.id).sort(),
  dataChanged: () => {
    // The options page replaced or deleted the data through its own connection;
    // reopening makes sure no stale connection blocks a later upgrade.
    void storePromise?.then((s) => s.close());
    storePromise = undefined;
    void companiesPromise?.then((s) => s.close());
    companiesPromise = undefined;
    // Open CRM tabs drop their cached scores and look up again. Tabs without
    // our content script just reject the message.
    void browser.tabs.query({}).then((tabs) => {
      for (const tab of tabs) if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, { type: 'data-changed' }).catch(() => {});
    });
  },
};

const ownOrigin = new URL(browser.runtime.getURL('/')).origin;

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  const request = asBackgroundRequest(message);
  if (!request) return undefined;
  // A content script asks this first, then looks its page's customers up:
  // opening the database now overlaps with its scan of the page.
  if (request.type === 'enabled-adapters') void store().catch(() => {});
  // Our pages opened in a tab also carry `sender.tab`; the URL's origin tells them apart.
  const fromExtensionPage = typeof sender.url === 'string' && new URL(sender.url).origin === ownOrigin;
  // A page is its tab, frame and origin: reloading it keeps its lookup budget.
  const page = `${sender.tab?.id ?? -1} ${sender.frameId ?? 0} ${typeof sender.url === 'string' ? new URL(sender.url).origin : ''}`;
  if (fromExtensionPage) return handleRequest(request, 'extension', deps);
  return siteGranted(sender).then((granted) => handleRequest(request, 'content', deps, { siteGranted: granted, page }));
});

browser.permissions.onAdded.addListener(() => void sync());
browser.permissions.onRemoved.addListener(() => void sync());
browser.runtime.onInstalled.addListener(() => void sync());
browser.runtime.onStartup.addListener(() => void sync());
browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(`${ONCE_KEY}${tabId}`));
