import { CvError } from '../../core/errors.ts';
import type { RejectedRow } from '../../core/types.ts';
import { decodeText } from '../../core/read/decode-text.ts';
import { readTable } from '../../core/read/read-table.ts';
import { readTransactions } from '../../core/read/read-transactions.ts';
import { isScoredCustomersCsv, parseScoredCustomersCsv } from '../../core/exchange/scored-customers.ts';
import { summarize } from '../../core/summary/summarize.ts';
import { analyzeCustomers } from '../../core/analysis/analyze.ts';
import { tierSummary } from '../../core/tiers/summary.ts';
import { customerIndexKeys } from '../match/keys.ts';
import type { ImportMeta } from '../store/customer-store.ts';
import type { StoredCustomer } from '../store/stored-customer.ts';
import { searchTerms } from '../store/search-terms.ts';
import { guessIdentity } from './guess-identity.ts';
import type { EncodingChoice, IdentityColumns, ImportSettings, Preview } from './import-protocol.ts';

/** Rejected rows kept for the report; the rest are only counted. */
export const MAX_REPORTED_REJECTS = 1000;
const PREVIEW_LINES = 21;

/**
 * Looks at the start of a file: its kind (scored-customers export or
 * transactions), headers, first rows, the encoding used, and which columns
 * seem to hold e-mail, company, domain, CRM ids and name.
 *
 * @throws CvError from decodeText when the encoding is unavailable
 * @example previewImport(new TextEncoder().encode('id,email\n1,a@b.c'), 'auto').guess // { email: 1 }
 */
export function previewImport(bytes: Uint8Array, encoding: EncodingChoice): Preview {
  const decoded = decodeText(bytes, encoding);
  const head = firstLines(decoded.text, PREVIEW_LINES);
  const table = readTable(head, { header: 'auto' });
  const headers = table.hasHeader ? table.headers : (table.rows[0] ?? []).map((_, i) => `#${i + 1}`);
  return {
    kind: isScoredCustomersCsv(headers) ? 'scored' : 'transactions',
    headers,
    sample: table.rows.slice(0, PREVIEW_LINES - 1),
    encoding: decoded.encoding,
    guess: table.hasHeader ? guessIdentity(headers) : {},
  };
}

export interface ImportProgress {
  (phase: 'read' | 'score' | 'write', fraction: number): void;
}

/**
 * Turns a file into the rows the extension stores and the import record:
 * a scored-customers export is taken as scored; a transaction file is read
 * with core's reader (identity columns mapped as chosen), summarised weekly
 * and segmented with the chosen tier method and model (BG/NBD or Pareto/NBD
 * with Gamma-Gamma, or the heuristic churn score). Each row is indexed under the canonical keys of its
 * e-mail, company, domain and CRM ids. Unreadable rows go to the report.
 *
 * @throws CvError when the file has no usable columns (from the core reader)
 * @example buildImport(bytes, { fileName: 'tx.csv', encoding: 'auto', identity: {}, tierMethod: 'contribution', model: 'heuristic' }).meta.customers
 */
export function buildImport(bytes: Uint8Array, settings: ImportSettings, onProgress: ImportProgress = () => {}): { rows: StoredCustomer[]; meta: ImportMeta } {
  const decoded = decodeText(bytes, settings.encoding);
  const head = readTable(firstLines(decoded.text, 2), { header: true });
  return isScoredCustomersCsv(head.headers) ? importScored(decoded.text, settings, onProgress) : importTransactions(decoded.text, settings, onProgress);
}

function importScored(text: string, settings: ImportSettings, onProgress: ImportProgress) {
  onProgress('read', 0);
  const file = parseScoredCustomersCsv(text);
  onProgress('read', 1);
  const rows = file.customers.map((c) =>
    stored({
      id: c.cvlensId, name: c.name, email: c.email, company: c.company, domain: c.domain, crmIds: c.crmIds,
      tier: c.tier, churnRisk: c.churnRisk, clv: c.clv, value: c.value, rfmCell: c.rfm, rfmSegment: c.rfmSegment, stage: c.stage, matrix: c.matrix,
    }),
  );
  return {
    rows,
    meta: meta(settings, 'scored', rows.length, rows.length + file.rejected.length, file.rejected, [], tierSummary(rows.map((r) => r.tier), rows.map((r) => r.value ?? 0))),
  };
}

function importTransactions(text: string, settings: ImportSettings, onProgress: ImportProgress) {
  const { identity } = settings;
  const mapping: Record<string, number> = {};
  for (const role of ['email', 'company', 'name'] as const) if (identity[role] !== undefined) mapping[role] = identity[role]!;
  const read = readTransactions(text, { mapping, onProgress: (f) => onProgress('read', f) });
  if (read.transactions.length === 0) {
    throw new CvError('buildImport', 'data', `no usable transaction in the file (${read.rejected.length} rows rejected${read.rejected[0] ? `, first: line ${read.rejected[0].line}: ${read.rejected[0].reason}` : ''})`);
  }
  const extras = identity.domain !== undefined || identity.crmIds !== undefined ? identityExtras(text, read.mapping.customerId!, identity) : new Map<string, Extra>();
  onProgress('score', 0);
  // A model that cannot be fitted (too few repeat buyers) falls back to the
  // heuristic churn score; the reason lands in the report's warnings.
  const analysis = analyzeCustomers(summarize(read.transactions, { unit: 'week' }), {
    unit: 'week',
    tierRule: { method: settings.tierMethod },
    model: settings.model === 'heuristic' ? 'none' : settings.model,
  });
  const result = analysis.segment;
  onProgress('score', 1);
  const rows = result.customers.map((c) => {
    const extra = extras.get(c.id);
    return stored({
      id: c.id, name: c.name, email: c.email, company: c.company, domain: extra?.domain, crmIds: extra ? [...extra.crmIds] : undefined,
      tier: c.tier, churnRisk: c.churnRisk, clv: c.clv, value: c.value, rfmCell: c.rfm.cell, rfmSegment: c.rfm.segment, stage: c.stage, matrix: c.matrix,
    });
  });
  return { rows, meta: meta(settings, 'transactions', rows.length, read.rowsRead, read.rejected, [...read.warnings, ...result.warnings], result.summary) };
}

type Extra = { domain?: string; crmIds: Set<string> };

/** Domain and CRM ids per customer id, from the columns the reader does not know. */
function identityExtras(text: string, idColumn: number, identity: IdentityColumns): Map<string, Extra> {
  const table = readTable(text, { header: 'auto' });
  const out = new Map<string, Extra>();
  for (const row of table.rows) {
    const id = row[idColumn]?.trim();
    if (!id) continue;
    let extra = out.get(id);
    if (!extra) out.set(id, (extra = { crmIds: new Set() }));
    const domain = identity.domain !== undefined ? row[identity.domain]?.trim() : undefined;
    if (domain && !extra.domain) extra.domain = domain;
    const crm = identity.crmIds !== undefined ? row[identity.crmIds] : undefined;
    if (crm) for (const part of crm.split(/[;|\s]+/)) if (part) extra.crmIds.add(part);
  }
  return out;
}

/** A stored row with its index keys and search terms; empty strings become absent. */
export function stored(row: Omit<StoredCustomer, 'keys' | 'search'>): StoredCustomer {
  const clean = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as Omit<StoredCustomer, 'keys' | 'search'>;
  return {
    ...clean,
    keys: customerIndexKeys({ email: clean.email, company: clean.company, domain: clean.domain, crmIds: clean.crmIds }),
    search: searchTerms(clean),
  };
}

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
    tierMethod: kind === 'transactions' ? settings.tierMethod : undefined,
    model: kind === 'transactions' ? settings.model : undefined,
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
