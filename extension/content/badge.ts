import { tierColors, type ChurnLevel, type Tier } from '../../core/index.ts';

/**
 * Everything a badge shows, already in the reader's language. Built from the
 * stored customer by badge-text.ts; plain strings only, rendered as text.
 */
export interface BadgeView {
  tier: Tier;
  tierLabel: string;
  /** `unknown` when the import had no purchase history to estimate churn from. */
  churnLevel: ChurnLevel | 'unknown';
  /** e.g. "churn high (82%)", or "churn unknown" with no number. */
  churnText: string;
  /** The same for a compact badge, the level left to colour and card: "churn 82%". */
  churnShort: string;
  /** e.g. "matched on e-mail". */
  matchedText: string;
  /** Card title: customer name, company or id. */
  title: string;
  /** Card lines: label and value (CLV, RFM, stage, matrix cell…). */
  facts: [label: string, value: string][];
  /** The suggested action for the tier. */
  action: string;
  actionLabel: string;
}

export interface BadgeOptions {
  /** The document to create the badge in; default: the current one. */
  doc?: Document;
  /** Tier and churn risk only, for table cells and grid rows. */
  compact?: boolean;
}

/** Attribute on the badge host, holding the entity id it belongs to. */
export const BADGE_ATTR = 'data-cvlens-badge';

const CSS = `
:host { all: initial; display: inline-block; flex: none; position: relative; vertical-align: middle; margin-inline-start: 6px; font: 12px/1.3 system-ui, sans-serif; }
:host([data-compact]) { font-size: 11px; margin-inline-start: 4px; }
.badge { display: inline-flex; gap: 6px; align-items: center; white-space: nowrap; border: 0; border-radius: 10px; padding: 1px 8px; color: #fff; cursor: pointer; font: inherit; }
:host([data-compact]) .badge { gap: 4px; padding: 0 6px; }
.badge:focus-visible { outline: 2px solid #000; outline-offset: 1px; }
.churn { padding: 0 5px; border-radius: 6px; background: rgba(255,255,255,.25); }
.churn-high { background: #b3261e; }
.churn-unknown { background: transparent; border: 1px dashed rgba(255,255,255,.7); }
.via { opacity: .85; font-size: 11px; }
.card { position: absolute; z-index: 2147483647; top: calc(100% + 4px); left: 0; min-width: 240px; max-width: 320px; padding: 10px 12px; border-radius: 8px; background: #fff; color: #222; box-shadow: 0 4px 16px rgba(0,0,0,.25); }
.card[hidden] { display: none; }
.title { font-weight: 600; margin: 0; overflow-wrap: anywhere; }
.matched { margin: 0 0 6px; color: #555; font-size: 11px; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0 0 6px; }
dt { color: #555; } dd { margin: 0; overflow-wrap: anywhere; }
.action { margin: 0; padding-top: 6px; border-top: 1px solid #ddd; }
`;

/**
 * Creates a badge host element (a `<span>`) holding the badge in its own
 * open shadow root, so page styles cannot reach in and ours cannot leak out.
 * Every string is set with `textContent`: names and cells from a CSV are
 * shown as text, never parsed as markup. Hovering, focusing or clicking the
 * badge shows a card with the details (built when it first opens); Escape or
 * a second click hides it.
 *
 * A compact badge, for table cells and grid rows where width is scarce,
 * shows the tier and the churn risk as a number; the risk's level (also in
 * the pill's colour) and what matched are in its accessible name and on its
 * card, as on every badge.
 *
 * @param entityId  the page entity the badge belongs to (stored on the host)
 * @example
 * anchor.after(createBadge('e1', view));
 * cell.append(createBadge('e2', view, { compact: true }));
 */
export function createBadge(entityId: string, view: BadgeView, options: BadgeOptions = {}): HTMLElement {
  const doc = options.doc ?? document;
  const host = doc.createElement('span');
  host.setAttribute(BADGE_ATTR, entityId);
  if (options.compact) host.setAttribute('data-compact', '');
  const root = host.attachShadow({ mode: 'open' });
  applyStyles(root, doc);

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) => {
    const e = doc.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  const button = el('button', `badge tier-${view.tier}`);
  button.type = 'button';
  button.style.background = tierColors[view.tier].strong;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-label', `${view.tierLabel} · ${view.churnText} · ${view.matchedText}`);
  button.append(el('span', 'tier', view.tierLabel), el('span', `churn churn-${view.churnLevel}`, options.compact ? view.churnShort : view.churnText));
  if (!options.compact) button.append(el('span', 'via', view.matchedText));

  // The card is filled the first time it opens: a list view of 1,000 rows
  // then builds 1,000 buttons, not 1,000 hidden cards of a dozen elements.
  const card = el('div', 'card');
  card.hidden = true;
  card.setAttribute('role', 'tooltip');
  let filled = false;
  const fill = () => {
    filled = true;
    card.append(el('p', 'title', view.title), el('p', 'matched', view.matchedText));
    const list = el('dl');
    for (const [label, value] of view.facts) list.append(el('dt', undefined, label), el('dd', undefined, value));
    card.append(list);
    const action = el('p', 'action');
    action.append(el('strong', undefined, `${view.actionLabel}${/[\u3400-\u9fff]$/.test(view.actionLabel) ? '：' : ': '}`), doc.createTextNode(view.action));
    card.append(action);
  };

  let pinned = false;
  const show = (on: boolean) => {
    if (on && !filled) fill();
    card.hidden = !on;
    button.setAttribute('aria-expanded', String(on));
  };
  button.addEventListener('mouseenter', () => show(true));
  button.addEventListener('focus', () => show(true));
  host.addEventListener('mouseleave', () => !pinned && show(false));
  button.addEventListener('blur', () => !pinned && show(false));
  button.addEventListener('click', (event) => {
    // The badge sits inside CRM links and rows: keep the click for ourselves.
    event.preventDefault();
    event.stopPropagation();
    pinned = !pinned;
    show(pinned);
  });
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      pinned = false;
      show(false);
    }
  });

  root.append(button, card);
  return host;
}

let shared: CSSStyleSheet | undefined;

function applyStyles(root: ShadowRoot, doc: Document): void {
  // A constructed sheet is not an inline <style>, so strict page CSPs that
  // forbid inline styles do not blank the badge; one sheet serves every
  // badge of the page.
  try {
    if (!shared) {
      shared = new CSSStyleSheet();
      shared.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [shared];
  } catch {
    const style = doc.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
}
