/**
 * Browser entry of the in-memory Excel: installs it as window.Excel and
 * window.Office before the page's scripts run (Playwright addInitScript),
 * and exposes it as window.__excelMock for the test to drive and inspect.
 */
import { createExcelMock, OFFICE_THEMES, type ExcelMock } from './index.ts';

declare global {
  interface Window {
    __excelMock: ExcelMock;
    __excelMockSetup?: {
      displayLanguage?: string;
      unsupported?: string[];
      theme?: keyof typeof OFFICE_THEMES;
      sheet?: { name: string; rows: (string | number | null | { error: string })[][] };
      select?: string;
      /** Milliseconds each sync takes (a slow workbook, to see progress). */
      syncDelay?: number;
    };
  }
}

const setup = window.__excelMockSetup ?? {};
const mock = createExcelMock({
  displayLanguage: setup.displayLanguage,
  unsupported: setup.unsupported,
  officeTheme: setup.theme ? OFFICE_THEMES[setup.theme] : undefined,
  syncDelay: setup.syncDelay,
});
if (setup.sheet) {
  mock.setSheet(setup.sheet.name, setup.sheet.rows);
  if (setup.select) mock.select(setup.sheet.name, setup.select);
}
window.__excelMock = mock;
Object.assign(window, { Excel: mock.Excel, Office: mock.Office });
