/**
 * The manifest copy in dist/ points at the production base URL. The source
 * manifest.xml keeps the dev URLs (https://localhost:3000/).
 */
import { DEV_BASE_URL } from './metadata.ts';

/**
 * Replaces every dev URL (and the dev AppDomain) with `baseUrl`.
 * @throws Error when baseUrl is not an absolute https URL ending in "/".
 * @example rebaseManifest('<a DefaultValue="https://localhost:3000/x.html"/>', 'https://cv.example.com/addin/') // '<a DefaultValue="https://cv.example.com/addin/x.html"/>'
 */
export function rebaseManifest(xml: string, baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:') throw new Error(`CVLENS_BASE_URL must be an https URL (Office requires it), got ${baseUrl}`);
  if (!baseUrl.endsWith('/')) throw new Error(`CVLENS_BASE_URL must end with "/", got ${baseUrl}`);
  return xml
    .split(DEV_BASE_URL).join(baseUrl)
    .split('<AppDomain>https://localhost:3000</AppDomain>').join(`<AppDomain>${url.origin}</AppDomain>`);
}
