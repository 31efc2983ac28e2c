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
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * How the command is bundled, for the command and for anything that must
 * start and hold memory as it does (the pipeline bench's child).
 */
export async function nodeBundleOptions(): Promise<BuildOptions> {
  return {
    absWorkingDir: repo,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies installed beside the bundle: exceljs loads lazily to read an .xlsx, DuckDB's native binding cannot be bundled.
    external: ['exceljs', '@duckdb/*'],
    plugins: [importCoreModulesDirectly(await readFile(path.join(repo, 'core', 'index.ts'), 'utf8'))],
    logLevel: 'warning',
  };
}

/** Builds into `out` (default cli/dist); source paths in inputs.json are relative to the repository. */
export async function buildCli(out = path.join(repo, 'cli', 'dist')): Promise<{ bytes: number; inputs: number; metafile: Metafile }> {
  // Taken before reading any source: a source saved during the build is newer and so marks the bundle stale.
  const built = Date.now();
  const pkg = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as { version: string };
  // Built beside the old bundle and swapped in, so a command started meanwhile never sees half a build.
  const staging = `${out}.${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const result = await build({
    entryPoints: { cvlens: 'cli/main.ts', 'parse-worker': 'cli/parse-worker.ts', 'fit-worker': 'cli/fit-worker.ts' },
    outdir: staging,
    ...(await nodeBundleOptions()),
    chunkNames: 'chunks/[name]-[hash]',
    define: { CVLENS_VERSION: JSON.stringify(pkg.version) },
    metafile: true,
  });
  // core/index.ts is read by the plugin, not bundled: an edit to where it takes a name from changes the bundle too.
  const inputs = [...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/')), 'core/index.ts', 'package.json'];
  await writeFile(path.join(staging, 'inputs.json'), JSON.stringify({ built, inputs }, null, 1) + '\n');
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  await mkdir(path.dirname(out), { recursive: true });
  const old = `${out}.old.${process.pid}`;
  await rename(out, old).catch(() => undefined);
  await rename(staging, out);
  await rm(old, { recursive: true, force: true });
  return { bytes, inputs: inputs.length, metafile: result.metafile };
}

/**
 * esbuild assigns whole files to chunks by which entry points can reach them
 * through static imports, before tree shaking: since cli/main.ts imports a
 * name or two from core/index.ts, which re-exports every core module, the
 * whole core (models, readers, SQL, simulation) landed in the chunk that
 * `cvlens --help` loads, about 20 ms of compiling for nothing. Rewriting each
 * `import { … } from '…/core/index.ts'` (or `export { … } from`) in cli/ into imports from the modules
 * that define those names lets every command load only what it uses, while
 * the sources keep importing from the core's one public surface.
 */
export function importCoreModulesDirectly(indexSource: string): Plugin {
  const home = barrelExports(indexSource);
  return {
    name: 'import-core-modules-directly',
    setup(b) {
      b.onLoad({ filter: /[\\/]cli[\\/].*\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        return { contents: rewriteCoreImports(source, home, args.path), loader: 'ts' };
      });
    },
  };
}

/** Name → module (relative to core/) of every `export { … } from './x.ts'` in core/index.ts. */
export function barrelExports(indexSource: string): Map<string, string> {
  const home = new Map<string, string>();
  for (const m of indexSource.matchAll(/^export\s+(type\s+)?\{([^}]*)\}\s+from\s+'\.\/([^']+)';/gm)) {
    if (m[1]) continue; // type-only: erased, never imported at run time
    for (const spec of m[2]!.split(',')) {
      const name = spec.trim();
      if (name === '' || name.startsWith('type ')) continue;
      if (name.includes(' as ')) throw new Error(`core/index.ts: renamed export '${name}' is not supported by the CLI build`);
      home.set(name, m[3]!);
    }
  }
  return home;
}

export function rewriteCoreImports(source: string, home: ReadonlyMap<string, string>, file: string): string {
  return source.replace(/^(import|export)\s+(type\s+)?\{([^}]*)\}\s+from\s+'((?:\.\.\/)+)core\/index\.ts';/gm, (whole, keyword: string, typeOnly: string | undefined, specs: string, up: string) => {
    if (typeOnly) return whole;
    const byModule = new Map<string, string[]>();
    for (const spec of specs.split(',')) {
      const s = spec.trim();
      if (s === '' || s.startsWith('type ')) continue;
      const name = s.split(/\s+as\s+/)[0]!;
      const module = home.get(name);
      if (module === undefined) throw new Error(`${file}: '${name}' is not exported by core/index.ts`);
      byModule.set(module, [...(byModule.get(module) ?? []), s]);
    }
    // As many lines as the original, so that esbuild's messages point at the right line.
    const lines = whole.split('\n').length;
    const imports = [...byModule].map(([module, names]) => `${keyword} { ${names.join(', ')} } from '${up}core/${module}';`).join(' ');
    return imports + '\n'.repeat(lines - 1);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { bytes, inputs } = await buildCli();
  process.stdout.write(`cli/dist/cvlens.mjs: ${(bytes / 1024).toFixed(0)} KiB from ${inputs} sources\n`);
}
