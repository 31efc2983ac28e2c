/**
 * `cvlens segment` on a file summarised in embedded DuckDB (a Parquet file,
 * a CSV with --engine duckdb, or the customer table `cvlens sql`'s query
 * wrote): DuckDB runs the per-customer GROUP BY, the analysis fits and
 * scores from the summaries (analyzeCustomers), and the results are printed
 * and written as for a CSV read in JavaScript.
 */
import { closeSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import {
  analyzeCustomers,
  dayToIso,
  describeExcluded,
  isSummarySqlHeader,
  MODEL_TITLES,
  type AnalysisSettingsInput,
  type ColumnRole,
  type Lang,
  type ReadResult,
} from '../core/index.ts';
import { customerRows, describeModel, reportRejected, summaryTable, toJson } from './commands/segment.ts';
import { asOfWarning, describeCounts } from './counts.ts';
import { customerTableCsv, customerTableJson } from './customer-table.ts';
import { checkOutput } from './output-target.ts';
import { writeSegmentWorkbook } from './workbook.ts';
import type { DuckdbFormat } from './duckdb-input.ts';


function head(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether (and as what) `segment` reads FILE through DuckDB: Parquet (by
 * name or its "PAR1" magic), any file with --engine duckdb, and a CSV whose
 * header is the summary query's output. Undefined: the JavaScript reader.
 */
export function duckdbFormat(path: string | undefined, engine: string | undefined): DuckdbFormat | undefined {
  if (!path) return undefined;
  let size: number;
  try {
    const s = statSync(path);
    if (s.isDirectory()) return undefined; // the reader says so
    size = s.size;
  } catch {
    return undefined; // the reader says why it cannot open it
  }
  const start = head(path, Math.min(size, 64 * 1024));
  if (/\.parquet$/i.test(path) || start.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (engine === 'duckdb') return 'csv';
  const firstLine = start.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return isSummarySqlHeader(firstLine.split(/[,;\t]/).map((h) => h.trim().replace(/^"|"$/g, ''))) ? 'csv' : undefined;
}

export interface DuckdbSegmentOptions {
  out: string | undefined;
  json: boolean;
  lang: Lang;
  columns: Partial<Record<ColumnRole, string | number>> | undefined;
  settings: AnalysisSettingsInput;
}

export async function segmentWithDuckdb(file: string, format: DuckdbFormat, o: DuckdbSegmentOptions): Promise<number> {
  const outFormat = o.out !== undefined ? checkOutput(o.out, ['xlsx', 'csv', 'json']) : undefined;
  const { summariseWithDuckdb } = await import('./duckdb-input.ts');
  const { settings } = o;
  const unit = settings.unit ?? 'week';
  const input = await summariseWithDuckdb(file, format, { unit, asOf: settings.asOf, marginRate: settings.marginRate, mapping: o.columns });
  reportRejected(input.rejected, o.out);
  const accepted = input.rows - input.rejected.length;
  if (accepted === 0) {
    process.stderr.write(`cvlens: no usable ${input.kind === 'summaries' ? 'customer rows' : 'transactions'} in '${file}' (${input.rejected.length} rows rejected).\n`);
    return 1;
  }
  const farPast = asOfWarning(settings.asOf, input.lastDay);
  if (farPast) process.stderr.write(`warning: ${farPast}\n`);
  const result = analyzeCustomers(input.summaries, { ...settings, asOf: input.asOf });
  // The rows stayed in DuckDB: what the row-by-row analysis notes about them is added here.
  const notes: string[] = [];
  if (input.afterAsOf > 0) notes.push(`${input.afterAsOf} row(s) dated after the as-of day were left out.`);
  if (input.excluded.length > 0) notes.push(describeExcluded(input.excluded));
  if (input.kind === 'transactions' && (settings.model ?? 'auto') === 'auto') {
    notes.push('The rows stayed in DuckDB, so the model was chosen by likelihood on the summaries, not on a holdout of the file\'s last third; --model names one.');
  }
  result.excluded = input.excluded;
  result.warnings.unshift(...notes);
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  if (result.segment.customers.length === 0) {
    process.stderr.write(`cvlens: no customer has a purchase on or before the as-of date in '${file}'.\n`);
    return 1;
  }
  const source = `${format === 'parquet' ? 'Parquet' : 'CSV'} ${input.kind === 'summaries' ? 'customer summaries' : 'transactions'}, summarised in DuckDB`;
  const read: ReadResult = {
    transactions: [],
    rejected: input.rejected,
    mapping: {},
    headers: input.headers,
    hasHeader: true,
    rowsRead: input.rows,
    rowsAccepted: accepted,
    blankLines: 0,
    lines: input.rows + (format === 'csv' ? 1 : 0),
    dateOrder: 'ymd',
    decimal: '.',
    encoding: format === 'csv' ? 'utf-8' : 'parquet',
    delimiter: '',
    warnings: [],
  };

  if (o.json) {
    process.stdout.write(JSON.stringify({ ...(toJson(result, read, undefined) as object), engine: 'duckdb', source }) + '\n');
  } else {
    process.stdout.write(summaryTable(result, o.lang) + '\n');
    const t = result.segment.totals;
    const counts = describeCounts({
      customers: t.customers,
      accepted: input.kind === 'summaries' ? t.customers : accepted,
      rejected: input.rejected.length,
      afterAsOf: input.afterAsOf,
      excludedCustomers: result.excluded.length,
      excludedRows: result.excluded.reduce((sum, e) => sum + e.rows, 0),
    });
    process.stdout.write(
      `\n${input.kind === 'summaries' ? `${t.customers.toLocaleString('en')} customers from a table of summaries` : counts} (${source}).\n` +
        `As of ${t.asOf !== undefined ? dayToIso(t.asOf) : '-'} (time in ${unit}s): top 20 % hold ` +
        `${(result.segment.concentration.top20Share * 100).toFixed(1)} % of value, Gini ${result.segment.concentration.gini.toFixed(3)}; ` +
        `churn risk = chance of no purchase in the next ${t.churnHorizonDays} days, from ${t.churnSource === 'heuristic' ? 'the own-rate heuristic' : describeModel(result)}.\n${result.models.selection.reason}\n`,
    );
  }
  const out = o.out;
  if (out !== undefined && outFormat !== 'xlsx') {
    const rows = customerRows(result);
    writeFileSync(out, outFormat === 'csv' ? customerTableCsv(rows) : customerTableJson(rows));
    process.stderr.write(`Wrote ${out} (${rows.length.toLocaleString('en')} customers, one row each).\n`);
  } else if (out !== undefined) {
    const chosen = result.models.selection.chosen;
    await writeSegmentWorkbook(out, {
      analysis: result,
      lang: o.lang,
      rejected: input.rejected,
      holdout: undefined,
      about: [
        ['file', file],
        ['read as', source],
        [input.kind === 'summaries' ? 'customer rows read' : 'transactions read', accepted],
        ['rows rejected', input.rejected.length],
        ['rows dated after the as-of day (left out)', input.afterAsOf],
        ['customers with only returns (left out)', result.excluded.length],
        ['period', unit],
        ['as of', result.segment.totals.asOf !== undefined ? dayToIso(result.segment.totals.asOf) : ''],
        ['value basis', result.segment.totals.valueBasis],
        ['model asked for', settings.model ?? 'auto'],
        ['model used', chosen === 'none' ? 'own-rate heuristic' : MODEL_TITLES[chosen]],
        ['how it was chosen', result.models.selection.reason],
        ['churn risk horizon (days)', result.settings.churnHorizonDays],
        ['CLV horizon (days)', result.settings.horizonDays],
        ['discount rate per year', result.settings.annualDiscount],
        ['margin rate for model CLV', result.models.marginRate],
      ],
    });
    process.stderr.write(`Wrote ${out}.\n`);
  }
  return 0;
}
