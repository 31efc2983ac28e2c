/**
 * The manifest validates offline against Microsoft's published v1.1 XSDs
 * (with the local patches described in shared/schemas/office-addin-manifest),
 * both the source (dev URLs) and the copy rebased to a production URL.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rebaseManifest } from '../../addin/build/manifest.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = path.resolve(repo, '../shared/schemas/office-addin-manifest/OfficeAppManifestV1_1.xsd');
const manifestPath = path.join(repo, 'manifest.xml');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const why = !hasXmllint ? 'xmllint is not installed (apt-get install -y libxml2-utils)' : !existsSync(schema) ? `schema missing at ${schema}` : '';
if (why) console.warn(`manifest schema validation skipped: ${why}`);

function validate(file: string): string {
  const r = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
  return r.status === 0 ? 'valid' : r.stderr;
}

describe('manifest.xml', () => {
  it.skipIf(Boolean(why))('validates against the add-in manifest schema', () => {
    expect(validate(manifestPath)).toBe('valid');
  });

  it.skipIf(Boolean(why))('still validates after the build moves it to a production base URL', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cvlens-manifest-'));
    const file = path.join(dir, 'manifest.xml');
    writeFileSync(file, rebaseManifest(readFileSync(manifestPath, 'utf8'), 'https://cv.example.com/addin/'));
    expect(validate(file)).toBe('valid');
    const xml = readFileSync(file, 'utf8');
    expect(xml).not.toContain('localhost');
    expect(xml).toContain('<AppDomain>https://cv.example.com</AppDomain>');
    expect(xml).toContain('https://cv.example.com/addin/functions.json');
  });

  it('declares a task pane, a ribbon button, CV custom functions and a shared runtime', () => {
    const xml = readFileSync(manifestPath, 'utf8');
    expect(xml).toMatch(/xsi:type="TaskPaneApp"/);
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
    expect(xml).toMatch(/<ExtensionPoint xsi:type="CustomFunctions">[\s\S]*<Script>[\s\S]*<Page>[\s\S]*<Metadata>[\s\S]*<Namespace resid="Functions.Namespace"\/>/);
    expect(xml).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="CV"\/>/);
    expect(xml).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
    expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    // Every resid used is defined once in Resources.
    const used = new Set([...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]));
    const defined = [...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(defined).size).toBe(defined.length);
    for (const id of used) expect(defined).toContain(id);
  });

  it('refuses a base URL that is not https or lacks the trailing slash', () => {
    expect(() => rebaseManifest('', 'http://x.example/')).toThrow(/https/);
    expect(() => rebaseManifest('', 'https://x.example/addin')).toThrow(/end with/);
  });
});

