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
} from '../types.ts';
import { type ChurnLevel, churnLevel } from '../churn/level.ts';
import { heuristicPredictions } from '../churn/own-rate-predictions.ts';
import { giniOfSorted } from '../concentration/gini.ts';
import { topShareOfSorted } from '../concentration/top-share.ts';
import { lifecycleStage, type StageOptions } from '../lifecycle/stage.ts';
import { valueTrend } from '../lifecycle/trend.ts';
import { valueMatrix } from '../matrix/value-matrix.ts';
import { quintileScores, quintileScoresOfSorted, rfmCell } from '../rfm/score.ts';
import { rfmSegment } from '../rfm/segments.ts';
import { compositeScore } from '../score/composite.ts';
import { rankDescending } from '../score/score-spec.ts';
import { medianOfSorted } from '../score/median.ts';
import { lowerBound } from '../score/sort-doubles.ts';
import type { Normalisation } from '../score/normalise.ts';
import { unitDays } from '../summary/units.ts';
import { assignTiers } from '../tiers/assign.ts';
import { DEFAULT_TIER_RULE, type TierRule } from '../tiers/rule.ts';
import { tierSummary } from '../tiers/summary.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';

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
  /** Default: 'profit' when every customer's profit is known, else 'revenue'. */
  valueBasis?: ValueBasis;
  /** Default: contribution with cuts 4, 2, 1 (seed 001 table 4-2). */
  tierRule?: TierRule;
  /** CLV horizon in days (for customers the heuristic scores); default 365. */
  horizonDays?: number;
  /** Churn risk = P(no purchase in the next this many days) (heuristic); default 90. */
  churnHorizonDays?: number;
  /** Discount rate per year (heuristic CLV); default 0.1. */
  annualDiscount?: number;
  /** Share of spend that is profit for the heuristic CLV; default 1 (CLV in revenue). */
  clvMarginRate?: number;
  /** Model output per customer id; used in place of the own-rate heuristic where present. */
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
  /** Future value: discounted expected profit (or revenue) over the CLV horizon, from the model or the own-rate heuristic. */
  clv: number;
  /** 0..1: probability of no purchase in the churn horizon (totals.churnHorizonDays). */
  churnRisk: number;
  churnLevel: ChurnLevel;
  churnSource: 'model' | 'heuristic';
  /** Probability the customer is still buying at the as-of date. */
  pAlive: number;
  /** Expected purchases over the CLV horizon. */
  expectedPurchases: number;
  /** Expected spend per purchase (Gamma-Gamma with a model, else the customer's average). */
  expectedSpend: number;
  rfm: { r: number; f: number; m: number; cell: string; segment: RfmSegment };
  tier: Tier;
  /** value / mean value. */
  contribution: number;
  composite?: number;
  /** Rank by `composite`, 1 = best, ties sharing the better rank (as Excel's RANK.EQ); set with `composite`. */
  compositeRank?: number;
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
  /** Churn risk is the probability of no purchase in this many days after the as-of date. */
  churnHorizonDays: number;
  /** CLV covers this many days after the as-of date. */
  horizonDays: number;
  /** The as-of day (set by the analysis). */
  asOf?: DayNumber;
  /** Value-matrix splits used. */
  currentSplit: number;
  futureSplit: number;
}

export interface SegmentResult {
  /**
   * Sorted by value descending, ties by id ascending. The analysis builds
   * these objects on first use: a product that shows only some rows, or
   * writes them one by one, reads {@link row} and `totals.customers`.
   */
  customers: SegmentRow[];
  /**
   * customers[k], built on its own when `customers` has not been built (and
   * then not kept). Not enumerable, so that copies, comparisons and
   * structured clones of a result see data only.
   */
  row(k: number): SegmentRow;
  /** VIP, Major, Ordinary, Small; shares add up to 1. */
  summary: TierSummaryRow[];
  /** Of positive value: share held by the top 20 % of customers, and the Gini coefficient. */
  concentration: { top20Share: number; gini: number };
  totals: SegmentTotals;
  /** Plain-English notes on what was ignored or assumed. */
  warnings: string[];
  /** The same notes as messages, in the same order, to say them in any language (formatMessage). */
  warningMessages: Message[];
  /**
   * The table as the columns it was computed on, where the result keeps them
   * (the columnar analysis): a product that reads every customer reads
   * these instead of building a row object per customer. Absent from
   * segmentCustomers' results and from copies (not enumerable, like `row`),
   * so a reader falls back to the rows.
   */
  columns?: SegmentColumns;
}

/** A numeric field of {@link SegmentRow} (rfmR/F/M being rfm.r/f/m). */
export type SegmentNumberField =
  | 'firstDay'
  | 'lastDay'
  | 'purchaseDays'
  | 'frequency'
  | 'recency'
  | 'T'
  | 'sinceLast'
  | 'grossRevenue'
  | 'returnAmount'
  | 'returns'
  | 'revenue'
  | 'averageSpend'
  | 'monetary'
  | 'profit'
  | 'value'
  | 'contribution'
  | 'clv'
  | 'pAlive'
  | 'expectedPurchases'
  | 'expectedSpend'
  | 'churnRisk'
  | 'composite'
  | 'compositeRank'
  | 'rfmR'
  | 'rfmF'
  | 'rfmM';

/** A text field of {@link SegmentRow} that nearly every customer holds differently. */
export type SegmentTextField = 'id' | 'name' | 'email' | 'company';

/** The labelled fields of {@link SegmentRow} (rfmCell and rfmSegment being rfm.cell and rfm.segment), by label type. */
export interface SegmentLabels {
  tier: Tier;
  matrix: MatrixCell;
  stage: LifecycleStage;
  churnLevel: ChurnLevel;
  rfmCell: string;
  rfmSegment: RfmSegment;
}

/**
 * Read-only columns of a segment table, indexed by the customer's input
 * position i; `order[k]` is the position of customers[k]. Each value is the
 * one row(k) holds for that field, the same number (tested cell by cell).
 */
export interface SegmentColumns {
  order: Int32Array;
  /**
   * A numeric field per customer, or undefined when no customer has it
   * (composite without a score). `known`, where given, is 0 for a customer
   * whose row holds undefined there (profit without a cost). Always doubles,
   * so that a reader's loop over every column sees one kind of array.
   */
  number(field: SegmentNumberField): { values: Float64Array; known?: ArrayLike<number> } | undefined;
  /** A text field per customer (undefined where the row has none). */
  text(field: SegmentTextField): readonly (string | undefined)[];
  /** A labelled field as a code per customer into its labels. */
  label<F extends keyof SegmentLabels>(field: F): { codes: Uint8Array | Int32Array; labels: readonly SegmentLabels[F][] };
}

const FN = 'segmentCustomers';
export const LOWER_IS_BETTER = new Set<CompositeField>(['sinceLast', 'churnRisk', 'returns', 'returnAmount']);

export function checkPrediction(id: string, p: CustomerPrediction): void {
  // Field by field, not by looping over the names: this runs once per customer, and reading a
  // property by a variable name is several times slower than by a fixed one.
  if (!(Number.isFinite(p.pAlive) && Number.isFinite(p.pNoPurchase) && Number.isFinite(p.expectedPurchases) && Number.isFinite(p.expectedSpend) && Number.isFinite(p.clv))) {
    for (const k of ['pAlive', 'pNoPurchase', 'expectedPurchases', 'expectedSpend', 'clv'] as const) {
      if (!Number.isFinite(p[k])) throw new CvError(FN, 'value', `prediction for "${id}": ${k} is not a finite number`);
    }
  }
  if (p.pAlive < 0 || p.pAlive > 1) throw new CvError(FN, 'num', `prediction for "${id}": pAlive ${p.pAlive} is outside 0..1`);
  if (p.pNoPurchase < 0 || p.pNoPurchase > 1) throw new CvError(FN, 'num', `prediction for "${id}": pNoPurchase ${p.pNoPurchase} is outside 0..1`);
}

/**
 * The segment table every product shows: for each customer, value, CLV,
 * churn risk, RFM, tier, value-matrix cell and lifecycle stage, plus the
 * tier summary, concentration and totals.
 *
 * Steps and the rules they use:
 * 1. value = profit or revenue (`valueBasis`; default profit when every
 *    customer's profit is known, else revenue).
 * 2. churn risk = P(no purchase in the next churnHorizonDays), CLV,
 *    P(alive) and expected purchases from `predictions` where it has the
 *    customer, else from the own-rate heuristic (churn/own-rate.ts: the
 *    customer's own purchase rate, how overdue they are, average spend,
 *    discounted monthly like a model's CLV), so each column means the same
 *    on either path.
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
  const warningMessages: Message[] = [];
  const warn = (m: Message) => {
    warnings.push(formatMessage(m, 'en'));
    warningMessages.push(m);
  };
  const n = summaries.length;
  if (n === 0) warn(msg('segment.noCustomers'));

  const profitKnown = summaries.every((s) => s.profit !== undefined);
  const valueBasis: ValueBasis = options.valueBasis ?? (profitKnown && n > 0 ? 'profit' : 'revenue');
  if (valueBasis === 'profit' && !profitKnown) {
    const missing = summaries.filter((s) => s.profit === undefined).length;
    throw new CvError(FN, 'missing', `value basis "profit" needs cost or a margin rate; ${missing} customer(s) have no profit`);
  }
  const byProfit = valueBasis === 'profit';
  const values = new Array<number>(n);
  for (let i = 0; i < n; i++) values[i] = byProfit ? (summaries[i].profit as number) : summaries[i].revenue;

  const horizonDays = options.horizonDays ?? 365;
  const churnHorizonDays = options.churnHorizonDays ?? 90;

  // Summaries from the builder come sorted by id, hence with distinct ids: one pass over
  // neighbours (cheap, in memory order) spares a set of all ids and the id checks of the row order.
  let idsStrictlyAscending = true;
  for (let i = 1; i < n && idsStrictlyAscending; i++) idsStrictlyAscending = summaries[i - 1].id < summaries[i].id;

  // Churn risk and future value, model first.
  const predictions = options.predictions;
  let modelCount = 0;
  const risk = new Array<number>(n);
  const clv = new Array<number>(n);
  const pred = new Array<CustomerPrediction>(n);
  const fromModel = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const p = predictions?.get(summaries[i].id);
    if (p !== undefined) {
      checkPrediction(summaries[i].id, p);
      modelCount++;
      pred[i] = p;
    }
    fromModel[i] = p !== undefined;
  }
  if (modelCount < n) {
    const heuristic = heuristicPredictions(summaries, {
      unit,
      horizonDays,
      churnHorizonDays,
      annualDiscount: options.annualDiscount ?? 0.1,
      marginRate: options.clvMarginRate ?? 1,
    });
    for (let i = 0; i < n; i++) if (!fromModel[i]) pred[i] = heuristic[i];
  }
  for (let i = 0; i < n; i++) {
    risk[i] = pred[i].pNoPurchase;
    clv[i] = pred[i].clv;
  }
  const churnSource = modelCount === 0 ? 'heuristic' : modelCount === n ? 'model' : 'mixed';
  if (predictions !== undefined) {
    if (churnSource === 'mixed') warn(msg('segment.mixedPredictions', { missing: n - modelCount, n }));
    let unknown = 0;
    if (idsStrictlyAscending) {
      // Distinct ids: every customer that found a prediction used a different key.
      unknown = predictions.size - modelCount;
    } else {
      const ids = new Set<string>();
      for (let i = 0; i < n; i++) ids.add(summaries[i].id);
      for (const id of predictions.keys()) if (!ids.has(id)) unknown++;
    }
    if (unknown > 0) warn(msg('segment.unknownPredictions', { n: unknown }));
  }

  // RFM straight from the columns: the same quintile scores as rfmScores, without an input object per customer.
  const sinceLast = new Array<number>(n);
  const purchaseDays = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    sinceLast[i] = summaries[i].sinceLast;
    purchaseDays[i] = summaries[i].purchaseDays;
  }
  const rScores = quintileScores(sinceLast, false);
  const fScores = quintileScores(purchaseDays);
  // One ascending sort of the values serves the M scores, the default current-value split
  // (median), the row order, and (floored at 0) the concentration figures.
  const ascending = Float64Array.from(values).sort();
  const mScores = quintileScoresOfSorted(values, ascending);
  const tierRule = options.tierRule ?? DEFAULT_TIER_RULE;
  const { tiers, contribution } = assignTiers(values, tierRule);
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i];
  if (n > 0 && total <= 0 && tierRule.method === 'contribution') {
    warn(msg('segment.totalNotPositive'));
  }
  // Values are finite from here on (the M scores checked).
  const matrix = valueMatrix(values, clv, {
    currentSplit: options.matrix?.currentSplit ?? (n > 0 ? medianOfSorted(ascending) : undefined),
    futureSplit: options.matrix?.futureSplit,
  });

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

  const compositeRanks = composite !== undefined ? rankDescending(composite) : undefined;
  // Decline starts where the "high" churn level starts, unless told otherwise.
  const stageOptions: StageOptions = { ...options.stage, declineRisk: options.stage?.declineRisk ?? options.churnThresholds?.[1] };
  // Churn level and stage first, in input order and in that order per row (as the row fields
  // used to be evaluated, so a bad row fails with the same error). Moved out of the big object
  // literal below, the row building of 350k customers went from 0.49 s to 0.19 s (measured).
  const levels = new Array<ChurnLevel>(n);
  const stages = new Array<LifecycleStage>(n);
  for (let i = 0; i < n; i++) {
    const s = summaries[i];
    levels[i] = churnLevel(risk[i], options.churnThresholds);
    stages[i] = lifecycleStage({ purchaseDays: s.purchaseDays, ageDays: s.T * days, churnRisk: risk[i], valueTrend: valueTrend(s) }, stageOptions);
  }
  const segments = rfmSegmentTable();
  // Rows are built in input order (so a bad row fails with the same error as before), then
  // placed by the precomputed order instead of sorting 30-field objects with a comparator.
  const built = new Array<SegmentRow>(n);
  for (let i = 0; i < n; i++) {
    const s = summaries[i];
    const p = pred[i];
    const r = rScores[i];
    const f = fScores[i];
    const m = mScores[i];
    const k = (r - 1) * 25 + (f - 1) * 5 + (m - 1);
    // Built field by field in one fixed order (not by spreading `s`): one
    // object shape for every row keeps 100k-row tables fast to build.
    built[i] = {
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
      churnLevel: levels[i],
      churnSource: fromModel[i] ? 'model' : 'heuristic',
      rfm: { r, f, m, cell: rfmCell(r, f, m), segment: segments[k] },
      tier: tiers[i],
      contribution: contribution[i],
      matrix: matrix.cells[i],
      pAlive: p.pAlive,
      expectedPurchases: p.expectedPurchases,
      expectedSpend: p.expectedSpend,
      composite: composite?.[i],
      compositeRank: compositeRanks?.[i],
      stage: stages[i],
    };
  }
  const order = orderByValueThenId(values, (i) => summaries[i].id, ascending, idsStrictlyAscending);
  const rows = new Array<SegmentRow>(n);
  for (let k = 0; k < n; k++) rows[k] = built[order[k]];

  let negatives = 0;
  let flooredTotal = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] < 0) negatives++;
    // Summed in input order, as topShare and gini sum it.
    flooredTotal += Math.max(0, values[i]);
  }
  if (negatives > 0) warn(msg('segment.negativeValue', { n: negatives }));
  // Flooring at 0 keeps ascending order, so the floored values need no sort of their own.
  const floored = ascending.map((v) => Math.max(0, v));

  let repeatCustomers = 0;
  let revenue = 0;
  let clvTotal = 0;
  for (let i = 0; i < n; i++) {
    if (summaries[i].frequency > 0) repeatCustomers++;
    revenue += summaries[i].revenue;
    clvTotal += clv[i];
  }
  const totals: SegmentTotals = {
    customers: n,
    repeatCustomers,
    revenue,
    value: total,
    clv: clvTotal,
    valueBasis,
    churnSource,
    unit,
    churnHorizonDays,
    horizonDays,
    currentSplit: matrix.currentSplit,
    futureSplit: matrix.futureSplit,
  };
  if (profitKnown && n > 0) {
    let profit = 0;
    for (let i = 0; i < n; i++) profit += summaries[i].profit as number;
    totals.profit = profit;
  }

  return withRowAccess(
    {
      customers: rows,
      summary: tierSummary(tiers, values),
      concentration: { top20Share: topShareOfSorted(floored, flooredTotal, 0.2), gini: giniOfSorted(floored, flooredTotal) },
      totals,
      warnings,
      warningMessages,
    },
    (k) => rows[k],
  );
}

/** The result with its non-enumerable {@link SegmentResult.row}. */
export function withRowAccess(result: Omit<SegmentResult, 'row'>, row: (k: number) => SegmentRow): SegmentResult {
  return Object.defineProperty(result, 'row', { value: row, enumerable: false }) as SegmentResult;
}

/** The 125 RFM segments indexed by (r−1)·25 + (f−1)·5 + (m−1), from rfmSegment (built once per module). */
let segmentTable: readonly RfmSegment[] | undefined;
export function rfmSegmentTable(): readonly RfmSegment[] {
  if (segmentTable === undefined) {
    const table: RfmSegment[] = [];
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) table.push(rfmSegment(r, f, m));
    segmentTable = table;
  }
  return segmentTable;
}

/**
 * Indices of the customers sorted by value descending, ties by id ascending,
 * then by input position — exactly the order of a stable sort with that
 * comparator, without calling a comparator for every pair. `ascending` is
 * the values sorted ascending (finite). Each index is placed into the block
 * of its value (found by binary search), blocks are read from the highest
 * value down, and only blocks of equal values are sorted, by id — unless
 * `inputSortedById` says the input is in strictly ascending id order.
 */
export function orderByValueThenId(
  values: ArrayLike<number>,
  idOf: (i: number) => string,
  ascending: Float64Array,
  inputSortedById: boolean,
): Int32Array {
  const n = values.length;
  // A block is the run of equal values in `ascending`; blocks[b …] lists its members in input
  // order, fill[b] counts them (so fill[b] is the block's size once every index is placed).
  const fill = new Int32Array(n);
  const blocks = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const b = lowerBound(ascending, values[i]);
    blocks[b + fill[b]++] = i;
  }
  // Block starts, lowest value first: each start is followed by the next block's start.
  const starts: number[] = [];
  for (let b = 0; b < n; b += fill[b]) starts.push(b);
  const order = new Int32Array(n);
  let out = 0;
  for (let k = starts.length - 1; k >= 0; k--) {
    const b = starts[k];
    const end = b + fill[b];
    // Blocks list their members in input order, so with input sorted by id they are sorted already.
    if (end - b > 1 && !inputSortedById && !idsAscending(blocks, b, end, idOf)) {
      // A stable sort by id of the block (in input order): ties of value and id keep input order.
      const tie = Array.from(blocks.subarray(b, end));
      tie.sort((i, j) => compareIds(idOf(i), idOf(j)));
      blocks.set(tie, b);
    }
    for (let q = b; q < end; q++) order[out++] = blocks[q];
  }
  return order;
}

/**
 * {@link orderByValueThenId} from `byValue`, the positions in ascending
 * order of value with equal values in input order (ascendingOrder or
 * sortedWithOrder in score/sort-doubles.ts): the blocks of equal values are
 * read off it, not found by a binary search per customer. The same order
 * (the columnar segment table uses it; test/columnar-equality.test.ts holds
 * it to the object path's), made in `byValue` itself, which is returned: a
 * second array of the customers' number (14 MiB at 3.77 million) had been
 * made at the segment step, where a large run's memory peaks.
 */
export function orderFromAscending(values: ArrayLike<number>, idOf: (i: number) => string, byValue: Int32Array, inputSortedById: boolean): Int32Array {
  const n = byValue.length;
  const order = byValue.reverse();
  // Reversed, the blocks run from the highest value down, each in reverse input order: each is turned back.
  for (let b = 0; b < n; ) {
    const v = values[order[b]];
    let end = b + 1;
    while (end < n && values[order[end]] === v) end++;
    if (end - b > 1) {
      order.subarray(b, end).reverse();
      if (!inputSortedById && !idsAscending(order, b, end, idOf)) {
        // A stable sort by id of the block (in input order): ties of value and id keep input order.
        const tie = Array.from(order.subarray(b, end));
        tie.sort((i, j) => compareIds(idOf(i), idOf(j)));
        order.set(tie, b);
      }
    }
    b = end;
  }
  return order;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether the block's members are already in id order (common: summaries come sorted by id), so no sort is needed. */
function idsAscending(blocks: Int32Array, from: number, to: number, idOf: (i: number) => string): boolean {
  for (let q = from + 1; q < to; q++) if (idOf(blocks[q - 1]) > idOf(blocks[q])) return false;
  return true;
}
