/**
 * Entry of taskpane.html: waits for Office, checks the requirement sets the
 * add-in needs, then renders the pane in the display language (or, where the
 * pane cannot work, only a notice saying why and what to do). `Excel` and `Office` are globals from office.js (or,
 * in the browser test, from the in-memory Excel injected before this runs).
 */
import { render } from 'preact';
import { langOf } from '../functions/lang.ts';
import { App } from './App.tsx';
import type { ExcelHost } from './excel-io.ts';
import { applyTokens, registerFluent } from './fluent.ts';
import { themeFor, type OfficeThemeColors } from './office-theme.ts';
import { missingRequirements, paneBlocked } from './requirements.ts';
import { RequirementsNotice } from './RequirementsNotice.tsx';
import './taskpane.css';

registerFluent();

void Office.onReady(() => {
  const lang = langOf(Office.context?.displayLanguage);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  const theme = themeFor(officeTheme(), matchMedia('(prefers-color-scheme: dark)').matches);
  applyTokens(theme.tokens);
  document.documentElement.dataset.theme = theme.dark ? 'dark' : 'light';
  const missing = missingRequirements(Office.context?.requirements);
  render(
    <>
      <RequirementsNotice missing={missing} lang={lang} />
      {!paneBlocked(missing) && <App host={Excel as unknown as ExcelHost} lang={lang} />}
    </>,
    document.getElementById('app') as HTMLElement,
  );
});

/** Office.context.officeTheme, or undefined where this host has none (reading it may throw there). */
function officeTheme(): OfficeThemeColors | undefined {
  try {
    return (Office.context as { officeTheme?: OfficeThemeColors } | undefined)?.officeTheme;
  } catch {
    return undefined;
  }
}
