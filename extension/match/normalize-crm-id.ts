/**
 * The canonical form of a CRM record id, written `<site>:<id>`, so that a
 * record id read from a CRM page equals the one stored with a customer.
 *
 * Input is `<site>:<id>` where site is one of
 * - `sf` or `salesforce`: a 15- or 18-character Salesforce id. Both name the
 *   same record; the canonical form is the 18-character id, whose last three
 *   characters are a checksum of the case of the first fifteen. The first 15
 *   compare case-sensitively (`001…b2` ≠ `001…B2`), except that an
 *   18-character id whose letters were lower- or upper-cased by a tool is
 *   restored from its (case-insensitive) checksum. → `sf:001xx000003DGb2AAG`
 * - `dynamics` or `d365`: a GUID, any case, with or without braces, braces
 *   possibly URL-encoded (`%7B…%7D`). → `dynamics:<lower-case GUID>`
 * - `hubspot`, `zoho`: a decimal record id. → `hubspot:123`
 * - `pipedrive`: `[<object>:]<decimal id>`, object one of person,
 *   organization, deal (plural accepted). Pipedrive numbers persons,
 *   organisations and deals separately, so the object is part of the id when
 *   known. → `pipedrive:person:5`
 * Returns `undefined` — never throws — for an unknown site or a malformed id.
 *
 * @example normalizeCrmId('salesforce:001xx000003DGb2') // 'sf:001xx000003DGb2AAG'
 * @example normalizeCrmId('dynamics:%7BA1B2C3D4-0000-1111-2222-333344445555%7D') // 'dynamics:a1b2c3d4-0000-1111-2222-333344445555'
 */
export function normalizeCrmId(input: string): string | undefined {
  if (typeof input !== 'string') return undefined;
  const colon = input.indexOf(':');
  if (colon < 0) return undefined;
  const site = input.slice(0, colon).trim().toLowerCase();
  const id = input.slice(colon + 1).trim();
  switch (site) {
    case 'sf':
    case 'salesforce': {
      const full = salesforceId18(id);
      return full && `sf:${full}`;
    }
    case 'dynamics':
    case 'd365': {
      const guid = canonicalGuid(id);
      return guid && `dynamics:${guid}`;
    }
    case 'hubspot':
    case 'zoho':
      return /^\d{1,30}$/.test(id) ? `${site}:${stripZeros(id)}` : undefined;
    case 'pipedrive': {
      const m = /^(?:(persons?|organizations?|deals?):)?(\d{1,20})$/i.exec(id);
      if (!m) return undefined;
      const object = m[1]?.toLowerCase().replace(/s$/, '');
      return object ? `pipedrive:${object}:${stripZeros(m[2])}` : `pipedrive:${stripZeros(m[2])}`;
    }
    default:
      return undefined;
  }
}

/** The checksum alphabet of Salesforce's 15→18 id conversion. */
const SF_SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character form of a 15- or 18-character Salesforce id, or undefined.
 * Algorithm (Salesforce "What are Salesforce IDs composed of?"): for each
 * 5-character chunk, bit i is set when character i is an upper-case letter;
 * the 5-bit number indexes `SF_SUFFIX_CHARS`.
 * Reference pair from Salesforce's documentation: 001xx000003DGb2 → 001xx000003DGb2AAG.
 *
 * @example salesforceId18('001xx000003DGb2') // '001xx000003DGb2AAG'
 */
export function salesforceId18(id: string): string | undefined {
  if (!/^[A-Za-z0-9]{15}(?:[A-Za-z0-5]{3})?$/.test(id)) return undefined;
  let base = id.slice(0, 15);
  if (id.length === 18) {
    const suffix = id.slice(15).toUpperCase();
    if (suffix !== salesforceSuffix(base)) {
      const restored = restoreCase(base, suffix);
      if (restored === undefined || salesforceSuffix(restored) !== suffix) return undefined;
      base = restored;
    }
  }
  return base + salesforceSuffix(base);
}

function salesforceSuffix(base15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = base15[chunk * 5 + i];
      if (c >= 'A' && c <= 'Z') flags |= 1 << i;
    }
    out += SF_SUFFIX_CHARS[flags];
  }
  return out;
}

/** Re-applies the case recorded in an 18-char checksum to the first 15 characters. */
function restoreCase(base15: string, suffix: string): string | undefined {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const flags = SF_SUFFIX_CHARS.indexOf(suffix[chunk]);
    for (let i = 0; i < 5; i++) {
      const c = base15[chunk * 5 + i];
      const upper = (flags & (1 << i)) !== 0;
      if (upper && !/[A-Za-z]/.test(c)) return undefined;
      out += upper ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return out;
}

/**
 * A GUID as lower-case 8-4-4-4-12 hex without braces, from any case, with
 * or without `{}` or `%7B…%7D`; undefined when it is no GUID.
 *
 * @example canonicalGuid('%7BA1B2C3D4-0000-1111-2222-333344445555%7D') // 'a1b2c3d4-0000-1111-2222-333344445555'
 */
export function canonicalGuid(input: string): string | undefined {
  const s = input.trim().replace(/^%7b/i, '{').replace(/%7d$/i, '}');
  const m = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i.exec(s);
  if (!m) return undefined;
  if (s.startsWith('{') !== s.endsWith('}')) return undefined;
  return m[1].toLowerCase();
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}
