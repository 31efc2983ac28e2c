/**
 * The background (service worker in Chromium, event page in Firefox). It owns
 * no state of its own: customers live in IndexedDB, permissions in the browser.
 * It answers lookups, keeps content-script registrations equal to the granted
 * CRM origins, and makes no network request.
 */
import browser from 'webextension-polyfill';
import { adapters } from '../shared/crm-adapters.ts';
import { asBackgroundRequest } from '../shared/protocol.ts';
import { CustomerStore } from '../store/customer-store.ts';
import { handleRequest, type HandlerDeps } from './handle-request.ts';
import { plannedScripts, syncContentScripts } from './content-scripts.ts';

let storePromise: Promise<CustomerStore> | undefined;
function store(): Promise<CustomerStore> {
  storePromise ??= CustomerStore.open();
  return storePromise;
}

async function sync(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  return syncContentScripts(browser.scripting as never, plannedScripts(adapters, origins));
}

const deps: HandlerDeps = {
  lookupMany: async (entities) => (await store()).lookupMany(entities),
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
  return handleRequest(request, fromExtensionPage ? 'extension' : 'content', deps);
});

browser.permissions.onAdded.addListener(() => void sync());
browser.permissions.onRemoved.addListener(() => void sync());
browser.runtime.onInstalled.addListener(() => void sync());
browser.runtime.onStartup.addListener(() => void sync());
