/**
 * The contract between the CRM site adapters and the extension that uses
 * them: an adapter recognises its CRM's URLs and reads the customers shown on
 * a page; the content script looks them up and inserts badges.
 */

/** What a key identifies a customer by. */
export type EntityKeyKind = 'email' | 'company' | 'domain' | 'crmId';

/**
 * One way to look a customer up, with its value as found on the page
 * (normalised later by `extension/match/`). A `crmId` value is written
 * `<site>:<id>` (`salesforce:001…`, `hubspot:123`, `pipedrive:person:5`),
 * see `normalizeCrmId`.
 */
export interface EntityKey {
  kind: EntityKeyKind;
  value: string;
}

/** A customer shown on a page. */
export interface FoundEntity {
  /** Element after which the badge is inserted (e.g. the record title, a list cell). */
  anchor: Element;
  /** Keys to look up, most specific first (crmId, email, domain, company). */
  keys: EntityKey[];
  /** Stable identity of this entity on this page, so the same entity never gets two badges. */
  id: string;
  /** The name shown on the page (plain text, never HTML), for the badge's tooltip. */
  label?: string;
  /**
   * The page shows a company here (an account or company record, a row of
   * a company list): its badge is the company's aggregate, not a person's.
   */
  company?: boolean;
  /**
   * An address written in the anchor's own text, not a link (generic pages):
   * the badge goes right after it in the text, so each address of a
   * paragraph gets its own badge where it is.
   */
  address?: string;
}

export type PageKind = 'record' | 'list' | 'other';

export interface SiteAdapter {
  id: 'salesforce' | 'hubspot' | 'dynamics' | 'zoho' | 'pipedrive' | 'generic';
  name: string;
  /** Match patterns for optional host permissions / content-script registration, e.g. 'https://*.lightning.force.com/*'. */
  origins: string[];
  /** Example URLs this adapter must accept (tested), and its page kind for each. */
  examples: { url: string; kind: PageKind }[];
  matches(url: URL): boolean;
  pageKind(url: URL): PageKind;
  /** The record id in the URL on a record page (e.g. Salesforce 18-char id), if any. */
  recordId(url: URL): string | undefined;
  /** Find the customer entities shown in the document (record header + list rows). Pure DOM reads, no writes. */
  findEntities(doc: Document, url: URL): FoundEntity[];
  /**
   * The open shadow roots the last `findEntities` on `doc` read, for an
   * adapter that reads inside them: changes in a shadow root are not seen by
   * an observer of the document, so the content script observes these too.
   */
  shadowRoots?(doc: Document): readonly ShadowRoot[];
}
