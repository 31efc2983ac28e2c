import { CvError } from '../errors.ts';
import type { LifecycleStage, MatrixCell, RejectedRow, RfmSegment, Tier } from '../types.ts';
import { readTable, toText } from '../read/read-table.ts';

/**
 * One customer as the analyst scored it: the row of the "scored customers"
 * file that the Excel add-in exports and the browser extension imports, so a
 * sales rep sees the analyst's numbers next to the CRM record.
 */
export interface ScoredCustomer {
  /** The analyst's customer id (the transaction file's id). */
  cvlensId: string;
  name?: string;
  email?: string;
  company?: string;
  /** Company web domain (acme.com), for matching CRM pages. */
  domain?: string;
  /** Ids of the same customer in CRMs (Salesforce 001…, HubSpot …). */
  crmIds: string[];
  tier: Tier;
  /** The customer-value score the tiers were cut from. */
  value: number;
  revenue: number;
  clv: number;
  /** 0..1: probability of no purchase in the next `churnHorizonDays` days. */
  churnRisk: number;
  /** The churn risk's horizon in days; absent in files written before it was recorded. */
  churnHorizonDays?: number;
  /** 0..1, when a probabilistic model was fitted. */
  pAlive?: number;
  frequency: number;
  recency: number;
  T: number;
  /** R, F and M scores as three digits 1..5 ("545"). */
  rfm?: string;
  rfmSegment?: RfmSegment;
  stage?: LifecycleStage;
  matrix?: MatrixCell;
}

/** The file's header, in order. The first cell makes the file recognisable. */
export const SCORED_CUSTOMER_COLUMNS = [
  'cvlens_id', 'name', 'email', 'company', 'domain', 'crm_ids', 'tier', 'value', 'revenue', 'clv', 'churn_risk',
  'p_alive', 'frequency', 'recency', 'T', 'rfm', 'rfm_segment', 'stage', 'matrix', 'churn_horizon_days',
] as const;

type Column = (typeof SCORED_CUSTOMER_COLUMNS)[number];

const REQUIRED: readonly Column[] = [
  'cvlens_id', 'tier', 'value', 'revenue', 'clv', 'churn_risk', 'frequency', 'recency', 'T',
];
const TIERS: readonly Tier[] = ['VIP', 'Major', 'Ordinary', 'Small'];
const STAGES: readonly LifecycleStage[] = ['exploration', 'formation', 'stability', 'decline'];
const MATRIX: readonly MatrixCell[] = ['Gold', 'Platinum', 'Iron', 'Lead'];
const SEGMENTS: readonly RfmSegment[] = [
  'Champions', 'Loyal', 'Potential Loyalists', 'New', 'Promising', 'Need Attention', 'About to Sleep', 'At Risk',
  "Can't Lose", 'Hibernating',
];

/**
 * Guard against CSV (formula) injection, per OWASP: a text cell starting with
 * = + - @ tab or CR gets a leading apostrophe, which spreadsheets show as text.
 * Cells already starting with apostrophes before such a character get one
 * more, so {@link unguard} restores every text exactly.
 */
export function guardCell(text: string): string {
  return /^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Inverse of {@link guardCell}. */
export function unguard(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

function quote(cell: string): string {
  return /[",\r\n;]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function num(fn: string, c: ScoredCustomer, column: Column, v: number | undefined, optional = false): string {
  if (v === undefined && optional) return '';
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new CvError(fn, 'value', `customer '${c.cvlensId}' has ${column} ${String(v)}, which is not a finite number.`);
  }
  return String(v === 0 ? 0 : v);
}

/**
 * Writes scored customers as the exchange CSV: the fixed English header
 * ({@link SCORED_CUSTOMER_COLUMNS}), one row per customer, CRLF line ends,
 * RFC 4180 quoting, text cells guarded against formula injection, CRM ids
 * joined with ';', numbers in shortest round-trip form, and a UTF-8 BOM (so
 * Excel shows Chinese names right) unless `bom: false`.
 * Throws CvError('toScoredCustomersCsv', 'value') for a row Excel or the
 * extension could not read back: empty or duplicate cvlens_id, unknown tier,
 * stage, matrix cell or segment, risk outside 0..1, a non-finite number, a
 * CRM id containing ';'.
 * @example toScoredCustomersCsv([{ cvlensId: 'C1', crmIds: [], tier: 'VIP', value: 9, revenue: 120, clv: 300,
 *   churnRisk: 0.1, frequency: 3, recency: 20, T: 40 }], { bom: false })
 * // 'cvlens_id,name,…,matrix\r\nC1,,,,,,VIP,9,120,300,0.1,,3,20,40,,,,\r\n'
 */
export function toScoredCustomersCsv(rows: readonly ScoredCustomer[], options: { bom?: boolean } = {}): string {
  const fn = 'toScoredCustomersCsv';
  const seen = new Set<string>();
  const out: string[] = [SCORED_CUSTOMER_COLUMNS.join(',')];
  for (const c of rows) {
    const id = (c.cvlensId ?? '').trim();
    if (id === '') throw new CvError(fn, 'value', 'a customer has an empty cvlens_id.');
    if (seen.has(id)) throw new CvError(fn, 'value', `cvlens_id '${id}' appears twice.`);
    seen.add(id);
    if (!TIERS.includes(c.tier)) throw new CvError(fn, 'value', `customer '${id}' has tier '${c.tier}', not one of ${TIERS.join(', ')}.`);
    check(fn, id, 'stage', c.stage, STAGES);
    check(fn, id, 'matrix', c.matrix, MATRIX);
    check(fn, id, 'rfm_segment', c.rfmSegment, SEGMENTS);
    for (const [column, v] of [['churn_risk', c.churnRisk], ['p_alive', c.pAlive]] as const) {
      if (v !== undefined && !(v >= 0 && v <= 1)) throw new CvError(fn, 'value', `customer '${id}' has ${column} ${v}, outside 0..1.`);
    }
    const crm = (c.crmIds ?? []).map((x) => x.trim()).filter((x) => x !== '');
    const bad = crm.find((x) => x.includes(';'));
    if (bad !== undefined) throw new CvError(fn, 'value', `customer '${id}' has CRM id '${bad}', which contains ';' (the list separator).`);
    const text = (v: string | undefined) => quote(guardCell((v ?? '').trim()));
    out.push([
      text(id), text(c.name), text(c.email), text(c.company), text(c.domain), text(crm.join(';')), c.tier,
      num(fn, c, 'value', c.value), num(fn, c, 'revenue', c.revenue), num(fn, c, 'clv', c.clv),
      num(fn, c, 'churn_risk', c.churnRisk), num(fn, c, 'p_alive', c.pAlive, true),
      num(fn, c, 'frequency', c.frequency), num(fn, c, 'recency', c.recency), num(fn, c, 'T', c.T),
      text(c.rfm), text(c.rfmSegment), c.stage ?? '', c.matrix ?? '', num(fn, c, 'churn_horizon_days', c.churnHorizonDays, true),
    ].join(','));
  }
  return (options.bom === false ? '' : '\uFEFF') + out.join('\r\n') + '\r\n';
}

function check<T extends string>(fn: string, id: string, column: string, v: T | undefined, allowed: readonly T[]): void {
  if (v !== undefined && !allowed.includes(v)) {
    throw new CvError(fn, 'value', `customer '${id}' has ${column} '${v}', not one of ${allowed.join(', ')}.`);
  }
}

/**
 * Whether a header row is that of a scored-customers file: its first cell is
 * `cvlens_id` (case-insensitive, BOM and spaces ignored).
 * @example isScoredCustomersCsv(['cvlens_id', 'name']) // true
 */
export function isScoredCustomersCsv(headers: readonly string[]): boolean {
  return headers.length > 0 && String(headers[0]).replace(/^\uFEFF/, '').trim().toLowerCase() === 'cvlens_id';
}

/** Customers read from an exchange file, and the rows that could not be read. */
export interface ScoredCustomersFile {
  customers: ScoredCustomer[];
  rejected: RejectedRow[];
}

/**
 * Reads a scored-customers file (text or bytes, any encoding decodeText
 * knows; a comma or, after a European Excel re-save, semicolon separator).
 * Columns are found by header name, in any order; unknown columns are
 * ignored. Rows with a missing or invalid value, or a repeated cvlens_id,
 * are rejected with their line and reason.
 * Throws CvError('parseScoredCustomersCsv', 'data') when the file is not a
 * scored-customers file or lacks a required column.
 * @example parseScoredCustomersCsv(toScoredCustomersCsv(customers)).customers // deep-equals customers
 */
export function parseScoredCustomersCsv(input: string | Uint8Array): ScoredCustomersFile {
  const fn = 'parseScoredCustomersCsv';
  const decoded = toText(input);
  // The header is ours, so it tells the separator (a European Excel re-save writes ';').
  const firstLine = decoded.text.slice(0, Math.max(0, decoded.text.search(/\r?\n|$/)));
  const delimiter = firstLine.includes(',') || !firstLine.includes(';') ? ',' : ';';
  const table = readTable(decoded.text, { header: true, delimiter });
  if (!isScoredCustomersCsv(table.headers)) {
    throw new CvError(fn, 'data', `this is not a cvlens scored-customers file: its first header is '${table.headers[0] ?? ''}', expected 'cvlens_id'.`);
  }
  const index = new Map<string, number>();
  table.headers.forEach((h, i) => {
    const key = h.trim() === 'T' ? 'T' : h.trim().toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) throw new CvError(fn, 'data', `the file lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  const result: ScoredCustomersFile = { customers: [], rejected: [...table.rejected] };
  const seenAt = new Map<string, number>();
  table.rows.forEach((row, r) => {
    const line = table.lines[r];
    const problems: string[] = [];
    const get = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? '' : unguard((row[i] ?? '').trim());
    };
    const number = (c: Column, optional = false, unit = false): number | undefined => {
      const t = get(c);
      if (t === '') {
        if (!optional) problems.push(`${c} is empty`);
        return undefined;
      }
      const v = Number(t);
      if (!Number.isFinite(v)) problems.push(`${c} '${t}' is not a number`);
      else if (unit && !(v >= 0 && v <= 1)) problems.push(`${c} ${t} is outside 0..1`);
      return v;
    };
    const oneOf = <T extends string>(c: Column, allowed: readonly T[], optional: boolean): T | undefined => {
      const t = get(c);
      if (t === '') {
        if (!optional) problems.push(`${c} is empty`);
        return undefined;
      }
      const hit = allowed.find((a) => a.toLowerCase() === t.toLowerCase());
      if (!hit) problems.push(`${c} '${t}' is not one of ${allowed.join(', ')}`);
      return hit;
    };
    const id = get('cvlens_id');
    if (id === '') problems.push('cvlens_id is empty');
    else if (seenAt.has(id)) problems.push(`cvlens_id '${id}' repeats line ${seenAt.get(id)}`);
    const c: ScoredCustomer = {
      cvlensId: id,
      crmIds: get('crm_ids').split(';').map((x) => x.trim()).filter((x) => x !== ''),
      tier: oneOf('tier', TIERS, false) as Tier,
      value: number('value') as number,
      revenue: number('revenue') as number,
      clv: number('clv') as number,
      churnRisk: number('churn_risk', false, true) as number,
      frequency: number('frequency') as number,
      recency: number('recency') as number,
      T: number('T') as number,
    };
    const pAlive = number('p_alive', true, true);
    if (pAlive !== undefined) c.pAlive = pAlive;
    const horizon = number('churn_horizon_days', true);
    if (horizon !== undefined) {
      if (horizon > 0) c.churnHorizonDays = horizon;
      else problems.push(`churn_horizon_days ${horizon} is not a positive number of days`);
    }
    for (const key of ['name', 'email', 'company', 'domain'] as const) {
      const t = get(key);
      if (t !== '') c[key] = t;
    }
    const rfm = get('rfm');
    if (rfm !== '') {
      if (/^[1-5]{3}$/.test(rfm)) c.rfm = rfm;
      else problems.push(`rfm '${rfm}' is not three digits 1..5`);
    }
    const segment = oneOf('rfm_segment', SEGMENTS, true);
    if (segment) c.rfmSegment = segment;
    const stage = oneOf('stage', STAGES, true);
    if (stage) c.stage = stage;
    const matrix = oneOf('matrix', MATRIX, true);
    if (matrix) c.matrix = matrix;
    if (problems.length > 0) {
      result.rejected.push({ line, reason: problems.join('; ') });
      return;
    }
    seenAt.set(id, line);
    result.customers.push(c);
  });
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}
