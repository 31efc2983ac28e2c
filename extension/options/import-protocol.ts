import type { CrmSite } from '../match/qualify-crm-id.ts';
import type { ImportMeta, ImportMode } from '../store/customer-store.ts';
import type { CustomerMapping, Lang, PurchaseModelName, TimeUnit } from '../../core/index.ts';

/**
 * What a file holds, which decides how it is scored:
 * - `transactions`: one row per purchase (a date column) — summarised and scored by core;
 * - `customers`: one row per customer with repeat purchases x, recency t_x and age T
 *   (the published CDNOW summary layout) — read by core's readCustomerCells and scored;
 * - `values`: one row per customer with only a value (revenue) column and no date,
 *   e.g. a CRM account export — tiers by value; churn is unknown (no purchase history);
 * - `scored`: the Excel add-in's scored-customers export — taken as scored.
 */
export type FileKind = 'transactions' | 'customers' | 'values' | 'scored';

/** In the order the form lists them. Here, not in file-kind.ts, so the page bundle does not pull in the readers. */
export const FILE_KINDS: readonly FileKind[] = ['transactions', 'customers', 'values', 'scored'];

/** Columns (0-based indexes in the file) holding the identities a CRM page can be matched on. */
export interface IdentityColumns {
  email?: number;
  company?: number;
  domain?: number;
  /** One or more CRM ids, separated by `;`, `|` or spaces: `<site>:<id>`, or bare ids of `ImportSettings.crmSite`. */
  crmIds?: number;
  name?: number;
}

/** `gb18030` is the superset of GBK that Excel on Chinese Windows writes. */
export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';
export type TierMethod = 'contribution' | 'pareto' | 'quantile';
/** The purchase model, as core names it ('none' = the own-rate heuristic). */
export type ModelChoice = PurchaseModelName;

/** Columns (0-based) of a transaction file's customer id, date and amount. */
export interface TransactionColumns {
  customerId?: number;
  date?: number;
  amount?: number;
}

/** The transaction columns an import cannot do without, in the order the form asks for them. */
export const TRANSACTION_ROLES = ['customerId', 'date', 'amount'] as const;

export interface ImportSettings {
  fileName: string;
  /** Transactions: the id, date and amount columns chosen; absent roles are detected from the headers. */
  columns?: TransactionColumns;
  /** What to do with the customers already stored (default replace). */
  mode?: ImportMode;
  /** The language of the report's messages (default en). */
  lang?: Lang;
  encoding: EncodingChoice;
  identity: IdentityColumns;
  tierMethod: TierMethod;
  model: ModelChoice;
  /** The kind the user confirmed or chose; absent = detected from the header row. */
  kind?: FileKind;
  /** Customer tables: the id, x, t_x, T, revenue and average-spend columns; absent roles are detected. */
  customerColumns?: CustomerMapping;
  /** Customer tables: the period x, t_x and T are counted in; default week (the CDNOW summary's). */
  unit?: TimeUnit;
  /** Value lists: the customer id and value columns; absent = guessed from the headers. */
  idColumn?: number;
  valueColumn?: number;
  /** The CRM whose bare ids (no `<site>:` prefix) the CRM-id column holds; absent = recognised by their shape (see qualifyCrmId). */
  crmSite?: CrmSite;
}

export interface Preview {
  /** The detected kind (see detectFileKind); the user may override it. */
  kind: FileKind;
  /** Transactions: the id, date and amount columns found from the headers (core's detection). */
  columns: TransactionColumns;
  /** Guessed x/t_x/T columns (customer tables) and id/value columns (value lists). */
  customerColumns: CustomerMapping;
  idColumn: number;
  valueColumn?: number;
  headers: string[];
  /** First rows, as text cells. */
  sample: string[][];
  encoding: string;
  /** Columns guessed from the header names. */
  guess: IdentityColumns;
  /** The CRM the guessed CRM-id column's header names, if any. */
  crmSite?: CrmSite;
}

/** Page → worker. */
export type WorkerRequest =
  | { type: 'preview'; bytes: ArrayBuffer; encoding: EncodingChoice }
  | { type: 'import'; bytes: ArrayBuffer; settings: ImportSettings };

/** Worker → page. */
export type WorkerReply =
  | { type: 'preview'; preview: Preview }
  | { type: 'progress'; phase: 'read' | 'score' | 'write'; fraction: number }
  | { type: 'done'; meta: ImportMeta }
  | { type: 'error'; message: string };
