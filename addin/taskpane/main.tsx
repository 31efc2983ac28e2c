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
import type { OfficeThemeColors } from './office-theme.ts';
import { missingRequirements, paneBlocked } from './requirements.ts';
import { RequirementsNotice } from './RequirementsNotice.tsx';
import { followTheme } from './theme-follow.ts';
import './taskpane.css';

registerFluent();

void Office.onReady(() => {
  const lang = langOf(Office.context?.displayLanguage);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  // Office's theme now and after every change the host lets the pane see (theme-follow.ts says which).
  followTheme(
    (theme) => {
      applyTokens(theme.tokens);
      document.documentElement.dataset.theme = theme.dark ? 'dark' : 'light';
    },
    { readOffice: officeTheme, systemDark: matchMedia('(prefers-color-scheme: dark)'), focusTargets: [window, document] },
  );
  const missing = missingRequirements(Office.context?.requirements);
  render(
    <>
      <RequirementsNotice missing={missing} lang={lang} />
      {!paneBlocked(missing) && <App host={Excel as unknown as ExcelHost} lang={lang} />}
    </>,
    document.getElementById('app') as HTMLElement,
  );
});

/** Office.context.officeTheme, or undefined where this host has none (reading it may throw there: followTheme catches). */
function officeTheme(): OfficeThemeColors | undefined {
  return (Office.context as { officeTheme?: OfficeThemeColors } | undefined)?.officeTheme;
}
