/**
 * `npm run build:addin`: builds the Excel add-in into dist/addin/ with vite's
 * build() API:
 *
 *   taskpane.html (+ assets)  the shared-runtime page: task pane UI, loads office.js from the CDN
 *   functions.js              the custom functions (IIFE), associated with their ids
 *   functions.json            metadata generated from the @customfunction JSDoc
 *   functions-zh.json         the same with Chinese descriptions (functions/descriptions-zh.ts), for zh-CN Office
 *   help.html                 one section per function (the metadata's help URLs)
 *   manifest.xml              the root manifest with URLs moved to the base URL (own Id and name for localhost)
 *   assets/icon-*.png         icons
 *
 * The base URL is env CVLENS_BASE_URL (default https://localhost:3000/).
 * The build fails when the metadata generator reports any error, or when the
 * ids functions.js associates (run in a sandbox with a recording
 * CustomFunctions) differ from functions.json's, or when a parameter
 * meant for a range (RANGE_PARAMETERS) is declared scalar, or when a function
 * that returns formatted dates (DATA_TYPE_RESULTS) could not (no
 * allowCustomDataForDataTypeAny, or a result not of type any), or when a
 * function or parameter lacks its Chinese description.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import preact from '@preact/preset-vite';
import { build, createLogger } from 'vite';
import { helpPage } from './build/help.ts';
import { ICON_SIZES, pngIcon } from './build/icons.ts';
import { manifestFor } from './build/manifest.ts';
import { checkDataTypeResults, checkIds, checkParameterNames, checkRangeParameters, DEV_BASE_URL, generateMetadata, localizeMetadata } from './build/metadata.ts';
import { ZH_DESCRIPTIONS } from './functions/descriptions-zh.ts';
import { EXAMPLES } from './functions/examples.ts';
import { DATA_TYPE_RESULTS, FUNCTION_FILES, PARAMETERS, RANGE_PARAMETERS } from './functions/declarations.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

export interface AddinBuildOptions {
  /** Where the add-in will be served; must end with "/". */
  baseUrl?: string;
  outDir?: string;
  /** Minify the bundles (default true). */
  minify?: boolean;
}

export async function buildAddin(options: AddinBuildOptions = {}): Promise<{ outDir: string; ids: string[] }> {
  const baseUrl = options.baseUrl ?? DEV_BASE_URL;
  const outDir = options.outDir ?? path.join(repo, 'dist/addin');
  const minify = options.minify ?? true;

  // Metadata first: a JSDoc error should fail before any bundling.
  const metadata = await generateMetadata(FUNCTION_FILES.map((f) => path.join(here, 'functions', f)), baseUrl);
  checkIds(metadata, Object.keys(PARAMETERS));
  checkRangeParameters(metadata, RANGE_PARAMETERS);
  checkParameterNames(metadata, PARAMETERS);
  checkDataTypeResults(metadata, DATA_TYPE_RESULTS);
  const metadataZh = localizeMetadata(metadata, ZH_DESCRIPTIONS);
  const manifest = manifestFor(await readFile(path.join(repo, 'manifest.xml'), 'utf8'), baseUrl);

  await rm(outDir, { recursive: true, force: true });
  // functions.js is a classic script on purpose (Excel loads it on its own too): vite's note that it
  // "can't be bundled without type=module" is expected, every other warning is shown.
  const logger = createLogger('warn');
  const warn = logger.warn.bind(logger);
  logger.warn = (msg, options) => {
    if (!msg.includes('<script src="functions.js">')) warn(msg, options);
  };
  await build({
    configFile: false,
    root: path.join(here, 'taskpane'),
    base: './',
    logLevel: 'warn',
    customLogger: logger,
    plugins: [preact()],
    build: { outDir, emptyOutDir: false, minify, rollupOptions: { input: path.join(here, 'taskpane/taskpane.html') } },
  });
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: false,
      minify,
      lib: { entry: path.join(here, 'functions/register.ts'), formats: ['iife'], name: 'cvlensFunctions', fileName: () => 'functions.js' },
    },
  });

  checkIds(metadata, associatedIds(await readFile(path.join(outDir, 'functions.js'), 'utf8')));

  await writeFile(path.join(outDir, 'functions.json'), JSON.stringify(metadata, null, 2));
  await writeFile(path.join(outDir, 'functions-zh.json'), JSON.stringify(metadataZh, null, 2));
  await writeFile(path.join(outDir, 'help.html'), helpPage(metadata, Object.fromEntries(Object.entries(EXAMPLES).map(([id, e]) => [id, `${e.formula} → ${e.result}`]))));
  await writeFile(path.join(outDir, 'manifest.xml'), manifest);
  await mkdir(path.join(outDir, 'assets'), { recursive: true });
  for (const size of ICON_SIZES) await writeFile(path.join(outDir, `assets/icon-${size}.png`), pngIcon(size));
  return { outDir, ids: metadata.functions.map((f) => f.id) };
}

/** The ids the functions bundle associates when Excel's runtime loads it (a sandbox with only a recording CustomFunctions). */
export function associatedIds(functionsJs: string): string[] {
  const ids: string[] = [];
  const CustomFunctions = { associate: (id: string, fn: unknown) => typeof fn === 'function' && ids.push(id) };
  runInNewContext(functionsJs, { CustomFunctions });
  return ids;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAddin({ baseUrl: process.env.CVLENS_BASE_URL || DEV_BASE_URL })
    .then(({ outDir, ids }) => console.log(`add-in built in ${path.relative(process.cwd(), outDir)}: ${ids.length} functions (${ids.join(', ')})`))
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
