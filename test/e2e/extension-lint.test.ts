/**
 * `web-ext lint` (Mozilla's add-on linter) over the build: zero errors, and
 * only the warnings we understand and accept:
 * - BACKGROUND_SERVICE_WORKER_IGNORED: Firefox ignores `service_worker` and
 *   uses `scripts`, which is how one build serves both browsers.
 * - UNSAFE_VAR_ASSIGNMENT in options.js / popup.js: preact's renderer
 *   contains an `innerHTML` assignment for `dangerouslySetInnerHTML`, which
 *   our code never uses. The content script, which meets page data, must
 *   have none.
 * Run `npm run build:extension` first (npm test does).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { builtExtension, repoRoot, requireBuild } from './ext/harness.ts';

interface LintMessage {
  code: string;
  file?: string;
  message: string;
}

describe('web-ext lint', () => {
  it('finds no error in the build, and no unexpected warning', async () => {
    requireBuild();
    const bin = path.join(repoRoot, 'node_modules/.bin/web-ext');
    const { stdout } = await promisify(execFile)(bin, ['lint', '--source-dir', builtExtension, '--output', 'json', '--no-input'], { cwd: repoRoot, maxBuffer: 16 << 20 }).catch(
      // web-ext exits non-zero when it finds errors; the JSON is still on stdout.
      (e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }),
    );
    const report = JSON.parse(stdout) as { errors: LintMessage[]; warnings: LintMessage[] };
    expect(report.errors).toEqual([]);
    const unexpected = report.warnings.filter(
      (w) => !(w.code === 'BACKGROUND_SERVICE_WORKER_IGNORED' || (w.code === 'UNSAFE_VAR_ASSIGNMENT' && (w.file === 'options.js' || w.file === 'popup.js'))),
    );
    expect(unexpected).toEqual([]);
  }, 60_000);
});
