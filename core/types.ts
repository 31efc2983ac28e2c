/**
 * The shared vocabulary of cvlens. Every module in core/ and both products
 * speak in these types; change them only with all their users in view.
 */
import type { Message } from './i18n/messages.ts';

/**
 * A calendar date as whole days since 1970-01-01. Transactions carry dates,
 * not instants: a number keeps summaries fast and free of time-zone bugs.
 */
export type DayNumber = number;

/** The unit in which recency, age (T) and model periods are measured. */
export type TimeUnit = 'day' | 'week' | 'month';

/** Display language of every label. */
export type Lang = 'en' | 'zh';

/** One purchase (or return, when amount < 0) as read from a file or a range. */
export interface Transaction {
  /** Customer id, always a string: "00123" is not 123. */
  customerId: string;
  day: DayNumber;
  /** Revenue of the line; 0 and negative amounts (returns) are kept. */
  amount: number;
  /** Cost of the goods on this line, when the source has it. */
  cost?: number;
  /** Margin rate (0..1) of this line, when the source has it instead of cost. */
  marginRate?: number;
  quantity?: number;
  email?: string;
  company?: string;
  name?: string;
  /** 1-based line of the source (file line, or sheet row) for error reports. */
  line: number;
}

/** A row that could not be used, and why. Readers never drop rows silently. */
export interface RejectedRow {
  line: number;
  /** Why, in English (the problems joined by "; "). */
  reason: string;
  /** The same problems as messages, to say them in any language (formatReason); absent from producers that have none. */
  problems?: readonly Message[];
}

/**
 * A customer the summary builder saw but could not summarise, and why: the
 * products list these so that no customer of the data vanishes unexplained.
 */
export interface ExcludedCustomer {
  id: string;
  /** One sentence a user can read, e.g. "only returns (2 rows, −12.00), no purchase to score". */
  reason: string;
  /** The reason as a message, to say it in any language (formatReason). */
  problems?: readonly Message[];
  /** Rows of this customer the builder took (on or before the as-of day). */
  rows: number;
  /** Sum of the customer's negative amounts, as a positive number. */
  returnAmount: number;
  /** Source line (or sheet row) of the customer's earliest row, to find it in the data. */
  firstLine: number;
}

/** Logical columns a transaction source can have. */
export type ColumnRole =
  | 'customerId'
  | 'date'
  | 'amount'
  | 'cost'
  | 'marginRate'
  | 'quantity'
  | 'email'
  | 'company'
  | 'name';

/** Which source column (0-based index) holds each role. */
export type ColumnMapping = Partial<Record<ColumnRole, number>>;

/** Per-customer facts derived from transactions up to an as-of date. */
export interface CustomerSummary {
  id: string;
  firstDay: DayNumber;
  lastDay: DayNumber;
  /** Source rows with a positive amount. */
  transactions: number;
  /** Distinct purchase days (same-day purchases merged). */
  purchaseDays: number;
  /** Repeat purchases: purchaseDays − 1 (the "x" of BG/NBD). */
  frequency: number;
  /** Time from first to last purchase in the chosen unit (the "t_x"). */
  recency: number;
  /** Time from first purchase to the as-of date in the chosen unit (the "T"). */
  T: number;
  /** Time from last purchase to the as-of date in the chosen unit (RFM's R). */
  sinceLast: number;
  /** Sum of positive amounts. */
  grossRevenue: number;
  /** Sum of negative amounts, as a positive number. */
  returnAmount: number;
  /** Rows with a negative amount. */
  returns: number;
  /** grossRevenue − returnAmount. */
  revenue: number;
  /** Average spend per purchase day (revenue / purchaseDays). */
  averageSpend: number;
  /** Average value of repeat purchase days (Gamma-Gamma's z̄); 0 with no repeats. */
  monetary: number;
  /** Known cost of goods, when the source or a margin rate gives it. */
  cost?: number;
  /** revenue − cost, when cost is known. */
  profit?: number;
  quantity?: number;
  email?: string;
  company?: string;
  name?: string;
}

export type Tier = 'VIP' | 'Major' | 'Ordinary' | 'Small';
export type MatrixCell = 'Gold' | 'Platinum' | 'Iron' | 'Lead';
export type LifecycleStage = 'exploration' | 'formation' | 'stability' | 'decline';
export type RfmSegment =
  | 'Champions'
  | 'Loyal'
  | 'Potential Loyalists'
  | 'New'
  | 'Promising'
  | 'Need Attention'
  | 'About to Sleep'
  | 'At Risk'
  | "Can't Lose"
  | 'Hibernating';

/** One line of the tier summary table (the seed's table 4-2). */
export interface TierSummaryRow {
  tier: Tier;
  customers: number;
  /** 0..1; the four rows add up to 1. */
  customerShare: number;
  value: number;
  /** 0..1; the four rows add up to 1 (when total value is non-zero). */
  valueShare: number;
  averageValue: number;
}

/** Result of a maximum-likelihood model fit. */
export interface FitResult<P extends Record<string, number> = Record<string, number>> {
  model: 'bgnbd' | 'mbgnbd' | 'pnbd' | 'gg';
  params: P;
  logLikelihood: number;
  /** Customers (or repeat customers, for Gamma-Gamma) the fit used. */
  customers: number;
  iterations: number;
  /**
   * Likelihood evaluations the fit spent (with its gradient, or alone in a
   * line search or simplex step): the cost of a fit independent of the
   * machine. Absent on results not made by a fit.
   */
  evaluations?: number;
  converged: boolean;
  seconds: number;
  /**
   * What the fit found that a user should know, one sentence each: chiefly
   * boundary optima (e.g. "no drop-out is visible in these data: the model
   * behaves as an NBD without churn"). Absent or empty when there is none.
   */
  notes?: string[];
  /** The same notes as messages (formatMessage says them in English or Chinese). */
  noteMessages?: Message[];
}

/**
 * What a probabilistic model (BG/NBD or Pareto/NBD with Gamma-Gamma) predicts
 * for one customer. The segment table uses it, when present, in place of the
 * heuristic churn score and "future value".
 */
export interface CustomerPrediction {
  /** Probability the customer is still active at the as-of date. */
  pAlive: number;
  /**
   * Probability of no purchase in the churn horizon after the as-of date,
   * P(X(T, T+t] = 0 | x, t_x, T): the churn risk every product shows.
   */
  pNoPurchase: number;
  /** Expected purchases over the prediction horizon. */
  expectedPurchases: number;
  /** Expected spend per purchase (Gamma-Gamma), or the observed mean when no spend model. */
  expectedSpend: number;
  /** Discounted expected profit over the horizon. */
  clv: number;
}
