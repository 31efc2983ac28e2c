import type { BackgroundRequest, EnabledReply, LookupReply, SearchReply, StatusReply, SyncReply } from '../shared/protocol.ts';
import type { EntityScore, StoredCustomer } from '../store/stored-customer.ts';
import type { ImportMeta } from '../store/customer-store.ts';

/** What the handler needs from the outside world; the background wires the real ones. */
export interface HandlerDeps {
  /** For each entity's keys (most specific first), the customer the first hitting key finds. */
  lookupMany(entities: readonly (readonly string[])[]): Promise<(EntityScore | undefined)[]>;
  search(query: string, limit: number): Promise<StoredCustomer[]>;
  count(): Promise<number>;
  meta(): Promise<ImportMeta | undefined>;
  /** Re-registers content scripts for the granted CRM origins; returns their ids. */
  syncContentScripts(): Promise<string[]>;
  registered(): Promise<string[]>;
  /** Drops anything cached about the data (after an import or delete). */
  dataChanged(): void;
}

/** Who sent a message: a content script (in a web page) or one of our own pages. */
export type SenderKind = 'content' | 'extension';

/**
 * Answers one request. Content scripts may only `lookup` and ask which CRMs
 * are enabled — a web page must never be able to list or search the imported
 * customers — and each entity gets back only the one customer it matched.
 *
 * @throws Error when a content script sends anything but `lookup`
 * @example
 * await handleRequest({ type: 'lookup', entities: [{ id: 'e1', keys: ['email:a@b.c'] }] }, 'content', deps)
 * // { results: { e1: { customer, key: 'email:a@b.c' } } } or { results: { e1: null } }
 */
export async function handleRequest(
  request: BackgroundRequest,
  sender: SenderKind,
  deps: HandlerDeps,
  /**
   * Whether the page a content script runs in is still one the user lets
   * the extension read (its site granted, or shown once through the popup).
   * A tab opened before access was withdrawn keeps its script until it is
   * told to stop; until then its lookups are refused here.
   */
  siteGranted = true,
): Promise<LookupReply | EnabledReply | SearchReply | StatusReply | SyncReply | { ok: true }> {
  if (sender === 'content' && request.type !== 'lookup' && request.type !== 'enabled-adapters') {
    throw new Error(`handleRequest: "${request.type}" is not allowed from a web page`);
  }
  if (sender === 'content' && !siteGranted) {
    if (request.type === 'enabled-adapters') return { adapters: [] };
    throw new Error('handleRequest: this site is no longer enabled');
  }
  switch (request.type) {
    case 'lookup': {
      const found = await deps.lookupMany(request.entities.map((e) => e.keys));
      const results: LookupReply['results'] = {};
      request.entities.forEach((e, i) => (results[e.id] = found[i] ?? null));
      return { results };
    }
    case 'enabled-adapters':
      return { adapters: (await deps.registered()).filter((id) => id.startsWith('crm-')).map((id) => id.slice(4)) };
    case 'search':
      return { customers: await deps.search(request.query, request.limit ?? 20) };
    case 'status':
      return { customers: await deps.count(), meta: (await deps.meta()) ?? null, registered: await deps.registered() };
    case 'sync-content-scripts':
      return { registered: await deps.syncContentScripts() };
    case 'data-changed':
      deps.dataChanged();
      return { ok: true };
  }
}
