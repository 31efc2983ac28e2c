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
  /**
   * `company` when the badge stands for a company's aggregate (an account,
   * a company row, a person known only by their company), never a person's
   * own score: then `subjectText` ("Company · 12 customers") and
   * `subjectShort` ("Company") say so on the badge and in its name.
   */
  subject?: 'company';
  subjectText?: string;
  subjectShort?: string;
  /** A line on the card under what matched (e.g. that no customer is this person). */
  note?: string;
  /** Card lines: label and value (CLV, RFM, stage, matrix cell…). */
  facts: [label: string, value: string][];
  /** The suggested action for the tier. */
  action: string;
  actionLabel: string;
}

export interface BadgeOptions {
  /** The document to create the badge in; default: the current one. */
  doc?: Document;
  /** Tier and churn risk only, for table cells and grid rows; the same as `form: 'compact'`. */
  compact?: boolean;
  /**
   * `full` (default): tier, churn risk in words and what matched;
   * `compact`: tier and churn as a number, for cells; `mark`: a coloured
   * tier mark of fixed size, for cells too narrow for more. Every form has
   * the whole story in its accessible name and on its card.
   */
  form?: 'full' | 'compact' | 'mark';
  /**
   * Open the card on events a script made (`dispatchEvent`, `el.click()`);
   * default false: only the reader's own pointer and keys open it, so a page
   * cannot open cards to read them. For DOM tests that click from script.
   */
  acceptScriptEvents?: boolean;
}

/**
 * Each badge's shadow root, which is closed (`host.shadowRoot` is null) so a
 * page cannot read scores out of badges it planted. Kept here, in the
 * content script's own world, for the extension's tests.
 */
const roots = new WeakMap<Element, ShadowRoot>();

/** The closed shadow root of a badge host made by createBadge; undefined for any other element. */
export function badgeRoot(host: Element): ShadowRoot | undefined {
  return roots.get(host);
}

/** Attribute on the badge host, holding the entity id it belongs to. */
export const BADGE_ATTR = 'data-cvlens-badge';

const CSS = `
:host { all: initial; display: inline-block; flex: none; position: relative; vertical-align: middle; margin-inline-start: 6px; font: 12px/1.3 system-ui, sans-serif; }
:host([data-compact]) { font-size: 11px; margin-inline-start: 4px; }
.badge { display: inline-flex; gap: 6px; align-items: center; white-space: nowrap; border: 0; border-radius: 10px; padding: 1px 8px; color: #fff; cursor: pointer; font: inherit; }
:host([data-compact]) .badge { gap: 4px; padding: 0 6px; }
:host([data-mark]) { margin-inline-start: 3px; }
:host([data-mark]) .badge.company { border-radius: 3px; }
:host([data-mark]) .badge { box-sizing: border-box; width: 16px; height: 16px; padding: 0; gap: 0; justify-content: center; border-radius: 50%; font-size: 10px; font-weight: 600; line-height: 16px; overflow: hidden; }
.badge.company { border-radius: 3px; background: #fff; box-shadow: inset 0 0 0 2px var(--tier); color: var(--tier); }
.badge.company .churn { background: transparent; box-shadow: inset 0 0 0 1px var(--tier); }
.badge.company .churn-high { background: #b3261e; color: #fff; box-shadow: none; }
.subject { font-weight: 600; }
.note { margin: 0 0 6px; font-size: 11px; color: #555; }
.badge:focus-visible { outline: 2px solid #000; outline-offset: 1px; }
.churn { padding: 0 5px; border-radius: 6px; background: rgba(255,255,255,.25); }
.churn-high { background: #b3261e; }
.churn-unknown { background: transparent; border: 1px dashed rgba(255,255,255,.7); }
.via { opacity: .85; font-size: 11px; }
.card { position: fixed; z-index: 2147483647; inset: auto; top: 0; left: 0; margin: 0; border: 0; overflow: visible; box-sizing: border-box; font: 12px/1.3 system-ui, sans-serif; text-align: start; min-width: 240px; max-width: 320px; padding: 10px 12px; border-radius: 8px; background: #fff; color: #222; box-shadow: 0 4px 16px rgba(0,0,0,.25); }
.card[hidden] { display: none; }
.title { font-weight: 600; margin: 0; overflow-wrap: anywhere; }
.matched { margin: 0 0 6px; color: #555; font-size: 11px; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0 0 6px; }
dt { color: #555; } dd { margin: 0; overflow-wrap: anywhere; }
.action { margin: 0; padding-top: 6px; border-top: 1px solid #ddd; }
`;

/**
 * Creates a badge host element (a `<span>`) holding the badge in its own
 * closed shadow root, so page styles cannot reach in, ours cannot leak out,
 * and page scripts cannot read what it says (see badgeRoot).
 * Every string is set with `textContent`: names and cells from a CSV are
 * shown as text, never parsed as markup. Hovering, focusing or clicking the
 * badge shows a card with the details (built when it first opens); Escape or
 * a second click hides it. Only the reader's own events open it (not a
 * page's `dispatchEvent`), and its facts enter the DOM only then.
 *
 * The card goes into the top layer (a manual popover) at fixed viewport
 * coordinates beside the badge, flipped above or leftwards near the
 * viewport's edges: CRM list cells hide their overflow and would clip it.
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
  const form = options.form ?? (options.compact ? 'compact' : 'full');
  const host = doc.createElement('span');
  host.setAttribute(BADGE_ATTR, entityId);
  if (form !== 'full') host.setAttribute('data-compact', '');
  if (form === 'mark') host.setAttribute('data-mark', '');
  const root = host.attachShadow({ mode: 'closed' });
  roots.set(host, root);
  applyStyles(root, doc);

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) => {
    const e = doc.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  const company = view.subject === 'company';
  const button = el('button', `badge tier-${view.tier}${company ? ' company' : ''}${form === 'mark' ? ' mark' : ''}`);
  button.type = 'button';
  if (!company) button.style.background = tierColors[view.tier].strong;
  button.style.setProperty('--tier', tierColors[view.tier].strong);
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-label', `${company ? `${view.subjectText} · ` : ''}${view.tierLabel} · ${view.churnText} · ${view.matchedText}`);
  if (form === 'mark') {
    // The tier's first letter (V, M, O, S; 主, 普, 小 in Chinese), so the mark does not rest on colour alone.
    button.append(el('span', 'tier', [...view.tierLabel][0] ?? ''));
  } else {
    button.append(el('span', 'tier', view.tierLabel));
    if (company) button.append(el('span', 'subject', form === 'compact' ? (view.subjectShort ?? '') : (view.subjectText ?? '')));
    button.append(el('span', `churn churn-${view.churnLevel}`, form === 'compact' ? view.churnShort : view.churnText));
    if (form === 'full' && !company) button.append(el('span', 'via', view.matchedText));
  }

  // The card is filled the first time it opens: a list view of 1,000 rows
  // then builds 1,000 buttons, not 1,000 hidden cards of a dozen elements.
  const card = el('div', 'card');
  card.hidden = true;
  card.setAttribute('role', 'tooltip');
  let filled = false;
  const fill = () => {
    filled = true;
    card.append(el('p', 'title', view.title), el('p', 'matched', company ? `${view.subjectText} · ${view.matchedText}` : view.matchedText));
    if (view.note) card.append(el('p', 'note', view.note));
    const list = el('dl');
    for (const [label, value] of view.facts) list.append(el('dt', undefined, label), el('dd', undefined, value));
    card.append(list);
    const action = el('p', 'action');
    action.append(el('strong', undefined, `${view.actionLabel}${/[\u3400-\u9fff]$/.test(view.actionLabel) ? '：' : ': '}`), doc.createTextNode(view.action));
    card.append(action);
  };

  // The top layer escapes every ancestor's overflow and stacking; where the
  // Popover API is missing, position: fixed escapes overflow alone.
  const popover = typeof card.showPopover === 'function';
  if (popover) card.popover = 'manual';
  const trusted = (event: Event) => options.acceptScriptEvents === true || event.isTrusted;

  const place = () => {
    const view = doc.defaultView;
    if (!view) return;
    const gap = 4;
    const b = button.getBoundingClientRect();
    const w = card.offsetWidth;
    const h = card.offsetHeight;
    const vw = doc.documentElement.clientWidth || view.innerWidth;
    const vh = doc.documentElement.clientHeight || view.innerHeight;
    // Below the badge, or above it when it does not fit below but does above.
    let top = b.bottom + gap;
    if (top + h > vh - gap && b.top - gap - h >= gap) top = b.top - gap - h;
    // Aligned with the badge's start, moved left as far as the viewport needs.
    let left = Math.min(b.left, vw - gap - w);
    left = Math.max(gap, left);
    card.style.top = `${Math.round(Math.max(gap, top))}px`;
    card.style.left = `${Math.round(left)}px`;
  };
  const onScroll = () => place();
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && trusted(event)) close();
  };

  let pinned = false;
  let open = false;
  const show = (on: boolean) => {
    if (on === open) return;
    open = on;
    const view = doc.defaultView;
    if (on) {
      if (!filled) fill();
      card.hidden = false;
      if (popover && !card.matches(':popover-open')) card.showPopover();
      place();
      view?.addEventListener('scroll', onScroll, { capture: true, passive: true });
      view?.addEventListener('resize', onScroll, { passive: true });
      doc.addEventListener('keydown', onKey, true);
    } else {
      if (popover && card.matches(':popover-open')) card.hidePopover();
      card.hidden = true;
      view?.removeEventListener('scroll', onScroll, { capture: true });
      view?.removeEventListener('resize', onScroll);
      doc.removeEventListener('keydown', onKey, true);
    }
    button.setAttribute('aria-expanded', String(on));
  };
  const close = () => {
    pinned = false;
    show(false);
  };
  button.addEventListener('mouseenter', (event) => trusted(event) && show(true));
  button.addEventListener('focus', (event) => trusted(event) && button.matches(':focus-visible') && show(true));
  host.addEventListener('mouseleave', (event) => {
    // Moving onto the card (ours, in the top layer) keeps it open.
    if (!pinned && !(event.relatedTarget instanceof Node && card.contains(event.relatedTarget))) show(false);
  });
  card.addEventListener('mouseleave', (event) => {
    if (!pinned && !(event.relatedTarget instanceof Node && host.contains(event.relatedTarget))) show(false);
  });
  button.addEventListener('blur', () => !pinned && show(false));
  button.addEventListener('click', (event) => {
    // The badge sits inside CRM links and rows: keep the click for ourselves.
    event.preventDefault();
    event.stopPropagation();
    if (!trusted(event)) return;
    pinned = !pinned;
    show(pinned);
  });
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && trusted(event)) {
      event.stopPropagation();
      close();
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
