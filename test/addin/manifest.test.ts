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
import { ICON_SIZES } from '../../addin/build/icons.ts';
import { DEV_ID, manifestFor, rebaseManifest } from '../../addin/build/manifest.ts';
import { DEV_BASE_URL } from '../../addin/build/metadata.ts';
import { REQUIREMENTS } from '../../addin/taskpane/requirements.ts';

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

  it.skipIf(Boolean(why))('a dev build (localhost) validates too, under its own Id and name; a release keeps the released ones', () => {
    const source = readFileSync(manifestPath, 'utf8');
    const releasedId = /<Id>([^<]+)<\/Id>/.exec(source)?.[1];
    expect(releasedId).not.toBe(DEV_ID);
    const dir = mkdtempSync(path.join(tmpdir(), 'cvlens-manifest-'));
    const file = path.join(dir, 'manifest.xml');
    const dev = manifestFor(source, DEV_BASE_URL);
    writeFileSync(file, dev);
    expect(validate(file)).toBe('valid');
    expect(dev).toContain(`<Id>${DEV_ID}</Id>`);
    expect(dev).toContain('<DisplayName DefaultValue="cvlens (dev)">');
    expect(dev).toContain('<Override Locale="zh-CN" Value="cvlens 客户价值（开发版）"/>');
    expect(dev).toContain('<bt:String id="Tab.Label" DefaultValue="cvlens (dev)"/>');
    const release = manifestFor(source, 'https://cv.example.com/addin/');
    expect(release).toContain(`<Id>${releasedId}</Id>`);
    expect(release).not.toMatch(/\(dev\)|开发版/);
  });

  it('requires every set the code needs, the same ones the pane checks', () => {
    const xml = readFileSync(manifestPath, 'utf8');
    const base = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(xml)?.[1] ?? '';
    const declared = [...base.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map((m) => `${m[1]} ${m[2]}`).sort();
    expect(declared).toEqual(REQUIREMENTS.map((r) => `${r.name} ${r.minVersion}`).sort());
    expect(declared).toEqual(['CustomFunctionsRuntime 1.2', 'ExcelApi 1.7', 'SharedRuntime 1.1']);
  });

  it('gives the ribbon every icon size Office asks for (16, 32, 80 required; 20, 24, 40, 48, 64 for higher scales), each its own file', () => {
    const xml = readFileSync(manifestPath, 'utf8');
    const lists = [...xml.matchAll(/<Icon>([\s\S]*?)<\/Icon>/g)].map((m) => [...m[1].matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"\/>/g)]);
    expect(lists).toHaveLength(2);
    for (const list of lists) {
      expect(list.map((m) => Number(m[1]))).toEqual([16, 20, 24, 32, 40, 48, 64, 80]);
      for (const [, size, resid] of list) expect(xml).toContain(`<bt:Image id="${resid}" DefaultValue="https://localhost:3000/assets/icon-${size}.png"/>`);
    }
    expect(ICON_SIZES).toEqual([16, 20, 24, 32, 40, 48, 64, 80]);
  });

  it('gives zh-CN Office the functions with Chinese descriptions (an Override of the metadata URL)', () => {
    const xml = readFileSync(manifestPath, 'utf8');
    expect(xml).toMatch(/<bt:Url id="Functions\.Metadata\.Url" DefaultValue="https:\/\/localhost:3000\/functions\.json">\s*(<!--[^]*?-->\s*)?<bt:Override Locale="zh-CN" Value="https:\/\/localhost:3000\/functions-zh\.json"\/>/);
  });

  it('sends support and "learn more" to help.html, not the pane', () => {
    const xml = readFileSync(manifestPath, 'utf8');
    expect(xml).toContain('<SupportUrl DefaultValue="https://localhost:3000/help.html#support"/>');
    expect(xml).toContain('<LearnMoreUrl resid="Help.Url"/>');
    expect(xml).toContain('<bt:Url id="Help.Url" DefaultValue="https://localhost:3000/help.html"/>');
  });

  it('refuses a base URL that is not https or lacks the trailing slash', () => {
    expect(() => rebaseManifest('', 'http://x.example/')).toThrow(/https/);
    expect(() => rebaseManifest('', 'https://x.example/addin')).toThrow(/end with/);
  });
});

