/**
 * Keeps the pane in Office's theme after load. What Office.js offers for a
 * theme change in Excel (checked against @types/office-js 1.0.612 and the
 * host scripts of @microsoft/office-js 1.1.110):
 *
 * - `Office.EventType.OfficeThemeChanged` is an Outlook event (Mailbox
 *   requirement set 1.14, `Office.context.mailbox.addHandlerAsync`). Excel's
 *   host scripts register only DocumentSelectionChanged on the document and
 *   define no OfficeThemeChangedEventArgs, so there is no theme event to
 *   subscribe to in Excel (PowerPoint and OneNote use it internally for
 *   their officethemes.css).
 * - `Office.context.officeTheme` is a getter. In Excel on Windows and on Mac
 *   it asks the host for the current theme each time it is read, at most
 *   once per 5 s (OfficeThemeManager's cache); in Excel on the web it is
 *   the theme the pane was opened with, so there a change shows only when
 *   the pane is reopened.
 *
 * So the pane reads the getter again every few seconds and whenever it gets
 * focus or becomes visible (the user comes back from File > Account > Office
 * Theme), and applies the theme when its colours changed. Where Office gives
 * no theme at all, the system's light/dark preference decides and its
 * change event is followed.
 */
import { themeFor, type OfficeThemeColors } from './office-theme.ts';

export type Theme = ReturnType<typeof themeFor>;

export interface ThemeFollowOptions {
  /** Reads Office.context.officeTheme now (undefined where the host has none). */
  readOffice: () => OfficeThemeColors | undefined;
  /** The system preference, `matchMedia('(prefers-color-scheme: dark)')`. */
  systemDark?: Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;
  /** Where focus and visibility changes are heard (the pane's window and document). */
  focusTargets?: readonly EventTarget[];
  /** How often the getter is read again; default 2 s (Office refreshes its copy at most every 5 s). */
  intervalMs?: number;
}

/** The colours that decide the theme, as one comparable key. */
function keyOf(office: OfficeThemeColors | undefined, dark: boolean): string {
  return JSON.stringify([office?.bodyBackgroundColor, office?.bodyForegroundColor, office?.controlBackgroundColor, office?.controlForegroundColor, office?.isDarkTheme, dark]);
}

/**
 * Applies the current theme now and again whenever it changes; returns a
 * function that stops following.
 * @example const stop = followTheme((t) => applyTokens(t.tokens), { readOffice: () => Office.context.officeTheme })
 */
export function followTheme(apply: (theme: Theme) => void, options: ThemeFollowOptions): () => void {
  let last = '';
  const check = () => {
    let office: OfficeThemeColors | undefined;
    try {
      office = options.readOffice();
    } catch {
      // A host whose getter throws has no theme for the pane: the system decides.
      office = undefined;
    }
    const systemDark = options.systemDark?.matches ?? false;
    const key = keyOf(office, systemDark);
    if (key === last) return;
    last = key;
    apply(themeFor(office, systemDark));
  };
  check();
  const timer = setInterval(check, options.intervalMs ?? 2000);
  const targets = options.focusTargets ?? [];
  for (const t of targets) {
    t.addEventListener('focus', check);
    t.addEventListener('visibilitychange', check);
  }
  options.systemDark?.addEventListener('change', check);
  return () => {
    clearInterval(timer);
    for (const t of targets) {
      t.removeEventListener('focus', check);
      t.removeEventListener('visibilitychange', check);
    }
    options.systemDark?.removeEventListener('change', check);
  };
}
