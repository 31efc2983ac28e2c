/**
 * Entry of taskpane.html: waits for Office, then renders the pane in the
 * display language. `Excel` and `Office` are globals from office.js (or,
 * in the browser test, from the in-memory Excel injected before this runs).
 */
import { render } from 'preact';
import { langOf } from '../functions/lang.ts';
import { App } from './App.tsx';
import type { ExcelHost } from './excel-io.ts';
import './taskpane.css';

void Office.onReady(() => {
  const lang = langOf(Office.context?.displayLanguage);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  render(<App host={Excel as unknown as ExcelHost} lang={lang} />, document.getElementById('app') as HTMLElement);
});
