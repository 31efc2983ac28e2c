import type { EntityScore, StoredCustomer } from '../store/stored-customer.ts';
import type { CompanyScore } from '../store/stored-company.ts';
import type { ImportMeta } from '../store/customer-store.ts';

/**
 * Messages sent to the background. The content script sends `lookup` with the
 * lookup keys of the entities on screen and gets back, per entity, only the
 * customer it matched: never the table.
 */
export type BackgroundRequest =
  | { type: 'lookup'; entities: LookupEntity[] }
  | { type: 'search'; query: string; limit?: number }
  | { type: 'status' }
  | { type: 'enabled-adapters' }
  | { type: 'sync-content-scripts' }
  | { type: 'data-changed' };

/**
 * One entity to look up: its canonical keys, most specific first, and
 * whether the page shows a company (an account page, a company row), whose
 * badge is its company's aggregate even when its record id names a customer.
 */
export interface LookupEntity {
  id: string;
  keys: string[];
  company?: boolean;
}

/** A lookup's answer for one entity: the person (or record) itself, or the company it belongs to. */
export type PageScore = EntityScore | CompanyScore;

export interface LookupReply {
  /** Entity id → its score, or null when nothing matched (or the page's lookup budget refused it). */
  results: Record<string, PageScore | null>;
  /** The page asked about more distinct entities within a minute than its budget allows: the rest were refused. */
  limited?: boolean;
}
export interface SearchReply {
  customers: StoredCustomer[];
}
export interface StatusReply {
  customers: number;
  meta: ImportMeta | null;
  registered: string[];
}
/** Ids of the adapters whose content scripts are registered (the CRMs the user enabled). */
export interface EnabledReply {
  adapters: string[];
}
export interface SyncReply {
  registered: string[];
}

/**
 * Messages to a content script: the popup asks for the tab's matched
 * customers; the background says the imported data changed, or that the
 * site's access changed (granted or withdrawn: ask again what is enabled).
 */
export type ContentRequest = { type: 'page-customers' } | { type: 'data-changed' } | { type: 'access-changed' };
export interface PageCustomersReply {
  adapter: string | null;
  customers: EntityScore[];
}

/** Most entities one lookup message may carry (a list view sends several messages beyond it). */
export const MAX_LOOKUP_ENTITIES = 200;
/** Most keys per entity; more are ignored. */
export const MAX_KEYS_PER_ENTITY = 16;

/**
 * Narrows an unknown message to a BackgroundRequest, or returns undefined.
 * Messages come from our own pages and content scripts, but a content script
 * runs on a page it does not control, so shapes are checked before use.
 *
 * @example
 * asBackgroundRequest({ type: 'status' }) // { type: 'status' }
 * asBackgroundRequest({ type: 'drop-table' }) // undefined
 */
export function asBackgroundRequest(message: unknown): BackgroundRequest | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'lookup': {
      if (!Array.isArray(m.entities) || m.entities.length > MAX_LOOKUP_ENTITIES) return undefined;
      const entities: LookupEntity[] = [];
      for (const e of m.entities as unknown[]) {
        if (typeof e !== 'object' || e === null) return undefined;
        const { id, keys, company } = e as Record<string, unknown>;
        if (typeof id !== 'string' || !Array.isArray(keys)) return undefined;
        const entity: LookupEntity = { id, keys: keys.filter((k): k is string => typeof k === 'string').slice(0, MAX_KEYS_PER_ENTITY) };
        if (company === true) entity.company = true;
        entities.push(entity);
      }
      return { type: 'lookup', entities };
    }
    case 'search':
      if (typeof m.query !== 'string') return undefined;
      return { type: 'search', query: m.query.slice(0, 200), limit: typeof m.limit === 'number' ? Math.min(Math.max(1, m.limit), 100) : undefined };
    case 'status':
    case 'enabled-adapters':
    case 'sync-content-scripts':
    case 'data-changed':
      return { type: m.type };
    default:
      return undefined;
  }
}
