import type { ImportMeta } from '../store/customer-store.ts';

/** Columns (0-based indexes in the file) holding the identities a CRM page can be matched on. */
export interface IdentityColumns {
  email?: number;
  company?: number;
  domain?: number;
  /** One or more `<site>:<id>` values, separated by `;`, `|` or spaces. */
  crmIds?: number;
  name?: number;
}

/** `gb18030` is the superset of GBK that Excel on Chinese Windows writes. */
export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';
export type TierMethod = 'contribution' | 'pareto' | 'quantile';
export type ModelChoice = 'heuristic' | 'bgnbd' | 'pnbd';

/** What kind of file it is: transactions, or customers already scored by the Excel add-in. */
export type FileKind = 'transactions' | 'scored';

export interface ImportSettings {
  fileName: string;
  encoding: EncodingChoice;
  identity: IdentityColumns;
  tierMethod: TierMethod;
  model: ModelChoice;
}

export interface Preview {
  kind: FileKind;
  headers: string[];
  /** First rows, as text cells. */
  sample: string[][];
  encoding: string;
  /** Columns guessed from the header names. */
  guess: IdentityColumns;
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
