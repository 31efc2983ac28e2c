/**
 * Content script, registered at run time for the CRM origins the user
 * granted. It finds customers on the page through the site's adapter, asks
 * the background for each one's score (one batch per scan, answered
 * together) and keeps one badge next to each, inserted in one batch of DOM
 * writes so the page lays out once. Everything it starts hangs off one
 * AbortSignal per CRM session, aborted when the page navigates away.
 */
import browser from 'webextension-polyfill';
import { adapterFor } from '../shared/crm-adapters.ts';
import type { ContentRequest, EnabledReply, LookupReply, PageCustomersReply } from '../shared/protocol.ts';
import { viewLabels } from '../shared/view-labels.ts';
import { badgeRoot, createBadge } from './badge.ts';
import { pageScoreView } from './badge-view.ts';
import { badgeLayer, type PageEntity } from './badge-layer.ts';
import { lookupKeysCache } from './lookup-keys-cache.ts';
import { frameThrottle } from './frame-throttle.ts';
import { lookupBatcher } from './lookup-batcher.ts';

// The badges' shadow roots are closed to pages; the extension's e2e tests
// read them through this, evaluated in the content script's own world (an
// isolated world in Chromium, a sandbox in Firefox), which pages cannot see.
(globalThis as { cvlensBadgeRoot?: typeof badgeRoot }).cvlensBadgeRoot = badgeRoot;
import { watchLocation } from './watch-location.ts';

type Session = { adapterId: string; controller: AbortController; rescan: () => void; shown: () => Promise<PageCustomersReply['customers']> };

const MARK = Symbol.for('cvlens.content');
/** What a page change is, for the observer of the document and of each shadow root read. */
const OBSERVED: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['href', 'data-id', 'data-record-id'],
};
/** Set by the popup before injecting this script through activeTab ("show badges on this tab"). */
const ONCE = Symbol.for('cvlens.once');
const scope = globalThis as unknown as Record<symbol, boolean>;

if (!scope[MARK]) {
  // A second injection (registered script plus activeTab) must not double the badges.
  scope[MARK] = true;
  main();
}

function main(): void {
  // The generic adapter claims every web page; it may only run where the
  // user enabled it, not on a CRM page its own adapter does not recognise.
  // A CRM's own adapter starts at once, while the background is asked
  // (the script runs only on origins the user granted, so its scan and
  // lookups reveal nothing new), and stops if the CRM turns out disabled:
  // the round trip no longer delays the first badges.
  let enabled: ReadonlySet<string> | undefined;
  const asked = (browser.runtime.sendMessage({ type: 'enabled-adapters' }) as Promise<EnabledReply>).then(
    (reply) => new Set(reply.adapters),
    () => new Set<string>(),
  );
  const labels = viewLabels(browser.i18n.getUILanguage());
  let session: Session | undefined;

  const start = (adapter: NonNullable<ReturnType<typeof adapterFor>>): Session => {
    const controller = new AbortController();
    const { signal } = controller;
    // Lookups asked during one scan go out together, as soon as the scan ends.
    const lookup = lookupBatcher(
      (entities) => {
        const reply = browser.runtime.sendMessage({ type: 'lookup', entities }) as Promise<LookupReply>;
        // Nothing is shown before the background has said this adapter is enabled: on a
        // loaded machine a lookup's reply can beat that answer, and its badges flashed on
        // a CRM the user had not enabled. A reply waits for the answer; one for a session
        // the answer stopped shows nothing.
        return Promise.all([reply, asked]).then(([r]): LookupReply => (signal.aborted ? { results: {} } : r));
      },
      (cb) => queueMicrotask(cb),
    );
    const keysOf = lookupKeysCache();
    let observer: MutationObserver | undefined;
    // The layer's own writes (badges in and out) are not page changes: the
    // records they queue are dropped, so inserting 1,000 badges does not cost
    // another scan of 1,000 rows. Page changes queued before them still count.
    const mutate = (write: () => void) => {
      if (observer?.takeRecords().length) rescan();
      write();
      observer?.takeRecords();
    };
    const layer = badgeLayer({ lookup, render: (id, score, form, entity) => createBadge(id, pageScoreView(score, labels, entity), { form }), mutate });
    /** Shadow roots observed already; a root dropped from the page is collected with its records. */
    const watched = new WeakSet<ShadowRoot>();
    const scan = () => {
      if (signal.aborted) return;
      const found: PageEntity[] = [];
      // Keys are read and normalised only for entities the layer looks up
      // (those near the screen): list rows read theirs lazily.
      for (const e of adapter.findEntities(document, new URL(location.href))) {
        found.push({ anchor: e.anchor, id: e.id, lookupKeys: () => keysOf(e.keys), ...(e.company ? { company: true } : {}), ...(e.address !== undefined ? { address: e.address } : {}) });
      }
      // Rows rendered later inside a shadow root (LWC native shadow) change
      // nothing an observer of the document sees: observe each root read.
      for (const root of adapter.shadowRoots?.(document) ?? []) {
        if (watched.has(root)) continue;
        watched.add(root);
        observer?.observe(root, OBSERVED);
      }
      layer.sync(found);
    };
    const rescan = frameThrottle(scan, signal);
    observer = new MutationObserver(rescan);
    // The observer callback only schedules a throttled scan: a busy page
    // costs one scan per interval, not one per mutation.
    observer.observe(document.body ?? document.documentElement, OBSERVED);
    signal.addEventListener('abort', () => {
      observer?.disconnect();
      layer.clear();
    });
    // The document is parsed (the script runs at document_end, or later when
    // the popup injects it): the first scan need not wait for a timer and a
    // frame. Later ones are throttled.
    scan();
    return { adapterId: adapter.id, controller, rescan, shown: layer.shown };
  };

  /** The adapter to run on this page now, if any. */
  const adapterHere = () => {
    const found = adapterFor(new URL(location.href));
    // Injected once through activeTab, the user asked for this tab explicitly.
    const allowed = (id: string) => scope[ONCE] === true || (enabled ? enabled.has(id) : id !== 'generic');
    return found && allowed(found.id) ? found : undefined;
  };
  /** Starts, stops or switches the session to `adapter`; `same` runs when it stays. */
  const switchTo = (adapter: ReturnType<typeof adapterHere>, same?: (s: Session) => void) => {
    if (session && session.adapterId === adapter?.id) {
      same?.(session);
      return;
    }
    session?.controller.abort();
    session = adapter ? start(adapter) : undefined;
  };
  const onLocation = () => switchTo(adapterHere(), (s) => s.rescan());

  watchLocation(new AbortController().signal, onLocation);
  onLocation();
  // The answer changes the session only when it must (a CRM turned off, the
  // generic adapter on): the page need not be scanned again.
  void asked.then((set) => {
    enabled = set;
    switchTo(adapterHere());
  });

  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const type = (message as ContentRequest)?.type;
    if (type === 'access-changed') {
      // Granted or withdrawn in the options page or the browser: ask again,
      // and stop at once (badges removed, no more lookups) when this site is
      // no longer enabled, or start when it now is.
      return (browser.runtime.sendMessage({ type: 'enabled-adapters' }) as Promise<EnabledReply>).then(
        (reply) => {
          enabled = new Set(reply.adapters);
          switchTo(adapterHere());
          return { ok: true };
        },
        () => {
          enabled = new Set();
          switchTo(adapterHere());
          return { ok: true };
        },
      );
    }
    if (type === 'data-changed') {
      // New or deleted data: start the session afresh, without cached scores.
      session?.controller.abort();
      session = undefined;
      onLocation();
      return Promise.resolve({ ok: true });
    }
    if (type !== 'page-customers') return undefined;
    const current = session;
    return (current?.shown() ?? Promise.resolve([])).then((customers): PageCustomersReply => ({ adapter: current?.adapterId ?? null, customers }));
  });
}
