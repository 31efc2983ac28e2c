/** The public surface of customer matching: pure functions, no DOM, no browser APIs. */
export { normalizeEmail } from './normalize-email.ts';
export { normalizeCompany } from './normalize-company.ts';
export { normalizeDomain } from './normalize-domain.ts';
export { normalizeCrmId, salesforceId18, canonicalGuid } from './normalize-crm-id.ts';
export { qualifyCrmId, crmSiteOfHeader, CRM_SITES } from './qualify-crm-id.ts';
export type { CrmSite } from './qualify-crm-id.ts';
export { isFreeMailDomain, FREE_MAIL_DOMAINS } from './free-mail.ts';
export { entityLookupKeys, customerIndexKeys, lookupKey, matchedOn } from './keys.ts';
export type { LookupKey, CustomerIdentity } from './keys.ts';
