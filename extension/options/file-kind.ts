import { detectColumns, detectCustomerColumns, isScoredCustomersCsv, type CustomerMapping } from '../../core/index.ts';
import type { FileKind } from './import-protocol.ts';

export { FILE_KINDS, type FileKind } from './import-protocol.ts';

const VALUE = /revenue|sales|turnover|value|amount|spend|销售额|营收|收入|金额|价值/i;
// A header that names a per-customer value but is something else (a count, a date, an id).
const NOT_VALUE = /date|count|number|^#|id$|日期|次数|编号/i;

/**
 * The column most likely to hold a customer's value in a one-row-per-customer
 * list ("Annual Revenue", "Total sales", "销售额"); the first match, else undefined.
 *
 * @example guessValueColumn(['Account ID', 'Account Name', 'Annual Revenue']) // 2
 */
export function guessValueColumn(headers: readonly string[]): number | undefined {
  const i = headers.findIndex((h) => VALUE.test(h) && !NOT_VALUE.test(h.trim()));
  return i >= 0 ? i : undefined;
}

/**
 * The kind of a file from its header row, in this order: the add-in's export;
 * a customer table (x, t_x and T columns all named); transactions (a date
 * column); a value list (a value column, no date). Anything else is taken as
 * transactions, whose reader then names the columns it misses.
 *
 * @example detectFileKind(['ID', 'x', 't_x', 'T', 'zbar']) // "customers"
 * @example detectFileKind(['Account ID', 'Account Name', 'Website', 'Email', 'Annual Revenue']) // "values"
 */
export function detectFileKind(headers: readonly string[]): FileKind {
  if (isScoredCustomersCsv(headers)) return 'scored';
  const c = detectCustomerColumns(headers);
  if (c.frequency !== undefined && c.recency !== undefined && c.T !== undefined) return 'customers';
  if (detectColumns(headers).date !== undefined) return 'transactions';
  if (guessValueColumn(headers) !== undefined) return 'values';
  return 'transactions';
}

/**
 * The customer id column of a one-row-per-customer file: core's detection
 * (customer id, 客户编号, "id"), else an "Account ID"/"Record ID"-like column,
 * else the first column.
 *
 * @example guessIdColumn(['Account ID', 'Account Name']) // 0
 */
export function guessIdColumn(headers: readonly string[]): number {
  const core = detectCustomerColumns(headers).customerId;
  if (core !== undefined) return core;
  const i = headers.findIndex((h) => /(^|\b|_)id$|编号$|代码$/i.test(h.trim()));
  return i >= 0 ? i : 0;
}

/** Core's guess of the x/t_x/T (and revenue, average spend) columns, with the id column filled in. */
export function guessCustomerColumns(headers: readonly string[]): CustomerMapping {
  const m = detectCustomerColumns(headers);
  return m.customerId === undefined ? { ...m, customerId: guessIdColumn(headers) } : m;
}
