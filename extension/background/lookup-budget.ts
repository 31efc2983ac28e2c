/**
 * How many distinct entities one page may have looked up within a sliding
 * window. A real list view never gets near it: CRMs page their lists (at most
 * 2,000 records in a Salesforce list view, 100 to 250 rows a page in
 * HubSpot, Dynamics and Zoho), badges are looked up only as rows come near
 * the screen, and the popup asking for a whole 1,000-row page stays within
 * it. A script enumerating candidate addresses to learn which are customers
 * reaches it within a minute and learns nothing more for as long as it keeps trying.
 */
export const LOOKUP_BUDGET = { distinct: 2000, windowMs: 60_000 } as const;

export interface LookupBudget {
  /**
   * For each entity (named by its lookup keys) a page asks about now,
   * whether it may be looked up. An entity admitted within the window is
   * admitted again at no cost; a new one counts against the page's budget,
   * and is refused once the budget is spent.
   */
  admit(page: string, entities: readonly string[]): boolean[];
}

/**
 * A lookup budget per page (a tab's frame and origin: reloading the page does
 * not reset it). `onExceeded` runs once each time a page that was within its
 * budget has a lookup refused — the extension shows it on its toolbar icon.
 *
 * @example
 * const budget = lookupBudget({ onExceeded: (page) => warn(page) });
 * budget.admit('tab 4/0 https://mail.example.org', ['email:a@b.c']) // [true]
 */
export function lookupBudget(options: { distinct?: number; windowMs?: number; now?: () => number; onExceeded?: (page: string) => void } = {}): LookupBudget {
  const distinct = options.distinct ?? LOOKUP_BUDGET.distinct;
  const windowMs = options.windowMs ?? LOOKUP_BUDGET.windowMs;
  const now = options.now ?? (() => Date.now());
  /** Per page: entity → when it was last admitted, oldest first (Map keeps insertion order). */
  const pages = new Map<string, { seen: Map<string, number>; over: boolean }>();

  const expire = (at: number) => {
    for (const [page, state] of pages) {
      for (const [entity, when] of state.seen) {
        if (at - when < windowMs) break;
        state.seen.delete(entity);
      }
      if (state.seen.size === 0) pages.delete(page);
    }
  };

  return {
    admit(page, entities) {
      const at = now();
      expire(at);
      let state = pages.get(page);
      if (!state) pages.set(page, (state = { seen: new Map(), over: false }));
      const { seen } = state;
      let refused = false;
      const out = entities.map((entity) => {
        if (seen.has(entity)) {
          // Moved to the end: the window runs from its last admission.
          seen.delete(entity);
          seen.set(entity, at);
          return true;
        }
        if (seen.size >= distinct) {
          refused = true;
          return false;
        }
        seen.set(entity, at);
        return true;
      });
      if (refused && !state.over) options.onExceeded?.(page);
      state.over = refused || (state.over && seen.size >= distinct);
      return out;
    },
  };
}
