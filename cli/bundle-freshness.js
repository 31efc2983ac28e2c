// Whether the compiled command (cli/dist/) may run: it records the sources
// it was built from and when (inputs.json); it is fresh while none of them
// has changed since. Plain JavaScript: the launcher asks before it knows
// whether TypeScript can be loaded.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @param {URL} dist the bundle's folder (with a trailing slash)
 * @param {URL} root the folder the recorded source paths are relative to
 * @returns {boolean} false when the bundle is missing, unreadable, or older than a source
 */
export function bundleIsFresh(dist, root) {
  try {
    const { built, inputs } = JSON.parse(readFileSync(new URL('inputs.json', dist), 'utf8'));
    if (typeof built !== 'number' || !Array.isArray(inputs) || inputs.length === 0) return false;
    // Paths, not a URL per source: on every start of the command, the URLs took twice as long as the stats.
    const base = fileURLToPath(root);
    for (const file of inputs) {
      const stat = statSync(join(base, file), { throwIfNoEntry: false });
      if (stat === undefined || !(stat.mtimeMs <= built)) return false;
    }
    return true;
  } catch {
    return false;
  }
}
