import type { EntityScore } from '../store/stored-customer.ts';
import type { PageScore } from '../shared/protocol.ts';
import { BADGE_ATTR } from './badge.ts';
import { badgeSpot, columnOf, composedContains, insertAt, isAt, nameReadable, shownWhole, type BadgeSpot } from './badge-spot.ts';

/** A customer mention found on the page (the shape extension/sites returns). */
export interface PageEntity {
  anchor: Element;
  id: string;
  /** Canonical lookup keys, most specific first; asked for only when the entity is looked up. */
  lookupKeys(): string[];
  /** The page shows a company here (an account page, a company row). */
  company?: boolean;
  /** An address written in the anchor's own text (generic pages): its badge goes right after it. */
  address?: string;
}

/** How a badge is drawn: everything, the essentials (in a cell), or a tier mark (where a name would be squeezed). */
export type BadgeForm = 'full' | 'compact' | 'mark';

export interface BadgeLayerOptions {
  lookup(keys: string[], company?: boolean): Promise<PageScore | null>;
  /**
   * Builds the badge in `form`: `compact` when it goes into a table cell or
   * grid row, `mark` when the compact one left the name beside it too
   * narrow to read (see nameReadable).
   */
  render(entityId: string, score: PageScore, form: BadgeForm, entity: { company?: boolean }): HTMLElement;
  doc?: Document;
  /**
   * Runs the layer's DOM writes (badges in, badges out). The content script
   * passes a wrapper that keeps its own MutationObserver from treating these
   * writes as page changes; default: runs them as they are.
   */
  mutate?(write: () => void): void;
  /**
   * How far outside the viewport (and outside the visible part of any
   * scrolling list) an entity is looked up and badged before it is scrolled
   * to, in CSS pixels; default `NEAR_MARGIN`. `null` looks up and badges
   * every entity at once, seen or not (also where IntersectionObserver is
   * missing).
   */
  nearMargin?: NearMargin | null;
}

export interface NearMargin {
  /** Above and below. */
  block: number;
  /** Left and right. */
  inline: number;
}

/**
 * About a screen above and below what is shown (twice that on the page's own
 * scroller, where scrollMargin adds to rootMargin): rows a fast scroll
 * reaches before the next frame already carry their badge.
 */
export const NEAR_MARGIN: NearMargin = { block: 600, inline: 200 };

/** How many entities in a row found below the margin end the reading of boxes (see sync). */
const FAR_RUN = 24;

interface Slot {
  /** What identifies the slot across scans: the anchor, or for an address in text, a token per anchor and address. */
  key: object;
  anchor: Element;
  entityId: string;
  lookupKeys: () => string[];
  company?: boolean;
  address?: string;
  host?: HTMLElement;
  /** Where the host was put (after the anchor, after a wrapper that would clip the badge, in the text; see badgeSpot). */
  spot?: BadgeSpot;
  /** The lookup: absent until the entity came near (or the popup asked). */
  score?: Promise<PageScore | null>;
  /** The answer, once in; null when nothing matched. */
  found?: PageScore | null;
  /** The anchor has been within the near margin of the viewport. */
  near: boolean;
}

/**
 * Keeps exactly one badge next to each entity on the page. `sync(entities)`
 * is called after every (throttled) page change with everything currently
 * found: new entities are looked up and get a badge when matched; badges of
 * entities that disappeared, were re-rendered or changed identity are
 * removed; any stray badge host not owned by this layer is removed too (a
 * previous injection, a cloned row). Unmatched entities get no badge.
 *
 * An entity is looked up and badged when its anchor is on screen or near
 * it: at once for those near when found (one read of their boxes), through
 * an IntersectionObserver with the same margin for the rest as the reader
 * scrolls. Why: each badge written into a list costs the page a layout of the
 * rows it lands in (in a table whose columns size to their content, of the
 * whole table), and each lookup costs the background an index search. Doing
 * the twenty rows a reader sees, not the thousand of a long list view, is
 * what lets their badges appear within a frame or two of the list itself.
 *
 * @example
 * const layer = badgeLayer({ lookup, render });
 * layer.sync(found); // after each scan
 * layer.clear();     // when leaving the CRM
 */
export function badgeLayer(options: BadgeLayerOptions) {
  const doc = options.doc ?? document;
  const mutate = options.mutate ?? ((write: () => void) => write());
  const slots = new Map<object, Slot>();
  /** The slot of each host this layer put on the page, to tell strays apart without building a set per sync. */
  const owner = new WeakMap<Element, Slot>();
  /** Slots due a badge (matched and near); written together in one pass. */
  let ready: Slot[] = [];
  /** Slots waiting for their anchor to come near, by anchor (several addresses may share one). */
  const waiting = new Map<Element, Set<Slot>>();
  /** Columns (by their cells' position and width) whose badges are marks, and whether before the name. */
  const markColumns = new Map<string, boolean>();
  /** A stable key per anchor and address written in its text. */
  const tokens = new WeakMap<Element, Map<string, object>>();
  const keyOf = (entity: PageEntity): object => {
    if (entity.address === undefined) return entity.anchor;
    let byAddress = tokens.get(entity.anchor);
    if (!byAddress) tokens.set(entity.anchor, (byAddress = new Map()));
    let token = byAddress.get(entity.address);
    if (!token) byAddress.set(entity.address, (token = {}));
    return token;
  };
  const watch = (slot: Slot) => {
    let set = waiting.get(slot.anchor);
    if (!set) {
      waiting.set(slot.anchor, (set = new Set()));
      near?.observe(slot.anchor);
    }
    set.add(slot);
  };
  const unwatch = (slot: Slot) => {
    const set = waiting.get(slot.anchor);
    if (!set?.delete(slot) || set.size > 0) return;
    waiting.delete(slot.anchor);
    near?.unobserve(slot.anchor);
  };

  const margin = options.nearMargin === undefined ? NEAR_MARGIN : options.nearMargin;
  const view = doc.defaultView;
  const cssMargin = margin && `${margin.block}px ${margin.inline}px`;
  // The observer's reach on the page's own scroller, where rootMargin and
  // scrollMargin add up (measured in Chromium): boxes read at scan time
  // cover the same region, so its first report has nothing to add and the
  // rows around the view are badged in one batch of writes — one layout of
  // the list, not two.
  const reach = margin && { block: 2 * margin.block, inline: 2 * margin.inline };
  const near =
    cssMargin && view && typeof view.IntersectionObserver === 'function'
      ? new view.IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (!entry.isIntersecting) continue;
              const set = waiting.get(entry.target);
              near?.unobserve(entry.target);
              waiting.delete(entry.target);
              for (const slot of set ?? []) if (slots.get(slot.key) === slot && !slot.near) approach(slot);
            }
          },
          // scrollMargin (where supported) extends the same margin into
          // scrolling lists, which clip their rows before the viewport does
          // (for the page's own scroller the two add up).
          { rootMargin: cssMargin, scrollMargin: cssMargin } as IntersectionObserverInit,
        )
      : undefined;

  /**
   * Where the anchor's box is now against the viewport and its margin:
   * `near`, `below` (further down than the margin) or `elsewhere` (above,
   * beside, or not rendered). Read for new anchors only, all before any
   * write: the layout it may force is the one the next frame would do anyway.
   */
  const whereNow = (anchor: Element): 'near' | 'below' | 'elsewhere' => {
    if (!near || !reach || !view) return 'near';
    const r = anchor.getBoundingClientRect();
    // Not rendered (display: none, detached): an empty box at the origin.
    if (r.width === 0 && r.height === 0 && r.top === 0 && r.left === 0) return 'elsewhere';
    const { block, inline } = reach;
    if (r.top > view.innerHeight + block) return 'below';
    return r.bottom >= -block && r.right >= -inline && r.left <= view.innerWidth + inline ? 'near' : 'elsewhere';
  };

  /** Starts the slot's lookup once; a match is badged when (or once) the slot is near. */
  const ask = (slot: Slot): Promise<PageScore | null> => {
    if (!slot.score) {
      slot.score = options.lookup(slot.lookupKeys(), slot.company);
      void slot.score.then((found) => {
        if (slots.get(slot.key) !== slot) return;
        slot.found = found;
        if (found && slot.near) due(slot);
      });
    } else if (slot.found && slot.near) {
      due(slot);
    }
    return slot.score;
  };

  /** The slot's anchor is near the view: look it up (once) and badge a match. */
  const approach = (slot: Slot) => {
    slot.near = true;
    void ask(slot);
  };

  /** Keeps a written badge in its spot; one whose spot no longer holds the anchor (the page re-wrapped it) is written afresh. */
  const place = (slot: Slot) => {
    const { host, spot, anchor } = slot;
    if (!host || !spot || isAt(spot, host, anchor)) return;
    if (spot.after.isConnected && (spot.inside || spot.address !== undefined || composedContains(spot.after, anchor))) {
      host.remove();
      if (insertAt(spot, host)) return;
    }
    host.remove();
    slot.host = undefined;
    if (slot.found && slot.near) due(slot);
  };

  // Slots that become due in the same task (one lookup reply, one observer
  // callback) land in one microtask checkpoint: their badges are built and
  // inserted in one batch of writes, without reads in between, so the page
  // lays out once for all of them.
  const due = (slot: Slot) => {
    if (slot.host) return;
    if (ready.length === 0) queueMicrotask(writeReady);
    ready.push(slot);
  };

  const writeReady = () => {
    // Still the current slot for this anchor, the anchor still on the page, not written yet?
    const batch = ready.filter((slot) => slots.get(slot.key) === slot && slot.anchor.isConnected && !slot.host && slot.found);
    ready = [];
    // Every spot is read before the first badge goes in: one style
    // recalculation for the batch, not one per badge.
    const spots = batch.map((slot) => badgeSpot(slot.anchor, slot.address));
    const write = (slot: Slot, spot: BadgeSpot, form: BadgeForm) => {
      slot.host = options.render(slot.entityId, slot.found!, form, slot);
      slot.spot = spot;
      owner.set(slot.host, slot);
      if (!insertAt(spot, slot.host)) slot.host = undefined;
    };
    // A column whose badges had to become marks starts its later rows as
    // marks too: one form down a column, not a compact badge here and a mark there.
    const columns = batch.map((slot, i) => (spots[i].compact && spots[i].address === undefined ? columnOf(slot.anchor) : undefined));
    const marked = columns.map((col) => (col === undefined ? undefined : markColumns.get(col)));
    mutate(() =>
      batch.forEach((slot, i) => {
        const before = marked[i];
        if (before !== undefined) write(slot, { ...spots[i], before }, 'mark');
        else write(slot, spots[i], spots[i].compact ? 'compact' : 'full');
      }),
    );
    // A compact badge in a narrow cell either squeezes the name beside it
    // (the cell's flex layout gives the badge the room) or is itself cut off
    // (a cell that clips its line pushes it past the edge). There a tier mark
    // replaces it: after the name when the name was squeezed, before it when
    // the badge was cut off (the start of a clipped line is always shown).
    // Read for the whole batch after its writes, then written together: one
    // more layout, only for cells that need it.
    const written = batch.map((slot, i) => columns[i] !== undefined && marked[i] === undefined && slot.host !== undefined);
    batch.forEach((slot, i) => {
      if (!written[i]) return;
      const col = columns[i]!;
      if (!shownWhole(slot.host!)) markColumns.set(col, true);
      else if (!nameReadable(slot.anchor) && !markColumns.has(col)) markColumns.set(col, false);
    });
    const refits = batch.flatMap((slot, i): [Slot, BadgeSpot][] => {
      const before = written[i] ? markColumns.get(columns[i]!) : undefined;
      return before === undefined ? [] : [[slot, { ...spots[i], before }]];
    });
    if (refits.length) {
      mutate(() => {
        for (const [slot, spot] of refits) {
          slot.host!.remove();
          write(slot, spot, 'mark');
        }
      });
    }
  };

  const drop = (slot: Slot) => {
    slot.host?.remove();
    unwatch(slot);
  };

  return {
    sync(entities: readonly PageEntity[]): void {
      const fresh: Slot[] = [];
      mutate(() => {
        const seen = new Set<object>();
        for (const entity of entities) {
          const key = keyOf(entity);
          if (seen.has(key)) continue;
          seen.add(key);
          let slot = slots.get(key);
          if (slot && slot.entityId !== entity.id) {
            drop(slot);
            slot = undefined;
          }
          if (!slot) {
            slot = { key, anchor: entity.anchor, entityId: entity.id, lookupKeys: entity.lookupKeys, company: entity.company, address: entity.address, near: false };
            slots.set(key, slot);
            fresh.push(slot);
          }
          place(slot);
        }
        for (const [key, slot] of slots) {
          if (!seen.has(key)) {
            drop(slot);
            slots.delete(key);
          }
        }
        for (const host of doc.querySelectorAll(`[${BADGE_ATTR}]`)) if (!isCurrent(host)) host.remove();
      });
      // Reads after the writes above: boxes of the new anchors, then lookups
      // for those near (sent together) and an observer for the others.
      // Entities come in document order, which on a list is top to bottom:
      // after FAR_RUN of them in a row below the margin, the rest are left
      // to the observer without reading their boxes (a thousand reads cost
      // ~10 ms). Should a later one be near after all (a page laid out out
      // of order), the observer reports it with its first computation.
      let below = 0;
      for (const slot of fresh) {
        const where = below < FAR_RUN ? whereNow(slot.anchor) : 'below';
        below = where === 'below' ? below + 1 : 0;
        if (where === 'near') approach(slot);
        else watch(slot);
      }
    },
    /**
     * The matched customers of every entity on the page, badged already or
     * not yet scrolled to (those are looked up now), for the popup.
     */
    async shown(): Promise<EntityScore[]> {
      const all = [...slots.values()].filter((slot) => slot.anchor.isConnected).map((slot) => ask(slot));
      // People only: a company's aggregate is no customer of the list.
      return (await Promise.all(all)).filter((s): s is EntityScore => s !== null && 'customer' in s);
    },
    clear(): void {
      ready = [];
      near?.disconnect();
      waiting.clear();
      mutate(() => {
        for (const slot of slots.values()) slot.host?.remove();
        slots.clear();
        for (const host of doc.querySelectorAll(`[${BADGE_ATTR}]`)) host.remove();
      });
    },
  };

  /** A host of ours that still belongs to a live slot (not one left from a replaced slot, not a copy). */
  function isCurrent(host: Element): boolean {
    const slot = owner.get(host);
    return slot !== undefined && slot.host === host && slots.get(slot.key) === slot;
  }
}
