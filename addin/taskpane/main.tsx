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
import { missingRequirements, paneBlocked } from './requirements.ts';
import { RequirementsNotice } from './RequirementsNotice.tsx';
import './taskpane.css';

void Office.onReady(() => {
  const lang = langOf(Office.context?.displayLanguage);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  const missing = missingRequirements(Office.context?.requirements);
  render(
    <>
      <RequirementsNotice missing={missing} lang={lang} />
      {!paneBlocked(missing) && <App host={Excel as unknown as ExcelHost} lang={lang} />}
    </>,
    document.getElementById('app') as HTMLElement,
  );
});
