/**
 * Type of the `chrome` global inside functions the tests evaluate in the
 * extension's service worker or pages. MV3's `chrome.*` returns promises, so
 * webextension-polyfill's types describe it closely enough for the calls
 * the tests make (scripting, tabs, permissions).
 */
import type { Browser } from 'webextension-polyfill';

declare global {
  const chrome: Browser;
}
export {};
