import type { IdentityColumns } from './import-protocol.ts';

// "Account ID", "Company No." name a record, not the company: never a company or name column.
const ID_LIKE = /(^|[\s_-])(id|no\.?|number)$|编号$|代码$/i;

const PATTERNS: [keyof IdentityColumns, RegExp][] = [
  ['email', /e-?mail|邮箱|邮件/i],
  ['crmIds', /crm|salesforce|hubspot|dynamics|zoho|pipedrive|record.?id|记录/i],
  ['domain', /domain|website|web ?site|url|域名|网站/i],
  ['company', /company|account|organi[sz]ation|firm|公司|企业|单位/i],
  ['name', /^(customer.?)?name$|^full.?name$|contact|姓名|名称|客户名/i],
];

/**
 * Guesses which columns hold e-mail, CRM ids, domain, company and name from
 * the header names (English or Chinese). Each column is used at most once,
 * in the order above, so "Company domain" is a domain, not a company; an
 * id-like header ("Account ID") is never the company or the name.
 *
 * @example guessIdentity(['Customer ID', 'E-mail', 'Company']) // { email: 1, company: 2 }
 */
export function guessIdentity(headers: readonly string[]): IdentityColumns {
  const out: IdentityColumns = {};
  const used = new Set<number>();
  for (const [role, pattern] of PATTERNS) {
    const index = headers.findIndex((h, i) => !used.has(i) && pattern.test(h.trim()) && !((role === 'company' || role === 'name') && ID_LIKE.test(h.trim())));
    if (index >= 0) {
      out[role] = index;
      used.add(index);
    }
  }
  return out;
}
