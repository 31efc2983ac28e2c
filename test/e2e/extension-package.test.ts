/**
 * `npm run package`: store zips with manifest.json at their root holding
 * exactly the files of the build. Run `npm run build:extension` first.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { packageExtension } from '../../extension/package.ts';
import { builtExtension, requireBuild } from './ext/harness.ts';

let tmp = '';
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('packageExtension', () => {
  it('writes a Chrome and a Firefox zip, each holding every built file with the manifest at the root', async () => {
    requireBuild();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'cvlens-pkg-'));
    const zips = await packageExtension(builtExtension, tmp);
    expect(zips.map((z) => path.basename(z))).toEqual(['cvlens-chrome.zip', 'cvlens-firefox.zip']);
    const built = (await readdir(builtExtension, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => path.relative(builtExtension, path.join(d.parentPath, d.name)))
      .sort();
    for (const zip of zips) {
      const { stdout } = await promisify(execFile)('unzip', ['-Z1', zip]);
      const files = stdout.split('\n').filter((f) => f && !f.endsWith('/')).sort();
      expect(files).toEqual(built);
      expect(files).toContain('manifest.json');
    }
  });

  it('refuses to package without a build', async () => {
    await expect(packageExtension(path.join(os.tmpdir(), 'no-such-build'), os.tmpdir())).rejects.toThrow(/build:extension/);
  });
});
