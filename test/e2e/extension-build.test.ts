/**
 * The build output (dist/extension, from `npm run build:extension`): a
 * manifest equal to buildManifest's, every file it names present, icons and
 * both locales, and scripts free of eval, Function constructors and remote
 * code. Run `npm run build:extension` first (npm test does).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildManifest, type ExtensionManifest } from '../../extension/manifest.ts';
import { adapters } from '../../extension/sites/index.ts';
import { localeFile } from '../../extension/locales.ts';
import { builtExtension, repoRoot, requireBuild } from './ext/harness.ts';

const read = (file: string) => readFileSync(path.join(builtExtension, file), 'utf8');

describe('extension build', () => {
  it('writes the manifest buildManifest makes, with the package version', () => {
    requireBuild();
    const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    expect(JSON.parse(read('manifest.json'))).toEqual(buildManifest({ version, crmOrigins: adapters.flatMap((a) => a.origins) }));
  });

  it('contains every file the manifest and pages name', () => {
    requireBuild();
    const m = JSON.parse(read('manifest.json')) as ExtensionManifest;
    const named = [
      ...Object.values(m.icons), ...m.background.scripts, m.background.service_worker, m.action.default_popup, m.options_ui.page,
      'content.js', 'import-worker.js', '_locales/en/messages.json', '_locales/zh_CN/messages.json',
    ];
    for (const page of ['options.html', 'popup.html']) for (const [, src] of read(page).matchAll(/(?:src|href)="([^"]+)"/g)) named.push(src);
    for (const file of named) expect(existsSync(path.join(builtExtension, file)), file).toBe(true);
    expect(JSON.parse(read('_locales/zh_CN/messages.json'))).toEqual(localeFile('zh_CN'));
  });

  it('ships no eval, no Function constructor, no inline script and no remote code', () => {
    requireBuild();
    const scripts = readdirSync(builtExtension).filter((f) => f.endsWith('.js'));
    expect(scripts.sort()).toEqual(['background.js', 'content.js', 'import-worker.js', 'options.js', 'popup.js']);
    const found = (code: string, re: RegExp) => [...new Set([...code.matchAll(re)].map((m) => m[0]))];
    for (const file of scripts) {
      const code = read(file);
      expect(found(code, /\beval\s*\(|new\s+Function\s*\(|\bimportScripts\s*\(|\bimport\s*\(\s*["'`]https?:/g), file).toEqual([]);
      // Network APIs: none in our code. papaparse, bundled into the import
      // worker, carries an XMLHttpRequest path for downloading a URL, which
      // we never use (we parse text); the no-network e2e test proves it.
      const allowed = file === 'import-worker.js' ? ['XMLHttpRequest'] : [];
      expect(found(code, /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\b/g).filter((x) => !allowed.includes(x)), file).toEqual([]);
    }
    for (const page of ['options.html', 'popup.html']) {
      expect(read(page)).not.toMatch(/<script>|<script [^>]*>[^<]/);
      expect(read(page)).not.toMatch(/https?:\/\//);
    }
  });
});
