/**
 * Where two results differ, for tests that ask two ways of computing one
 * analysis for the same numbers (the columnar and object paths, the fit
 * worker and the main thread): every number compared by Object.is, not
 * merely close.
 */

/** Paths where two values differ (at most about 20); numbers by Object.is, Maps as objects, functions and `seconds` (a timing) skipped. */
export function differences(a: unknown, b: unknown, path = '$', out: string[] = []): string[] {
  if (out.length > 20) return out;
  if (typeof a === 'number' && typeof b === 'number') {
    if (!Object.is(a, b)) out.push(`${path}: ${a} vs ${b}`);
    return out;
  }
  if (typeof a === 'function' && typeof b === 'function') return out;
  if (a instanceof Map && b instanceof Map) {
    return differences(Object.fromEntries(a), Object.fromEntries(b), path, out);
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (k === 'seconds') continue;
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
    }
    return out;
  }
  if (a !== b) out.push(`${path}: ${String(a)} vs ${String(b)}`);
  return out;
}
