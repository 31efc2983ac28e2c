import {
  analyzeCustomers,
  createAnalysis,
  assignTiers,
  CvError,
  decodeText,
  detectColumns,
  formatMessage,
  formatReason,
  isoToDay,
  parseScoredCustomersCsv,
  readCustomerCells,
  readTable,
  readTransactions,
  scanAmount,
  tierSummary,
  type ExcludedCustomer,
  type Message,
  type RejectedRow,
  type Tier,
  type TierSummaryRow,
  type Transaction,
} from '../../core/index.ts';
import { customerIndexKeys } from '../match/keys.ts';
import { crmSiteOfHeader, qualifyCrmId, type CrmSite } from '../match/qualify-crm-id.ts';
import type { ImportMeta } from '../store/customer-store.ts';
import type { StoredCustomer } from '../store/stored-customer.ts';
import { guessIdentity } from './guess-identity.ts';
import { detectFileKind, guessCustomerColumns, guessIdColumn, guessValueColumn, type FileKind } from './file-kind.ts';
import { TRANSACTION_ROLES, type EncodingChoice, type IdentityColumns, type ImportSettings, type Preview, type TransactionColumns } from './import-protocol.ts';
import { amountTooLarge, importMessages } from './import-messages.ts';

/**
 * Amounts beyond this are rejected rows: no purchase reaches a quadrillion in
 * any currency, and a few such values (1e308) add up to infinity, which no
 * score survives — one mistyped cell must not abort the file.
 */
export const MAX_AMOUNT = 1e15;

/** Rejected rows kept for the report; the rest are only counted. */
export const MAX_REPORTED_REJECTS = 1000;
const PREVIEW_LINES = 21;

/**
 * Looks at the start of a file: its kind (transactions, customer table,
 * value list or scored-customers export, see detectFileKind), headers, first
 * rows, the encoding used, and which columns seem to hold e-mail, company,
 * domain, CRM ids and name, the customer id, x/t_x/T and the value.
 *
 * @throws CvError from decodeText when the encoding is unavailable
 * @example previewImport(new TextEncoder().encode('id,email\n1,a@b.c'), 'auto').guess // { email: 1 }
 */
export function previewImport(bytes: Uint8Array, encoding: EncodingChoice): Preview {
  // Only the start is decoded: a preview of a 60 MB file must not wait for all of it.
  const decoded = decodeText(headBytes(bytes), encoding);
  const head = firstLines(decoded.text, PREVIEW_LINES);
  const table = readTable(head, { header: 'auto' });
  const headers = table.hasHeader ? table.headers : (table.rows[0] ?? []).map((_, i) => `#${i + 1}`);
  const guess = table.hasHeader ? guessIdentity(headers) : {};
  const crmSite = guess.crmIds !== undefined ? crmSiteOfHeader(headers[guess.crmIds] ?? '') : undefined;
  const detected = table.hasHeader ? detectColumns(headers) : {};
  const columns: TransactionColumns = {};
  for (const role of TRANSACTION_ROLES) if (detected[role] !== undefined) columns[role] = detected[role];
  return {
    kind: table.hasHeader ? detectFileKind(headers) : 'transactions',
    columns,
    customerColumns: table.hasHeader ? guessCustomerColumns(headers) : {},
    idColumn: table.hasHeader ? guessIdColumn(headers) : 0,
    valueColumn: table.hasHeader ? guessValueColumn(headers) : undefined,
    headers,
    sample: table.rows.slice(0, PREVIEW_LINES - 1),
    encoding: decoded.encoding,
    guess,
    ...(crmSite ? { crmSite } : {}),
  };
}

export interface ImportProgress {
  (phase: 'read' | 'score' | 'write', fraction: number): void;
}

/**
 * Turns a file into the rows the extension stores and the import record.
 * The kind is `settings.kind`, else detected from the header row.
 * A scored-customers export is taken as scored. A customer table (x, t_x, T
 * per customer, in `settings.unit`) is read by core's readCustomerCells and
 * scored like transactions. A value list is tiered by its value column with
 * churn risk left unknown (see importValues). A transaction file is read
 * with core's reader (identity columns mapped as chosen), summarised weekly
 * and segmented with the chosen tier method and model (BG/NBD or Pareto/NBD
 * with Gamma-Gamma, or the heuristic churn score). Each row is indexed under the canonical keys of its
 * e-mail, company, domain and CRM ids. Unreadable rows go to the report.
 *
 * @throws CvError when the file has no usable columns or rows (from the core
 *   readers, or valueListRows when a value list has no value column)
 * @example buildImport(bytes, { fileName: 'tx.csv', encoding: 'auto', identity: {}, tierMethod: 'contribution', model: 'heuristic' }).meta.customers
 */
export function buildImport(bytes: Uint8Array, settings: ImportSettings, onProgress: ImportProgress = () => {}): { rows: StoredCustomer[]; meta: ImportMeta } {
  const head = readTable(firstLines(decodeText(headBytes(bytes), settings.encoding).text, 2), { header: true });
  const kind: FileKind = settings.kind ?? detectFileKind(head.headers);
  switch (kind) {
    case 'scored':
      return importScored(decodeText(bytes, settings.encoding).text, settings, onProgress);
    case 'customers':
      return importCustomers(decodeText(bytes, settings.encoding).text, settings, onProgress);
    case 'values':
      return importValues(decodeText(bytes, settings.encoding).text, settings, onProgress);
    default:
      // The bytes, not a decoded string: core reads them a few megabytes at a time.
      return importTransactions(bytes, settings, onProgress);
  }
}

/** Bytes enough for a header row: what is needed to tell a file's kind without decoding all of it. */
const HEAD_BYTES = 2 ** 20;

/**
 * The start of a file, cut after its last line break within HEAD_BYTES (and
 * after the zero byte that follows it in UTF-16LE), so no character is cut
 * in two; the whole file when it is small.
 */
export function headBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= HEAD_BYTES) return bytes;
  let end = bytes.lastIndexOf(0x0a, HEAD_BYTES - 1);
  if (end < 0) return bytes;
  if (bytes[end + 1] === 0 && (end + 1) % 2 === 1) end++;
  return bytes.subarray(0, end + 1);
}

/**
 * A customer table: core's readCustomerCells (ids kept as text, bad rows
 * rejected with their file line and reason) then analyzeCustomers with the
 * chosen tier method and model. Identity columns are taken from each
 * customer's row.
 */
function importCustomers(text: string, settings: ImportSettings, onProgress: ImportProgress) {
  onProgress('read', 0);
  const table = readTable(text, { header: true });
  const mapping = { ...guessCustomerColumns(table.headers), ...definedOnly(settings.customerColumns ?? {}) };
  const unit = settings.unit ?? 'week';
  // The as-of day only places first and last purchases on the calendar; the
  // scores use x, t_x and T, which the file gives.
  const asOf = isoToDay(new Date().toISOString().slice(0, 10));
  const read = readCustomerCells(table.rows, { mapping, hasHeader: false, firstRow: 0, unit, asOf });
  // readCustomerCells numbers rows from firstRow; map them to the file's lines.
  const rejected = [...table.rejected, ...read.rejected.map((r) => ({ ...r, line: table.lines[r.line] ?? r.line }))].sort((a, b) => a.line - b.line);
  onProgress('read', 1);
  if (read.summaries.length === 0) throw noUsable('customer', rejected, settings);
  onProgress('score', 0);
  const analysis = analyzeCustomers(read.summaries, { unit, tierRule: { method: settings.tierMethod }, model: settings.model });
  const result = analysis.segment;
  onProgress('score', 1);
  // Identities only from accepted rows: a rejected duplicate must not add its e-mail or CRM ids to the customer kept.
  const rejectedIndex = new Set(read.rejected.map((r) => r.line));
  const accepted = table.rows.flatMap((row, i) => (rejectedIndex.has(i) ? [] : [{ row, line: table.lines[i] ?? i }]));
  const { identities: extras, unreadable } = identityByRow(accepted, mapping.customerId as number, settings);
  const rows = result.customers.map((c) => {
    const e = extras.get(c.id);
    return stored({
      id: c.id, name: e?.name, email: e?.email, company: e?.company, domain: e?.domain, crmIds: e?.crmIds ? [...e.crmIds] : undefined,
      tier: c.tier, churnRisk: c.churnRisk, churnHorizonDays: result.totals.churnHorizonDays, clv: c.clv, value: c.value, rfmCell: c.rfm.cell, rfmSegment: c.rfm.segment, stage: c.stage, matrix: c.matrix,
    });
  });
  const note = importMessages(settings.lang).customerTableNote(unit);
  return { rows, meta: meta(settings, 'customers', rows.length, table.rows.length + table.rejected.length, rejected, [note, ...said(read, settings), ...said(result, settings), ...unreadableWarning(unreadable, settings)], result.summary) };
}

/**
 * A value list (one row per customer, a value and no purchase history):
 * valueListRows' customers, tiered by the chosen method over the value
 * column, stored with no churn risk (unknown, never a number) and no CLV,
 * RFM, stage or matrix, which need purchase dates.
 */
function importValues(text: string, settings: ImportSettings, onProgress: ImportProgress) {
  onProgress('read', 0);
  const { rows, rejected, summary, rowsRead, warnings } = valueListRows(text, settings);
  onProgress('read', 1);
  if (rows.length === 0) throw noUsable('customer', rejected, settings);
  const note = importMessages(settings.lang).valuesNote;
  return { rows, meta: meta(settings, 'values', rows.length, rowsRead, rejected, [note, ...warnings], summary) };
}

/** A value-list customer: tier by value, churn risk unknown (never a number). */
export type ValueListCustomer = Omit<StoredCustomer, 'churnRisk'> & { churnRisk?: never };

/**
 * Tiers a value list by its value column with core's assignTiers and
 * tierSummary. Rows with a blank id, a value that is not an amount, or an id
 * seen before are rejected with their file line and reason. Churn risk is
 * left unknown: the file holds no purchase dates.
 *
 * @throws CvError('valueListRows', 'data') when no value column is chosen or guessed
 * @example valueListRows('id,revenue\nA,1000\nB,1\nC,1\nD,1\nE,1\n', settings).rows[0].tier // "VIP": 1000 is 4.98 × the mean
 */
export function valueListRows(text: string, settings: ImportSettings): { rows: ValueListCustomer[]; rejected: RejectedRow[]; summary: TierSummaryRow[]; rowsRead: number; warnings: string[] } {
  const table = readTable(text, { header: true });
  const idColumn = settings.idColumn ?? guessIdColumn(table.headers);
  const valueColumn = settings.valueColumn ?? guessValueColumn(table.headers);
  if (valueColumn === undefined) throw new CvError('valueListRows', 'data', importMessages(settings.lang).chooseColumn('value'));
  const rejected: RejectedRow[] = [...table.rejected];
  const kept: { id: string; value: number; row: string[]; line: number }[] = [];
  const seen = new Set<string>();
  table.rows.forEach((row, i) => {
    const line = table.lines[i];
    const id = (row[idColumn] ?? '').trim();
    const raw = (row[valueColumn] ?? '').trim();
    const value = scanAmount(raw);
    const reason = id === '' ? 'the customer id is blank'
      : Number.isNaN(value) ? `the value "${raw}" is not a number`
      : Math.abs(value) > MAX_AMOUNT ? amountTooLarge(raw)
      : seen.has(id) ? `customer ${id} appears twice`
      : undefined;
    if (reason) return void rejected.push({ line, reason });
    seen.add(id);
    kept.push({ id, value, row, line });
  });
  const tiers: Tier[] = kept.length ? assignTiers(kept.map((k) => k.value), { method: settings.tierMethod }).tiers : [];
  const { identities: extras, unreadable } = identityByRow(kept, idColumn, settings);
  const rows = kept.map((k, i): ValueListCustomer => {
    const e = extras.get(k.id);
    const { churnRisk: _none, ...row } = stored({ id: k.id, name: e?.name, email: e?.email, company: e?.company, domain: e?.domain, crmIds: e?.crmIds ? [...e.crmIds] : undefined, tier: tiers[i], value: k.value });
    return row;
  });
  return {
    rows,
    rejected: rejected.sort((a, b) => a.line - b.line),
    summary: tierSummary(tiers, kept.map((k) => k.value)),
    rowsRead: table.rows.length + table.rejected.length,
    warnings: unreadableWarning(unreadable, settings),
  };
}

const definedOnly = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The error of a file without one usable row, in the report's language (shown as is, without a function name). */
function noUsable(what: 'transaction' | 'customer', rejected: readonly RejectedRow[], settings: ImportSettings): ImportError {
  const first = rejected[0] && { line: rejected[0].line, reason: formatReason(rejected[0], settings.lang ?? 'en') };
  return new ImportError(importMessages(settings.lang).noUsable(what, rejected.length, first));
}

/** An import problem worded for the user (the form shows the message as it is). */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}

function importScored(text: string, settings: ImportSettings, onProgress: ImportProgress) {
  onProgress('read', 0);
  const file = parseScoredCustomersCsv(text);
  onProgress('read', 1);
  // The analyst's sheet may hold bare CRM ids: read as any other import's.
  const unreadable: Unreadable[] = [];
  const rows = file.customers.map((c) => {
    const crmIds = new Set<string>();
    addCrmIds(crmIds, c.crmIds.join(';'), `customer ${c.cvlensId}`, settings.crmSite, unreadable);
    return stored({
      id: c.cvlensId, name: c.name, email: c.email, company: c.company, domain: c.domain, crmIds: [...crmIds],
      tier: c.tier, churnRisk: c.churnRisk, churnHorizonDays: c.churnHorizonDays, clv: c.clv, value: c.value, rfmCell: c.rfm, rfmSegment: c.rfmSegment, stage: c.stage, matrix: c.matrix,
    });
  });
  return {
    rows,
    meta: meta(settings, 'scored', rows.length, rows.length + file.rejected.length, file.rejected, unreadableWarning(unreadable, settings), tierSummary(rows.map((r) => r.tier), rows.map((r) => r.value ?? 0))),
  };
}

function importTransactions(bytes: Uint8Array, settings: ImportSettings, onProgress: ImportProgress) {
  const { identity } = settings;
  const mapping: Record<string, number> = {};
  for (const role of TRANSACTION_ROLES) if (settings.columns?.[role] !== undefined) mapping[role] = settings.columns[role]!;
  for (const role of ['email', 'company', 'name'] as const) if (identity[role] !== undefined) mapping[role] = identity[role]!;
  // Domain and CRM ids, columns the reader does not know, are taken from
  // each accepted row in the same pass (a rejected row lends nothing).
  const extras = new Map<string, RowIdentity>();
  const unreadable: Unreadable[] = [];
  // The reader keeps e-mail, company and name itself.
  const extraColumns: IdentityColumns = { domain: identity.domain, crmIds: identity.crmIds };
  const wantExtras = identity.domain !== undefined || identity.crmIds !== undefined;
  const onAccepted = (t: { customerId: string; line: number; amount: number }, cells: readonly unknown[]) => {
    if (Math.abs(t.amount) <= MAX_AMOUNT) takeIdentity(extras, t.customerId, cells, t.line, extraColumns, settings.crmSite, unreadable);
  };
  // Core's one analysis, with core's defaults: the same file gives the same
  // numbers here as in the command line and in Excel. Each row goes into it
  // as it is read, so no million transaction objects wait in memory (their
  // garbage cost more than the reading). A model that cannot be fitted falls
  // back, and the reason lands in the report's warnings.
  const analysis = createAnalysis({ tierRule: { method: settings.tierMethod }, model: settings.model });
  const huge: RejectedRow[] = [];
  let used = 0;
  const onTransaction = (t: Transaction) => {
    if (Math.abs(t.amount) > MAX_AMOUNT) huge.push({ line: t.line, reason: amountTooLarge(String(t.amount)) });
    else {
      analysis.add(t);
      used++;
    }
  };
  let read;
  try {
    read = readTransactions(bytes, { encoding: settings.encoding, mapping, onProgress: (f) => onProgress('read', f), onTransaction, ...(wantExtras ? { onAccepted } : {}) });
  } catch (e) {
    // The form asks for every column; a file whose columns are not found says which to choose, in the form's words.
    const missing = e instanceof CvError && e.kind === 'data' ? TRANSACTION_ROLES.find((r) => mapping[r] === undefined && e.reason.includes(`no ${r === 'customerId' ? 'customer id' : r} column`)) : undefined;
    throw missing ? new ImportError(importMessages(settings.lang).chooseColumn(missing)) : e;
  }
  if (huge.length) read.rejected = [...read.rejected, ...huge].sort((a, b) => a.line - b.line);
  if (used === 0) throw noUsable('transaction', read.rejected, settings);
  onProgress('score', 0);
  const scored = analysis.finish();
  const result = scored.segment;
  onProgress('score', 1);
  // Row by row (result.row), not result.customers: that keeps every
  // customer's 40-field row alive until the end, a heap the collector then
  // walks again and again while the chunks are laid out.
  const rows = new Array<StoredCustomer>(result.totals.customers);
  for (let k = 0; k < rows.length; k++) {
    const c = result.row(k);
    const extra = extras.get(c.id);
    rows[k] = stored({
      id: c.id, name: c.name, email: c.email, company: c.company, domain: extra?.domain, crmIds: extra?.crmIds ? [...extra.crmIds] : undefined,
      tier: c.tier, churnRisk: c.churnRisk, churnHorizonDays: result.totals.churnHorizonDays, clv: c.clv, value: c.value, rfmCell: c.rfm.cell, rfmSegment: c.rfm.segment, stage: c.stage, matrix: c.matrix,
    });
  }
  return { rows, meta: meta(settings, 'transactions', rows.length, read.rowsRead, read.rejected, [...said(read, settings), ...said(result, settings), ...excludedWarnings(scored.excluded, settings), ...unreadableWarning(unreadable, settings)], result.summary) };
}

/** Customers the analysis could not score, each named with its reason (the report lists them, nothing vanishes). */
function excludedWarnings(excluded: readonly ExcludedCustomer[], settings: ImportSettings): string[] {
  const say = importMessages(settings.lang);
  return excluded.slice(0, MAX_REPORTED_REJECTS).map((e) => say.excluded(e.id, e.problems?.length ? formatReason(e, settings.lang ?? 'en') : say.reason(e.reason)));
}

/**
 * Core's notes in the report's language: the messages core gives beside its
 * English sentences, where it gives one for each (otherwise the sentences).
 */
function said(from: { warnings: readonly string[]; warningMessages?: readonly Message[] }, settings: ImportSettings): string[] {
  const messages = from.warningMessages;
  if (messages === undefined || messages.length !== from.warnings.length) return [...from.warnings];
  return messages.map((m) => formatMessage(m, settings.lang ?? 'en'));
}

/** CRM ids: a set made only for a customer that has one (most rows of most files have none). */
type RowIdentity = { email?: string; company?: string; name?: string; domain?: string; crmIds?: Set<string> };
/**
 * A CRM id cell value that is no id of a known CRM, with where it is: a file
 * line, or a text such as "customer C1". A line stays a number until the
 * report words it: a million rows must not each build a "line N" string
 * that only a bad cell needs.
 */
type Unreadable = { where: string | number; value: string };

/** E-mail, company, name, domain and CRM ids of each customer id, from its (first non-blank) cells; CRM ids from all its rows. */
function identityByRow(rows: readonly { row: readonly string[]; line: number }[], idColumn: number, settings: ImportSettings): { identities: Map<string, RowIdentity>; unreadable: Unreadable[] } {
  const identities = new Map<string, RowIdentity>();
  const unreadable: Unreadable[] = [];
  for (const { row, line } of rows) {
    const id = row[idColumn]?.trim();
    if (id) takeIdentity(identities, id, row, line, settings.identity, settings.crmSite, unreadable);
  }
  return { identities, unreadable };
}

/**
 * Takes one row's identity cells (the `columns` given) into the entry of
 * customer `id`: the first non-blank e-mail, company, name and domain win,
 * CRM ids come from every row; an unreadable CRM id is noted at `where`.
 */
function takeIdentity(identities: Map<string, RowIdentity>, id: string, row: readonly unknown[], where: string | number, columns: IdentityColumns, site: CrmSite | undefined, unreadable: Unreadable[]): void {
  let e = identities.get(id);
  if (!e) identities.set(id, (e = {}));
  const cell = (col: number | undefined) => (col === undefined ? undefined : cellText(row[col]));
  e.email ??= cell(columns.email);
  e.company ??= cell(columns.company);
  e.name ??= cell(columns.name);
  e.domain ??= cell(columns.domain);
  const crm = cell(columns.crmIds);
  if (crm) addCrmIds((e.crmIds ??= new Set()), crm, where, site, unreadable);
}

/** A cell as trimmed text, undefined when blank or missing. */
function cellText(cell: unknown): string | undefined {
  return cell === undefined || cell === null ? undefined : String(cell).trim() || undefined;
}

/** Adds a cell's CRM ids, each as `<site>:<id>` (qualifyCrmId); ids no CRM's are noted with where they are. */
function addCrmIds(into: Set<string>, cell: string | undefined, where: string | number, site: CrmSite | undefined, unreadable: Unreadable[]): void {
  if (!cell) return;
  for (const part of cell.split(/[;|\s]+/)) {
    if (!part) continue;
    const id = qualifyCrmId(part, site);
    if (id !== undefined) into.add(id);
    else unreadable.push({ where, value: part });
  }
}

/**
 * The import report's line about CRM ids that were left out: how many, the
 * first few with their lines, and what to do (nothing is dropped silently).
 */
function unreadableWarning(unreadable: readonly Unreadable[], settings: ImportSettings): string[] {
  if (unreadable.length === 0) return [];
  const first = unreadable.slice(0, 3).map((u) => `${typeof u.where === 'number' ? `line ${u.where}` : u.where}: "${u.value}"`).join(', ');
  return [importMessages(settings.lang).unreadableCrmIds(unreadable.length, first, unreadable.length > 3)];
}

/**
 * A stored row with its index keys; empty strings and lists become absent.
 * Its search words are not listed here: the layout works them out as it
 * files them (a list per customer, kept until then, cost a million strings
 * and arrays at 250,000 customers). Written field by field, without
 * intermediate arrays: an import stores hundreds of thousands of these.
 */
export function stored(row: Omit<StoredCustomer, 'keys' | 'search'>): StoredCustomer {
  const out: Record<string, unknown> = {};
  // Field by field in a fixed order rather than a loop over the row's keys:
  // every stored row then has the same shape, and V8 keeps one for them all.
  for (let f = 0; f < STORED_FIELDS.length; f++) {
    const key = STORED_FIELDS[f];
    const v = row[key];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = v;
  }
  // Filled in place, not spread into a second object.
  const c = out as unknown as StoredCustomer;
  c.keys = customerIndexKeys(c);
  return c;
}

/** Every field of a stored row but its keys and search words, in the order they are written. */
const STORED_FIELDS = ['id', 'name', 'email', 'company', 'domain', 'crmIds', 'tier', 'churnRisk', 'churnHorizonDays', 'clv', 'value', 'rfmCell', 'rfmSegment', 'stage', 'matrix'] as const satisfies readonly (keyof Omit<StoredCustomer, 'keys' | 'search'>)[];
/** Fails to compile when StoredCustomer gains a field the list above leaves out (it would be dropped silently). */
const everyField: [Exclude<keyof Omit<StoredCustomer, 'keys' | 'search'>, (typeof STORED_FIELDS)[number]>] extends [never] ? true : false = true;
void everyField;

function meta(settings: ImportSettings, kind: ImportMeta['kind'], customers: number, rowsRead: number, rejected: readonly RejectedRow[], warnings: string[], summary: ImportMeta['summary']): ImportMeta {
  return {
    fileName: settings.fileName,
    importedAt: new Date().toISOString(),
    kind,
    customers,
    rowsRead,
    rejected: rejected.slice(0, MAX_REPORTED_REJECTS),
    rejectedMore: Math.max(0, rejected.length - MAX_REPORTED_REJECTS),
    summary,
    warnings,
    // A scored export keeps the add-in's tiers; a value list is tiered here but has no model.
    tierMethod: kind === 'scored' ? undefined : settings.tierMethod,
    model: kind === 'transactions' || kind === 'customers' ? settings.model : undefined,
  };
}

function firstLines(text: string, n: number): string {
  let end = 0;
  for (let i = 0; i < n; i++) {
    const next = text.indexOf('\n', end);
    if (next < 0) return text;
    end = next + 1;
  }
  return text.slice(0, end);
}
