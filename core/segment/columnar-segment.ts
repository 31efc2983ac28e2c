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
import { type ChurnLevel, churnLevel } from '../churn/level.ts';
import { heuristicPredictions } from '../churn/own-rate-predictions.ts';
import { giniOfSorted } from '../concentration/gini.ts';
import { topShareOfSorted } from '../concentration/top-share.ts';
import { lifecycleStage, type StageOptions } from '../lifecycle/stage.ts';
import { valueTrend } from '../lifecycle/trend.ts';
import { valueMatrix } from '../matrix/value-matrix.ts';
import type { PredictionColumns } from '../models/predict.ts';
import { quintileScores, quintileScoresOfSorted, rfmCell } from '../rfm/score.ts';
import { compositeScore } from '../score/composite.ts';
import { rankDescending } from '../score/score-spec.ts';
import { medianOfSorted } from '../score/median.ts';
import type { SummaryColumns } from '../summary/columnar-summary.ts';
import { idsStrictlyAscending, idStrings, type SummaryTable } from '../summary/summary-table.ts';
import { unitDays } from '../summary/units.ts';
import { assignTiers } from '../tiers/assign.ts';
import { DEFAULT_TIER_RULE } from '../tiers/rule.ts';
import { tierSummary } from '../tiers/summary.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';
import {
  checkPrediction,
  LOWER_IS_BETTER,
  orderByValueThenId,
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

  let missingProfit = 0;
  for (let i = 0; i < n; i++) if (table.profitKnown[i] !== 1) missingProfit++;
  const profitKnown = missingProfit === 0;
  const valueBasis: ValueBasis = options.valueBasis ?? (profitKnown && n > 0 ? 'profit' : 'revenue');
  if (valueBasis === 'profit' && !profitKnown) {
    throw new CvError(FN, 'missing', `value basis "profit" needs cost or a margin rate; ${missingProfit} customer(s) have no profit`);
  }
  const byProfit = valueBasis === 'profit';
  const values = new Array<number>(n);
  {
    // A derived column is made when read (SummaryTable): once, outside the loop.
    const from = byProfit ? table.profit : table.revenue;
    for (let i = 0; i < n; i++) values[i] = from[i];
  }

  const horizonDays = options.horizonDays ?? 365;
  const churnHorizonDays = options.churnHorizonDays ?? 90;

  const idsAscending = idsStrictlyAscending(ids);

  // Churn risk and future value: the model's for every customer, or the heuristic's for every one.
  const model = options.predictions;
  let pred: PredictionColumns;
  if (model !== undefined) {
    const p: CustomerPrediction = { pAlive: 0, pNoPurchase: 0, expectedPurchases: 0, expectedSpend: 0, clv: 0 };
    for (let i = 0; i < n; i++) {
      p.pAlive = model.pAlive[i];
      p.pNoPurchase = model.pNoPurchase[i];
      p.expectedPurchases = model.expectedPurchases[i];
      p.expectedSpend = model.expectedSpend[i];
      p.clv = model.clv[i];
      // The id (a string made from bytes) only for the message of a prediction that fails.
      const fine = p.pAlive >= 0 && p.pAlive <= 1 && p.pNoPurchase >= 0 && p.pNoPurchase <= 1 && Number.isFinite(p.expectedPurchases) && Number.isFinite(p.expectedSpend) && Number.isFinite(p.clv);
      if (!fine) checkPrediction(ids.id(i), p);
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
    }
  }
  const fromModel = model !== undefined;
  const risk = pred.pNoPurchase;
  const clvColumn = pred.clv;
  // The helpers below take arrays of numbers (as segmentCustomers gives them).
  const clv = numbers(clvColumn);
  const churnSource = !fromModel || n === 0 ? 'heuristic' : 'model';

  const rScores = small(quintileScores(numbers(table.sinceLast), false));
  const fScores = small(quintileScores(numbers(table.purchaseDays)));
  const ascending = new Float64Array(values).sort();
  const mScores = small(quintileScoresOfSorted(values, ascending));
  const tierRule = options.tierRule ?? DEFAULT_TIER_RULE;
  const assigned = assignTiers(values, tierRule);
  const contribution = assigned.contribution;
  const tierTable = tierSummary(assigned.tiers, values);
  const tierOf = labelCodes(assigned.tiers);
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i];
  if (n > 0 && total <= 0 && tierRule.method === 'contribution') {
    warn(msg('segment.totalNotPositive'));
  }
  const matrix = valueMatrix(values, clv, {
    currentSplit: options.matrix?.currentSplit ?? (n > 0 ? medianOfSorted(ascending) : undefined),
    futureSplit: options.matrix?.futureSplit,
  });
  const matrixCells = labelCodes<MatrixCell>(matrix.cells);

  let composite: number[] | undefined;
  if (options.composite !== undefined && n > 0) {
    composite = compositeScore(
      options.composite.map((ind) => ({
        name: ind.field,
        weight: ind.weight,
        normalisation: ind.normalisation,
        higherIsBetter: ind.higherIsBetter ?? !LOWER_IS_BETTER.has(ind.field),
        values: indicatorValues(table, ind.field, values, clv, risk),
      })),
    );
  }

  const compositeRanks = composite !== undefined ? rankDescending(composite) : undefined;
  const stageOptions: StageOptions = { ...options.stage, declineRisk: options.stage?.declineRisk ?? options.churnThresholds?.[1] };
  const levelOf = new Array<ChurnLevel>(n);
  const stageOf = new Array<LifecycleStage>(n);
  const trendInput = { grossRevenue: 0, monetary: 0, frequency: 0 };
  {
    const { grossRevenue, monetary, frequency, purchaseDays, T } = table;
    for (let i = 0; i < n; i++) {
      levelOf[i] = churnLevel(risk[i], options.churnThresholds);
      trendInput.grossRevenue = grossRevenue[i];
      trendInput.monetary = monetary[i];
      trendInput.frequency = frequency[i];
      stageOf[i] = lifecycleStage({ purchaseDays: purchaseDays[i], ageDays: T[i] * days, churnRisk: risk[i], valueTrend: valueTrend(trendInput) }, stageOptions);
    }
  }
  const levels = labelCodes(levelOf);
  const stages = labelCodes(stageOf);
  const segments = rfmSegmentTable();
  const order = orderByValueThenId(values, (i) => ids.id(i), ascending, idsAscending);

  let negatives = 0;
  let flooredTotal = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] < 0) negatives++;
    flooredTotal += Math.max(0, values[i]);
  }
  if (negatives > 0) warn(msg('segment.negativeValue', { n: negatives }));
  const floored = ascending.map((v) => Math.max(0, v));

  let repeatCustomers = 0;
  let revenue = 0;
  let clvTotal = 0;
  const frequency = table.frequency;
  const revenueColumn = table.revenue;
  for (let i = 0; i < n; i++) {
    if (frequency[i] > 0) repeatCustomers++;
    revenue += revenueColumn[i];
    clvTotal += clvColumn[i];
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
    const profits = table.profit;
    for (let i = 0; i < n; i++) profit += profits[i];
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
      contribution: contribution[i],
      matrix: matrixCells.at(i),
      pAlive: pred.pAlive[i],
      expectedPurchases: pred.expectedPurchases[i],
      expectedSpend: pred.expectedSpend[i],
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
      case 'contribution':
        return { values: contribution };
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

/** Whether the table keeps first and last purchase days as columns (the columnar summary does). */
function hasDays(table: SummaryTable): table is SummaryTable & Pick<SummaryColumns, 'firstDay' | 'lastDay'> {
  return 'firstDay' in table && 'lastDay' in table;
}

/** rfmCell's text of each index (r−1)·25 + (f−1)·5 + (m−1), as the RFM segments are indexed. */
const RFM_CELLS: readonly string[] = Array.from({ length: 125 }, (_, k) => rfmCell(Math.floor(k / 25) + 1, (Math.floor(k / 5) % 5) + 1, (k % 5) + 1));

/** Whole numbers 0..255 (quintile scores) in a byte each, where an array of numbers takes eight. */
function small(scores: readonly number[]): Uint8Array {
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = scores[i];
  return out;
}

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

function labelCodes<T>(values: readonly T[]): LabelCodes<T> {
  const labels: T[] = [];
  const code = new Map<T, number>();
  let codes: Uint8Array | Int32Array = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let c = code.get(values[i]);
    if (c === undefined) {
      c = labels.length;
      // More labels than a byte holds cannot come from these columns; should they, the codes widen.
      if (c === 256) codes = Int32Array.from(codes);
      labels.push(values[i]);
      code.set(values[i], c);
    }
    codes[i] = c;
  }
  return new LabelCodes(codes, labels);
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
function indicatorValues(table: SummaryTable, field: CompositeField, values: readonly number[], clv: readonly number[], risk: Float64Array): number[] {
  const n = table.length;
  switch (field) {
    case 'value':
      return values.slice();
    case 'clv':
      return clv.slice();
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
