/**
 * One-row-per-customer data (id, repeat purchases x, recency t_x, age T,
 * revenue, optionally average repeat spend) as customer summaries, so a
 * table that is already summarised (like the published CDNOW summary) can
 * be segmented like transactions. Times are in the caller's period unit;
 * the as-of day places the first and last purchase on the calendar.
 */
import { CvError } from '../errors.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';
import { unitDays } from '../summary/units.ts';
import type { CustomerSummary, DayNumber, RejectedRow, TimeUnit } from '../types.ts';
import { detectColumns, normalizeHeader } from './detect-columns.ts';

export type CustomerRole = 'customerId' | 'frequency' | 'recency' | 'T' | 'revenue' | 'monetary';
export type CustomerMapping = Partial<Record<CustomerRole, number>>;

export const CUSTOMER_ROLES: readonly CustomerRole[] = ['customerId', 'frequency', 'recency', 'T', 'revenue', 'monetary'];
export const REQUIRED_CUSTOMER_ROLES: readonly CustomerRole[] = ['customerId', 'frequency', 'recency', 'T'];

const NAMES: Record<Exclude<CustomerRole, 'customerId'>, readonly string[]> = {
  frequency: ['frequency', 'x', 'repeatpurchases', 'repeats', '频次', '购买频次', '重复购买次数'],
  recency: ['recency', 'tx', 'recencytx', '首末购买间隔', '最近购买间隔'],
  T: ['t', 'age', 'aget', 'tenure', '客户年龄', '客户存续期'],
  revenue: ['revenue', 'sales', 'value', 'monetaryvalue', 'totalspend', 'netsales', '销售额', '净销售额', '累计销售额'],
  monetary: ['monetary', 'zbar', 'averagerepeatspend', 'avgspend', '重复购买平均金额', '平均消费'],
};

/**
 * Columns of a customer table from its headers (English or Chinese); the id
 * column by core's detection, or a column named "id".
 * @example detectCustomerColumns(['ID', 'x', 't_x', 'T', 'zbar']) // { customerId: 0, frequency: 1, recency: 2, T: 3, monetary: 4 }
 */
export function detectCustomerColumns(headers: readonly string[]): CustomerMapping {
  const normal = headers.map((h) => normalizeHeader(String(h ?? '')));
  const mapping: CustomerMapping = {};
  for (const role of Object.keys(NAMES) as (keyof typeof NAMES)[]) {
    const j = normal.findIndex((n) => NAMES[role].includes(n));
    if (j >= 0) mapping[role] = j;
  }
  const taken = new Set(Object.values(mapping));
  const id = detectColumns(headers).customerId ?? normal.findIndex((n) => n === 'id' || n === 'customer' || n === '客户');
  if (id !== undefined && id >= 0 && !taken.has(id)) mapping.customerId = id;
  return mapping;
}

export interface CustomerRowsResult {
  summaries: CustomerSummary[];
  rejected: RejectedRow[];
  warnings: string[];
  /** The warnings as messages, in the same order (formatMessage says them in any language). */
  warningMessages: Message[];
}

const num = (v: unknown): number | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  return undefined;
};

/**
 * Customer summaries from rows of cells (header row excluded by `hasHeader`).
 * Rows with a blank id, a non-numeric or negative field, a non-whole x, or
 * t_x > T are rejected with the reason; duplicate ids are rejected after the first.
 *
 * @throws CvError('readCustomerCells', 'data') when a required column is not mapped.
 * @example
 * readCustomerCells([['a', 2, 3, 5, 90]], { mapping: { customerId: 0, frequency: 1, recency: 2, T: 3, revenue: 4 },
 *   hasHeader: false, firstRow: 1, unit: 'week', asOf: 1000 }).summaries[0].firstDay; // 965
 */
export function readCustomerCells(
  values: readonly (readonly unknown[])[],
  o: { mapping: CustomerMapping; hasHeader: boolean; firstRow: number; unit: TimeUnit; asOf: DayNumber },
): CustomerRowsResult {
  const m = o.mapping;
  const missing = REQUIRED_CUSTOMER_ROLES.filter((r) => m[r] === undefined);
  if (missing.length) throw new CvError('readCustomerCells', 'data', `choose a column for: ${missing.join(', ')}`);
  const days = unitDays(o.unit);
  const summaries: CustomerSummary[] = [];
  const rejected: RejectedRow[] = [];
  const warnings: string[] = [];
  const warningMessages: Message[] = [];
  const warn = (m: Message) => {
    warnings.push(formatMessage(m, 'en'));
    warningMessages.push(m);
  };
  const seen = new Set<string>();
  let first = values.findIndex((r) => r.some((c) => c !== null && c !== undefined && c !== ''));
  if (first < 0) {
    warn(msg('read.rangeNoRows'));
    return { summaries, rejected, warnings, warningMessages };
  }
  if (o.hasHeader) first++;
  if (m.revenue === undefined) {
    warn(msg(m.monetary === undefined ? 'customers.noRevenue' : 'customers.revenueEstimated'));
  }
  for (let i = first; i < values.length; i++) {
    const row = values[i];
    if (row.every((c) => c === null || c === undefined || c === '')) continue;
    const line = o.firstRow + i;
    const id = String(row[m.customerId as number] ?? '').trim();
    const x = num(row[m.frequency as number]);
    const tx = num(row[m.recency as number]);
    const T = num(row[m.T as number]);
    const revenueCell = m.revenue === undefined ? undefined : num(row[m.revenue]);
    const monetaryCell = m.monetary === undefined ? undefined : num(row[m.monetary]);
    const text = (c: number | undefined) => ({ text: String(row[c as number] ?? '') });
    const problem =
      id === '' ? msg('customers.idBlank')
      : x === undefined || !Number.isInteger(x) || x < 0 ? msg('customers.badFrequency', text(m.frequency))
      : T === undefined || T < 0 ? msg('customers.badAge', text(m.T))
      : tx === undefined || tx < 0 || tx > T ? msg('customers.badRecency', text(m.recency))
      : m.revenue !== undefined && revenueCell === undefined ? msg('customers.badRevenue', text(m.revenue))
      : m.monetary !== undefined && (monetaryCell === undefined || monetaryCell < 0) ? msg('customers.badMonetary', text(m.monetary))
      : seen.has(id) ? msg('customers.duplicate', { id })
      : undefined;
    if (problem) {
      rejected.push({ line, reason: formatMessage(problem, 'en'), problems: [problem] });
      continue;
    }
    seen.add(id);
    const purchaseDays = (x as number) + 1;
    const monetary = monetaryCell ?? (revenueCell !== undefined && (x as number) > 0 ? revenueCell / purchaseDays : 0);
    const revenue = revenueCell ?? monetary * purchaseDays;
    const firstDay = o.asOf - Math.round((T as number) * days);
    summaries.push({
      id,
      firstDay,
      lastDay: firstDay + Math.round((tx as number) * days),
      transactions: purchaseDays,
      purchaseDays,
      frequency: x as number,
      recency: tx as number,
      T: T as number,
      sinceLast: (T as number) - (tx as number),
      grossRevenue: revenue,
      returnAmount: 0,
      returns: 0,
      revenue,
      averageSpend: revenue / purchaseDays,
      monetary,
    });
  }
  summaries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { summaries, rejected, warnings, warningMessages };
}
