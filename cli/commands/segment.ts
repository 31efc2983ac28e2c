/**
 * `cvlens segment FILE`: transactions in, a scored and tiered customer table
 * out — printed as a tier summary, written as a workbook, or as JSON.
 */
import { writeFileSync } from 'node:fs';
import {
  analyzeCustomers,
  compareCalibration,
  createAnalysis,
  createCalibrationSplit,
  CvError,
  DEFAULT_SETTINGS,
  MODEL_TITLES,
  dayToIso,
  label,
  readTransactions,
  type Analysis,
  type CalibrationData,
  type DateOrder,
  type FittedModelName,
  type HoldoutComparison,
  type Lang,
  type PurchaseModelName,
  type ReadResult,
  type RejectedRow,
  type TextEncodingOption,
  type TimeUnit,
} from '../../core/index.ts';
import { explainMissingColumn, parseColumns, parseDay, parseHorizon, parseLang, parseNumber, parseRate, parseTierRule, parseUnit } from '../options.ts';
import { SEGMENT } from '../command-spec.ts';
import { asOfWarning, describeCounts } from '../counts.ts';
import { customerTableCsv, customerTableJson, type CustomerRow } from '../customer-table.ts';
import { commandHelp } from '../help.ts';
import { checkOutput } from '../output-target.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { createProgress } from '../progress.ts';
import { readInputFile } from '../read-input.ts';
import { formatTable } from '../text-table.ts';
import { UsageError } from '../usage-error.ts';
import { writeSegmentWorkbook } from '../workbook.ts';
import { duckdbFormat, segmentWithDuckdb } from '../duckdb-segment.ts';

/** How many rejected rows are listed on stderr before the rest are only counted. */
const REJECTED_ON_STDERR = 50;

export async function segmentCommand(args: string[]): Promise<number> {
  const { values, flags, positionals, help } = parseCommandLine(SEGMENT, args);
  if (help) {
    process.stdout.write(commandHelp(SEGMENT) + '\n');
    return 0;
  }
  const json = flags.has('json');
  if (positionals.length > 1) throw new UsageError(`segment takes one FILE, got ${positionals.length}: ${positionals.join(', ')}.`);
  const file = positionals[0];
  const unit = parseUnit(values.period);
  const lang = parseLang(values.lang);
  const asOf = parseDay(values['as-of'], '--as-of');
  const calibrationEnd = parseDay(values['calibration-end'], '--calibration-end');
  const marginRate = parseRate(values.margin, '--margin');
  const tierRule = parseTierRule(values.tiers, values.cuts);
  const model = parseModel(values.model);
  const horizonDays = parseHorizon(values.horizon, '--horizon');
  const churnHorizonDays = parseHorizon(values['churn-horizon'], '--churn-horizon');
  const penalizer = parseNumber(values.penalizer, '--penalizer', (n) => (n >= 0 ? undefined : 'must be 0 or more'));
  const annualDiscount = parseNumber(values.discount, '--discount', (n) => (n >= 0 && n < 10 ? undefined : 'must be a yearly rate such as 0.1 or 10%'));
  const dateOrder = oneOf(values['date-order'], '--date-order', ['auto', 'dmy', 'mdy', 'ymd']) as DateOrder | 'auto' | undefined;
  const encoding = oneOf(values.encoding, '--encoding', ['auto', 'utf-8', 'gb18030', 'gbk']);
  const decimal = oneOf(values.decimal, '--decimal', ['auto', '.', ',']) as 'auto' | '.' | ',' | undefined;
  if (calibrationEnd !== undefined && asOf !== undefined && calibrationEnd >= asOf) {
    throw new UsageError('--calibration-end must be before --as-of.');
  }
  const out = values.out ?? (json ? undefined : 'segments.xlsx');
  // Parquet, --engine duckdb, or a table of summaries from `cvlens sql`: summarised in embedded DuckDB.
  const duckdb = duckdbFormat(file, oneOf(values.engine, '--engine', ['auto', 'duckdb']));
  if (duckdb) {
    if (calibrationEnd !== undefined) throw new UsageError('--calibration-end needs the rows in memory: leave out --engine duckdb, or use a CSV of transactions.');
    return segmentWithDuckdb(file!, duckdb, {
      out, json, lang, columns: parseColumns(values.columns), settings: { unit, asOf, marginRate, tierRule, model, horizonDays, churnHorizonDays, annualDiscount, penalizer },
    });
  }
  const bytes = readInputFile(file);
  // Checked after the input (a missing FILE is the first thing to say) but before any work.
  const format = out !== undefined ? checkOutput(out, ['xlsx', 'csv', 'json']) : undefined;

  const progress = createProgress();
  const analysis = createAnalysis({ unit, asOf, marginRate, tierRule, model, horizonDays, churnHorizonDays, annualDiscount, penalizer });
  const split = calibrationEnd !== undefined ? createCalibrationSplit({ calibrationEnd, asOf, unit, marginRate }) : undefined;
  let read: ReadResult;
  let afterAsOf = 0;
  let lastDay: number | undefined;
  try {
    read = readTransactions(bytes, {
      mapping: parseColumns(values.columns),
      decimal,
      dateOrder,
      encoding: (encoding === 'gbk' ? 'gb18030' : encoding) as TextEncodingOption | undefined,
      onTransaction: (t) => {
        if (asOf !== undefined && t.day > asOf) afterAsOf++;
        if (lastDay === undefined || t.day > lastDay) lastDay = t.day;
        analysis.add(t);
        split?.add(t);
      },
      onProgress: (f) => progress.update('Reading', f),
    });
  } catch (error) {
    throw explainMissingColumn(error);
  } finally {
    progress.done();
  }
  reportRejected(read.rejected, out);
  for (const w of read.warnings) process.stderr.write(`warning: ${w}\n`);
  if (read.rowsAccepted === 0) {
    process.stderr.write(`cvlens: no usable transactions in '${file}' (${read.rejected.length} rows rejected).\n`);
    return 1;
  }
  const farPast = asOfWarning(asOf, lastDay);
  if (farPast) process.stderr.write(`warning: ${farPast}\n`);
  const result = analysis.finish();
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  if (result.segment.customers.length === 0) {
    process.stderr.write(`cvlens: no customer has a purchase on or before the as-of date in '${file}'.\n`);
    return 1;
  }

  let holdout: HoldoutComparison | undefined;
  const chosen = result.models.selection.chosen;
  if (split && chosen !== 'none') holdout = evaluateHoldout(split.finish(), chosen, unit);

  if (json) {
    process.stdout.write(JSON.stringify(toJson(result, read, holdout)) + '\n');
  } else {
    process.stdout.write(summaryTable(result, lang) + '\n');
    const t = result.segment.totals;
    process.stdout.write(
      `\n${describeCounts({
        customers: t.customers,
        accepted: read.rowsAccepted,
        rejected: read.rejected.length,
        afterAsOf,
        excludedCustomers: result.excluded.length,
        excludedRows: result.excluded.reduce((sum, e) => sum + e.rows, 0),
      })}.\n` +
        `As of ${t.asOf !== undefined ? dayToIso(t.asOf) : '-'} (time in ${unit}s): top 20 % hold ` +
        `${(result.segment.concentration.top20Share * 100).toFixed(1)} % of value, Gini ${result.segment.concentration.gini.toFixed(3)}; ` +
        `churn risk = chance of no purchase in the next ${t.churnHorizonDays} days, from ${t.churnSource === 'heuristic' ? 'the own-rate heuristic' : describeModel(result)}.\n${result.models.selection.reason}\n` +
        (result.models.recalibration ? `${result.models.recalibration.description}\n` : ''),
    );
  }
  if (out !== undefined && format !== 'xlsx') {
    const rows = customerRows(result);
    writeFileSync(out, format === 'csv' ? customerTableCsv(rows) : customerTableJson(rows));
    process.stderr.write(`Wrote ${out} (${rows.length.toLocaleString('en')} customers, one row each).\n`);
  } else if (out !== undefined) {
    await writeSegmentWorkbook(out, {
      analysis: result,
      lang,
      rejected: read.rejected,
      holdout,
      about: [
        ['file', file ?? ''],
        ['transactions read', read.rowsAccepted],
        ['rows rejected', read.rejected.length],
        ['rows dated after the as-of day (left out)', afterAsOf],
        ['customers with only returns (left out)', result.excluded.length],
        ['encoding', read.encoding],
        ['date order', read.dateOrder],
        ['period', unit],
        ['as of', result.segment.totals.asOf !== undefined ? dayToIso(result.segment.totals.asOf) : ''],
        ['value basis', result.segment.totals.valueBasis],
        ['model asked for', model],
        ['model used', chosen === 'none' ? 'own-rate heuristic' : MODEL_TITLES[chosen]],
        ['how it was chosen', result.models.selection.reason],
        ['churn risk horizon (days)', result.settings.churnHorizonDays],
        ['churn risk correction', result.models.recalibration?.description ?? 'none (no holdout chose the model)'],
        ['CLV horizon (days)', result.settings.horizonDays],
        ['discount rate per year', result.settings.annualDiscount],
        ['margin rate for model CLV', result.models.marginRate],
      ],
    });
    process.stderr.write(`Wrote ${out}.\n`);
  }
  return 0;
}

function parseModel(text: string | undefined): PurchaseModelName {
  return (oneOf(text, '--model', ['auto', 'bgnbd', 'mbgnbd', 'pnbd', 'none']) ?? DEFAULT_SETTINGS.model) as PurchaseModelName;
}

export function oneOf(text: string | undefined, option: string, allowed: string[]): string | undefined {
  if (text === undefined || allowed.includes(text)) return text;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not '${text}'.`);
}

export function describeModel(a: Analysis): string {
  const chosen = a.models.selection.chosen;
  return chosen === 'none' ? 'the own-rate heuristic' : MODEL_TITLES[chosen];
}

/** Fits the model on the calibration period and compares it with the holdout; a failure is a warning, not an exit. */
function evaluateHoldout(data: CalibrationData, model: FittedModelName, unit: TimeUnit): HoldoutComparison | undefined {
  const calibrated = analyzeCustomers(data.calibration, { unit, model, spendModel: false });
  if (!calibrated.models.purchase) {
    process.stderr.write(`warning: no holdout comparison: ${calibrated.models.fallback ?? 'the model could not be fitted'}\n`);
    return undefined;
  }
  try {
    return compareCalibration(calibrated.models.purchase, data);
  } catch (error) {
    if (error instanceof CvError) {
      process.stderr.write(`warning: no holdout comparison: ${error.reason}\n`);
      return undefined;
    }
    throw error;
  }
}

export function reportRejected(rejected: readonly RejectedRow[], out: string | undefined): void {
  if (rejected.length === 0) return;
  process.stderr.write(`${rejected.length} row${rejected.length === 1 ? '' : 's'} could not be used:\n`);
  for (const r of rejected.slice(0, REJECTED_ON_STDERR)) process.stderr.write(`  line ${r.line}: ${r.reason}\n`);
  if (rejected.length > REJECTED_ON_STDERR) {
    const where = out ? `the rejected-rows sheet of ${out}` : 'the "rejected" list of --json';
    process.stderr.write(`  … and ${rejected.length - REJECTED_ON_STDERR} more (all are in ${where}).\n`);
  }
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

function money(x: number): string {
  return x.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function summaryTable(a: Analysis, lang: Lang): string {
  const header = (['tier', 'customers', 'customerShare', 'value', 'valueShare', 'averageValue'] as const).map((k) =>
    label(`summary.${k}`, lang),
  );
  const rows = a.segment.summary.map((r) => [
    label(`tier.${r.tier}`, lang),
    r.customers.toLocaleString('en'),
    percent(r.customerShare),
    money(r.value),
    percent(r.valueShare),
    money(r.averageValue),
  ]);
  const t = a.segment.totals;
  rows.push([lang === 'zh' ? '合计' : 'Total', t.customers.toLocaleString('en'), '100.0 %', money(t.value), '100.0 %', money(t.customers ? t.value / t.customers : 0)]);
  return formatTable(header, rows, ['left', 'right', 'right', 'right', 'right', 'right']);
}

function round(x: number | undefined, digits = 6): number | null {
  if (x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** One row per customer: the `customers` of --json, and the table --out writes as .csv or .json. */
export function customerRows(a: Analysis): CustomerRow[] {
  return a.segment.customers.map((c) => ({
    id: c.id,
    name: c.name ?? null,
    email: c.email ?? null,
    company: c.company ?? null,
    firstPurchase: dayToIso(c.firstDay),
    lastPurchase: dayToIso(c.lastDay),
    purchases: c.purchaseDays,
    frequency: c.frequency,
    recency: round(c.recency),
    T: round(c.T),
    sinceLast: round(c.sinceLast),
    monetary: round(c.monetary),
    averageSpend: round(c.averageSpend),
    revenue: round(c.revenue),
    returns: c.returns,
    returnAmount: round(c.returnAmount),
    profit: round(c.profit),
    value: round(c.value),
    contribution: round(c.contribution),
    clv: round(c.clv),
    pAlive: round(c.pAlive),
    expectedPurchases: round(c.expectedPurchases),
    expectedSpend: round(c.expectedSpend),
    churnRisk: round(c.churnRisk),
    churnLevel: c.churnLevel,
    churnSource: c.churnSource,
    rfm: c.rfm.cell,
    rfmSegment: c.rfm.segment,
    tier: c.tier,
    matrix: c.matrix,
    stage: c.stage,
  }));
}

/** The `--json` object: stable keys, numbers rounded to 6 decimals, dates ISO. */
export function toJson(a: Analysis, read: ReadResult, holdout: HoldoutComparison | undefined): unknown {
  const { segment, models } = a;
  return {
    customers: customerRows(a),
    summary: segment.summary.map((s) => ({
      tier: s.tier,
      customers: s.customers,
      customerShare: round(s.customerShare),
      value: round(s.value),
      valueShare: round(s.valueShare),
      averageValue: round(s.averageValue),
    })),
    concentration: { top20Share: round(segment.concentration.top20Share), gini: round(segment.concentration.gini) },
    model: models.purchase
      ? { model: models.purchase.model, params: models.purchase.params, logLikelihood: models.purchase.logLikelihood, notes: models.purchase.notes ?? [] }
      : null,
    selection: models.selection,
    recalibration: models.recalibration ? { applied: models.recalibration.applied, description: models.recalibration.description, report: models.recalibration.report ?? null } : null,
    settings: { ...a.settings, tierRule: a.settings.tierRule },
    spendModel: models.spend ? { params: models.spend.params, correlation: round(models.spend.correlation) } : null,
    holdout: holdout ?? null,
    warnings: [...read.warnings, ...segment.warnings],
    read: { rows: read.rowsRead, accepted: read.rowsAccepted, encoding: read.encoding, dateOrder: read.dateOrder, decimal: read.decimal },
    rejected: read.rejected.map((r) => ({ line: r.line, reason: r.reason })),
    excluded: a.excluded.map((e) => ({ id: e.id, reason: e.reason, rows: e.rows, returnAmount: round(e.returnAmount), firstLine: e.firstLine })),
  };
}
