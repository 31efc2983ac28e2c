import { CvError } from '../errors.ts';
import type {
  CustomerPrediction,
  CustomerSummary,
  DayNumber,
  LifecycleStage,
  MatrixCell,
  RfmSegment,
  Tier,
  TierSummaryRow,
  TimeUnit,
  Transaction,
} from '../types.ts';
import { type ChurnLevel, churnLevel } from '../churn/level.ts';
import { churnRiskScores } from '../churn/overdue.ts';
import { classicClv } from '../clv/classic.ts';
import { gini } from '../concentration/gini.ts';
import { topShare } from '../concentration/top-share.ts';
import { lifecycleStage, type StageOptions } from '../lifecycle/stage.ts';
import { valueTrend } from '../lifecycle/trend.ts';
import { valueMatrix } from '../matrix/value-matrix.ts';
import { rfmScores } from '../rfm/score.ts';
import { rfmSegment } from '../rfm/segments.ts';
import { compositeScore } from '../score/composite.ts';
import type { Normalisation } from '../score/normalise.ts';
import { createSummaryBuilder } from '../summary/summarize.ts';
import { unitDays } from '../summary/units.ts';
import { assignTiers } from '../tiers/assign.ts';
import { DEFAULT_TIER_RULE, type TierRule } from '../tiers/rule.ts';
import { tierSummary } from '../tiers/summary.ts';

/** What "value" (current value, the M of RFM, the tier basis) is measured in. */
export type ValueBasis = 'revenue' | 'profit';

/** Summary or segment fields a composite indicator can draw on. */
export type CompositeField =
  | 'value'
  | 'revenue'
  | 'grossRevenue'
  | 'profit'
  | 'purchaseDays'
  | 'frequency'
  | 'recency'
  | 'T'
  | 'sinceLast'
  | 'averageSpend'
  | 'monetary'
  | 'returns'
  | 'returnAmount'
  | 'clv'
  | 'churnRisk';

/** One weighted indicator of the composite score. */
export interface CompositeIndicator {
  field: CompositeField;
  weight: number;
  /** Default 'minmax'. */
  normalisation?: Normalisation;
  /** Default: false for sinceLast, churnRisk, returns and returnAmount; true otherwise. */
  higherIsBetter?: boolean;
}

export interface SegmentOptions {
  /** Unit of the summaries' times (and of CLV periods). Default 'week'. */
  unit?: TimeUnit;
  /** segmentTransactions only: the as-of day (default: latest row day). */
  asOf?: DayNumber;
  /** segmentTransactions only: margin rate for rows without cost. */
  marginRate?: number;
  /** Default: 'profit' when every customer's profit is known, else 'revenue'. */
  valueBasis?: ValueBasis;
  /** Default: contribution with cuts 4, 2, 1 (seed 001 table 4-2). */
  tierRule?: TierRule;
  /** Heuristic CLV horizon in periods of `unit`; default one year (365 days, 52 weeks, 12 months). */
  horizon?: number;
  /** Heuristic CLV discount rate per period of `unit`; default 10 % a year converted: 1.1^(unitDays/365.25) − 1. */
  discount?: number;
  /** Model output per customer id; used in place of the heuristics where present. */
  predictions?: ReadonlyMap<string, CustomerPrediction>;
  /** Weighted indicators; when given, each row gets `composite`. */
  composite?: readonly CompositeIndicator[];
  /** Value-matrix splits (default: medians of value and of CLV). */
  matrix?: { currentSplit?: number; futureSplit?: number };
  /** Lifecycle thresholds (see lifecycleStage); declineRisk defaults to the high churn threshold. */
  stage?: StageOptions;
  /** Churn level thresholds (default [0.3, 0.7]). */
  churnThresholds?: readonly [number, number];
}

/**
 * One customer of the segment table. Every field is present on every row
 * (optional ones hold `undefined` when unknown), so all rows share one shape.
 */
export interface SegmentRow extends CustomerSummary {
  /** Current value: revenue or profit, per the value basis. */
  value: number;
  /** Future value: the model's CLV, or the heuristic classic CLV. */
  clv: number;
  /** 0..1: 1 − pAlive with a model, else the overdue score. */
  churnRisk: number;
  churnLevel: ChurnLevel;
  churnSource: 'model' | 'heuristic';
  pAlive?: number;
  expectedPurchases?: number;
  /** Expected spend per purchase (Gamma-Gamma), with a model. */
  expectedSpend?: number;
  rfm: { r: number; f: number; m: number; cell: string; segment: RfmSegment };
  tier: Tier;
  /** value / mean value. */
  contribution: number;
  composite?: number;
  matrix: MatrixCell;
  stage: LifecycleStage;
}

export interface SegmentTotals {
  customers: number;
  /** Customers with at least one repeat purchase. */
  repeatCustomers: number;
  revenue: number;
  /** Sum of profit when every customer's profit is known. */
  profit?: number;
  value: number;
  /** Customer equity: the sum of all CLVs. */
  clv: number;
  valueBasis: ValueBasis;
  /** 'mixed' when only some customers had a prediction. */
  churnSource: 'model' | 'heuristic' | 'mixed';
  unit: TimeUnit;
  /** The as-of day (segmentTransactions only). */
  asOf?: DayNumber;
  /** Value-matrix splits used. */
  currentSplit: number;
  futureSplit: number;
}

export interface SegmentResult {
  /** Sorted by value descending, ties by id ascending. */
  customers: SegmentRow[];
  /** VIP, Major, Ordinary, Small; shares add up to 1. */
  summary: TierSummaryRow[];
  /** Of positive value: share held by the top 20 % of customers, and the Gini coefficient. */
  concentration: { top20Share: number; gini: number };
  totals: SegmentTotals;
  /** Plain-English notes on what was ignored or assumed. */
  warnings: string[];
}

const FN = 'segmentCustomers';
const LOWER_IS_BETTER = new Set<CompositeField>(['sinceLast', 'churnRisk', 'returns', 'returnAmount']);

function checkPrediction(id: string, p: CustomerPrediction): void {
  for (const k of ['pAlive', 'expectedPurchases', 'expectedSpend', 'clv'] as const) {
    if (!Number.isFinite(p[k])) throw new CvError(FN, 'value', `prediction for "${id}": ${k} is not a finite number`);
  }
  if (p.pAlive < 0 || p.pAlive > 1) throw new CvError(FN, 'num', `prediction for "${id}": pAlive ${p.pAlive} is outside 0..1`);
}

/**
 * The segment table every product shows: for each customer, value, CLV,
 * churn risk, RFM, tier, value-matrix cell and lifecycle stage, plus the
 * tier summary, concentration and totals.
 *
 * Steps and the rules they use:
 * 1. value = profit or revenue (`valueBasis`; default profit when every
 *    customer's profit is known, else revenue).
 * 2. churn risk = 1 − pAlive where `predictions` has the customer, else the
 *    overdue score (churn/overdue.ts; the population gap comes from all
 *    customers given).
 * 3. CLV = prediction.clv where present, else the heuristic
 *    classicClv(margin = value / max(T, 1) — historical value per period —,
 *    retention = 1 − churn risk, discount, horizon, first margin next period).
 *    Retention applies per period of `unit`, so the heuristic is deliberately
 *    conservative; a fitted model (predictions) is the better estimate.
 * 4. RFM from sinceLast, purchaseDays and value (quintiles, rfm/score.ts);
 *    tiers by `tierRule` on value; matrix = value × CLV; stage from purchase
 *    days, age (T in days), churn risk and value trend.
 * 5. Concentration uses value floored at 0 (a loss-making customer holds no share).
 *
 * @throws CvError('segmentCustomers', 'missing') when valueBasis 'profit' is asked for but some
 *   customer's profit is unknown; 'value'/'num' for invalid predictions,
 *   options or summaries (from the modules used).
 * @example
 * const r = segmentCustomers(summarize(rows, { unit: 'week' }), { unit: 'week' });
 * r.customers[0].tier // the most valuable customer's tier
 */
export function segmentCustomers(summaries: readonly CustomerSummary[], options: SegmentOptions = {}): SegmentResult {
  const unit = options.unit ?? 'week';
  const days = unitDays(unit);
  const warnings: string[] = [];
  const n = summaries.length;
  if (n === 0) warnings.push('No customers: nothing to segment.');

  const profitKnown = summaries.every((s) => s.profit !== undefined);
  const valueBasis: ValueBasis = options.valueBasis ?? (profitKnown && n > 0 ? 'profit' : 'revenue');
  if (valueBasis === 'profit' && !profitKnown) {
    const missing = summaries.filter((s) => s.profit === undefined).length;
    throw new CvError(FN, 'missing', `value basis "profit" needs cost or a margin rate; ${missing} customer(s) have no profit`);
  }
  const values = summaries.map((s) => (valueBasis === 'profit' ? (s.profit as number) : s.revenue));

  const horizon = options.horizon ?? Math.round(365 / days);
  const discount = options.discount ?? 1.1 ** (days / 365.25) - 1;

  // Churn risk and future value, model first.
  const predictions = options.predictions;
  const heuristicRisk = churnRiskScores(summaries);
  let modelCount = 0;
  const risk = new Array<number>(n);
  const clv = new Array<number>(n);
  const pred = new Array<CustomerPrediction | undefined>(n);
  for (let i = 0; i < n; i++) {
    const s = summaries[i];
    const p = predictions?.get(s.id);
    if (p !== undefined) {
      checkPrediction(s.id, p);
      modelCount++;
      pred[i] = p;
      risk[i] = 1 - p.pAlive;
      clv[i] = p.clv;
    } else {
      risk[i] = heuristicRisk[i];
      clv[i] = classicClv({ margin: values[i] / Math.max(s.T, 1), retention: 1 - risk[i], discount, horizon });
    }
  }
  const churnSource = modelCount === 0 ? 'heuristic' : modelCount === n ? 'model' : 'mixed';
  if (predictions !== undefined) {
    if (churnSource === 'mixed') warnings.push(`${n - modelCount} of ${n} customers have no model prediction; heuristic churn risk and CLV were used for them.`);
    const ids = new Set(summaries.map((s) => s.id));
    let unknown = 0;
    for (const id of predictions.keys()) if (!ids.has(id)) unknown++;
    if (unknown > 0) warnings.push(`${unknown} prediction(s) are for customers not in the data and were ignored.`);
  }

  const rfm = rfmScores(summaries.map((s, i) => ({ sinceLast: s.sinceLast, frequency: s.purchaseDays, monetary: values[i] })));
  const { tiers, contribution } = assignTiers(values, options.tierRule ?? DEFAULT_TIER_RULE);
  const total = values.reduce((a, v) => a + v, 0);
  if (n > 0 && total <= 0 && (options.tierRule ?? DEFAULT_TIER_RULE).method === 'contribution') {
    warnings.push('Total value is not positive: contribution is undefined, every customer is Small.');
  }
  const matrix = valueMatrix(values, clv, options.matrix ?? {});

  let composite: number[] | undefined;
  if (options.composite !== undefined && n > 0) {
    composite = compositeScore(
      options.composite.map((ind) => ({
        name: ind.field,
        weight: ind.weight,
        normalisation: ind.normalisation,
        higherIsBetter: ind.higherIsBetter ?? !LOWER_IS_BETTER.has(ind.field),
        values: summaries.map((s, i) => {
          switch (ind.field) {
            case 'value':
              return values[i];
            case 'clv':
              return clv[i];
            case 'churnRisk':
              return risk[i];
            case 'profit':
              if (s.profit === undefined) throw new CvError(FN, 'missing', `indicator "profit" needs cost; customer "${s.id}" has none`);
              return s.profit;
            default:
              return s[ind.field];
          }
        }),
      })),
    );
  }

  // Decline starts where the "high" churn level starts, unless told otherwise.
  const stageOptions: StageOptions = { ...options.stage, declineRisk: options.stage?.declineRisk ?? options.churnThresholds?.[1] };
  const rows: SegmentRow[] = summaries.map((s, i) => {
    // Built field by field in one fixed order (not by spreading `s`): one
    // object shape for every row keeps 100k-row tables fast to build and sort.
    const row: SegmentRow = {
      id: s.id,
      firstDay: s.firstDay,
      lastDay: s.lastDay,
      transactions: s.transactions,
      purchaseDays: s.purchaseDays,
      frequency: s.frequency,
      recency: s.recency,
      T: s.T,
      sinceLast: s.sinceLast,
      grossRevenue: s.grossRevenue,
      returnAmount: s.returnAmount,
      returns: s.returns,
      revenue: s.revenue,
      averageSpend: s.averageSpend,
      monetary: s.monetary,
      cost: s.cost,
      profit: s.profit,
      quantity: s.quantity,
      email: s.email,
      company: s.company,
      name: s.name,
      value: values[i],
      clv: clv[i],
      churnRisk: risk[i],
      churnLevel: churnLevel(risk[i], options.churnThresholds),
      churnSource: pred[i] !== undefined ? 'model' : 'heuristic',
      rfm: { r: rfm[i].r, f: rfm[i].f, m: rfm[i].m, cell: rfm[i].cell, segment: rfmSegment(rfm[i].r, rfm[i].f, rfm[i].m) },
      tier: tiers[i],
      contribution: contribution[i],
      matrix: matrix.cells[i],
      pAlive: pred[i]?.pAlive,
      expectedPurchases: pred[i]?.expectedPurchases,
      expectedSpend: pred[i]?.expectedSpend,
      composite: composite?.[i],
      stage: lifecycleStage(
        { purchaseDays: s.purchaseDays, ageDays: s.T * days, churnRisk: risk[i], valueTrend: valueTrend(s) },
        stageOptions,
      ),
    };
    return row;
  });
  rows.sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const negatives = values.filter((v) => v < 0).length;
  if (negatives > 0) warnings.push(`${negatives} customer(s) have negative value; concentration counts them as 0.`);
  const floored = values.map((v) => Math.max(0, v));

  const totals: SegmentTotals = {
    customers: n,
    repeatCustomers: summaries.filter((s) => s.frequency > 0).length,
    revenue: summaries.reduce((a, s) => a + s.revenue, 0),
    value: total,
    clv: clv.reduce((a, v) => a + v, 0),
    valueBasis,
    churnSource,
    unit,
    currentSplit: matrix.currentSplit,
    futureSplit: matrix.futureSplit,
  };
  if (profitKnown && n > 0) totals.profit = summaries.reduce((a, s) => a + (s.profit as number), 0);

  return {
    customers: rows,
    summary: tierSummary(tiers, values),
    concentration: { top20Share: topShare(floored, 0.2), gini: gini(floored) },
    totals,
    warnings,
  };
}

/**
 * Summarises transactions (summary/summarize.ts, with `unit`, `asOf` and
 * `marginRate` from the options) and segments the customers; notes rows
 * after as-of and customers with only returns in `warnings`.
 *
 * @throws as {@link segmentCustomers} and summarize.
 * @example segmentTransactions(rows, { unit: 'week' }).summary[0].tier // "VIP"
 */
export function segmentTransactions(transactions: Iterable<Transaction>, options: SegmentOptions = {}): SegmentResult {
  const b = createSummaryBuilder({ unit: options.unit ?? 'week', asOf: options.asOf, marginRate: options.marginRate });
  for (const t of transactions) b.add(t);
  const summaries = b.finish();
  const report = b.report();
  const result = segmentCustomers(summaries, options);
  if (report.asOf !== undefined) result.totals.asOf = report.asOf;
  const notes: string[] = [];
  if (report.afterAsOf > 0) notes.push(`${report.afterAsOf} row(s) dated after the as-of day were ignored.`);
  if (report.withoutPurchase > 0) notes.push(`${report.withoutPurchase} customer(s) with only returns were left out.`);
  result.warnings.unshift(...notes);
  return result;
}
