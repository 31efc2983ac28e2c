/**
 * The one analysis every product runs: transactions (or a customer table)
 * in, scored and segmented customers out —
 *
 *   read (the product's reader) → summarise → choose and fit a purchase
 *   model → fit spend → predict → segment,
 *
 * with one settings type (settings.ts), its defaults and validation, and
 * every note for the user collected once in `warnings`. The command line,
 * the Excel pane and functions and the browser extension map their inputs
 * onto {@link AnalysisSettingsInput} and present the {@link Analysis}; none
 * of them makes a scoring decision of its own.
 *
 * Streaming: {@link createAnalysis} takes rows one at a time; memory follows
 * customers (plus two integers per purchase row when 'auto' needs a
 * holdout).
 */
import { CvError } from '../errors.ts';
import { fitGammaGamma, type GammaGammaFit } from '../models/gamma-gamma.ts';
import { predictColumns, predictCustomers, type PredictCustomer, type PredictionColumns } from '../models/predict.ts';
import type { PurchaseModelFit } from '../models/purchase-model.ts';
import { segmentSummaryTable } from '../segment/columnar-segment.ts';
import { segmentCustomers, type SegmentResult } from '../segment/segment.ts';
import { formatMessage, msg, type Message } from '../i18n/messages.ts';
import { excludedMessage } from '../summary/describe-excluded.ts';
import { createColumnarSummaryBuilder } from '../summary/columnar-summary.ts';
import { createSummaryBuilder, type SummaryReport } from '../summary/summarize.ts';
import { tableOfSummaries, type SummaryTable } from '../summary/summary-table.ts';
import { unitDays } from '../summary/units.ts';
import type { TransactionSink } from '../read/read-transactions.ts';
import type { CustomerPrediction, CustomerSummary, DayNumber, ExcludedCustomer, TimeUnit, Transaction } from '../types.ts';
import { createPurchaseDays, type PurchaseDays, type SplitHistories } from './purchase-days.ts';
import { fitRecalibration, type RecalibrationReport } from './recalibrate.ts';
import { churnRiskPerGroup, runCandidate, runFitJob, type CandidateResult, type FitJob, type FitRunner, type HoldoutJudging, type SpendJob, type SpendResult } from './fit-jobs.ts';
import {
  finishSelection,
  holdoutPlan,
  isModelProblem,
  planSelection,
  selectPurchaseModel,
  type ModelSelection,
  type SelectionInput,
  type SelectionPlan,
  type SelectionResult,
} from './select-model.ts';
import { groupRepeatData } from '../models/customer-data.ts';
import { MODEL_TITLES, resolveSettings, type AnalysisSettings, type AnalysisSettingsInput } from './settings.ts';

export interface ModelReport {
  /** The purchase model that scored the customers, if any. */
  purchase?: PurchaseModelFit;
  /** The spend model, if fitted. */
  spend?: GammaGammaFit;
  /** Margin rate applied to CLV (given, from known costs, or 1). */
  marginRate: number;
  /** Which model was chosen, how, and every fallback taken. */
  selection: ModelSelection;
  /** Why the own-rate heuristic scored the customers, when it did. */
  fallback?: string;
  /** The fallback as a message, to say it in any language. */
  fallbackMessage?: Message;
  /**
   * Whether the chosen model's churn risk was corrected on the holdout that
   * chose it (recalibrate.ts), and in one sentence how or why not. Absent
   * when no holdout chose the model.
   */
  recalibration?: { applied: boolean; description: string; descriptionMessage: Message; report?: RecalibrationReport };
}

export interface Analysis {
  /** The settings used, defaults filled in. */
  settings: AnalysisSettings;
  segment: SegmentResult;
  models: ModelReport;
  /** Customers in the data who could not be scored (e.g. only returns), each with its reason. */
  excluded: ExcludedCustomer[];
  /** Every note for the user, once (the same array as segment.warnings). */
  warnings: string[];
  /** The notes as messages, in the same order (the same array as segment.warningMessages). */
  warningMessages: Message[];
}

/** Rows in, analysis out. */
export interface AnalysisBuilder {
  add(t: Transaction): void;
  /** Runs the analysis on the rows added. */
  finish(): Analysis;
}

/**
 * An analysis fed row by row that also takes a reader's rows as numbers:
 * `readTransactions(bytes, { into: analysis })` reads a plain UTF-8 file
 * without an object or a string per row.
 */
export interface StreamingAnalysis extends AnalysisBuilder, TransactionSink {
  /**
   * {@link AnalysisBuilder.finish} with the model fits run by `runner`
   * (fit-jobs.ts), which may run some of them on another thread meanwhile:
   * the same analysis, number for number. Without a runner, finish().
   */
  finishAsync(runner?: FitRunner): Promise<Analysis>;
}

/**
 * An analysis fed row by row (a reader's onTransaction callback).
 *
 * @throws CvError('settings', …) for invalid settings, at once.
 * @example
 * const a = createAnalysis({ unit: 'week' });
 * readTransactions(bytes, { into: a });
 * a.finish().segment.summary;
 */
export function createAnalysis(input: AnalysisSettingsInput = {}): StreamingAnalysis {
  const settings = resolveSettings(input);
  const builder = createColumnarSummaryBuilder({ unit: settings.unit, asOf: settings.asOf, marginRate: settings.marginRate });
  return {
    add: builder.add,
    customerIndex: builder.customerIndex,
    customerIndexBytes: builder.customerIndexBytes,
    addRow: builder.addRow,
    lacksText: builder.lacksText,
    setText: builder.setText,
    setTextBytes: builder.setTextBytes,
    expectRows: builder.expectRows,
    finish() {
      const { columns, ctx } = finished();
      return runTable(columns, settings, ctx);
    },
    async finishAsync(runner) {
      const { columns, ctx } = finished();
      return runner ? runTableWith(columns, settings, ctx, runner) : runTable(columns, settings, ctx);
    },
  };
  function finished(): { columns: SummaryTable; ctx: RunContext } {
    // The builder's columns go as the summary's are made: an analysis is finished once.
    builder.release(settings.model === 'auto');
    const columns = builder.finish();
    const days = settings.model === 'auto' ? { firstDay: builder.firstPurchaseDay, split: builder.split } : undefined;
    const report = builder.report();
    return { columns, ctx: analysisContext(columns.length, report, settings, days) };
  }
}

/**
 * The analysis as it was built before the columnar summary: an object per
 * customer while reading and every purchase row kept for the holdout. Kept
 * only as the reference the columnar path is checked against
 * (test/columnar-equality.test.ts); not exported from core/index.ts.
 */
export function createObjectAnalysis(input: AnalysisSettingsInput = {}): AnalysisBuilder {
  const settings = resolveSettings(input);
  const builder = createSummaryBuilder({ unit: settings.unit, asOf: settings.asOf, marginRate: settings.marginRate });
  const days: PurchaseDays | undefined = settings.model === 'auto' ? createPurchaseDays() : undefined;
  return {
    add(t) {
      builder.add(t);
      days?.add(t);
    },
    finish() {
      return finishAnalysis(builder.finish(), builder.report(), settings, days);
    },
  };
}

/** What the holdout needs of the purchase days: where they start, and histories split at a date. */
type DaySplitter = Pick<PurchaseDays, 'firstDay' | 'split'>;

function finishAnalysis(summaries: readonly CustomerSummary[], report: SummaryReport, settings: AnalysisSettings, days: DaySplitter | undefined): Analysis {
  return run(summaries, settings, analysisContext(summaries.length, report, settings, days));
}

/** The notes of the summary step and the holdout the model choice can use. */
function analysisContext(customers: number, report: SummaryReport, settings: AnalysisSettings, days: DaySplitter | undefined): RunContext {
  const notes: Message[] = [];
  if (report.afterAsOf > 0) notes.push(msg('analysis.afterAsOf', { n: report.afterAsOf }));
  const excluded = report.excluded;
  const left = excludedMessage(excluded);
  if (left !== undefined) notes.push(left);
  let holdout: SelectionInput['holdout'];
  let noHoldout: Message | undefined;
  if (days && report.asOf !== undefined && customers > 0) {
    const plan = holdoutPlan(days.firstDay(), report.asOf);
    if ('calibrationEnd' in plan) {
      const periodDays = unitDays(settings.unit);
      // With the purchases within the churn horizon too: the churn-risk correction's counts, in the same pass.
      const histories = days.split(plan.calibrationEnd, report.asOf, periodDays, undefined, plan.calibrationEnd + settings.churnHorizonDays);
      holdout = { histories, calibrationEnd: plan.calibrationEnd, asOf: report.asOf, periodDays };
    } else {
      noHoldout = plan.why;
    }
  }
  return { asOf: report.asOf, excluded, notes, holdout, noHoldout, days };
}

/**
 * The whole analysis of transactions in one call.
 * @example analyzeTransactions(rows, { model: 'bgnbd' }).models.purchase?.params
 */
export function analyzeTransactions(rows: Iterable<Transaction>, input: AnalysisSettingsInput = {}): Analysis {
  const a = createAnalysis(input);
  for (const t of rows) a.add(t);
  return a.finish();
}

/**
 * The analysis of customers already summarised (a customer table with x,
 * t_x and T, or summaries a product built itself). Without dates there is
 * no holdout: 'auto' chooses by likelihood.
 *
 * @example analyzeCustomers(summaries, { unit: 'week', model: 'bgnbd' }).models.purchase?.params
 */
export function analyzeCustomers(summaries: readonly CustomerSummary[], input: AnalysisSettingsInput = {}): Analysis {
  const settings = resolveSettings(input);
  return runTable(tableOfSummaries(summaries), settings, { asOf: settings.asOf, excluded: [], notes: [], noHoldout: msg('analysis.oneRowPerCustomer') });
}

/**
 * analyzeCustomers on summaries kept as columns (a {@link SummaryTable}:
 * the columnar builder's, or summary-store.ts's for a warehouse's output),
 * so that millions of customers are scored without an object each.
 *
 * @example analyzeSummaryTable(read.table, { unit: 'week', model: 'bgnbd' }).segment.totals.clv
 */
export function analyzeSummaryTable(table: SummaryTable, input: AnalysisSettingsInput = {}): Analysis {
  const settings = resolveSettings(input);
  return runTable(table, settings, { asOf: settings.asOf, excluded: [], notes: [], noHoldout: msg('analysis.oneRowPerCustomer') });
}

/**
 * analyzeCustomers as it was built before the columnar scoring: an object
 * per customer for the model inputs, the predictions and the segment rows.
 * Kept only as the reference the columnar path is checked against
 * (test/columnar-equality.test.ts); not exported from core/index.ts.
 */
export function analyzeObjectCustomers(summaries: readonly CustomerSummary[], input: AnalysisSettingsInput = {}): Analysis {
  const settings = resolveSettings(input);
  return run(summaries, settings, { asOf: settings.asOf, excluded: [], notes: [], noHoldout: msg('analysis.oneRowPerCustomer') });
}

interface RunContext {
  asOf: DayNumber | undefined;
  excluded: ExcludedCustomer[];
  notes: Message[];
  holdout?: SelectionInput['holdout'];
  noHoldout?: Message;
  /** The purchase days behind the holdout, to learn the churn-risk correction at the churn horizon. */
  days?: DaySplitter;
}

function run(summaries: readonly CustomerSummary[], settings: AnalysisSettings, ctx: RunContext): Analysis {
  const { unit } = settings;
  const days = unitDays(unit);
  const marginRate = modelMarginRate(summaries, settings.marginRate);
  const warnings: Message[] = [...ctx.notes];
  const inputs = modelInputs(summaries, unit);

  let purchase: PurchaseModelFit | undefined;
  let selection: ModelSelection;
  let calibrationFit: PurchaseModelFit | undefined;
  let judging: HoldoutJudging | undefined;
  if (summaries.length === 0) {
    const reasonMessage = msg('analysis.noCustomers');
    selection = { requested: settings.model, chosen: 'none', method: 'heuristic', reason: formatMessage(reasonMessage, 'en'), reasonMessage, candidates: [], steps: [], stepMessages: [] };
  } else {
    const picked = selectPurchaseModel({
      requested: settings.model,
      penalizer: settings.penalizer,
      data: { x: inputs.map((c) => c.x), t_x: inputs.map((c) => c.t_x), T: inputs.map((c) => c.T) },
      holdout: ctx.holdout,
      noHoldout: ctx.noHoldout,
    });
    purchase = picked.fit;
    selection = picked.selection;
    if (selection.chosen !== 'none') calibrationFit = picked.calibrationFits?.get(selection.chosen);
    judging = picked.judging;
  }
  const models: ModelReport = { marginRate, selection, purchase };
  warnings.push(...selection.stepMessages);
  if (purchase === undefined && settings.model !== 'none' && summaries.length > 0) {
    models.fallback = selection.reason;
    models.fallbackMessage = selection.reasonMessage;
    warnings.push(selection.reasonMessage);
  } else if (purchase !== undefined && settings.model !== 'auto' && selection.chosen !== settings.model) {
    warnings.push(selection.reasonMessage);
  }
  const title = MODEL_TITLES[selection.chosen as keyof typeof MODEL_TITLES];
  if (purchase) warnings.push(...(purchase.noteMessages ?? purchase.notes ?? []).map((note) => msg('analysis.modelNote', { model: title, note })));

  let predictions: Map<string, CustomerPrediction> | undefined;
  if (purchase) {
    if (settings.spendModel) {
      const repeat = inputs.filter((c) => c.x > 0 && c.monetary > 0);
      try {
        models.spend = fitGammaGamma({ x: repeat.map((c) => c.x), zbar: repeat.map((c) => c.monetary) }, { penalizer: settings.penalizer });
        warnings.push(...models.spend.warningMessages.map((note) => msg('analysis.modelNote', { model: 'Gamma-Gamma', note })));
      } catch (error) {
        if (!isDataProblem(error)) throw error;
        warnings.push(msg('analysis.spendNotFitted', { why: error.problem ?? error.reason }));
      }
    }
    try {
      predictions = predictCustomers(purchase, models.spend, inputs, {
        periodDays: days,
        horizonDays: settings.horizonDays,
        annualDiscountRate: settings.annualDiscount,
        marginRate,
        churnHorizonDays: settings.churnHorizonDays,
      });
    } catch (error) {
      // Parameters at the edge of what the special functions can evaluate: say so and keep scoring.
      if (!isModelProblem(error)) throw error;
      const title = MODEL_TITLES[selection.chosen as keyof typeof MODEL_TITLES];
      models.fallbackMessage = msg('analysis.scoringFailed', { model: title, why: error.problem ?? error.reason });
      models.fallback = formatMessage(models.fallbackMessage, 'en');
      warnings.push(models.fallbackMessage);
      predictions = undefined;
    }
    if (predictions && calibrationFit && ctx.holdout && ctx.days) {
      const learned = recalibrate(calibrationFit, ctx.holdout, ctx.days, settings.churnHorizonDays, judging);
      models.recalibration = learned.recalibration;
      if (learned.apply) for (const p of predictions.values()) p.pNoPurchase = learned.apply(p.pNoPurchase);
    }
  }

  const segment = segmentCustomers(summaries, { ...segmentSettings(settings, marginRate), predictions });
  return analysisOf(settings, segment, models, warnings, ctx);
}

/**
 * {@link run} on columns: the same steps, calls and numbers, with the
 * models' inputs, the predictions and the segment table held as typed
 * columns, so that memory follows the number of customers in bytes, not in
 * objects (the segment rows are built when a product reads them).
 */
function runTable(table: SummaryTable, settings: AnalysisSettings, ctx: RunContext): Analysis {
  const marginRate = tableMarginRate(table, settings.marginRate);
  const warnings: Message[] = [...ctx.notes];
  // The models in a function of their own, so that their inputs (four columns of the customers'
  // numbers and the spend model's two) are let go before the segment step, where a million-row
  // run's memory peaks: locals of a function still running stay reachable.
  const { models, predictions, asRead } = tableModels(table, settings, ctx, marginRate, warnings);
  const segment = segmentSummaryTable(readingAs(table, asRead), { ...segmentSettings(settings, marginRate), predictions });
  return analysisOf(settings, segment, models, warnings, ctx);
}

/** {@link runTable} with the fits run by `runner`. */
async function runTableWith(table: SummaryTable, settings: AnalysisSettings, ctx: RunContext, runner: FitRunner): Promise<Analysis> {
  const marginRate = tableMarginRate(table, settings.marginRate);
  const warnings: Message[] = [...ctx.notes];
  const { models, predictions, asRead } = await tableModelsRun(table, settings, ctx, marginRate, warnings, runner);
  const segment = segmentSummaryTable(readingAs(table, asRead), { ...segmentSettings(settings, marginRate), predictions });
  return analysisOf(settings, segment, models, warnings, ctx);
}

/** The model choice, fits and predictions of {@link runTable}, here and now; notes go to `warnings`. */
function tableModels(
  table: SummaryTable,
  settings: AnalysisSettings,
  ctx: RunContext,
  marginRate: number,
  warnings: Message[],
): ModelsAndInputs {
  const inputs = tableModelInputs(table, settings);
  const plan = inputs.n > 0 ? planSelection(selectionInput(inputs, settings, ctx), churnLength(settings, ctx)) : undefined;
  return { ...modelsFrom(table, settings, ctx, marginRate, warnings, inputs, plan, plan ? plan.jobs.map(runCandidate) : []), asRead: inputs.asRead };
}

/**
 * {@link tableModels} with the fits run by `runner` (perhaps on another
 * thread): the candidates' jobs and the spend model's, which does not
 * depend on the purchase model, go at once; the same choice is then made of
 * the same results.
 */
async function tableModelsRun(
  table: SummaryTable,
  settings: AnalysisSettings,
  ctx: RunContext,
  marginRate: number,
  warnings: Message[],
  runner: FitRunner,
): Promise<ModelsAndInputs> {
  const inputs = tableModelInputs(table, settings);
  const plan = inputs.n > 0 ? planSelection(selectionInput(inputs, settings, ctx), churnLength(settings, ctx)) : undefined;
  const jobs: FitJob[] = plan ? [...plan.jobs] : [];
  if (plan && plan.route !== 'none' && settings.spendModel) jobs.push(spendJob(inputs, settings.penalizer));
  const results = jobs.length > 0 ? await runner.run(jobs) : [];
  const candidates = results.filter((r): r is CandidateResult => r.kind === 'candidate');
  const spend = results.find((r): r is SpendResult => r.kind === 'spend');
  return { ...modelsFrom(table, settings, ctx, marginRate, warnings, inputs, plan, candidates, spend), asRead: inputs.asRead };
}

/** The purchase and spend models' inputs from the summary columns. */
interface TableModelInputs {
  n: number;
  x: Float64Array;
  t_x: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
  /** Those of the inputs that are the table's columns as read, unchanged (see {@link readingAs}). */
  asRead: ColumnsAsRead;
}

/** Derived columns of a summary table already read, to be read again without making them again. */
type ColumnsAsRead = Partial<Pick<SummaryTable, 'frequency' | 'T' | 'monetary'>>;

/** The models, the predictions, and the table's columns their inputs read. */
interface ModelsAndInputs {
  models: ModelReport;
  predictions: PredictionColumns | undefined;
  asRead: ColumnsAsRead;
}

/**
 * The table, its columns in `asRead` given as they are instead of made
 * again: the columnar summary makes a derived column (frequency, T,
 * monetary) on every read, and the segment step read the three the models'
 * inputs had just read (9 MiB of fresh memory at a million rows, its page
 * faults the cost; the predictions keep the inputs alive anyway). Neither
 * the segment step nor a product writes a table's column.
 */
function readingAs(table: SummaryTable, asRead: ColumnsAsRead): SummaryTable {
  const own: PropertyDescriptorMap = {};
  for (const [k, v] of Object.entries(asRead)) if (v !== undefined) own[k] = { value: v, enumerable: true };
  return Object.keys(own).length === 0 ? table : (Object.create(table, own) as SummaryTable);
}

/** The models' inputs, as modelInputs makes them. */
function tableModelInputs(table: SummaryTable, settings: AnalysisSettings): TableModelInputs {
  const days = unitDays(settings.unit);
  const n = table.length;
  const minT = 1 / days;
  const frequency = table.frequency;
  const x = copyUnless(frequency, true);
  // Each input is the summary column itself when it already holds the input exactly (the
  // builder's recency is t_x, T rarely needs its floor, monetary is never negative), else a copy.
  const recency = table.recency;
  let same = true;
  for (let i = 0; i < n && same; i++) same = frequency[i] !== 0 || Object.is(recency[i], 0);
  const t_x = copyUnless(recency, same);
  if (!same) for (let i = 0; i < n; i++) if (frequency[i] === 0) t_x[i] = 0;
  const TRead = table.T;
  const TColumn = copyUnless(TRead, true);
  same = true;
  for (let i = 0; i < n && same; i++) same = Object.is(Math.max(TColumn[i], minT), TColumn[i]);
  const T = same ? TColumn : TColumn.map((t) => Math.max(t, minT));
  const monetaryRead = table.monetary;
  const monetaryColumn = copyUnless(monetaryRead, true);
  same = true;
  for (let i = 0; i < n && same; i++) same = Object.is(Math.max(monetaryColumn[i], 0), monetaryColumn[i]);
  const monetary = same ? monetaryColumn : monetaryColumn.map((m) => Math.max(m, 0));
  // An input that is the column read (not a copy, not changed) holds its numbers exactly.
  const asRead: ColumnsAsRead = {};
  if (x === frequency) asRead.frequency = x;
  if (T === TRead) asRead.T = T;
  if (monetary === monetaryRead) asRead.monetary = monetary;
  return { n, x, t_x, T, monetary, asRead };
}

function selectionInput(inputs: TableModelInputs, settings: AnalysisSettings, ctx: RunContext): SelectionInput {
  const { x, t_x, T } = inputs;
  return { requested: settings.model, penalizer: settings.penalizer, data: { x, t_x, T }, holdout: ctx.holdout, noHoldout: ctx.noHoldout };
}

/** The churn horizon in model periods when the chosen model's churn risk will be corrected on the holdout (recalibrate). */
function churnLength(settings: AnalysisSettings, ctx: RunContext): number | undefined {
  const h = ctx.holdout;
  if (!h || !ctx.days || settings.churnHorizonDays > h.asOf - h.calibrationEnd) return undefined;
  return settings.churnHorizonDays / h.periodDays;
}

/** Gamma-Gamma's job: the repeat buyers with spend. */
function spendJob(inputs: TableModelInputs, penalizer: number): SpendJob {
  const { n, x, monetary } = inputs;
  // Counted first, so the two arrays are made at their size (pushing grew them: 0.2 s at 376,000 customers).
  let repeat = 0;
  for (let i = 0; i < n; i++) if (x[i] > 0 && monetary[i] > 0) repeat++;
  const rx = new Float64Array(repeat);
  const rz = new Float64Array(repeat);
  for (let i = 0, j = 0; i < n; i++) {
    if (x[i] > 0 && monetary[i] > 0) {
      rx[j] = x[i];
      rz[j++] = monetary[i];
    }
  }
  return { kind: 'spend', x: rx, zbar: rz, penalizer };
}

/** The choice from the candidates' results, the spend model (fitted here unless given), predictions and the churn-risk correction. */
function modelsFrom(
  table: SummaryTable,
  settings: AnalysisSettings,
  ctx: RunContext,
  marginRate: number,
  warnings: Message[],
  inputs: TableModelInputs,
  plan: SelectionPlan | undefined,
  results: readonly CandidateResult[],
  spendResult?: SpendResult,
): { models: ModelReport; predictions: PredictionColumns | undefined } {
  const days = unitDays(settings.unit);
  const { n, x, t_x, T, monetary } = inputs;
  let purchase: PurchaseModelFit | undefined;
  let selection: ModelSelection;
  let calibrationFit: PurchaseModelFit | undefined;
  let picked: SelectionResult | undefined;
  if (plan === undefined) {
    const reasonMessage = msg('analysis.noCustomers');
    selection = { requested: settings.model, chosen: 'none', method: 'heuristic', reason: formatMessage(reasonMessage, 'en'), reasonMessage, candidates: [], steps: [], stepMessages: [] };
  } else {
    picked = finishSelection(plan, results);
    purchase = picked.fit;
    selection = picked.selection;
    if (selection.chosen !== 'none') calibrationFit = picked.calibrationFits?.get(selection.chosen);
  }
  const models: ModelReport = { marginRate, selection, purchase };
  warnings.push(...selection.stepMessages);
  if (purchase === undefined && settings.model !== 'none' && n > 0) {
    models.fallback = selection.reason;
    models.fallbackMessage = selection.reasonMessage;
    warnings.push(selection.reasonMessage);
  } else if (purchase !== undefined && settings.model !== 'auto' && selection.chosen !== settings.model) {
    warnings.push(selection.reasonMessage);
  }
  const title = MODEL_TITLES[selection.chosen as keyof typeof MODEL_TITLES];
  if (purchase) warnings.push(...(purchase.noteMessages ?? purchase.notes ?? []).map((note) => msg('analysis.modelNote', { model: title, note })));

  let predictions: PredictionColumns | undefined;
  if (purchase) {
    if (settings.spendModel) {
      const spent = spendResult ?? (runFitJob(spendJob(inputs, settings.penalizer)) as SpendResult);
      if ('fit' in spent) {
        models.spend = spent.fit;
        warnings.push(...models.spend.warningMessages.map((note) => msg('analysis.modelNote', { model: 'Gamma-Gamma', note })));
      } else {
        warnings.push(msg('analysis.spendNotFitted', { why: spent.problem.problem ?? spent.problem.reason }));
      }
    }
    try {
      predictions = predictColumns(
        purchase,
        models.spend,
        // The average spend is a column the summary makes when read: only if some customer's spend needs it.
        { ids: table.ids, x, t_x, T, monetary, averageSpend: () => table.averageSpend },
        { periodDays: days, horizonDays: settings.horizonDays, annualDiscountRate: settings.annualDiscount, marginRate, churnHorizonDays: settings.churnHorizonDays },
      );
    } catch (error) {
      if (!isModelProblem(error)) throw error;
      models.fallbackMessage = msg('analysis.scoringFailed', { model: title, why: error.problem ?? error.reason });
      models.fallback = formatMessage(models.fallbackMessage, 'en');
      warnings.push(models.fallbackMessage);
      predictions = undefined;
    }
    if (predictions && calibrationFit && ctx.holdout && ctx.days) {
      const learned = recalibrate(calibrationFit, ctx.holdout, ctx.days, settings.churnHorizonDays, picked?.judging, picked?.churnRisk);
      models.recalibration = learned.recalibration;
      const apply = learned.apply;
      if (apply) {
        const risk = predictions.pNoPurchase;
        for (let i = 0; i < n; i++) risk[i] = apply(risk[i]);
      }
    }
  }

  return { models, predictions };
}

/**
 * A model input from a summary column: the column itself when it is typed
 * and `same` (it holds exactly the input), else a copy to be changed.
 * Copying all four had held 12 MB more at a million-row run's peak for
 * numbers already there; the checks are loops of their own (one shared
 * check calling a function per value had cost 0.08 s of that run).
 */
function copyUnless(column: ArrayLike<number>, same: boolean): Float64Array {
  return same && column instanceof Float64Array ? column : Float64Array.from(column);
}

/** What the segment step takes from the settings, the same for both engines (the predictions' form differs). */
function segmentSettings(settings: AnalysisSettings, marginRate: number) {
  return {
    unit: settings.unit,
    valueBasis: settings.valueBasis,
    tierRule: settings.tierRule,
    composite: settings.score,
    horizonDays: settings.horizonDays,
    churnHorizonDays: settings.churnHorizonDays,
    annualDiscount: settings.annualDiscount,
    clvMarginRate: marginRate,
    churnThresholds: settings.churnThresholds,
  };
}

/** The analysis as products read it: the notes gathered before the segment step come first. */
function analysisOf(settings: AnalysisSettings, segment: SegmentResult, models: ModelReport, warnings: readonly Message[], ctx: RunContext): Analysis {
  segment.warnings.unshift(...warnings.map((m) => formatMessage(m, 'en')));
  segment.warningMessages.unshift(...warnings);
  if (ctx.asOf !== undefined) segment.totals.asOf = ctx.asOf;
  return { settings, segment, models, excluded: ctx.excluded, warnings: segment.warnings, warningMessages: segment.warningMessages };
}

/**
 * Learns the churn-risk correction with the model fitted before the
 * holdout, at exactly the churn horizon — P(no purchase in the first t days
 * of the holdout) against what customers did in those days — and applies it
 * to every prediction's pNoPurchase. Honest only at the horizon it was
 * learned at, so a holdout shorter than the churn horizon leaves the risk as
 * the model gives it, and says so.
 */
function recalibrate(
  fit: PurchaseModelFit,
  holdout: NonNullable<SelectionInput['holdout']>,
  days: DaySplitter,
  churnHorizonDays: number,
  judging?: HoldoutJudging,
  ahead?: Float64Array,
): { recalibration: NonNullable<ModelReport['recalibration']>; apply?: (risk: number) => number } {
  const length = holdout.asOf - holdout.calibrationEnd;
  if (churnHorizonDays > length) {
    return { recalibration: unchecked(msg('analysis.recalibrationShortHoldout', { length, horizon: churnHorizonDays })) };
  }
  const windowEnd = holdout.calibrationEnd + churnHorizonDays;
  // The model choice's histories with their purchases within the horizon, when its split counted them (analysisContext);
  // not spread: the columnar summary makes the ids' strings only when they are read.
  const h = holdout.histories;
  const within = h.within;
  const s: SplitHistories =
    within !== undefined && within.end === windowEnd
      ? {
          get ids() {
            return h.ids;
          },
          x: h.x,
          t_x: h.t_x,
          T: h.T,
          holdout: within.holdout,
        }
      : days.split(holdout.calibrationEnd, holdout.asOf, holdout.periodDays, windowEnd);
  const t = churnHorizonDays / holdout.periodDays;
  try {
    // Customers with the same (x, t_x, T) get the same prediction: computed once per group
    // (CDNOW's 23,570 customers are 9,895 groups). The histories before the holdout do not depend on
    // where the holdout ends, so they group as the model choice grouped them: its grouping is used.
    const g = judging?.grouped ?? groupRepeatData('recalibrate', s, { rowGroups: true });
    const perGroup = ahead ?? churnRiskPerGroup(fit, g, t);
    const rowGroup = g.rowGroup!;
    const predicted = Array.from({ length: s.x.length }, (_, i) => perGroup[rowGroup[i]]);
    const map = fitRecalibration(predicted, Array.from(s.holdout, (h) => h === 0));
    return {
      recalibration: { applied: map.report.applied, description: map.description, descriptionMessage: map.descriptionMessage, report: map.report },
      apply: map.report.applied ? (p) => map.apply(p) : undefined,
    };
  } catch (error) {
    if (!isModelProblem(error)) throw error;
    return { recalibration: unchecked(msg('analysis.recalibrationFailed', { why: error.problem ?? error.reason })) };
  }
}

function unchecked(m: Message): NonNullable<ModelReport['recalibration']> {
  return { applied: false, description: formatMessage(m, 'en'), descriptionMessage: m };
}

/**
 * The models' per-customer inputs (x, t_x, T in periods of `unit`, and
 * spend) from summaries. A customer first seen on the as-of day has T = 0,
 * which the models cannot take; such a customer has been observable for up
 * to one day, so T is floored at one day.
 */
export function modelInputs(summaries: readonly CustomerSummary[], unit: TimeUnit): PredictCustomer[] {
  const minT = 1 / unitDays(unit);
  return summaries.map((s) => ({
    id: s.id,
    x: s.frequency,
    t_x: s.frequency === 0 ? 0 : s.recency,
    T: Math.max(s.T, minT),
    monetary: Math.max(s.monetary, 0),
    averageSpend: s.averageSpend,
  }));
}

/** The margin for CLV: given, else what known costs imply, else 1 (CLV in revenue). */
function modelMarginRate(summaries: readonly CustomerSummary[], given: number | undefined): number {
  if (given !== undefined) return given;
  let revenue = 0;
  let profit = 0;
  let known = false;
  for (const s of summaries) {
    if (s.profit === undefined) continue;
    known = true;
    revenue += s.revenue;
    profit += s.profit;
  }
  return known && revenue > 0 ? Math.min(1, Math.max(0, profit / revenue)) : 1;
}

/** modelMarginRate on a table: the same sums in the same order. */
function tableMarginRate(table: SummaryTable, given: number | undefined): number {
  if (given !== undefined) return given;
  let revenue = 0;
  let profit = 0;
  let known = false;
  const { profitKnown } = table;
  let revenues: ArrayLike<number> | undefined;
  let profits: ArrayLike<number> | undefined;
  for (let i = 0; i < table.length; i++) {
    if (profitKnown[i] !== 1) continue;
    known = true;
    // Derived columns are made when read (SummaryTable): once, and only when some profit is known.
    revenues ??= table.revenue;
    profits ??= table.profit;
    revenue += revenues[i];
    profit += profits[i];
  }
  return known && revenue > 0 ? Math.min(1, Math.max(0, profit / revenue)) : 1;
}

function isDataProblem(error: unknown): error is CvError {
  return error instanceof CvError && (error.kind === 'data' || error.kind === 'convergence');
}
