/**
 * From the cells of a selected range to a segment result: column detection
 * for the pane's mapping editor, then core's reader, summary and analysis
 * (core/analysis: model fit, predictions, segmentation). Glue only: every
 * rule is in core.
 */
import {
  ALL_ROLES,
  analyzeCustomers,
  createAnalysis,
  CvError,
  detectColumns,
  detectCustomerColumns,
  looksLikeHeader,
  readCustomerCells,
  readTransactionCells,
  REQUIRED_CUSTOMER_ROLES,
  REQUIRED_ROLES,
  type AnalysisSettingsInput,
  type ColumnMapping,
  type ColumnRole,
  type CustomerMapping,
  type DayNumber,
  type ExcludedCustomer,
  type ModelReport,
  type PurchaseModelName,
  type RejectedRow,
  type SegmentResult,
  type TierRule,
  type Lang,
  type TimeUnit,
  formatMessage,
  formatReason,
  type Message,
} from '../../core/index.ts';
import { rejectErrorRows, type ErrorCell } from './error-cells.ts';

export { ALL_ROLES, REQUIRED_ROLES };

/** What the pane shows right after a range is selected. */
export interface Inspection {
  /** Transactions (a row per purchase) or one row per customer (x, t_x, T, revenue). */
  kind: DataKind;
  hasHeader: boolean;
  /** Column titles: the header row's cells, or "Column 1…" without one. */
  columns: string[];
  mapping: ColumnMapping;
  /** Columns of a customer table (when the headers name them). */
  customerMapping: CustomerMapping;
  /** Roles the data still lacks. */
  missing: ColumnRole[];
  /** The first rows of data (header excluded), for the preview. */
  preview: unknown[][];
  /** Index in the values of preview[0]. */
  previewStart: number;
  warnings: string[];
}

/**
 * Detects the header and the columns of a range's values (a sample is
 * enough: the first 200 rows).
 * @example inspectCells([['客户编号', '交易日期', '金额'], ['7', 45356, 12]]).mapping // { customerId: 0, date: 1, amount: 2 }
 */
export function inspectCells(values: readonly (readonly unknown[])[]): Inspection {
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  const start = firstNonBlank(values);
  // Columns are guessed from complete rows: a cell left blank (or an error value taken out)
  // would otherwise spoil the guess for its whole column.
  const head = values.slice(0, start + 1);
  const rest = values.slice(start + 1, start + 200);
  const complete = rest.filter((r) => r.length >= width && r.every((c) => c !== null && c !== undefined && c !== ''));
  const sample = [...head, ...(complete.length > 0 ? complete : rest)];
  let hasHeader: boolean;
  let headers: string[];
  let mapping: ColumnMapping;
  let warnings: string[];
  try {
    const read = readTransactionCells(sample);
    ({ hasHeader, headers, mapping, warnings } = read);
  } catch (e) {
    // Columns core cannot place (e.g. no header, dates as serial numbers):
    // the user picks them in the mapping editor.
    if (!(e instanceof CvError)) throw e;
    const text = (r: readonly unknown[] | undefined) => (r ?? []).map((c) => (c === null || c === undefined ? '' : String(c)));
    hasHeader = looksLikeHeader(text(values[start]), values.slice(start + 1, start + 21).map(text));
    headers = hasHeader ? text(values[start]).map((h) => h.trim()) : [];
    mapping = hasHeader ? detectColumns(headers) : guessSheetColumns(sample.slice(start));
    warnings = [e.reason];
  }
  const columns = Array.from({ length: width }, (_, j) => (hasHeader && headers[j] ? headers[j] : `Column ${j + 1}`));
  const dataStart = hasHeader ? start + 1 : start;
  const customerMapping = hasHeader ? detectCustomerColumns(headers) : {};
  // A table with x, t_x and T but no date column is already one row per customer.
  const kind: DataKind =
    mapping.date === undefined && REQUIRED_CUSTOMER_ROLES.every((r) => customerMapping[r] !== undefined) ? 'customers' : 'transactions';
  return {
    kind,
    hasHeader,
    columns,
    mapping,
    customerMapping,
    missing: kind === 'customers' ? [] : REQUIRED_ROLES.filter((r) => mapping[r] === undefined),
    preview: values.slice(dataStart, dataStart + 5).map((r) => [...r]),
    previewStart: dataStart,
    warnings,
  };
}

/** Excel serials of 1970-01-01 and 2099-12-31: whole numbers between them in every row read as dates in a sheet. */
const SERIAL_1970 = 25569;
const SERIAL_2100 = 73051;

/**
 * Column guesses for a header-less range where core's reader finds no date
 * column: core will not take numbers for dates (in a text file they are as
 * likely amounts), but in a sheet a date cell is a serial number. Customer
 * id: the first column holding text; date: the first other column whose
 * cells are all whole serials of 1970–2099; amount: the last other column of
 * numbers. Only offered to the user, who checks them in the mapping editor.
 * @example guessSheetColumns([['C1', 45292, 12.5], ['C2', 45300, 8]]) // { customerId: 0, date: 1, amount: 2 }
 */
export function guessSheetColumns(rows: readonly (readonly unknown[])[]): ColumnMapping {
  const data = rows.filter((r) => r.some((c) => c !== null && c !== undefined && c !== '')).slice(0, 50);
  const width = data.reduce((w, r) => Math.max(w, r.length), 0);
  const every = (j: number, test: (c: unknown) => boolean) => data.length > 0 && data.every((r) => test(r[j]));
  const out: ColumnMapping = {};
  const free = (j: number) => !Object.values(out).includes(j);
  for (let j = 0; j < width && out.customerId === undefined; j++) if (every(j, (c) => typeof c === 'string' && c.trim() !== '')) out.customerId = j;
  for (let j = 0; j < width && out.date === undefined; j++) {
    if (free(j) && every(j, (c) => typeof c === 'number' && Number.isInteger(c) && c >= SERIAL_1970 && c <= SERIAL_2100)) out.date = j;
  }
  for (let j = width - 1; j >= 0 && out.amount === undefined; j--) if (free(j) && every(j, (c) => typeof c === 'number')) out.amount = j;
  return out;
}

function firstNonBlank(values: readonly (readonly unknown[])[]): number {
  const i = values.findIndex((r) => r.some((c) => c !== null && c !== undefined && c !== ''));
  return i < 0 ? 0 : i;
}

/** The pane's options. */
export type DataKind = 'transactions' | 'customers';

export interface AnalysisOptions {
  /** Default 'transactions'. */
  kind?: DataKind;
  mapping: ColumnMapping;
  /** Columns of one-row-per-customer data (kind 'customers'). */
  customerMapping?: CustomerMapping;
  hasHeader: boolean;
  /** Sheet row number of values[0] (for rejected-row reports). */
  firstRow: number;
  unit: TimeUnit;
  asOf?: DayNumber;
  marginRate?: number;
  tierRule: TierRule;
  model: PurchaseModelName;
  /** CLV horizon in days. */
  horizonDays: number;
  /** Discount rate per year. */
  annualDiscount: number;
  /** Churn risk horizon in days (core's default when left out). */
  churnHorizonDays?: number;
  /** Error values in `values` (from Range.valueTypes): their rows are rejected when the error is in a used column. */
  errorCells?: readonly ErrorCell[];
  /** 0-based sheet column of values[..][0], for naming an error's cell (default 0). */
  firstColumn?: number;
}

export interface Analysis {
  /** Source rows that could not be used, with sheet row numbers and reasons. */
  rejected: RejectedRow[];
  result: SegmentResult;
  models: ModelReport;
  /** Customers who could not be scored (e.g. only returns), with the reason. */
  excluded: ExcludedCustomer[];
  /** Seconds spent in core (reading, summarising, fitting, segmenting). */
  coreSeconds: number;
}

/**
 * Reads the transactions, summarises them and runs core's analysis (model
 * fit when asked, with core's fallback to the heuristics when the data do
 * not allow a fit; the reason is in the warnings).
 * @throws CvError from core (e.g. no customer id column).
 */
export function analyze(cells: readonly (readonly unknown[])[], o: AnalysisOptions): Analysis {
  const started = performance.now();
  const used = Object.values(o.kind === 'customers' ? (o.customerMapping ?? {}) : o.mapping).filter((c): c is number => typeof c === 'number');
  const header = o.hasHeader ? firstNonBlank(cells) + 1 : 0;
  const { values, rejected: errorRows } = rejectErrorRows(cells, o.errorCells ?? [], used, { firstRow: o.firstRow, firstColumn: o.firstColumn ?? 0, dataStart: header });
  const withErrors = (rejected: RejectedRow[]) => (errorRows.length ? [...errorRows, ...rejected].sort((a, b) => a.line - b.line) : rejected);
  const settings: AnalysisSettingsInput = {
    unit: o.unit,
    asOf: o.asOf,
    marginRate: o.marginRate,
    tierRule: o.tierRule,
    model: o.model,
    horizonDays: o.horizonDays,
    annualDiscount: o.annualDiscount,
    churnHorizonDays: o.churnHorizonDays,
  };
  if (o.kind === 'customers') {
    // Summarised data carry no dates: the as-of day defaults to today.
    const asOf = o.asOf ?? Math.floor(Date.now() / 86_400_000);
    const read = readCustomerCells(values, { mapping: o.customerMapping ?? {}, hasHeader: o.hasHeader, firstRow: o.firstRow, unit: o.unit, asOf });
    const analysis = analyzeCustomers(read.summaries, { ...settings, asOf });
    analysis.warnings.unshift(...read.warnings);
    analysis.warningMessages.unshift(...read.warningMessages);
    noteModelChoice(analysis);
    return { rejected: withErrors(read.rejected), result: analysis.segment, models: analysis.models, excluded: analysis.excluded, coreSeconds: (performance.now() - started) / 1000 };
  }
  const read = readTransactionCells(values, { mapping: o.mapping, header: o.hasHeader, firstRow: o.firstRow });
  const builder = createAnalysis(settings);
  for (const t of read.transactions) builder.add(t);
  const analysis = builder.finish();
  analysis.warnings.unshift(...read.warnings);
  analysis.warningMessages.unshift(...read.warningMessages);
  noteModelChoice(analysis);
  return { rejected: withErrors(read.rejected), result: analysis.segment, models: analysis.models, excluded: analysis.excluded, coreSeconds: (performance.now() - started) / 1000 };
}

/** Adds to the notes which model scored the customers and why, as the command line's footer says it. */
function noteModelChoice(analysis: { warnings: string[]; warningMessages: Message[]; models: ModelReport }): void {
  const { selection, recalibration } = analysis.models;
  analysis.warnings.push(selection.reason, ...(recalibration ? [recalibration.description] : []));
  analysis.warningMessages.push(selection.reasonMessage, ...(recalibration ? [recalibration.descriptionMessage] : []));
}

/**
 * The notes of a result in `lang`: its messages, or (a producer that gave
 * none, so the two lists differ) its English notes as they are.
 * @example notesIn(result, 'zh') // ['按留出期表现选择了 BG/NBD …']
 */
export function notesIn(result: Pick<SegmentResult, 'warnings' | 'warningMessages'>, lang: Lang): string[] {
  return result.warningMessages.length === result.warnings.length ? result.warningMessages.map((m) => formatMessage(m, lang)) : [...result.warnings];
}

/** The rejected rows with their reasons in `lang` (core's `problems`; the English reason where a row has none). */
export function rejectedIn(rejected: readonly RejectedRow[], lang: Lang): RejectedRow[] {
  return rejected.map((r) => ({ ...r, reason: formatReason(r, lang) }));
}
