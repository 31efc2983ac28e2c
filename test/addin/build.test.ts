/**
 * The add-in build: metadata generated from JSDoc names exactly the intended
 * functions, the build fails on generator errors, and dist/ has what the
 * manifest points at (built into a temporary folder, not dist/).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../addin/build.ts';
import { checkDataTypeResults, generateMetadata, localizeMetadata, type Metadata } from '../../addin/build/metadata.ts';
import { ZH_DESCRIPTIONS } from '../../addin/functions/descriptions-zh.ts';
import { DATA_TYPE_RESULTS, FUNCTION_FILES } from '../../addin/functions/index.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const files = FUNCTION_FILES.map((f) => path.join(repo, 'addin/functions', f));

const INTENDED = ['BGNBD', 'CHURNRISK', 'CLV', 'CVTIER', 'EXPPURCHASES', 'PALIVE', 'PCLV', 'RFM', 'RFMSEGMENT', 'SEGMENT', 'STAGE', 'VALUEMATRIX'];

describe('custom function metadata', () => {
  let metadata: Metadata;
  beforeAll(async () => {
    metadata = await generateMetadata(files);
  });

  it('contains exactly the intended ids', () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(INTENDED);
  });

  it('documents every function and every parameter, with a help URL', () => {
    for (const f of metadata.functions) {
      expect(f.description, f.id).toBeTruthy();
      expect(f.helpUrl, f.id).toMatch(/^https:\/\/localhost:3000\/help\.html#/);
      for (const p of f.parameters) expect(p.description, `${f.id}.${p.name}`).toBeTruthy();
    }
  });

  it('marks optional arguments optional and spills matrices', () => {
    const clv = metadata.functions.find((f) => f.id === 'CLV');
    expect(clv?.parameters.map((p) => [p.name, Boolean(p.optional)])).toEqual([
      ['margin', false], ['retention', false], ['discount', false], ['periods', true], ['acquisition_cost', true], ['timing', true],
    ]);
    const seg = metadata.functions.find((f) => f.id === 'SEGMENT');
    expect(seg?.result.dimensionality).toBe('matrix');
    expect(seg?.parameters[0].dimensionality).toBe('matrix');
  });

  it("lets CV.SEGMENT's formatted dates through: allowCustomDataForDataTypeAny set, its result of type any", () => {
    expect(DATA_TYPE_RESULTS).toEqual(['SEGMENT']);
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
    expect(() => checkDataTypeResults(metadata, DATA_TYPE_RESULTS)).not.toThrow();
    expect(localizeMetadata(metadata, ZH_DESCRIPTIONS).allowCustomDataForDataTypeAny).toBe(true);
  });

  it('the build check fails without allowCustomDataForDataTypeAny, or with a result typed other than any', () => {
    expect(() => checkDataTypeResults({ ...metadata, allowCustomDataForDataTypeAny: undefined }, DATA_TYPE_RESULTS)).toThrow(/does not set allowCustomDataForDataTypeAny/);
    const typed = structuredClone(metadata);
    typed.functions.find((f) => f.id === 'SEGMENT')!.result.type = 'number';
    expect(() => checkDataTypeResults(typed, DATA_TYPE_RESULTS)).toThrow(/SEGMENT: result declared number, not any/);
    expect(() => checkDataTypeResults(metadata, ['NOPE'])).toThrow(/NOPE: not declared/);
  });

  it('has a Chinese description for every function and every parameter, and none for anything else', () => {
    const zh = localizeMetadata(metadata, ZH_DESCRIPTIONS);
    for (const f of zh.functions) {
      expect(f.description, f.id).toMatch(/[\u4e00-\u9fff]/);
      for (const p of f.parameters) expect(p.description, `${f.id}.${p.name}`).toMatch(/[\u4e00-\u9fff]/);
    }
    // Only the descriptions differ: ids, names, parameters and shapes are those Excel already knows.
    const shape = (m: Metadata) => m.functions.map((f) => ({ ...f, description: undefined, parameters: f.parameters.map((p) => ({ ...p, description: undefined })) }));
    expect(shape(zh)).toEqual(shape(metadata));
    expect(zh.allowErrorForDataTypeAny).toBe(true);
  });

  it('names what lacks a Chinese description, and what is described but does not exist', () => {
    const { CLV, ...withoutClv } = ZH_DESCRIPTIONS;
    expect(() => localizeMetadata(metadata, withoutClv)).toThrow(/missing for \[CLV, CLV\(margin\)/);
    const extra = { ...ZH_DESCRIPTIONS, CLV: { ...CLV, parameters: { ...CLV.parameters, rate: '利率' } } };
    expect(() => localizeMetadata(metadata, extra)).toThrow(/unknown \[CLV\(rate\)\]/);
  });

  it('fails when the generator reports an error', async () => {
    const bad = path.join(mkdtempSync(path.join(tmpdir(), 'cvlens-meta-')), 'bad.ts');
    writeFileSync(bad, '/**\n * Bad.\n * @customfunction BAD\n * @param x a map\n */\nexport function bad(x: Map<string, number>): number { return 1; }\n');
    await expect(generateMetadata([bad])).rejects.toThrow(/reported 1 error/);
  });
});

describe('npm run build:addin', () => {
  let out: string;
  beforeAll(async () => {
    out = path.join(mkdtempSync(path.join(tmpdir(), 'cvlens-addin-')), 'dist');
    await buildAddin({ outDir: out, baseUrl: 'https://cv.example.com/', minify: false });
  }, 60_000);

  it('writes every file the manifest points at', () => {
    for (const f of ['taskpane.html', 'functions.js', 'functions.json', 'functions-zh.json', 'help.html', 'manifest.xml', 'assets/icon-16.png', 'assets/icon-20.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png']) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
    // Each icon is the size its name says (PNG IHDR: width and height at bytes 16 and 20).
    for (const size of [16, 20, 24, 32, 40, 48, 64, 80]) {
      const png = readFileSync(path.join(out, `assets/icon-${size}.png`));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], `icon-${size}`).toEqual([size, size]);
    }
    const manifest = readFileSync(path.join(out, 'manifest.xml'), 'utf8');
    for (const m of manifest.matchAll(/https:\/\/cv\.example\.com\/([\w./-]+)/g)) expect(existsSync(path.join(out, m[1])), m[1]).toBe(true);
    // help.html has the anchors the manifest and functions.json link to.
    const help = readFileSync(path.join(out, 'help.html'), 'utf8');
    for (const m of manifest.matchAll(/help\.html#([\w-]+)/g)) expect(help, m[1]).toContain(`id="${m[1]}"`);
  });

  it('loads office.js from the CDN and the functions in the task pane page (shared runtime)', () => {
    const html = readFileSync(path.join(out, 'taskpane.html'), 'utf8');
    expect(html).toContain('<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>');
    expect(html).toContain('<script src="functions.js"></script>');
  });

  it('declares CV.SEGMENT cancelable and carries its analysis worker inside functions.js, started from a Blob URL', () => {
    const meta = JSON.parse(readFileSync(path.join(out, 'functions.json'), 'utf8')) as Metadata;
    // And lets it return formatted dates, in both languages' metadata.
    expect(meta.allowCustomDataForDataTypeAny).toBe(true);
    expect((JSON.parse(readFileSync(path.join(out, 'functions-zh.json'), 'utf8')) as Metadata).allowCustomDataForDataTypeAny).toBe(true);
    expect(meta.functions.filter((f) => f.options?.cancelable).map((f) => f.id)).toEqual(['SEGMENT']);
    const js = readFileSync(path.join(out, 'functions.js'), 'utf8');
    expect(js).toContain('createObjectURL');
    expect(js).toContain('new Worker(');
    // The worker's own code (its message listener and core's analysis) is a string inside the bundle, not a file beside it.
    expect(js).not.toMatch(/new URL\([^)]*worker/i);
    expect(js).toMatch(/self\.addEventListener\(\\?["'`]message/);
  });

  it('moves help URLs to the base URL and associates every id in functions.js', () => {
    const meta = JSON.parse(readFileSync(path.join(out, 'functions.json'), 'utf8')) as Metadata;
    expect(meta.functions.every((f) => f.helpUrl?.startsWith('https://cv.example.com/help.html#'))).toBe(true);
    // Run the bundle as Excel's runtime would, with a recording CustomFunctions.
    const associated: string[] = [];
    const CustomFunctions = { associate: (id: string, fn: unknown) => typeof fn === 'function' && associated.push(id) };
    runInNewContext(readFileSync(path.join(out, 'functions.js'), 'utf8'), { CustomFunctions });
    expect(associated.sort()).toEqual(INTENDED);
  });
});
