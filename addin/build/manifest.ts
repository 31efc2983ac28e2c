/**
 * The manifest copy in dist/ points at the build's base URL. The source
 * manifest.xml keeps the dev URLs (https://localhost:3000/) and the released
 * add-in's Id and name; a build for localhost gets an Id and name of its own,
 * so a developer can sideload it beside the released add-in and tell the two
 * apart (Office keys an add-in, its settings and its cache by Id).
 */
import { DEV_BASE_URL } from './metadata.ts';

/** The Id of dev builds; the released Id is in manifest.xml. */
export const DEV_ID = 'b0366b57-0632-4b9f-962e-ca5022029111';
export const DEV_SUFFIX = { en: ' (dev)', zh: '（开发版）' } as const;

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

/** True for a base URL on this computer (a dev server). */
export function isDevBaseUrl(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/**
 * The dev identity: DEV_ID, and the display name and ribbon tab marked as dev in both languages.
 * @throws Error when the manifest lacks the elements it rewrites (so a renamed element cannot silently ship a dev build under the released Id).
 */
export function devIdentity(xml: string): string {
  const rules: [RegExp, (m: string, ...g: string[]) => string][] = [
    [/<Id>[^<]+<\/Id>/, () => `<Id>${DEV_ID}</Id>`],
    [/(<DisplayName DefaultValue=")([^"]+)(")/, (_, a, v, b) => `${a}${v}${DEV_SUFFIX.en}${b}`],
    [/(<DisplayName [^>]*>\s*<Override Locale="zh-CN" Value=")([^"]+)(")/, (_, a, v, b) => `${a}${v}${DEV_SUFFIX.zh}${b}`],
    [/(<bt:String id="Tab.Label" DefaultValue=")([^"]+)(")/, (_, a, v, b) => `${a}${v}${DEV_SUFFIX.en}${b}`],
  ];
  return rules.reduce((out, [re, f]) => {
    if (!re.test(out)) throw new Error(`manifest.xml: cannot mark the dev build, no match for ${re}`);
    return out.replace(re, f as (m: string) => string);
  }, xml);
}

/** The manifest for a build at `baseUrl`: rebased, and with the dev identity on localhost. */
export function manifestFor(xml: string, baseUrl: string): string {
  const rebased = rebaseManifest(xml, baseUrl);
  return isDevBaseUrl(baseUrl) ? devIdentity(rebased) : rebased;
}
