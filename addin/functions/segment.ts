/**
 * CV.SEGMENT: the whole per-customer segment table from three columns of
 * transactions, as a dynamic array with a header row. A thin wrapper:
 * cells → core/read → core/analysis (model fit, segmentation) → cells.
 *
 * The analysis takes seconds on a large range, so the function is
 * cancelable: it runs in a Web Worker carried inline in functions.js (a
 * classic script, so the worker cannot be a file beside it found through
 * import.meta.url), and Excel's cancellation terminates that worker.
 */
import { DEFAULT_SETTINGS, formatReason, parseDate } from '../../core/index.ts';
import type { Analysis, AnalysisOptions } from '../shared/analyze.ts';
import { analyzeCancelable } from '../shared/analyze-in-worker.ts';
import AnalysisWorker from '../shared/analysis-worker.ts?worker&inline';
import { hashCells, ResultCache } from './cache.ts';
import { cellsOf, choiceArg, isBlank, numberArg, type Cell } from './cells.ts';
import { dateCellKind } from './date-cells.ts';
import { fail, guardAsync } from './excel-error.ts';
import type * as CustomFunctions from './invocation.ts';
import { langArg } from './labels.ts';
import { officeLang } from './lang.ts';
import { message, reason } from './messages.ts';
import { spillCells } from './segment-spill.ts';
import { ruleOf } from './tiers.ts';

const FN = 'CV.SEGMENT';
/** The analyses of recent calls (exported for tests: `clear()`, `computed`). */
export const segmentCache = new ResultCache<Analysis>(4);

/**
 * Starts the analysis worker. With the shared runtime (the manifest's
 * SharedRuntime 1.1) the functions run in the pane's webview, which has
 * Worker; a JavaScript-only custom-functions runtime may not, and there
 * analyzeCancelable runs the analysis on the calling thread, where a cancel
 * can only stop it before it starts.
 */
const startAnalysisWorker = () => new AnalysisWorker({ name: 'cvlens CV.SEGMENT analysis' });

/**
 * Segments customers from their transactions and spills the per-customer table with a header row, most valuable first: always the same 30 columns (customer, first and last purchase as dates, purchase counts, recency, sales, value, lifetime value, P(alive), churn risk, RFM, tier, value matrix, lifecycle stage, and last the model that scored each customer), blank where a value does not apply. The last header cell names the model and, when it fell back to the heuristic, why. Rows whose id, date or amount cannot be read are left out; an error value in the ranges gives an error naming its row.
 * @customfunction SEGMENT
 * @helpurl https://localhost:3000/help.html#segment
 * @param ids Customer id of each transaction, one per row (a header cell on top is fine).
 * @param dates Date of each transaction (date cells or text such as 2024-03-05).
 * @param amounts Amount of each transaction (negative for returns).
 * @param [as_of] As-of date; default the latest date in the data.
 * @param [unit] Time unit of recency and age: "week" (default), "day" or "month".
 * @param [margin_rate] Margin rate 0 to 1: value becomes profit instead of revenue.
 * @param [tier_method] "contribution" (default), "pareto", "quantile" or "fixed".
 * @param [cut_points] Three numbers for the tier method, best tier first.
 * @param [model] "auto" (default: the model that best predicts these customers' own later purchases), "bgnbd", "mbgnbd", "pnbd" or "none" (the own-rate heuristic). If no model can be fitted, the heuristic is used and said so.
 * @param [lang] Language of the headers and names: omitted for the stable codes (English, the same for every reader); "zh" (or "zh-CN") for Chinese.
 * @param invocation Passed by Excel: its cancellation stops the analysis.
 * @returns The segment table, header row first.
 * @cancelable
 */
export async function segment(
  ids: unknown[][],
  dates: unknown[][],
  amounts: unknown[][],
  as_of?: unknown,
  unit?: unknown,
  margin_rate?: unknown,
  tier_method?: unknown,
  cut_points?: unknown[][],
  model?: unknown,
  lang?: unknown,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<unknown[][]> {
  const cancel = new AbortController();
  if (invocation) invocation.onCanceled = () => cancel.abort();
  // Asked when Excel calls, not when functions.js loads: Office.context is ready by then.
  const dateCells = dateCellKind();
  return guardAsync(FN, async () => {
    const language = langArg(FN, lang ?? null);
    const options: AnalysisOptions = {
      mapping: { customerId: 0, date: 1, amount: 2 },
      hasHeader: false,
      firstRow: 1,
      asOf: asOfDay(as_of ?? null),
      unit: choiceArg(FN, 'unit', unit ?? null, ['week', 'day', 'month'] as const, 'week'),
      marginRate: isBlank(margin_rate ?? null) ? undefined : numberArg(FN, 'margin_rate', margin_rate, { min: 0, max: 1 }),
      tierRule: ruleOf(FN, 'tier_method', tier_method ?? null, cut_points ?? null),
      model: choiceArg(FN, 'model', model ?? null, ['auto', 'bgnbd', 'mbgnbd', 'pnbd', 'none'] as const, DEFAULT_SETTINGS.model),
      horizonDays: DEFAULT_SETTINGS.horizonDays,
      annualDiscount: DEFAULT_SETTINGS.annualDiscount,
    };
    const key = `segment:${hashCells(ids, dates, amounts)}:${JSON.stringify(options)}`;
    // Excel's formula value preview calls the function while the formula is being edited: seconds of analysis there
    // would be spent on a preview (Microsoft, "Work with formula value preview mode in your custom functions").
    // An analysis already done for these cells is shown; otherwise a note says the table comes when the formula is entered.
    if (invocation?.isInValuePreview) {
      const done = segmentCache.peek(key);
      if (!done) return [[message(FN, 'previewSkipped')]];
      const analysis = await done;
      return spillCells(analysis.result, analysis.models, language, dateCells);
    }
    const analysis = await segmentCache.get(key, (signal) => run(ids, dates, amounts, options, signal), cancel.signal);
    return spillCells(analysis.result, analysis.models, language, dateCells);
  });
}

async function run(ids: Cell, dates: Cell, amounts: Cell, options: AnalysisOptions, signal: AbortSignal): Promise<Analysis> {
  const [ic, dc, ac] = [cellsOf(ids), cellsOf(dates), cellsOf(amounts)];
  if (ic.length !== dc.length || ic.length !== ac.length) {
    return fail('invalidValue', message(FN, 'sameCells', { args: 'ids, dates, amounts', counts: `${ic.length}, ${dc.length}, ${ac.length}` }));
  }
  const rows = ic.map((id, i) => [id, dc[i], ac[i]]);
  // A header cell on top of each range is allowed: drop a first row whose date is text that is no date.
  const header = rows.length > 0 && typeof rows[0][1] === 'string' && !isDate(rows[0][1]);
  const analysis = await analyzeCancelable(header ? rows.slice(1) : rows, { ...options, firstRow: header ? 2 : 1 }, startAnalysisWorker, signal);
  const rejected = analysis.rejected;
  if (analysis.result.customers.length === 0) {
    const why = rejected[0] ? reason('rejectedRow', { row: rejected[0].line, reason: formatReason(rejected[0], officeLang()) }) : '';
    return fail('notAvailable', message(FN, 'noTransactions', { why }));
  }
  return analysis;
}

function isDate(v: unknown): boolean {
  try {
    parseDate(v);
    return true;
  } catch {
    return false;
  }
}

function asOfDay(v: Cell): number | undefined {
  const cell = Array.isArray(v) ? cellsOf(v)[0] ?? null : v;
  if (isBlank(cell)) return undefined;
  try {
    return parseDate(cell);
  } catch {
    return fail('invalidValue', message(FN, 'notDate', { arg: 'as_of', got: String(cell) }));
  }
}
