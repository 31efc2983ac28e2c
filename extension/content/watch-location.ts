/**
 * Calls `onChange` whenever the page's URL changes without a reload (SPA
 * navigation), until `signal` aborts. Uses the Navigation API where the
 * browser has it (its events fire for the page's own pushState too);
 * elsewhere popstate/hashchange plus a cheap one-second URL comparison,
 * because a content script's isolated world cannot see the page's
 * `history.pushState` calls.
 *
 * @example
 * watchLocation(controller.signal, () => rescan());
 */
export function watchLocation(signal: AbortSignal, onChange: (href: string) => void, win: Window = window): void {
  let last = win.location.href;
  const check = () => {
    if (win.location.href !== last) {
      last = win.location.href;
      onChange(last);
    }
  };
  // The Navigation API fires before the URL commits; checking on the next
  // task sees the new URL.
  const later = () => setTimeout(check, 0);
  const nav = (win as unknown as { navigation?: EventTarget }).navigation;
  if (nav && typeof nav.addEventListener === 'function') {
    nav.addEventListener('navigate', later, { signal });
    nav.addEventListener('currententrychange', later, { signal });
  } else {
    const timer = setInterval(check, 1000);
    signal.addEventListener('abort', () => clearInterval(timer));
  }
  win.addEventListener('popstate', later, { signal });
  win.addEventListener('hashchange', later, { signal });
}
