import type { SiteAdapter } from './types.ts';
import { salesforce } from './salesforce.ts';
import { hubspot } from './hubspot.ts';
import { dynamics } from './dynamics.ts';
import { zoho } from './zoho.ts';
import { pipedrive } from './pipedrive.ts';
import { generic } from './generic.ts';

export type { EntityKey, EntityKeyKind, FoundEntity, PageKind, SiteAdapter } from './types.ts';
export { salesforce, salesforceListEntities, salesforceListRows } from './salesforce.ts';
export { hubspot, hubspotListEntities, hubspotListRows } from './hubspot.ts';
export { dynamics, dynamicsListEntities, dynamicsListRows } from './dynamics.ts';
export { zoho, zohoListEntities, zohoListRows } from './zoho.ts';
export { pipedrive, pipedriveListEntities, pipedriveListRows } from './pipedrive.ts';
export { generic, findEmailEntities, GENERIC_LIMITS } from './generic.ts';
export { listRowEntities, listRowEntity, columnIndex, cellAt, firstMatches } from './dom/list-rows.ts';
export { openShadowRoots, composedParent, SHADOW_LIMITS } from './dom/shadow-roots.ts';
export type { ShadowLimits } from './dom/shadow-roots.ts';
export type { ListRowSpec } from './dom/list-rows.ts';

/** Every adapter, the CRM-specific ones first and the generic fallback last. */
export const adapters: SiteAdapter[] = [salesforce, hubspot, dynamics, zoho, pipedrive, generic];

/**
 * The adapter for a page: the first CRM adapter that recognises the URL,
 * else the generic one for any http(s) page, else undefined (`file:`,
 * `chrome:` …). Whether the generic adapter may run on a page is the user's
 * choice, which the caller checks.
 *
 * @example adapterFor(new URL('https://app.hubspot.com/contacts/1/record/0-1/2'))?.id // 'hubspot'
 */
export function adapterFor(url: URL): SiteAdapter | undefined {
  return adapters.find((a) => a.matches(url));
}
