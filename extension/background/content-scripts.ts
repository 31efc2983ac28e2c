/** A content-script registration: one per enabled CRM. */
export interface PlannedScript {
  id: string;
  matches: string[];
}

/** The slice of `browser.scripting` the sync needs (so tests can pass a fake). */
export interface ScriptingLike {
  getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; runAt?: string }[]>;
  registerContentScripts(scripts: { id: string; matches: string[]; js: string[]; runAt: typeof RUN_AT; allFrames: boolean }[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
}

const PREFIX = 'crm-';

/**
 * When the content script runs: once the document is parsed and the page's
 * own parser-inserted and deferred scripts have run (DOMContentLoaded), not
 * at `document_idle`, which the browser may put as late as the load event
 * (a CRM page loads many images and frames after its list). Not at
 * `document_start` either: badges written into markup the page's scripts
 * have not yet run on (hydration) could break them, and scans during the
 * parse slowed the load event more (measured: 159 ms after the parse vs
 * 32 ms without the extension); lists the CRM renders later are seen by the
 * script's observer either way.
 */
export const RUN_AT = 'document_end';

/** Id of the registration covering the single sites the user enabled for the generic adapter. */
export const GENERIC_SCRIPT_ID = `${PREFIX}generic`;

/**
 * Which content scripts should be registered: one per CRM adapter whose every
 * origin is among the granted host permissions, matching exactly those
 * origins; and one (`crm-generic`) for the granted origins no CRM adapter
 * declares — the single sites the user enabled for the generic adapter.
 *
 * @param adapters  id and origin match patterns of each CRM adapter
 * @param granted  origins from `permissions.getAll()`
 * @example
 * plannedScripts([{ id: 'hubspot', origins: ['https://app.hubspot.com/*'] }], ['https://app.hubspot.com/*'])
 * // [{ id: 'crm-hubspot', matches: ['https://app.hubspot.com/*'] }]
 */
export function plannedScripts(adapters: readonly { id: string; origins: readonly string[] }[], granted: readonly string[]): PlannedScript[] {
  const have = new Set(granted);
  const planned = adapters
    .filter((a) => a.origins.length > 0 && a.origins.every((o) => have.has(o)))
    .map((a) => ({ id: PREFIX + a.id, matches: [...a.origins] }));
  const declared = new Set(adapters.flatMap((a) => a.origins));
  const single = granted.filter((o) => !declared.has(o) && isSingleSite(o)).sort();
  if (single.length && adapters.some((a) => a.id === 'generic')) planned.push({ id: GENERIC_SCRIPT_ID, matches: single });
  return planned;
}

/**
 * Whether a match pattern names one site (`https://mail.example.org/*`), not
 * a wildcard host: the generic adapter is only ever enabled site by site.
 * @example isSingleSite('https://*.example.com/*') // false
 */
export function isSingleSite(pattern: string): boolean {
  return /^https?:\/\/[^*/]+\/\*$/.test(pattern);
}

/**
 * The match pattern enabling the generic adapter on the site of `address`
 * (scheme and host; any path), or undefined for anything but http(s).
 * @example sitePattern('mail.example.org/inbox') // 'https://mail.example.org/*'
 */
export function sitePattern(address: string): string | undefined {
  const text = address.trim();
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return undefined;
  }
}

/**
 * Makes the registered content scripts equal to `planned`: unregisters ours
 * that are no longer planned (permission revoked), whose origins changed or
 * that an earlier version registered to run at another time, registers the
 * missing ones. Registrations not made by us are left alone.
 *
 * @returns the ids registered afterwards
 */
export async function syncContentScripts(scripting: ScriptingLike, planned: readonly PlannedScript[], file = 'content.js'): Promise<string[]> {
  const current = (await scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(PREFIX));
  const wanted = new Map(planned.map((p) => [p.id, p]));
  const stale = current.filter((s) => {
    const p = wanted.get(s.id);
    return !p || [...(s.matches ?? [])].sort().join() !== [...p.matches].sort().join() || s.runAt !== RUN_AT;
  });
  if (stale.length) await scripting.unregisterContentScripts({ ids: stale.map((s) => s.id) });
  const kept = new Set(current.filter((s) => !stale.includes(s)).map((s) => s.id));
  const missing = planned.filter((p) => !kept.has(p.id));
  if (missing.length) {
    await scripting.registerContentScripts(
      missing.map((p) => ({ id: p.id, matches: p.matches, js: [file], runAt: RUN_AT, allFrames: false })),
    );
  }
  return planned.map((p) => p.id).sort();
}

/**
 * Runs `task` one at a time, whoever asks: a call while it runs gets the
 * run that starts after it (every call during one run shares that next run),
 * so each run reads the state left by the one before — permission events,
 * the options page and browser start-up can all ask at once without two
 * syncs registering the same script ("Duplicate script ID") or
 * unregistering one twice ("Nonexistent script ID").
 *
 * @example
 * const sync = oneAtATime(() => reconcile());
 * await Promise.all([sync(), sync(), sync()]); // reconcile ran at most twice, never overlapping
 */
export function oneAtATime<T>(task: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const run = task().finally(() => {
      if (running === run) running = undefined;
    });
    running = run;
    return run;
  };
  return () => {
    if (!running) return start();
    if (!next) {
      const settled = running.then(
        () => undefined,
        () => undefined,
      );
      next = settled.then(() => {
        next = undefined;
        return start();
      });
    }
    return next;
  };
}

/**
 * Whether a page at `url` lies in one of the match patterns `patterns`
 * (scheme, host with an optional leading `*.`, any path; `<all_urls>`).
 * @example urlMatches('https://acme.lightning.force.com/x', ['https://*.lightning.force.com/*']) // true
 */
export function urlMatches(url: string, patterns: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return patterns.some((p) => {
    if (p === '<all_urls>') return u.protocol === 'https:' || u.protocol === 'http:';
    const m = /^(\*|https?):\/\/([^/]+)\//.exec(p);
    if (!m) return false;
    const [, scheme, host] = m;
    if (scheme === '*' ? u.protocol !== 'https:' && u.protocol !== 'http:' : u.protocol !== `${scheme}:`) return false;
    if (host === '*') return true;
    if (host.startsWith('*.')) return u.hostname === host.slice(2) || u.hostname.endsWith(host.slice(1));
    return u.hostname === host;
  });
}
