import { describe, expect, it } from 'vitest';
import { buildManifest } from './manifest.ts';
import { adapters } from './sites/index.ts';

const crmOrigins = adapters.flatMap((a) => a.origins);

describe('buildManifest', () => {
  const m = buildManifest({ version: '0.1.0', crmOrigins });

  it('asks for storage, scripting and activeTab only, and for no host at install', () => {
    expect(m.permissions.sort()).toEqual(['activeTab', 'scripting', 'storage']);
    expect(m).not.toHaveProperty('host_permissions');
    expect(m).not.toHaveProperty('content_scripts');
  });

  it('may ask for single other sites later (wildcards are optional, never granted at install)', () => {
    expect(m.optional_host_permissions).toEqual(expect.arrayContaining(['https://*/*', 'http://*/*']));
  });

  it('lists every CRM origin as an optional host permission, once', () => {
    for (const origin of crmOrigins) expect(m.optional_host_permissions).toContain(origin);
    expect(new Set(m.optional_host_permissions).size).toBe(m.optional_host_permissions.length);
  });

  it('loads in Chromium (service worker) and Firefox (scripts) from one background file', () => {
    expect(m.background).toEqual({ service_worker: 'background.js', scripts: ['background.js'] });
  });

  it('declares a Gecko id and that no data is collected', () => {
    expect(m.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(m.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });

  it('allows only its own scripts on its pages', () => {
    expect(m.content_security_policy.extension_pages).toContain("script-src 'self'");
    expect(m.content_security_policy.extension_pages).not.toMatch(/unsafe|http/);
  });

  it('is localised through __MSG_ keys with English as default', () => {
    expect(m.name).toBe('__MSG_extName__');
    expect(m.default_locale).toBe('en');
  });

  it('rejects a version browsers would refuse', () => {
    expect(() => buildManifest({ version: '1.0.0-beta', crmOrigins })).toThrow(/buildManifest/);
  });
});
