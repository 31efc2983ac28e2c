/**
 * The compiled command: built into a folder of its own (the suite's
 * commands keep using cli/dist undisturbed), it runs, it records its
 * sources, it starts without loading exceljs, and the launcher's freshness
 * test tells a bundle older than a source from a current one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './build.ts';
import { bundleIsFresh } from './bundle-freshness.js';

const dir = mkdtempSync(join(tmpdir(), 'cvlens-build-'));
const out = join(dir, 'dist');
let metafile: Awaited<ReturnType<typeof buildCli>>['metafile'];

beforeAll(async () => {
  ({ metafile } = await buildCli(out));
});

/** Runs main() of the bundle in `out` with the given arguments. */
function runBundle(args: string[], cwd = dir): { code: number | null; stdout: string; stderr: string } {
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(join(out, 'cvlens.mjs')).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run build:cli', () => {
  it('writes a bundle that runs the commands, its version from package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(runBundle(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = runBundle(['help', 'segment']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--header-row N');
    const csv = join(dir, 'sales.csv');
    writeFileSync(csv, 'customer,date,amount\nA,2024-01-02,10\nA,2024-02-03,12\nB,2024-01-15,30\n');
    const run = runBundle(['segment', csv, '--json', '--model', 'none']);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { customers: unknown[] }).customers).toHaveLength(2);
  });

  it('records the sources it was built from, and package.json', () => {
    const { built, inputs } = JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8')) as { built: number; inputs: string[] };
    expect(built).toBeLessThanOrEqual(Date.now());
    expect(inputs).toEqual(expect.arrayContaining(['cli/main.ts', 'cli/commands/segment.ts', 'core/index.ts', 'core/read/read-table.ts', 'package.json']));
    expect(inputs.some((f) => f.startsWith('node_modules/'))).toBe(false);
  });

  it('loads for --help only what it prints: no model, reader or option parser', () => {
    const outputs = metafile.outputs;
    const entry = Object.keys(outputs).find((k) => k.endsWith('/cvlens.mjs'))!;
    const loaded = new Set<string>();
    const statics = [entry];
    while (statics.length > 0) {
      const file = statics.pop()!;
      if (loaded.has(file)) continue;
      loaded.add(file);
      for (const i of outputs[file]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) statics.push(i.path);
    }
    const sources = [...loaded].flatMap((f) => Object.keys(outputs[f]!.inputs));
    expect(sources).toContain('cli/main.ts');
    for (const heavy of ['core/models/', 'core/read/read-table.ts', 'core/analysis/analyze.ts', 'cli/options.ts', 'cli/command-spec.ts']) {
      expect(sources.filter((s) => s.startsWith(heavy)), `${heavy} is loaded by --help`).toEqual([]);
    }
    // The whole core was 370 KB of it before the imports from core/index.ts were resolved at build time.
    const bytes = [...loaded].reduce((sum, f) => sum + outputs[f]!.bytes, 0);
    expect(bytes).toBeLessThan(100_000);
  });

  it('starts without exceljs: only a dynamic import reaches it', () => {
    const outputs = metafile.outputs;
    const entry = Object.keys(outputs).find((k) => k.endsWith('/cvlens.mjs'))!;
    const seen = new Set<string>();
    const statics = [entry];
    while (statics.length > 0) {
      const file = statics.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const i of outputs[file]?.imports ?? []) {
        expect(i.path === 'exceljs' && i.kind === 'import-statement', `${file} imports exceljs statically`).toBe(false);
        if (i.kind === 'import-statement' && !i.external) statics.push(i.path);
      }
    }
    expect(Object.values(outputs).some((o) => o.imports.some((i) => i.path === 'exceljs' && i.kind === 'dynamic-import'))).toBe(true);
  });
});

describe('bundleIsFresh', () => {
  const root = join(dir, 'fresh');
  const dist = join(root, 'dist');
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(dist, { recursive: true });
  const built = Date.now() - 60_000;
  const at = (ms: number) => new Date(ms);
  const url = (p: string) => pathToFileURL(p + '/');

  it('is fresh while no source is newer than the build, stale once one is, and when one or the record is missing', () => {
    writeFileSync(join(root, 'src', 'a.ts'), 'a');
    writeFileSync(join(root, 'package.json'), '{}');
    utimesSync(join(root, 'src', 'a.ts'), at(built - 5000), at(built - 5000));
    utimesSync(join(root, 'package.json'), at(built - 5000), at(built - 5000));
    expect(bundleIsFresh(url(dist), url(root))).toBe(false); // no inputs.json yet
    writeFileSync(join(dist, 'inputs.json'), JSON.stringify({ built, inputs: ['src/a.ts', 'package.json'] }));
    expect(bundleIsFresh(url(dist), url(root))).toBe(true);
    utimesSync(join(root, 'src', 'a.ts'), at(built + 1000), at(built + 1000));
    expect(bundleIsFresh(url(dist), url(root))).toBe(false);
    utimesSync(join(root, 'src', 'a.ts'), at(built - 1000), at(built - 1000));
    writeFileSync(join(dist, 'inputs.json'), JSON.stringify({ built, inputs: ['src/a.ts', 'src/gone.ts'] }));
    expect(bundleIsFresh(url(dist), url(root))).toBe(false);
    expect(existsSync(join(root, 'src', 'gone.ts'))).toBe(false);
  });
});
