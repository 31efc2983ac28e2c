import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OfficeThemeColors } from './office-theme.ts';
import { followTheme, type Theme } from './theme-follow.ts';

// Office.context.officeTheme as Excel on Windows reports it for Colorful and Black.
const COLORFUL: OfficeThemeColors = { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#262626', controlBackgroundColor: '#FFFFFF', controlForegroundColor: '#262626', isDarkTheme: false };
const BLACK: OfficeThemeColors = { bodyBackgroundColor: '#292929', bodyForegroundColor: '#FFFFFF', controlBackgroundColor: '#1F1F1F', controlForegroundColor: '#F0F0F0', isDarkTheme: true };

/** A prefers-color-scheme query whose answer the test changes, firing `change` as the browser does. */
function media(matches: boolean) {
  const target = new EventTarget();
  return {
    matches,
    addEventListener: target.addEventListener.bind(target) as MediaQueryList['addEventListener'],
    removeEventListener: target.removeEventListener.bind(target) as MediaQueryList['removeEventListener'],
    set(dark: boolean) {
      this.matches = dark;
      target.dispatchEvent(new Event('change'));
    },
  };
}

describe('followTheme', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("applies Office's theme at once, then a change the getter reports, on focus or at the next poll, once per change", () => {
    let office: OfficeThemeColors | undefined = COLORFUL;
    const seen: Theme[] = [];
    const pane = new EventTarget();
    const stop = followTheme((t) => seen.push(t), { readOffice: () => office, focusTargets: [pane], intervalMs: 2000 });
    expect(seen.map((t) => t.dark)).toEqual([false]);
    // The user picks Black in File > Account and comes back to the pane.
    office = BLACK;
    pane.dispatchEvent(new Event('focus'));
    expect(seen.map((t) => t.dark)).toEqual([false, true]);
    expect(seen[1].tokens.colorNeutralBackground1).toBe('#292929');
    // Nothing changed: no re-render of the tokens at the next polls.
    vi.advanceTimersByTime(10_000);
    expect(seen).toHaveLength(2);
    // Without focus (the pane stayed in the background): the poll sees the change.
    office = COLORFUL;
    vi.advanceTimersByTime(2000);
    expect(seen.map((t) => t.dark)).toEqual([false, true, false]);
    stop();
    office = BLACK;
    vi.advanceTimersByTime(10_000);
    pane.dispatchEvent(new Event('focus'));
    expect(seen).toHaveLength(3);
  });

  it("follows the system's light/dark switch where Office gives no theme (or its getter throws)", () => {
    const system = media(false);
    const seen: boolean[] = [];
    followTheme((t) => seen.push(t.dark), {
      readOffice: () => {
        throw new Error('officeTheme is not available');
      },
      systemDark: system,
    });
    system.set(true);
    system.set(true);
    system.set(false);
    expect(seen).toEqual([false, true, false]);
  });
});
