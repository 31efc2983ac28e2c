import type { EntityKey, EntityKeyKind } from '../sites/types.ts';
import { normalizeEmail } from './normalize-email.ts';
import { normalizeCompany } from './normalize-company.ts';
import { normalizeDomain } from './normalize-domain.ts';
import { normalizeCrmId } from './normalize-crm-id.ts';
import { isFreeMailDomain } from './free-mail.ts';

/**
 * Canonical lookup keys: one string per way of identifying a customer, in a
 * namespace per kind — `crm:sf:001xx000003DGb2AAG`, `email:jane@acme.com`,
 * `domain:acme.com`, `company:acme`. The storage layer indexes customers by
 * `customerIndexKeys` and looks entities up by `entityLookupKeys`; the two
 * produce identical strings for the same customer, so a lookup is one index
 * hit per key, tried in order.
 */
export type LookupKey = string;

const PREFIX: Record<EntityKeyKind, string> = { crmId: 'crm', email: 'email', domain: 'domain', company: 'company' };
const KIND_BY_PREFIX: Record<string, EntityKeyKind> = { crm: 'crmId', email: 'email', domain: 'domain', company: 'company' };
/** Most specific first: a record id names one record, an e-mail one person, a domain or name one company. */
const PRIORITY: readonly EntityKeyKind[] = ['crmId', 'email', 'domain', 'company'];

/**
 * The canonical lookup keys of an entity found on a page, most specific
 * first (crm, email, domain, company; page order within a kind), without
 * duplicates. Invalid values are dropped. The domain of each e-mail address
 * is added as a domain key (after the explicit ones) unless it is a
 * free-mail domain; free-mail domains are never domain keys.
 *
 * @example entityLookupKeys([{ kind: 'company', value: 'Acme, Inc.' }, { kind: 'email', value: 'Jane@Acme.com' }])
 * // ['email:jane@acme.com', 'domain:acme.com', 'company:acme']
 */
export function entityLookupKeys(keys: readonly EntityKey[]): LookupKey[] {
  const byKind: Record<EntityKeyKind, string[]> = { crmId: [], email: [], domain: [], company: [] };
  const derivedDomains: string[] = [];
  for (const key of keys) {
    const value = canonicalValue(key.kind, key.value);
    if (value === undefined) continue;
    byKind[key.kind].push(value);
    if (key.kind === 'email') {
      const d = companyDomainOf(value);
      if (d !== undefined) derivedDomains.push(d);
    }
  }
  byKind.domain.push(...derivedDomains);
  const out: LookupKey[] = [];
  for (const kind of PRIORITY) {
    for (const value of byKind[kind]) {
      const key = `${PREFIX[kind]}:${value}`;
      if (!out.includes(key)) out.push(key);
    }
  }
  return out;
}

/** What the storage layer knows of one customer, in the form it was imported. */
export interface CustomerIdentity {
  email?: string;
  company?: string;
  /** A web address, host name or e-mail domain of the customer's company. */
  domain?: string;
  /** CRM record ids written `<site>:<id>`, see `normalizeCrmId`. */
  crmIds?: readonly string[];
}

/**
 * The canonical keys under which to index a stored customer: the same
 * strings `entityLookupKeys` produces for an entity showing that customer.
 * Like there, the e-mail's domain is a domain key unless it is free mail.
 *
 * @example customerIndexKeys({ email: 'jane@acme.com', company: 'ACME Inc', crmIds: ['hubspot:51'] })
 * // ['crm:hubspot:51', 'email:jane@acme.com', 'domain:acme.com', 'company:acme']
 */
export function customerIndexKeys(c: CustomerIdentity): LookupKey[] {
  // entityLookupKeys' rule written out for one customer's fields, without an
  // object per key: an import works this out for every customer.
  const out: LookupKey[] = [];
  const add = (key: LookupKey) => {
    if (!out.includes(key)) out.push(key);
  };
  for (const id of c.crmIds ?? []) {
    const v = normalizeCrmId(id);
    if (v !== undefined) add(`crm:${v}`);
  }
  const email = c.email === undefined ? undefined : normalizeEmail(c.email);
  if (email !== undefined) add(`email:${email}`);
  if (c.domain !== undefined) addShared(add, domainKeys, companyDomainOf(c.domain), 'domain:');
  // The address is canonical already: its domain part is looked up without normalising it again.
  if (email !== undefined) addShared(add, domainKeys, remembered(domains, email.slice(email.lastIndexOf('@') + 1), companyDomain), 'domain:');
  if (c.company !== undefined) addShared(add, companyKeys, remembered(companies, c.company, normalizeCompany), 'company:');
  return out;
}

/**
 * Adds `prefix + value`, one string per value shared by every customer
 * (thousands of customers have the same company or domain key).
 */
function addShared(add: (key: LookupKey) => void, memo: Map<string, LookupKey>, value: string | undefined, prefix: string): void {
  if (value === undefined) return;
  let key = memo.get(value);
  if (key === undefined) {
    if (memo.size >= REMEMBERED) memo.clear();
    memo.set(value, (key = prefix + value));
  }
  add(key);
}

/**
 * The kind of a canonical key, for the badge's "matched on …" text.
 * Throws `Error` for a string that is not a canonical key (a programming error).
 *
 * @example matchedOn('domain:acme.com') // 'domain'
 */
export function matchedOn(key: LookupKey): EntityKeyKind {
  const kind = KIND_BY_PREFIX[key.slice(0, key.indexOf(':'))];
  if (kind === undefined) throw new Error(`matchedOn: not a lookup key: ${JSON.stringify(key)}`);
  return kind;
}

/**
 * The canonical lookup key of one key, or undefined when its value is not
 * usable (invalid, empty, a free-mail domain).
 *
 * @example lookupKey({ kind: 'company', value: 'ACME Inc' }) // 'company:acme'
 */
export function lookupKey(key: EntityKey): LookupKey | undefined {
  const value = canonicalValue(key.kind, key.value);
  return value === undefined ? undefined : `${PREFIX[key.kind]}:${value}`;
}

function canonicalValue(kind: EntityKeyKind, value: string): string | undefined {
  switch (kind) {
    case 'email':
      return normalizeEmail(value);
    case 'company':
      return remembered(companies, value, normalizeCompany);
    case 'domain':
      return companyDomainOf(value);
    case 'crmId':
      return normalizeCrmId(value);
  }
}

function companyDomain(value: string): string | undefined {
  const d = normalizeDomain(value);
  return d === undefined || isFreeMailDomain(d) ? undefined : d;
}

/**
 * companyDomain of a domain, web address or canonical e-mail address. An
 * address is looked up by its domain part: normalizeDomain reads only that
 * part of an address, and a valid address has no `?`, `#` or scheme there.
 */
function companyDomainOf(value: string): string | undefined {
  const at = value.lastIndexOf('@');
  return remembered(domains, at >= 0 && normalizeEmail(value) === value ? value.slice(at + 1) : value, companyDomain);
}

/**
 * Canonical company names and domains already worked out. An import's
 * customers share a few thousand companies and domains, and working one out
 * (Unicode normalisation, URL parsing) costs more than the rest of a
 * customer's keys; both are pure functions of the text, so remembering them
 * changes no result. Bounded: the memory of one import's worth of names.
 */
const companies = new Map<string, string | undefined>();
const domains = new Map<string, string | undefined>();
/** The keys of canonical domains and company names, by value (see addShared). */
const domainKeys = new Map<string, LookupKey>();
const companyKeys = new Map<string, LookupKey>();
const REMEMBERED = 50_000;

function remembered(memo: Map<string, string | undefined>, value: string, work: (value: string) => string | undefined): string | undefined {
  if (memo.has(value)) return memo.get(value);
  if (memo.size >= REMEMBERED) memo.clear();
  const out = work(value);
  memo.set(value, out);
  return out;
}
