/**
 * `cvlens segment FILE`: transactions in, a scored and tiered customer table
 * out — printed as a tier summary, written as a workbook, or as JSON.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import {
  analyzeCustomers,
  compareCalibration,
  createAnalysis,
  createCalibrationSplit,
  CvError,
  DEFAULT_SETTINGS,
  MODEL_TITLES,
  dayToIso,
  formatMessage,
  formatReason,
  label,
  parseScoreSpec,
  tierRuleParams,
  type Analysis,
  type CalibrationData,
  type CompositeIndicator,
  type DateOrder,
  type FittedModelName,
  type HoldoutComparison,
  type Lang,
  type PurchaseModelName,
  type ReadResult,
  type RejectedRow,
  type TextEncodingOption,
  type TimeUnit,
  type Transaction,
  type ValueBasis,
} from '../../core/index.ts';
import { cliText, type CliText } from '../cli-text.ts';
import {
  explainMissingColumn,
  langOfArgs,
  parseColumns,
  parseDay,
  parseHorizon,
  parseLang,
  parseNumber,
  parseRate,
  parseTierRule,
  parseUnit,
} from '../options.ts';
import { SEGMENT } from '../command-spec.ts';
import { asOfWarning, describeCounts } from '../counts.ts';
import { writeCompactRows, writeCustomerCsv, writeCustomerJson, type CustomerRow } from '../customer-table.ts';
import { commandHelp } from '../help.ts';
import { checkOutput } from '../output-target.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { createProgress } from '../progress.ts';
import { lineWord, openInputFile, parseHeaderRow, readTransactionsFrom, type TransactionInput } from '../read-input.ts';
import { formatTable } from '../text-table.ts';
import { UsageError } from '../usage-error.ts';
import { duckdbFormat, segmentWithDuckdb } from '../duckdb-segment.ts';
import { practiceFor, startFitWorker, wantFitWorker, type FitWorker } from '../fit-worker-runner.ts';
import { groupedCount, groupedMoney } from '../grouped-number.ts';

/**
 * Marks where each step of a run ends, on the process's performance
 * timeline (user timing: nothing is printed): bench/cli.ts reads them from
 * the command it starts to show where the time of a run goes.
 */
function mark(step: 'started' | 'read' | 'analysis' | 'printed' | 'written'): void {
  performance.mark(`cvlens:${step}`);
}

/** How many rejected rows are listed on stderr before the rest are only counted. */
const REJECTED_ON_STDERR = 50;

export async function segmentCommand(args: string[]): Promise<number> {
  const { values, flags, positionals, help } = parseCommandLine(SEGMENT, args);
  if (help) {
    process.stdout.write(commandHelp(SEGMENT, langOfArgs(args)) + '\n');
    return 0;
  }
  const json = flags.has('json');
  if (positionals.length > 1) throw new UsageError(`segment takes one FILE, got ${positionals.length}: ${positionals.join(', ')}.`, `segment 只接受一个 FILE，实际给了 ${positionals.length} 个：${positionals.join('、')}。`);
  const file = positionals[0];
  const unit = parseUnit(values.period);
  const lang = parseLang(values.lang);
  const t = cliText(lang);
  const asOf = parseDay(values['as-of'], '--as-of');
  const calibrationEnd = parseDay(values['calibration-end'], '--calibration-end');
  const marginRate = parseRate(values.margin, '--margin');
  const tierRule = parseTierRule(values.tiers, values.cuts);
  const model = parseModel(values.model);
  const valueBasis = oneOf(values.value, '--value', ['revenue', 'profit']) as ValueBasis | undefined;
  const score = parseScore(values.score);
  const horizonDays = parseHorizon(values.horizon, '--horizon');
  const churnHorizonDays = parseHorizon(values['churn-horizon'], '--churn-horizon');
  const penalizer = parseNumber(
    values.penalizer,
    '--penalizer',
    (n) => (n >= 0 ? undefined : 'must be 0 or more'),
    (n) => (n >= 0 ? undefined : '必须 ≥ 0'),
  );
  const annualDiscount = parseNumber(
    values.discount,
    '--discount',
    (n) => (n >= 0 && n < 10 ? undefined : 'must be a yearly rate such as 0.1 or 10%'),
    (n) => (n >= 0 && n < 10 ? undefined : '必须是年折现率，如 0.1 或 10%'),
  );
  const dateOrder = oneOf(values['date-order'], '--date-order', ['auto', 'dmy', 'mdy', 'ymd']) as DateOrder | 'auto' | undefined;
  const encoding = oneOf(values.encoding, '--encoding', ['auto', 'utf-8', 'gb18030', 'gbk']);
  const decimal = oneOf(values.decimal, '--decimal', ['auto', '.', ',']) as 'auto' | '.' | ',' | undefined;
  const headerRow = parseHeaderRow(values['header-row']);
  if (calibrationEnd !== undefined && asOf !== undefined && calibrationEnd >= asOf) {
    throw new UsageError('--calibration-end must be before --as-of.', '--calibration-end 必须早于 --as-of。');
  }
  const out = values.out ?? (json ? undefined : 'segments.xlsx');
  // Parquet, --engine duckdb, or a table of summaries from `cvlens sql`: summarised in embedded DuckDB.
  const duckdb = duckdbFormat(file, oneOf(values.engine, '--engine', ['auto', 'duckdb']));
  if (duckdb) {
    if (calibrationEnd !== undefined) {
      throw new UsageError(
        '--calibration-end needs the rows in memory: leave out --engine duckdb, or use a CSV of transactions.',
        '--calibration-end 需要把交易行读入内存：请去掉 --engine duckdb，或使用交易 CSV。',
      );
    }
    return segmentWithDuckdb(file!, duckdb, {
      out, json, lang, columns: parseColumns(values.columns), settings: { unit, asOf, marginRate, valueBasis, score, tierRule, model, horizonDays, churnHorizonDays, annualDiscount, penalizer },
    });
  }
  mark('started');
  // A CSV is read in pieces (never whole in memory); a workbook whole.
  const source = openInputFile(file);
  // Checked after the input (a missing FILE is the first thing to say) but before any work.
  let format: ReturnType<typeof checkOutput> | undefined;
  try {
    format = out !== undefined ? checkOutput(out, ['xlsx', 'csv', 'json']) : undefined;
  } catch (error) {
    source.close();
    throw error;
  }
  // Started before the reading, which its start and loading then overlap; ended however the command ends.
  const fits = wantFitWorker(model, source.size) ? startFitWorker({ practice: practiceFor(model) }) : undefined;
  try {
    return await segmentFile(source, fits, {
      file: file!, out, format, json, lang, t, unit, asOf, calibrationEnd, marginRate, valueBasis, score, tierRule, model,
      horizonDays, churnHorizonDays, annualDiscount, penalizer, dateOrder, encoding, decimal, headerRow, columns: values.columns, sheet: values.sheet, margin: values.margin,
    });
  } finally {
    fits?.close();
  }
}

interface SegmentRun {
  file: string;
  out: string | undefined;
  format: ReturnType<typeof checkOutput> | undefined;
  json: boolean;
  lang: Lang;
  t: CliText;
  unit: TimeUnit;
  asOf: number | undefined;
  calibrationEnd: number | undefined;
  marginRate: number | undefined;
  valueBasis: ValueBasis | undefined;
  score: CompositeIndicator[] | undefined;
  tierRule: ReturnType<typeof parseTierRule>;
  model: PurchaseModelName;
  horizonDays: number | undefined;
  churnHorizonDays: number | undefined;
  annualDiscount: number | undefined;
  penalizer: number | undefined;
  dateOrder: DateOrder | 'auto' | undefined;
  encoding: string | undefined;
  decimal: 'auto' | '.' | ',' | undefined;
  headerRow: number | undefined;
  columns: string | undefined;
  sheet: string | undefined;
  margin: string | undefined;
}

/** Reads, analyses and writes, the fits run by `fits` when there is a worker for them. */
async function segmentFile(source: ReturnType<typeof openInputFile>, fits: FitWorker | undefined, run: SegmentRun): Promise<number> {
  const { file, out, format, json, lang, t, unit, asOf, calibrationEnd, marginRate, valueBasis, score, tierRule, model } = run;
  const { horizonDays, churnHorizonDays, annualDiscount, penalizer, dateOrder, encoding, decimal, headerRow } = run;

  const progress = createProgress();
  const analysis = createAnalysis({ unit, asOf, marginRate, valueBasis, score, tierRule, model, horizonDays, churnHorizonDays, annualDiscount, penalizer });
  const split = calibrationEnd !== undefined ? createCalibrationSplit({ calibrationEnd, asOf, unit, marginRate }) : undefined;
  let input: TransactionInput;
  let afterAsOf = 0;
  let lastDay: number | undefined;
  const seen = (day: number) => {
    if (asOf !== undefined && day > asOf) afterAsOf++;
    if (lastDay === undefined || day > lastDay) lastDay = day;
  };
  const take = (row: Transaction) => {
    seen(row.day);
    analysis.add(row);
    split?.add(row);
  };
  try {
    input = await readTransactionsFrom(source, file!, {
      headerRow,
      mapping: parseColumns(run.columns),
      decimal,
      dateOrder,
      encoding: (encoding === 'gbk' ? 'gb18030' : encoding) as TextEncodingOption | undefined,
      // Rows as numbers (the byte lane) when no holdout split needs them as objects.
      ...(split
        ? { onTransaction: take }
        : {
            into: {
              add: take,
              customerIndex: analysis.customerIndex,
              // The ids kept as the file's bytes, and the columns sized for the rows expected, as the analysis keeps them.
              customerIndexBytes: analysis.customerIndexBytes,
              expectRows: analysis.expectRows,
              addRow: (k: number, day: number, amount: number, line: number, quantity?: number) => {
                seen(day);
                return analysis.addRow(k, day, amount, line, quantity);
              },
              lacksText: analysis.lacksText,
              setText: analysis.setText,
              setTextBytes: analysis.setTextBytes,
            },
          }),
      onProgress: (f) => progress.update(t.reading, f),
    }, run.sheet);
  } catch (error) {
    throw explainMissingColumn(error);
  } finally {
    progress.done();
    source.close();
  }
  mark('read');
  const { read } = input;
  reportRejected(read.rejected, out, lang, lineWord(input));
  const warn = (w: string) => process.stderr.write(`${t.warning}${w}\n`);
  for (const m of read.warningMessages) warn(formatMessage(m, lang));
  if (read.rowsAccepted === 0) {
    process.stderr.write(`cvlens: ${t.noUsableRows(file ?? '', read.rejected.length)}\n`);
    return 1;
  }
  checkProfitSource(read, valueBasis, score, marginRate);
  if (marginRate !== undefined && read.mapping.cost !== undefined) warn(t.marginWithCost(run.margin ?? String(marginRate)));
  const farPast = asOfWarning(asOf, lastDay, lang);
  if (farPast) warn(farPast);
  const result = fits ? await analysis.finishAsync(fits.runner) : analysis.finish();
  mark('analysis');
  for (const m of result.warningMessages) warn(formatMessage(m, lang));
  if (result.segment.totals.customers === 0) {
    process.stderr.write(`cvlens: ${t.noCustomers(file ?? '')}\n`);
    return 1;
  }

  let holdout: HoldoutComparison | undefined;
  const chosen = result.models.selection.chosen;
  if (split && chosen !== 'none') holdout = evaluateHoldout(split.finish(), chosen, unit, t);

  if (json) {
    writeJson(result, read, holdout);
  } else {
    process.stdout.write(summaryTable(result, lang) + '\n');
    const totals = result.segment.totals;
    const stop = lang === 'zh' ? '。' : '.';
    process.stdout.write(
      `\n${describeCounts(
        {
          customers: totals.customers,
          accepted: read.rowsAccepted,
          rejected: read.rejected.length,
          afterAsOf,
          excludedCustomers: result.excluded.length,
          excludedRows: result.excluded.reduce((sum, e) => sum + e.rows, 0),
        },
        lang,
      )}${stop}\n` + modelFooter(result, unit, lang),
    );
  }
  mark('printed');
  if (out !== undefined && format !== 'xlsx') {
    writeCustomerTable(out, result, format === 'csv' ? 'csv' : 'json', t);
    mark('written');
  } else if (out !== undefined) {
    // Loaded only here: the workbook writer is needed only for .xlsx output.
    const { writeSegmentWorkbook } = await import('../workbook.ts');
    await writeSegmentWorkbook(out, {
      analysis: result,
      lang,
      rejected: read.rejected,
      holdout,
      source: {
        file,
        sheet: input.sheet,
        transactions: read.rowsAccepted,
        rejected: read.rejected.length,
        afterAsOf,
        encoding: read.encoding,
        dateOrder: read.dateOrder,
        calibrationEnd,
      },
    });
    mark('written');
    process.stderr.write(`${t.wrote(out)}\n`);
  }
  return 0;
}

function parseModel(text: string | undefined): PurchaseModelName {
  return (oneOf(text, '--model', ['auto', 'bgnbd', 'mbgnbd', 'pnbd', 'none']) ?? DEFAULT_SETTINGS.model) as PurchaseModelName;
}

export function oneOf(text: string | undefined, option: string, allowed: string[]): string | undefined {
  if (text === undefined || allowed.includes(text)) return text;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not '${text}'.`, `${option} 必须是 ${allowed.join('、')} 之一，不能是“${text}”。`);
}

/**
 * The summary's last lines: as-of day, concentration, what churn risk means
 * and which model gave it, why that model, and the churn-risk correction.
 */
export function modelFooter(result: Analysis, unit: TimeUnit, lang: Lang): string {
  const t = cliText(lang);
  const totals = result.segment.totals;
  const recalibration = result.models.recalibration;
  return (
    t.asOf(
      totals.asOf !== undefined ? dayToIso(totals.asOf) : '-',
      unit,
      (result.segment.concentration.top20Share * 100).toFixed(1),
      result.segment.concentration.gini.toFixed(3),
      totals.churnHorizonDays,
      totals.churnSource === 'heuristic' ? t.heuristic : describeModel(result, t),
    ) +
    `\n${formatMessage(result.models.selection.reasonMessage, lang)}\n` +
    (recalibration ? `${formatMessage(recalibration.descriptionMessage, lang)}\n` : '')
  );
}

/** Writes the per-customer table to `out` a block at a time (CSV or JSON) and says so on stderr. */
export function writeCustomerTable(out: string, result: Analysis, format: 'csv' | 'json', t: CliText): void {
  const fd = openSync(out, 'w');
  try {
    const write = (bytes: Uint8Array) => {
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    };
    if (format === 'csv') writeCustomerCsv(customerRows(result), write);
    else writeCustomerJson(customerRows(result), write);
  } finally {
    closeSync(fd);
  }
  process.stderr.write(`${t.wroteTable(out, result.segment.totals.customers)}\n`);
}

export function describeModel(a: Analysis, t: CliText): string {
  const chosen = a.models.selection.chosen;
  return chosen === 'none' ? t.heuristic : MODEL_TITLES[chosen];
}

/** `--score revenue:0.5,frequency:0.3,sinceLast:0.2`, by the core's one grammar. */
function parseScore(text: string | undefined): CompositeIndicator[] | undefined {
  if (text === undefined) return undefined;
  try {
    return parseScoreSpec(text);
  } catch (error) {
    if (error instanceof CvError) throw new UsageError(`--score '${text}': ${error.reason}.`);
    throw error;
  }
}

/**
 * Profit as the key indicator (or in the score) needs a cost, a margin-rate
 * column or --margin: refused in one sentence once the columns are known,
 * before any model is fitted.
 */
function checkProfitSource(read: ReadResult, valueBasis: ValueBasis | undefined, score: readonly CompositeIndicator[] | undefined, marginRate: number | undefined): void {
  if (read.mapping.cost !== undefined || read.mapping.marginRate !== undefined || marginRate !== undefined) return;
  const what = valueBasis === 'profit' ? '--value profit' : score?.some((i) => i.field === 'profit') ? '--score profit' : undefined;
  if (what !== undefined) throw new UsageError(cliText('en').profitNeedsCost(what), cliText('zh').profitNeedsCost(what));
}

/** Fits the model on the calibration period and compares it with the holdout; a failure is a warning, not an exit. */
function evaluateHoldout(data: CalibrationData, model: FittedModelName, unit: TimeUnit, t: CliText): HoldoutComparison | undefined {
  const calibrated = analyzeCustomers(data.calibration, { unit, model, spendModel: false });
  if (!calibrated.models.purchase) {
    process.stderr.write(`${t.warning}${t.noHoldoutComparison(calibrated.models.fallback ?? 'the model could not be fitted')}\n`);
    return undefined;
  }
  try {
    return compareCalibration(calibrated.models.purchase, data);
  } catch (error) {
    if (error instanceof CvError) {
      process.stderr.write(`${t.warning}${t.noHoldoutComparison(error.reason)}\n`);
      return undefined;
    }
    throw error;
  }
}

export function reportRejected(rejected: readonly RejectedRow[], out: string | undefined, lang: Lang, where: 'line' | 'row'): void {
  if (rejected.length === 0) return;
  const t = cliText(lang);
  process.stderr.write(`${t.rejectedHead(rejected.length)}\n`);
  for (const r of rejected.slice(0, REJECTED_ON_STDERR)) process.stderr.write(`${t.rejectedLine(r.line, formatReason(r, lang), where)}\n`);
  if (rejected.length > REJECTED_ON_STDERR) {
    process.stderr.write(`${t.rejectedMore(rejected.length - REJECTED_ON_STDERR, out ? t.rejectedSheet(out) : t.rejectedJson)}\n`);
  }
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

/**
 * The tier summary as the course's table 4-2 lays it out: with the
 * contribution method, the 客户贡献度 band of each tier comes first
 * (> 4, (2, 4], (1, 2], ≤ 1 with the default cuts); then customers and
 * value with their shares, and under the table each tier's management
 * strategy (the course's 步骤四).
 */
export function summaryTable(a: Analysis, lang: Lang): string {
  const t = cliText(lang);
  const basis = a.segment.totals.valueBasis;
  const bands = contributionBands(a);
  // The value columns say what the value is (sales or profit), as the key indicator chose.
  const header = (['tier', 'customers', 'customerShare', 'value', 'valueShare', 'averageValue'] as const).map((k) =>
    k === 'value' ? t.value(basis) : k === 'valueShare' ? t.valueShare(basis) : label(`summary.${k}`, lang),
  );
  const rows = a.segment.summary.map((r, i) => [
    label(`tier.${r.tier}`, lang),
    groupedCount(r.customers),
    percent(r.customerShare),
    groupedMoney(r.value),
    percent(r.valueShare),
    groupedMoney(r.averageValue),
    ...(bands ? [bands[i]!] : []),
  ]);
  const totals = a.segment.totals;
  rows.push([t.total, groupedCount(totals.customers), '100.0 %', groupedMoney(totals.value), '100.0 %', groupedMoney(totals.customers ? totals.value / totals.customers : 0), ...(bands ? [''] : [])]);
  if (bands) header.push(label('col.contribution', lang));
  const align = ['left', 'right', 'right', 'right', 'right', 'right', 'left'] as const;
  const strategies = a.segment.summary.map((r) => `  ${label(`tier.${r.tier}`, lang)}${lang === 'zh' ? '：' : ': '}${label(`strategy.${r.tier}`, lang)}`);
  return [formatTable(header, rows, [...align]), '', t.strategies, ...strategies].join('\n');
}

/** The contribution band of each tier, best first, when tiers are by contribution (value / average value). */
function contributionBands(a: Analysis): string[] | undefined {
  const rule = a.settings.tierRule;
  if (rule.method !== 'contribution') return undefined;
  const [c1, c2, c3] = tierRuleParams(rule);
  return [`> ${c1}`, `(${c2}, ${c1}]`, `(${c3}, ${c2}]`, `≤ ${c3}`];
}

function round(x: number | undefined, digits = 6): number | null {
  if (x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * One row per customer, made as it is written: the `customers` of --json,
 * and the table --out writes as .csv or .json; with --score, the composite
 * score and its rank follow contribution.
 */
export function* customerRows(a: Analysis): Generator<CustomerRow> {
  const scored = a.settings.score !== undefined;
  // row(k), not customers: each row object is built as it is written and dropped after.
  for (let k = 0; k < a.segment.totals.customers; k++) {
    const c = a.segment.row(k);
    yield {
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
      ...(scored ? { composite: round(c.composite), compositeRank: c.compositeRank ?? null } : {}),
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
    };
  }
}

/**
 * Writes the `--json` object to stdout with its customers a block at a time
 * (the text of JSON.stringify of the whole object, which for a few hundred
 * thousand customers would be one string of hundreds of megabytes). `extra`
 * keys follow the others (the DuckDB path's engine and source).
 */
export function writeJson(a: Analysis, read: ReadResult, holdout: HoldoutComparison | undefined, extra: Record<string, unknown> = {}): void {
  // process.stdout, not writeSync(1): a pipe may be non-blocking, and a full one would fail a raw write with EAGAIN.
  process.stdout.write('{"customers":[');
  // A copy of each megabyte: a pipe's writes may finish after the call returns, and the writer reuses its buffer.
  writeCompactRows(customerRows(a), (bytes) => process.stdout.write(Buffer.from(bytes)));
  process.stdout.write('],' + JSON.stringify({ ...(jsonRest(a, read, holdout) as object), ...extra }).slice(1) + '\n');
}

/** The `--json` object but its customers: stable keys, numbers rounded to 6 decimals, dates ISO. */
function jsonRest(a: Analysis, read: ReadResult, holdout: HoldoutComparison | undefined): unknown {
  const { segment, models } = a;
  return {
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
    // The same warnings as codes with parameters, for a program that says them in its own language.
    warningMessages: [...read.warningMessages, ...segment.warningMessages],
    read: { rows: read.rowsRead, accepted: read.rowsAccepted, encoding: read.encoding, dateOrder: read.dateOrder, decimal: read.decimal },
    rejected: read.rejected.map((r) => ({ line: r.line, reason: r.reason, problems: r.problems ?? [] })),
    excluded: a.excluded.map((e) => ({ id: e.id, reason: e.reason, rows: e.rows, returnAmount: round(e.returnAmount), firstLine: e.firstLine })),
  };
}
