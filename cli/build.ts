/**
 * `npm run build:cli`: compiles the command into one ES module (plus chunks
 * for the commands, loaded when run) in cli/dist/, so that `cvlens` starts
 * without compiling TypeScript on every run (tsx took 0.7 s for --help).
 *
 *   cvlens.mjs    main() and what every command needs (the core included)
 *   chunks/*.mjs  one per command and for the workbook writer
 *   inputs.json   the sources it was built from and when: bin.js runs the
 *                 bundle only while none of them is newer
 *
 * exceljs stays outside the bundle: it is a dependency installed beside it,
 * imported only when an .xlsx is read (the workbook is written without it).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds into `out` (default cli/dist); source paths in inputs.json are relative to the repository. */
export async function buildCli(out = path.join(repo, 'cli', 'dist')): Promise<{ bytes: number; inputs: number; metafile: Metafile }> {
  // Taken before reading any source: a source saved during the build is newer and so marks the bundle stale.
  const built = Date.now();
  const pkg = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as { version: string };
  // Built beside the old bundle and swapped in, so a command started meanwhile never sees half a build.
  const staging = `${out}.${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: repo,
    entryPoints: { cvlens: 'cli/main.ts' },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies installed beside the bundle: exceljs loads lazily to read an .xlsx, DuckDB's native binding cannot be bundled.
    external: ['exceljs', '@duckdb/*'],
    define: { CVLENS_VERSION: JSON.stringify(pkg.version) },


    metafile: true,
    logLevel: 'warning',
  });
  const inputs = [...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/')), 'package.json'];
  await writeFile(path.join(staging, 'inputs.json'), JSON.stringify({ built, inputs }, null, 1) + '\n');
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  await mkdir(path.dirname(out), { recursive: true });
  const old = `${out}.old.${process.pid}`;
  await rename(out, old).catch(() => undefined);
  await rename(staging, out);
  await rm(old, { recursive: true, force: true });
  return { bytes, inputs: inputs.length, metafile: result.metafile };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { bytes, inputs } = await buildCli();
  process.stdout.write(`cli/dist/cvlens.mjs: ${(bytes / 1024).toFixed(0)} KiB from ${inputs} sources\n`);
}
