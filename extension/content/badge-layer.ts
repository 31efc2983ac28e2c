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
  const slots = new Map<Element, Slot>();

  const place = (anchor: Element, slot: Slot) => {
    if (slot.host && (slot.host.previousSibling !== anchor || !slot.host.isConnected)) anchor.after(slot.host);
  };

  return {
    sync(entities: readonly PageEntity[]): void {
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
            // Still the current slot for this anchor, and the anchor still on the page?
            if (!score || slots.get(entity.anchor) !== fresh || !entity.anchor.isConnected) return;
            fresh.score = score;
            fresh.host = options.render(entity.id, score);
            place(entity.anchor, fresh);
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
      const owned = new Set([...slots.values()].map((s) => s.host));
      for (const host of doc.querySelectorAll(`[${BADGE_ATTR}]`)) if (!owned.has(host as HTMLElement)) host.remove();
    },
    /** The scores currently shown, for the popup. */
    shown(): EntityScore[] {
      return [...slots.values()].flatMap((s) => (s.score && s.host?.isConnected ? [s.score] : []));
    },
    clear(): void {
      for (const slot of slots.values()) slot.host?.remove();
      slots.clear();
      for (const host of doc.querySelectorAll(`[${BADGE_ATTR}]`)) host.remove();
    },
  };
}
