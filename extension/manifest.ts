/**
 * The extension's manifest, one file for Chrome, Edge and Firefox (Manifest V3).
 *
 * Chromium reads `background.service_worker` and ignores `scripts`; Firefox
 * reads `scripts` (an event page) and ignores `service_worker`. Both point at
 * the same classic-script bundle, so one build loads everywhere.
 *
 * No host permissions at install: each CRM's origins are optional and asked
 * for from the options page; content scripts are then registered at run time
 * for exactly the granted origins.
 *
 * @param options.version  the package version, copied as is (must be 1–4 dot-separated integers)
 * @param options.crmOrigins  match patterns of every CRM adapter (optional host permissions)
 * @throws Error when the version is not a valid extension version
 * @example
 * buildManifest({ version: '0.1.0', crmOrigins: ['https://*.lightning.force.com/*'] }).manifest_version // 3
 */
export function buildManifest(options: { version: string; crmOrigins: readonly string[] }): ExtensionManifest {
  if (!/^\d+(\.\d+){0,3}$/.test(options.version)) {
    throw new Error(`buildManifest: "${options.version}" is not an extension version`);
  }
  return {
    manifest_version: 3,
    name: '__MSG_extName__',
    short_name: 'cvlens',
    description: '__MSG_extDescription__',
    version: options.version,
    default_locale: 'en',
    icons: { '16': 'icons/16.png', '32': 'icons/32.png', '48': 'icons/48.png', '128': 'icons/128.png' },
    background: { service_worker: 'background.js', scripts: ['background.js'] },
    action: {
      default_popup: 'popup.html',
      default_title: '__MSG_extName__',
      default_icon: { '16': 'icons/16.png', '32': 'icons/32.png' },
    },
    options_ui: { page: 'options.html', open_in_tab: true },
    permissions: ['storage', 'scripting', 'activeTab'],
    // The wildcards let the options page ask for one single site at a time
    // for the generic adapter; nothing is granted until the user asks.
    optional_host_permissions: [...new Set([...options.crmOrigins, ...GENERIC_SITES])].sort(),
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
    browser_specific_settings: {
      gecko: {
        id: 'cvlens@cvlens.invalid',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android learnt data_collection_permissions in 142.
      gecko_android: { strict_min_version: '142.0' },
    },
  };
}

/** What the generic adapter may be enabled on, one site at a time (http for intranets). */
export const GENERIC_SITES = ['https://*/*', 'http://*/*'] as const;

/** The subset of manifest.json this extension writes. */
export interface ExtensionManifest {
  manifest_version: 3;
  name: string;
  short_name: string;
  description: string;
  version: string;
  default_locale: string;
  icons: Record<string, string>;
  background: { service_worker: string; scripts: string[] };
  action: { default_popup: string; default_title: string; default_icon: Record<string, string> };
  options_ui: { page: string; open_in_tab: boolean };
  permissions: string[];
  optional_host_permissions: string[];
  content_security_policy: { extension_pages: string };
  browser_specific_settings: {
    gecko: { id: string; strict_min_version: string; data_collection_permissions: { required: string[] } };
    gecko_android: { strict_min_version: string };
  };
}
