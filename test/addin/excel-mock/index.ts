/**
 * An in-memory Excel for tests: the subset of the Office.js Excel API the
 * add-in uses, with Office.js's batching semantics (load/sync,
 * PropertyNotLoaded), Excel on the web's 5 MB payload limit per request
 * (RichApi.Error RequestPayloadSizeLimitExceeded), a sync counter, and
 * Excel's parsing of strings written with Range.values (formula, number,
 * date, boolean) unless the cell is formatted as Text (written-string.ts).
 *
 *   const mock = createExcelMock();
 *   mock.setSheet('Sheet1', [['id', 'date', 'amount'], ['a', 45292, 10]]);
 *   mock.select('Sheet1', 'A1:C2');
 *   await mock.Excel.run(async (ctx) => { … });
 *   mock.state.sheet('Segments')?.read(…); mock.stats.syncs;
 */
import { parseAddress } from './a1.ts';
import { MockRequestContext, type MockOptions, type MockStats } from './proxies.ts';
import { SheetState, WorkbookState, type CellValue } from './state.ts';

export { colName, formatAddress, parseAddress, type Rect } from './a1.ts';
export { RichApiError } from './errors.ts';
export { SheetState, WorkbookState, type CellValue } from './state.ts';
export type { MockStats } from './proxies.ts';

export const EXCEL_WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface ExcelMock {
  /** Stands for the global `Excel`. */
  Excel: {
    run<T>(batch: (context: MockRequestContext) => Promise<T>): Promise<T>;
    ChartType: Record<string, string>;
    ChartSeriesBy: Record<string, string>;
    ErrorCodes: Record<string, string>;
  };
  /** Stands for the global `Office`. */
  Office: {
    onReady(cb?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
    context: {
      displayLanguage: string;
      requirements: { isSetSupported(name: string, minVersion?: string): boolean };
      /** Office's theme colours (Office.context.officeTheme); absent where Office has none (Excel on the web in some versions). */
      officeTheme?: OfficeThemeColors;
    };
    HostType: { Excel: string };
  };
  state: WorkbookState;
  stats: MockStats;
  /** Creates or replaces a sheet with these rows from A1; a cell `{ error: '#N/A' }` holds that error value. */
  setSheet(name: string, rows: readonly (readonly (CellValue | null | { error: string })[])[]): SheetState;
  /** Selects a range ("Sheet1", "A1:C10"). */
  select(sheet: string, address: string): void;
  /**
   * The user picks another Office theme: from now on Office.context.officeTheme
   * returns it, as the getter does in Excel on Windows and Mac (it asks the
   * host again once its 5-second copy is stale). Excel fires no event for it.
   */
  setOfficeTheme(theme: OfficeThemeColors | undefined): void;
  resetStats(): void;
}

/** `unsupported`: requirement sets this Excel lacks, as "ExcelApi 1.7"; a lacking version lacks every later one too. */
/** Office.context.officeTheme: the theme colours and whether it is dark (Black or Dark Gray). */
export interface OfficeThemeColors {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  controlBackgroundColor: string;
  controlForegroundColor: string;
  isDarkTheme?: boolean;
}

/** Office's "Colorful" (light) and "Black" themes, as Excel on Windows reports them. */
export const OFFICE_THEMES: Record<'colorful' | 'black', OfficeThemeColors> = {
  colorful: { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#262626', controlBackgroundColor: '#FFFFFF', controlForegroundColor: '#262626', isDarkTheme: false },
  black: { bodyBackgroundColor: '#292929', bodyForegroundColor: '#FFFFFF', controlBackgroundColor: '#1F1F1F', controlForegroundColor: '#F0F0F0', isDarkTheme: true },
};

export function createExcelMock(
  options: MockOptions & { displayLanguage?: string; unsupported?: readonly string[]; officeTheme?: OfficeThemeColors } = {},
): ExcelMock {
  const state = new WorkbookState();
  const stats: MockStats = { syncs: 0, failedSyncs: 0, requestBytes: [], responseBytes: [] };
  const limit = options.payloadLimit ?? EXCEL_WEB_PAYLOAD_LIMIT;
  const info = { host: 'Excel', platform: 'OfficeOnline' };
  return {
    Excel: {
      async run(batch) {
        const ctx = new MockRequestContext(state, stats, limit, options.syncDelay);
        const result = await batch(ctx);
        // Like Office.js, whatever is still queued is sent when the batch ends.
        if (ctx.hasPending) await ctx.sync();
        return result;
      },
      ChartType: { columnClustered: 'ColumnClustered', line: 'Line', pie: 'Pie', barClustered: 'BarClustered', area: 'Area' },
      ChartSeriesBy: { auto: 'Auto', columns: 'Columns', rows: 'Rows' },
      ErrorCodes: {
        requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
        responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
        propertyNotLoaded: 'PropertyNotLoaded',
        itemAlreadyExists: 'ItemAlreadyExists',
        itemNotFound: 'ItemNotFound',
        invalidArgument: 'InvalidArgument',
      },
    },
    Office: {
      async onReady(cb) {
        cb?.(info);
        return info;
      },
      context: {
        displayLanguage: options.displayLanguage ?? 'en-US',
        officeTheme: options.officeTheme,
        requirements: { isSetSupported: (name, minVersion = '1.1') => !lacks(options.unsupported ?? [], name, minVersion) },
      },
      HostType: { Excel: 'Excel' },
    },
    state,
    stats,
    setSheet(name, rows) {
      let sheet = state.sheet(name);
      if (!sheet) {
        sheet = new SheetState(name);
        state.sheets.push(sheet);
      }
      sheet.rows.length = 0;
      rows.forEach((r, i) =>
        r.forEach((v, j) => {
          if (v !== null && typeof v === 'object') sheet.setError(i, j, v.error);
          else sheet.set(i, j, v);
        }),
      );
      return sheet;
    },
    setOfficeTheme(theme) {
      this.Office.context.officeTheme = theme;
    },
    select(sheet, address) {
      if (!state.sheet(sheet)) throw new Error(`no sheet ${sheet}`);
      state.selection = { sheet, rect: parseAddress(address).rect };
      state.active = state.sheets.findIndex((s) => s.name === sheet);
    },
    resetStats() {
      stats.syncs = 0;
      stats.failedSyncs = 0;
      stats.requestBytes.length = 0;
      stats.responseBytes.length = 0;
    },
  };
}

/** True when a set of `unsupported` ("ExcelApi 1.7") is at or below `name` `version`. */
function lacks(unsupported: readonly string[], name: string, version: string): boolean {
  const v = (s: string) => s.split('.').map(Number);
  const atLeast = (a: number[], b: number[]) => (a[0] !== b[0] ? a[0] > b[0] : (a[1] ?? 0) >= (b[1] ?? 0));
  return unsupported.some((u) => {
    const [n, min] = u.split(' ');
    return n === name && atLeast(v(version), v(min));
  });
}
