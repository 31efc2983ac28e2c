/**
 * The segment table of {@link segmentCustomers} computed on columns: the
 * summaries as a {@link SummaryTable} and the model's predictions as
 * {@link PredictionColumns}, every per-customer result kept in an array,
 * and a customer's row object built only when a product reads it
 * (`row(k)`, or `customers`, built once on first use). The same steps, the
 * same functions on the same numbers in the same order as segmentCustomers,
 * so every figure is identical (test/columnar-equality.test.ts); what it
 * saves is the objects: a row of the segment table is about 40 fields, and
 * a million customers' rows took over 400 MB where their columns take 100.
 */
import { CvError } from '../errors.ts';
import type { CustomerPrediction, CustomerSummary, LifecycleStage, MatrixCell, Tier } from '../types.ts';
import { CHURN_LEVEL_THRESHOLDS, CHURN_LEVELS, type ChurnLevel, churnLevel, churnLevelCode } from '../churn/level.ts';
import { heuristicPredictions } from '../churn/own-rate-predictions.ts';
import { giniOfSorted } from '../concentration/gini.ts';
import { topShareOfSorted } from '../concentration/top-share.ts';
import { LIFECYCLE_STAGES, lifecycleStage, stageCode, stageRules, type StageOptions } from '../lifecycle/stage.ts';
import { valueTrendOf } from '../lifecycle/trend.ts';
import { MATRIX_CELLS, valueMatrixCodes } from '../matrix/value-matrix.ts';
import type { MadeOnRead, PredictionColumns } from '../models/predict.ts';
import { quintileCodes, quintileCodesBySelection, rfmCell } from '../rfm/score.ts';
import { compositeScore } from '../score/composite.ts';
import { rankDescending } from '../score/score-spec.ts';
import { medianOfSorted } from '../score/median.ts';
import { ascendingOrder, LEAN_FROM, RADIX_FROM, sortedByOrder, sortedDoubles, sortedWithOrder } from '../score/sort-doubles.ts';
import { idStrings, type SummaryTable } from '../summary/summary-table.ts';
import { unitDays } from '../summary/units.ts';
import { contributionOf, tierCodesOfMean } from '../tiers/assign.ts';
import { DEFAULT_TIER_RULE, TIERS } from '../tiers/rule.ts';
import { tierSummaryOfCodes } from '../tiers/summary.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';
import {
  checkPrediction,
  LOWER_IS_BETTER,
  orderByValueThenId,
  orderFromAscending,
  rfmSegmentTable,
  type CompositeField,
  type SegmentColumns,
  type SegmentLabels,
  type SegmentNumberField,
  type SegmentOptions,
  type SegmentResult,
  type SegmentRow,
  type SegmentTextField,
  type SegmentTotals,
  type ValueBasis,
  withRowAccess,
} from './segment.ts';

const FN = 'segmentCustomers';

/** SegmentOptions for columns: predictions as columns aligned with the table (every customer has one). */
export interface ColumnarSegmentOptions extends Omit<SegmentOptions, 'predictions'> {
  predictions?: PredictionColumns;
}

/**
 * The segment table of the customers in `table`, as segmentCustomers gives
 * it for `table`'s summaries with a prediction per customer (or none).
 *
 * @throws CvError as segmentCustomers does.
 * @example
 * const r = segmentSummaryTable(columns, { unit: 'week', predictions });
 * r.row(0).tier // the most valuable customer's tier, its object built now
 */
export function segmentSummaryTable(table: SummaryTable, options: ColumnarSegmentOptions = {}): SegmentResult {
  const unit = options.unit ?? 'week';
  const days = unitDays(unit);
  const warnings: string[] = [];
  const warningMessages: Message[] = [];
  const warn = (m: Message) => {
    warnings.push(formatMessage(m, 'en'));
    warningMessages.push(m);
  };
  const n = table.length;
  const { ids } = table;
  if (n === 0) warn(msg('segment.noCustomers'));

  // One pass over the customers for what needs no values: in a short run each loop starts in V8's
  // interpreter, so fewer loops is less time (a first loop over CDNOW's 23,570 customers took 3-5 ms,
  // a second one well under 1). What it finds wrong is thrown after it, in the order of the checks.
  const model = options.predictions;
  const { profitKnown: known } = table;
  const revenueColumn = table.revenue;
  const frequency = table.frequency;
  let missingProfit = 0;
  // The builder's ids are known to ascend; others are compared in the pass below.
  let idsStrictlyAscending = true;
  const idsKnownAscending = ids.ascending === true;
  let badPrediction = -1;
  let repeatCustomers = 0;
  let revenue = 0;
  let clvTotal = 0;
  {
    const { pAlive, pNoPurchase, clv } = model ?? EMPTY_PREDICTIONS;
    // Fields made when read were checked as they were made (PredictionColumns.made): not made here.
    const made = model?.made;
    const unfinished = made?.firstNonFinite ?? -1;
    const { expectedPurchases, expectedSpend } = made !== undefined || model === undefined ? EMPTY_PREDICTIONS : model;
    const checked = model !== undefined;
    for (let i = 0; i < n; i++) {
      if (known[i] !== 1) missingProfit++;
      if (i > 0 && idsStrictlyAscending && !idsKnownAscending) idsStrictlyAscending = ids.compare(i - 1, i) < 0;
      if (frequency[i] > 0) repeatCustomers++;
      revenue += revenueColumn[i];
      if (checked) {
        const pa = pAlive[i];
        const np = pNoPurchase[i];
        const c = clv[i];
        // x − x is 0 exactly for a finite x; checkPrediction names the field at fault, below.
        const finite = made !== undefined ? i !== unfinished : expectedPurchases[i] - expectedPurchases[i] === 0 && expectedSpend[i] - expectedSpend[i] === 0;
        if (badPrediction < 0 && !(pa >= 0 && pa <= 1 && np >= 0 && np <= 1 && finite && c - c === 0)) {
          badPrediction = i;
        }
        clvTotal += c;
      }
    }
  }
  const profitKnown = missingProfit === 0;
  const valueBasis: ValueBasis = options.valueBasis ?? (profitKnown && n > 0 ? 'profit' : 'revenue');
  if (valueBasis === 'profit' && !profitKnown) {
    throw new CvError(FN, 'missing', `value basis "profit" needs cost or a margin rate; ${missingProfit} customer(s) have no profit`);
  }
  const byProfit = valueBasis === 'profit';
  // The summary table makes a derived column when read (a fresh array), a stored one is only read: never written here.
  const values = doubles(byProfit ? table.profit : revenueColumn);

  const horizonDays = options.horizonDays ?? 365;
  const churnHorizonDays = options.churnHorizonDays ?? 90;

  // Churn risk and future value: the model's for every customer, or the heuristic's for every one.
  let pred: PredictionColumns;
  if (model !== undefined) {
    if (badPrediction >= 0) {
      const i = badPrediction;
      const { expectedPurchases, expectedSpend } = predictionReaders(model);
      checkPrediction(ids.id(i), { pAlive: model.pAlive[i], pNoPurchase: model.pNoPurchase[i], expectedPurchases: expectedPurchases(i), expectedSpend: expectedSpend(i), clv: model.clv[i] });
    }
    pred = model;
  } else {
    const summaries = new Array<CustomerSummary>(n);
    for (let i = 0; i < n; i++) summaries[i] = table.summary(i);
    const heuristic = heuristicPredictions(summaries, {
      unit,
      horizonDays,
      churnHorizonDays,
      annualDiscount: options.annualDiscount ?? 0.1,
      marginRate: options.clvMarginRate ?? 1,
    });
    pred = { pAlive: new Float64Array(n), pNoPurchase: new Float64Array(n), expectedPurchases: new Float64Array(n), expectedSpend: new Float64Array(n), clv: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const h = heuristic[i];
      pred.pAlive[i] = h.pAlive;
      pred.pNoPurchase[i] = h.pNoPurchase;
      pred.expectedPurchases[i] = h.expectedPurchases;
      pred.expectedSpend[i] = h.expectedSpend;
      pred.clv[i] = h.clv;
      clvTotal += h.clv;
    }
  }
  // Sums over the values in one pass (input order, as each was summed alone before).
  let total = 0;
  let negatives = 0;
  let flooredTotal = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    total += v;
    if (v < 0) negatives++;
    flooredTotal += Math.max(0, v);
  }
  const fromModel = model !== undefined;
  const risk = pred.pNoPurchase;
  const clvColumn = pred.clv;
  const churnSource = !fromModel || n === 0 ? 'heuristic' : 'model';
  const predicted = predictionReaders(pred);

  // Scores, tiers and cells a byte per customer, straight from the columns (no copy as an array of numbers).
  const { purchaseDays, T, grossRevenue, monetary } = table;
  // R and F need four cut points each, selected without a sort (the values are sorted once below, for M).
  // Since-last's cut points where lower is better are the last days' where higher is better when one
  // is (asOf − the other) / unit: the same scores without a since-last column made for them (29 MiB at
  // 3.77 million customers, held at the segment step's peak).
  const rScores = sinceLastOfDays(table) ? quintileCodesBySelection(table.lastDay, true) : quintileCodesBySelection(table.sinceLast, false);
  const fScores = quintileCodesBySelection(purchaseDays);
  // One sort of the values serves the M scores, the median, the row order and the concentration. At
  // scale one stable order gives both the sorted values and the blocks of the row order.
  let byValue: Int32Array | undefined;
  let ascending: Float64Array;
  if (n >= LEAN_FROM) ({ ascending, order: byValue } = sortedWithOrder(values));
  else if (n >= RADIX_FROM) ascending = sortedByOrder(values, (byValue = ascendingOrder(values)));
  else ascending = sortedDoubles(values);
  const mScores = quintileCodes(values, ascending);
  const tierRule = options.tierRule ?? DEFAULT_TIER_RULE;
  // Contributions are made when read (value / mean), not kept: a column of the customers' number, held to the end.
  const assigned = tierCodesOfMean(values, tierRule);
  const meanValue = assigned.mean;
  const tierTable = tierSummaryOfCodes(assigned.codes, values);
  const tierOf = new LabelCodes<Tier>(assigned.codes, TIERS);
  if (n > 0 && total <= 0 && tierRule.method === 'contribution') {
    warn(msg('segment.totalNotPositive'));
  }
  const matrix = valueMatrixCodes(values, clvColumn, {
    currentSplit: options.matrix?.currentSplit ?? (n > 0 ? medianOfSorted(ascending) : undefined),
    futureSplit: options.matrix?.futureSplit,
  });
  const matrixCells = new LabelCodes<MatrixCell>(matrix.codes, MATRIX_CELLS);

  let composite: number[] | undefined;
  if (options.composite !== undefined && n > 0) {
    composite = compositeScore(
      options.composite.map((ind) => ({
        name: ind.field,
        weight: ind.weight,
        normalisation: ind.normalisation,
        higherIsBetter: ind.higherIsBetter ?? !LOWER_IS_BETTER.has(ind.field),
        values: indicatorValues(table, ind.field, values, clvColumn, risk),
      })),
    );
  }

  const compositeRanks = composite !== undefined ? rankDescending(composite) : undefined;
  const stageOptions: StageOptions = { ...options.stage, declineRisk: options.stage?.declineRisk ?? options.churnThresholds?.[1] };
  const levels = new LabelCodes<ChurnLevel>(new Uint8Array(n), CHURN_LEVELS);
  const stages = new LabelCodes<LifecycleStage>(new Uint8Array(n), LIFECYCLE_STAGES);
  if (n > 0) {
    const thresholds = options.churnThresholds ?? CHURN_LEVEL_THRESHOLDS;
    // The first customer's level checks the thresholds (and its risk) as churnLevel does.
    churnLevel(risk[0], thresholds);
    const lo = thresholds[0];
    const hi = thresholds[1];
    const rules = stageRules(stageOptions);
    const levelCodes = levels.codes;
    const stageCodes = stages.codes;
    for (let i = 0; i < n; i++) {
      const r = risk[i];
      const pd = purchaseDays[i];
      const age = T[i] * days;
      // What churnLevel and lifecycleStage reject goes to them, to fail with their errors.
      if (!(r >= 0 && r <= 1)) churnLevel(r, thresholds);
      if (!(pd - pd === 0 && age - age === 0 && pd >= 0 && age >= 0)) lifecycleStage({ purchaseDays: pd, ageDays: age, churnRisk: r }, stageOptions);
      levelCodes[i] = churnLevelCode(r, lo, hi);
      stageCodes[i] = stageCode(pd, age, r, valueTrendOf(grossRevenue[i], monetary[i], frequency[i]), rules);
    }
  }
  const segments = rfmSegmentTable();
  const idOf = (i: number) => ids.id(i);
  const order = byValue !== undefined ? orderFromAscending(values, idOf, byValue, idsStrictlyAscending) : orderByValueThenId(values, idOf, ascending, idsStrictlyAscending);

  if (negatives > 0) warn(msg('segment.negativeValue', { n: negatives }));
  // Sorted values with the negatives as 0 (still sorted): the concentration's input. Shared when nothing is negative.
  let floored = ascending;
  if (negatives > 0) {
    floored = new Float64Array(n);
    for (let i = 0; i < n; i++) floored[i] = Math.max(0, ascending[i]);
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
    if (byProfit) {
      // The same sum in the same order as total's.
      profit = total;
    } else {
      const profits = table.profit;
      for (let i = 0; i < n; i++) profit += profits[i];
    }
    totals.profit = profit;
  }

  /** The row of customer i (input order), fields in segmentCustomers' order. */
  function build(i: number): SegmentRow {
    const s = table.summary(i);
    const r = rScores[i];
    const f = fScores[i];
    const m = mScores[i];
    const k = (r - 1) * 25 + (f - 1) * 5 + (m - 1);
    return {
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
      clv: clvColumn[i],
      churnRisk: risk[i],
      churnLevel: levels.at(i),
      churnSource: fromModel ? 'model' : 'heuristic',
      rfm: { r, f, m, cell: rfmCell(r, f, m), segment: segments[k] },
      tier: tierOf.at(i),
      contribution: contributionOf(values[i], meanValue),
      matrix: matrixCells.at(i),
      pAlive: pred.pAlive[i],
      expectedPurchases: predicted.expectedPurchases(i),
      expectedSpend: predicted.expectedSpend(i),
      composite: composite?.[i],
      compositeRank: compositeRanks?.[i],
      stage: stages.at(i),
    };
  }
  let rows: SegmentRow[] | undefined;

  // The columns as kept above, for a reader of every customer (the workbook's customer sheet): a
  // derived column (SummaryTable) or a code column is made on first read and kept.
  const numberColumns = new Map<SegmentNumberField, { values: Float64Array; known?: ArrayLike<number> } | undefined>();
  const numberColumn = (field: SegmentNumberField): { values: ArrayLike<number>; known?: ArrayLike<number> } | undefined => {
    switch (field) {
      case 'value':
        return { values };
      case 'contribution': {
        const contribution = new Float64Array(n);
        for (let i = 0; i < n; i++) contribution[i] = contributionOf(values[i], meanValue);
        return { values: contribution };
      }
      case 'clv':
        return { values: clvColumn };
      case 'churnRisk':
        return { values: risk };
      case 'pAlive':
      case 'expectedPurchases':
      case 'expectedSpend':
        return { values: pred[field] };
      case 'composite':
        return composite === undefined ? undefined : { values: composite };
      case 'compositeRank':
        return compositeRanks === undefined ? undefined : { values: compositeRanks };
      case 'rfmR':
        return { values: rScores };
      case 'rfmF':
        return { values: fScores };
      case 'rfmM':
        return { values: mScores };
      case 'profit':
        return { values: table.profit, known: table.profitKnown };
      case 'firstDay':
      case 'lastDay': {
        if (hasDays(table)) return { values: table[field] };
        const days = new Float64Array(n);
        for (let i = 0; i < n; i++) days[i] = table.summary(i)[field];
        return { values: days };
      }
      default:
        return { values: table[field] };
    }
  };
  let texts: Record<Exclude<SegmentTextField, 'id'>, (string | undefined)[]> | undefined;
  // The ids as strings, made when a product first asks for the column (they are kept as bytes till then).
  let idTexts: string[] | undefined;
  const rfmCodes = (): Uint8Array => {
    const codes = new Uint8Array(n);
    for (let i = 0; i < n; i++) codes[i] = (rScores[i] - 1) * 25 + (fScores[i] - 1) * 5 + (mScores[i] - 1);
    return codes;
  };
  let rfmIndex: Uint8Array | undefined;
  const columns: SegmentColumns = {
    order,
    number(field) {
      if (!numberColumns.has(field)) {
        const c = numberColumn(field);
        // The array constructor copies an array or a typed array natively (not through its iterator).
        numberColumns.set(field, c === undefined ? undefined : { ...c, values: c.values instanceof Float64Array ? c.values : new Float64Array(c.values) });
      }
      return numberColumns.get(field);
    },
    text(field) {
      if (field === 'id') return (idTexts ??= idStrings(ids));
      if (texts === undefined) {
        // The summary table keeps no text columns: each customer's summary is read once for all three.
        texts = { name: new Array(n), email: new Array(n), company: new Array(n) };
        for (let i = 0; i < n; i++) {
          const s = table.summary(i);
          texts.name[i] = s.name;
          texts.email[i] = s.email;
          texts.company[i] = s.company;
        }
      }
      return texts[field];
    },
    label<F extends keyof SegmentLabels>(field: F): { codes: Uint8Array | Int32Array; labels: readonly SegmentLabels[F][] } {
      const byField: { [K in keyof SegmentLabels]: () => { codes: Uint8Array | Int32Array; labels: readonly SegmentLabels[K][] } } = {
        tier: () => tierOf,
        matrix: () => matrixCells,
        stage: () => stages,
        churnLevel: () => levels,
        rfmCell: () => ({ codes: (rfmIndex ??= rfmCodes()), labels: RFM_CELLS }),
        rfmSegment: () => ({ codes: (rfmIndex ??= rfmCodes()), labels: segments }),
      };
      return byField[field]();
    },
  };
  return withColumns(
    withRowAccess(
    {
      get customers(): SegmentRow[] {
        if (rows === undefined) {
          rows = new Array<SegmentRow>(n);
          for (let k = 0; k < n; k++) rows[k] = build(order[k]);
        }
        return rows;
      },
      summary: tierTable,
      concentration: { top20Share: topShareOfSorted(floored, flooredTotal, 0.2), gini: giniOfSorted(floored, flooredTotal) },
      totals,
      warnings,
      warningMessages,
    },
    (k) => (rows !== undefined ? rows[k] : build(order[k])),
    ),
    columns,
  );
}

/** The result with its non-enumerable {@link SegmentResult.columns} (a copy keeps data only, as with `row`). */
function withColumns(result: SegmentResult, columns: SegmentColumns): SegmentResult {
  return Object.defineProperty(result, 'columns', { value: columns, enumerable: false });
}

/** Whether the table's R scores can be cut on its last days (SummaryTable.sinceLastOfLastDay). */
function sinceLastOfDays(table: SummaryTable): table is SummaryTable & { lastDay: ArrayLike<number> } {
  return table.sinceLastOfLastDay === true && table.lastDay !== undefined;
}

/** Whether the table keeps first and last purchase days as columns (the columnar summary and the store do). */
function hasDays(table: SummaryTable): table is SummaryTable & { firstDay: ArrayLike<number>; lastDay: ArrayLike<number> } {
  return table.firstDay !== undefined && table.lastDay !== undefined;
}

/** rfmCell's text of each index (r−1)·25 + (f−1)·5 + (m−1), as the RFM segments are indexed. */
const RFM_CELLS: readonly string[] = Array.from({ length: 125 }, (_, k) => rfmCell(Math.floor(k / 25) + 1, (Math.floor(k / 5) % 5) + 1, (k % 5) + 1));

/**
 * A column of a few labels (tiers, matrix cells, churn levels, stages) kept
 * as a byte per customer and the labels once: at millions of customers an
 * array of them took 8 bytes a customer per column (the strings are shared),
 * these take one.
 */
class LabelCodes<T> {
  constructor(
    readonly codes: Uint8Array | Int32Array,
    readonly labels: readonly T[],
  ) {}

  at(i: number): T {
    return this.labels[this.codes[i]];
  }
}

/** No predictions: the first pass reads these columns only when a model gave them. */
const EMPTY_PREDICTIONS: PredictionColumns = {
  pAlive: new Float64Array(0),
  pNoPurchase: new Float64Array(0),
  expectedPurchases: new Float64Array(0),
  expectedSpend: new Float64Array(0),
  clv: new Float64Array(0),
};

/** Customer i's expected purchases and spend: made now when the predictions make them when read, else read from their columns. */
function predictionReaders(p: PredictionColumns): Pick<MadeOnRead, 'expectedPurchases' | 'expectedSpend'> {
  if (p.made !== undefined) return p.made;
  const { expectedPurchases, expectedSpend } = p;
  return { expectedPurchases: (i) => expectedPurchases[i], expectedSpend: (i) => expectedSpend[i] };
}

/** A column as doubles: itself when it is already, else a copy by a plain loop. */
function doubles(column: ArrayLike<number>): Float64Array {
  if (column instanceof Float64Array) return column;
  const n = column.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = column[i];
  return out;
}

/**
 * A column as an array of numbers, the same values Array.from gives, by a
 * plain loop: Array.from takes a typed array through its iterator, which
 * cost more than the rest of the segment table together (0.2 s a column
 * at 376,000 customers on a loaded machine).
 */
function numbers(column: ArrayLike<number>): number[] {
  const n = column.length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = column[i];
  return out;
}

/** An indicator's values per customer, as segmentCustomers reads them. */
function indicatorValues(table: SummaryTable, field: CompositeField, values: Float64Array, clv: Float64Array, risk: Float64Array): number[] {
  const n = table.length;
  switch (field) {
    case 'value':
      return numbers(values);
    case 'clv':
      return numbers(clv);
    case 'churnRisk':
      return numbers(risk);
    case 'profit':
      for (let i = 0; i < n; i++) {
        if (table.profitKnown[i] !== 1) throw new CvError(FN, 'missing', `indicator "profit" needs cost; customer "${table.ids.id(i)}" has none`);
      }
      return numbers(table.profit);
    default:
      return numbers(table[field]);
  }
}
