/**
 * Office's theme in the pane: Fluent 2's web theme (light or dark, from
 * @fluentui/tokens) with the body colours Office reports, so the pane sits
 * in Excel's own background whichever Office theme (Colorful, Dark Gray,
 * Black, White) the user chose. Office.context.officeTheme is absent in some
 * hosts (Excel on the web before the theme API): then the system's
 * light/dark preference decides.
 */
import { webDarkTheme, webLightTheme } from '@fluentui/tokens';

/** The part of Office.context.officeTheme the pane uses. */
export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
  isDarkTheme?: boolean;
}

/** Relative luminance (WCAG) of a #rrggbb colour; NaN for anything else. */
export function luminance(hex: string | undefined): number {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex?.trim() ?? '');
  if (!m) return Number.NaN;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Dark or light, and the Fluent tokens for it.
 * @example themeFor({ bodyBackgroundColor: '#292929', bodyForegroundColor: '#FFFFFF' }, false).dark // true
 */
export function themeFor(office: OfficeThemeColors | undefined, systemDark: boolean): { dark: boolean; tokens: Record<string, string | number> } {
  const l = luminance(office?.bodyBackgroundColor);
  const dark = office?.isDarkTheme ?? (Number.isNaN(l) ? systemDark : l < 0.2);
  const tokens: Record<string, string | number> = { ...(dark ? webDarkTheme : webLightTheme) };
  if (!Number.isNaN(l)) tokens.colorNeutralBackground1 = office?.bodyBackgroundColor as string;
  if (!Number.isNaN(luminance(office?.bodyForegroundColor))) tokens.colorNeutralForeground1 = office?.bodyForegroundColor as string;
  if (!Number.isNaN(luminance(office?.controlBackgroundColor))) tokens.colorNeutralBackground3 = office?.controlBackgroundColor as string;
  return { dark, tokens };
}
