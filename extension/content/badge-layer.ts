import type { EntityScore } from '../store/stored-customer.ts';
import { BADGE_ATTR } from './badge.ts';

/** A customer mention found on the page (the shape extension/sites returns). */
export interface PageEntity {
  anchor: Element;
  id: string;
  /** Canonical lookup keys, most specific first. */
  lookupKeys: string[];
}

export interface BadgeLayerOptions {
  lookup(keys: string[]): Promise<EntityScore | null>;
  render(entityId: string, score: EntityScore): HTMLElement;
  doc?: Document;
  /**
   * Runs the layer's DOM writes (badges in, badges out). The content script
   * passes a wrapper that keeps its own MutationObserver from treating these
   * writes as page changes; default: runs them as they are.
   */
  mutate?(write: () => void): void;
}

interface Slot {
  entityId: string;
  host?: HTMLElement;
  score?: EntityScore;
}

/**
 * Keeps exactly one badge next to each entity on the page. `sync(entities)`
 * is called after every (throttled) page change with everything currently
 * found: new entities are looked up and get a badge when matched; badges of
 * entities that disappeared, were re-rendered or changed identity are
 * removed; any stray badge host not owned by this layer is removed too (a
 * previous injection, a cloned row). Unmatched entities get no badge.
 *
 * @example
 * const layer = badgeLayer({ lookup, render });
 * layer.sync(found); // after each scan
 * layer.clear();     // when leaving the CRM
 */
export function badgeLayer(options: BadgeLayerOptions) {
  const doc = options.doc ?? document;
  const mutate = options.mutate ?? ((write: () => void) => write());
  const slots = new Map<Element, Slot>();
  /** Hosts this layer put on the page, to tell strays apart without building a set per sync. */
  const owned = new WeakSet<Element>();
  /** Matched slots waiting for their badge; written together in one pass. */
  let ready: { anchor: Element; slot: Slot; score: EntityScore }[] = [];

  const place = (anchor: Element, slot: Slot) => {
    if (slot.host && (slot.host.previousSibling !== anchor || !slot.host.isConnected)) anchor.after(slot.host);
  };

  // Lookups answered together (one reply, or cached) land in one microtask
  // checkpoint: their badges are built and inserted in one batch of writes,
  // without reads in between, so the page lays out once for all of them.
  const writeReady = () => {
    const batch = ready;
    ready = [];
    mutate(() => {
      for (const { anchor, slot, score } of batch) {
        // Still the current slot for this anchor, and the anchor still on the page?
        if (slots.get(anchor) !== slot || !anchor.isConnected) continue;
        slot.score = score;
        slot.host = options.render(slot.entityId, score);
        owned.add(slot.host);
        anchor.after(slot.host);
      }
    });
  };

  return {
    sync(entities: readonly PageEntity[]): void {
      mutate(() => {
        const seen = new Set<Element>();
        for (const entity of entities) {
          if (seen.has(entity.anchor)) continue;
          seen.add(entity.anchor);
          let slot = slots.get(entity.anchor);
          if (slot && slot.entityId !== entity.id) {
            slot.host?.remove();
            slot = undefined;
          }
          if (!slot) {
            const fresh: Slot = { entityId: entity.id };
            slot = fresh;
            slots.set(entity.anchor, fresh);
            void options.lookup(entity.lookupKeys).then((score) => {
              if (!score || slots.get(entity.anchor) !== fresh) return;
              if (ready.length === 0) queueMicrotask(writeReady);
              ready.push({ anchor: entity.anchor, slot: fresh, score });
            });
          }
          place(entity.anchor, slot);
        }
        for (const [anchor, slot] of slots) {
          if (!seen.has(anchor)) {
            slot.host?.remove();
            slots.delete(anchor);
          }
        }
        for (const host of doc.querySelectorAll(`[${BADGE_ATTR}]`)) if (!owned.has(host) || !isCurrent(host)) host.remove();
      });
    },
    /** The scores currently shown, for the popup. */
    shown(): EntityScore[] {
      return [...slots.values()].flatMap((s) => (s.score && s.host?.isConnected ? [s.score] : []));
    },
    clear(): void {
      ready = [];
      mutate(() => {
        for (const slot of slots.values()) slot.host?.remove();
        slots.clear();
        for (const host of doc.querySelectorAll(`[${BADGE_ATTR}]`)) host.remove();
      });
    },
  };

  /** A host of ours that still belongs to a live slot (not one left from a replaced slot). */
  function isCurrent(host: Element): boolean {
    const anchor = host.previousElementSibling;
    return anchor !== null && slots.get(anchor)?.host === host;
  }
}
