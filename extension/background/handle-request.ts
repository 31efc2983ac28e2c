import type { BackgroundRequest, EnabledReply, LookupReply, SearchReply, StatusReply, SyncReply } from '../shared/protocol.ts';
import type { EntityScore, StoredCustomer } from '../store/stored-customer.ts';
import type { CompanyScore } from '../store/stored-company.ts';
import type { ImportMeta } from '../store/customer-store.ts';
import { customerCompanyKeys, isCompanyKey } from '../store/company-records.ts';
import type { LookupBudget } from './lookup-budget.ts';

/** What the handler needs from the outside world; the background wires the real ones. */
export interface HandlerDeps {
  /** For each entity's keys (most specific first), the customer the first hitting key finds. */
  lookupMany(entities: readonly (readonly string[])[]): Promise<(EntityScore | undefined)[]>;
  /** For each entity's company keys, the company the first hitting key finds. */
  lookupCompanies(entities: readonly (readonly string[])[]): Promise<(CompanyScore | undefined)[]>;
  /** Limits the distinct entities a page may look up; absent: no limit (our own pages). */
  budget?: LookupBudget;
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

/** What the background knows about the page a content script asks from. */
export interface RequestContext {
  /**
   * Whether the page is still one the user lets the extension read (its
   * site granted, or shown once through the popup). A tab opened before
   * access was withdrawn keeps its script until it is told to stop; until
   * then its lookups are refused here. Default true.
   */
  siteGranted?: boolean;
  /** The page that asked (tab, frame, origin), for its lookup budget. */
  page?: string;
}

/**
 * Answers one request. Content scripts may only `lookup` and ask which CRMs
 * are enabled — a web page must never be able to list or search the imported
 * customers — and each entity gets back only the one customer it matched.
 *
 * A person is matched by its record id or e-mail; a person matched by
 * neither but whose e-mail domain or company is known gets the company's
 * aggregate, never a colleague's score. An entity the page shows as a
 * company (`company: true`) gets a company's aggregate: that of the
 * customer its record id names (matched on the record id), else the one its
 * domain or name finds; only a customer in no company is shown as itself. Entities of
 * a page beyond its lookup budget get null, and the reply says `limited`.
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
  context: RequestContext = {},
): Promise<LookupReply | EnabledReply | SearchReply | StatusReply | SyncReply | { ok: true }> {
  if (sender === 'content' && request.type !== 'lookup' && request.type !== 'enabled-adapters') {
    throw new Error(`handleRequest: "${request.type}" is not allowed from a web page`);
  }
  const { siteGranted = true, page = 'unknown' } = context;
  if (sender === 'content' && !siteGranted) {
    if (request.type === 'enabled-adapters') return { adapters: [] };
    throw new Error('handleRequest: this site is no longer enabled');
  }
  switch (request.type) {
    case 'lookup': {
      const admitted = deps.budget?.admit(page, request.entities.map((e) => e.keys.join('\n'))) ?? request.entities.map(() => true);
      const asked = request.entities.filter((_, i) => admitted[i]);
      const [people, companies] = await Promise.all([
        deps.lookupMany(asked.map((e) => e.keys.filter((k) => !isCompanyKey(k)))),
        deps.lookupCompanies(asked.map((e) => e.keys.filter(isCompanyKey))),
      ]);
      // A company entity whose record id names a customer (the account
      // imported as a customer, or a contact carrying the account's id):
      // the company that customer belongs to, matched on the record id.
      const viaRecord = await deps.lookupCompanies(asked.map((e, i) => (e.company && people[i] ? customerCompanyKeys(people[i]!.customer) : [])));
      const results: LookupReply['results'] = {};
      for (const e of request.entities) results[e.id] = null;
      asked.forEach((e, i) => {
        const person = people[i];
        const own = person && viaRecord[i] ? { company: viaRecord[i]!.company, key: person.key } : undefined;
        results[e.id] = (e.company ? (own ?? companies[i] ?? person) : (person ?? companies[i])) ?? null;
      });
      return admitted.every(Boolean) ? { results } : { results, limited: true };
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
