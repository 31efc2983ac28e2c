/**
 * Packs the unpacked build (dist/extension, made by `npm run build:extension`)
 * into store uploads: dist/cvlens-chrome.zip (Chrome Web Store, Edge Add-ons)
 * and dist/cvlens-firefox.zip (addons.mozilla.org). Both hold the same files
 * — the manifest serves both browsers — with manifest.json at the root, as
 * the stores require. Uses Debian's `zip`; no npm dependency.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/**
 * Writes one zip per store into `outDir` and returns their paths.
 * @throws Error when the build is missing or `zip` is not installed
 * @example await packageExtension() // ['…/dist/cvlens-chrome.zip', '…/dist/cvlens-firefox.zip']
 */
export async function packageExtension(buildDir = path.join(root, 'dist/extension'), outDir = path.join(root, 'dist')): Promise<string[]> {
  if (!existsSync(path.join(buildDir, 'manifest.json'))) {
    throw new Error(`packageExtension: no build in ${buildDir}; run \`npm run build:extension\` first`);
  }
  const out: string[] = [];
  for (const store of ['chrome', 'firefox']) {
    const zipPath = path.resolve(outDir, `cvlens-${store}.zip`);
    await rm(zipPath, { force: true });
    try {
      // -X: no extra file attributes (uid/gid), so the archive depends on the files only.
      await promisify(execFile)('zip', ['-r', '-X', '-q', '-9', zipPath, '.'], { cwd: buildDir });
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new Error(code === 'ENOENT' ? 'packageExtension: `zip` is not installed (apt-get install zip)' : `packageExtension: zip failed: ${(e as Error).message}`);
    }
    out.push(zipPath);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of await packageExtension()) console.log(path.relative(process.cwd(), file));
}
