import { webDarkTheme, webLightTheme } from '@fluentui/tokens';
import { describe, expect, it } from 'vitest';
import { luminance, themeFor } from './office-theme.ts';

// Office's theme colours as Excel on Windows reports them in Office.context.officeTheme:
// Colorful/White (body #FFFFFF), Dark Gray (#666666 body, isDarkTheme true), Black (#292929).
describe('themeFor', () => {
  it('takes Fluent dark tokens for Black and Dark Gray (isDarkTheme), light for Colorful, with Office\'s body colours', () => {
    const black = themeFor({ bodyBackgroundColor: '#292929', bodyForegroundColor: '#FFFFFF', controlBackgroundColor: '#1F1F1F', isDarkTheme: true }, false);
    expect(black.dark).toBe(true);
    expect(black.tokens).toMatchObject({ colorNeutralBackground1: '#292929', colorNeutralForeground1: '#FFFFFF', colorBrandBackground: webDarkTheme.colorBrandBackground });
    expect(themeFor({ bodyBackgroundColor: '#666666', bodyForegroundColor: '#FFFFFF', isDarkTheme: true }, false).dark).toBe(true);
    const colorful = themeFor({ bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#262626', isDarkTheme: false }, true);
    expect(colorful.dark).toBe(false);
    expect(colorful.tokens.colorBrandBackground).toBe(webLightTheme.colorBrandBackground);
  });

  it('decides by the body colour where isDarkTheme is missing, and by the system where Office gives no theme', () => {
    expect(themeFor({ bodyBackgroundColor: '#1F1F1F' }, false).dark).toBe(true);
    expect(themeFor({ bodyBackgroundColor: '#F3F3F3' }, true).dark).toBe(false);
    expect(themeFor(undefined, true)).toMatchObject({ dark: true, tokens: { colorNeutralBackground1: webDarkTheme.colorNeutralBackground1 } });
    expect(themeFor({ bodyBackgroundColor: 'red' }, false).tokens.colorNeutralBackground1).toBe(webLightTheme.colorNeutralBackground1);
  });
});

describe('luminance', () => {
  it('is WCAG relative luminance: 1 for white, 0 for black, 0.2159 for #808080', () => {
    expect(luminance('#FFFFFF')).toBe(1);
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#808080')).toBeCloseTo(0.2159, 4);
    expect(luminance('#fff')).toBeNaN();
  });
});
