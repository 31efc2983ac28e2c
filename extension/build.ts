/**
 * Builds the unpacked extension into dist/extension/ (npm run build:extension).
 *
 * Every script is a single-file classic (IIFE) bundle made by vite's build()
 * API: the background runs as a Chromium service worker and as a Firefox
 * event page from the same file, content scripts cannot be modules, and the
 * import worker stays a classic worker. Pages are plain HTML written here,
 * loading their bundle with <script src>: no inline script, no eval, no
 * remote code. Icons are drawn, locales generated from extension/locales.ts.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';
import { buildManifest } from './manifest.ts';
import { localeFile } from './locales.ts';
import { drawIcon } from './build/icon.ts';
import { pageHtml } from './build/page-html.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/** Entry → output file (all IIFE). */
const bundles: Record<string, string> = {
  'background/index.ts': 'background.js',
  'content/index.ts': 'content.js',
  'options/import-worker.ts': 'import-worker.js',
  'options/main.tsx': 'options.js',
  'popup/main.tsx': 'popup.js',
};

function bundleConfig(entry: string, fileName: string, outDir: string): InlineConfig {
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      target: ['chrome120', 'firefox128'],
      minify: true,
      sourcemap: false,
      modulePreload: false,
      lib: { entry: path.join(here, entry), formats: ['iife'], name: 'cvlens', fileName: () => fileName },
      rollupOptions: {
        // The core (and papaparse, a CommonJS module the bundler must
        // otherwise assume has side effects) is imported through
        // core/index.ts; declaring it side-effect-free lets a bundle keep
        // only what it uses, so the content script stays small.
        treeshake: { moduleSideEffects: (id: string) => !/[\\/](core|papaparse)[\\/]/.test(id) },
      },
    },
  } as InlineConfig;
}

/**
 * Writes the whole unpacked extension to `outDir` and returns its path.
 * @throws whatever vite throws on a compile error (the build fails loudly)
 */
export async function buildExtension(outDir = path.join(root, 'dist/extension')): Promise<string> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  for (const [entry, fileName] of Object.entries(bundles)) await build(bundleConfig(entry, fileName, outDir));

  const { adapters } = await import('./shared/crm-adapters.ts');
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const manifest = buildManifest({ version: pkg.version, crmOrigins: adapters.flatMap((a) => a.origins) });
  await writeFile(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  for (const lang of ['en', 'zh_CN'] as const) {
    await mkdir(path.join(outDir, '_locales', lang), { recursive: true });
    await writeFile(path.join(outDir, '_locales', lang, 'messages.json'), JSON.stringify(localeFile(lang), null, 2) + '\n');
  }
  await mkdir(path.join(outDir, 'icons'), { recursive: true });
  for (const size of [16, 32, 48, 128]) await writeFile(path.join(outDir, 'icons', `${size}.png`), drawIcon(size));

  await writeFile(path.join(outDir, 'options.html'), pageHtml({ title: 'cvlens', script: 'options.js', css: 'pages.css' }));
  await writeFile(path.join(outDir, 'popup.html'), pageHtml({ title: 'cvlens', script: 'popup.js', css: 'pages.css' }));
  await writeFile(path.join(outDir, 'pages.css'), await readFile(path.join(here, 'shared/pages.css'), 'utf8'));
  return outDir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const out = await buildExtension();
  console.log(`extension built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${path.relative(process.cwd(), out)}`);
}
