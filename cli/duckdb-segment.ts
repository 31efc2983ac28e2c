/**
 * `cvlens segment` on a file summarised in embedded DuckDB (a Parquet file,
 * a CSV with --engine duckdb, or the customer table `cvlens sql`'s query
 * wrote): DuckDB runs the per-customer GROUP BY, the analysis fits and
 * scores from the summaries (analyzeSummaryTable, on columns), and the results are printed
 * and written as for a CSV read in JavaScript.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import {
  analyzeSummaryTable,
  excludedMessage,
  formatMessage,
  isSummarySqlHeader,
  msg,
  type AnalysisSettingsInput,
  type ColumnRole,
  type Lang,
  type Message,
  type ReadResult,
} from '../core/index.ts';
import { cliText } from './cli-text.ts';
import { modelFooter, reportRejected, summaryTable, writeCustomerTable, writeJson } from './commands/segment.ts';
import { asOfWarning, describeCounts } from './counts.ts';
import { checkOutput } from './output-target.ts';
import type { DuckdbFormat } from './duckdb-input.ts';
import { groupedCount } from './grouped-number.ts';


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
  const { settings, lang } = o;
  const t = cliText(lang);
  const warn = (w: string) => process.stderr.write(`${t.warning}${w}\n`);
  const unit = settings.unit ?? 'week';
  const input = await summariseWithDuckdb(file, format, { unit, asOf: settings.asOf, marginRate: settings.marginRate, mapping: o.columns });
  reportRejected(input.rejected, o.out, lang, 'line');
  const accepted = input.rows - input.rejected.length;
  if (accepted === 0) {
    process.stderr.write(`cvlens: ${t.noUsableRows(file, input.rejected.length)}\n`);
    return 1;
  }
  const farPast = asOfWarning(settings.asOf, input.lastDay, lang);
  if (farPast) warn(farPast);
  const result = analyzeSummaryTable(input.table, { ...settings, asOf: input.asOf });
  // The rows stayed in DuckDB: what the row-by-row analysis notes about them is added here.
  const notes: Message[] = [];
  if (input.afterAsOf > 0) notes.push(msg('analysis.afterAsOf', { n: input.afterAsOf }));
  const left = excludedMessage(input.excluded);
  if (left !== undefined) notes.push(left);
  if (input.kind === 'transactions' && (settings.model ?? 'auto') === 'auto') notes.push(msg('analysis.duckdbNoHoldout'));
  result.excluded = input.excluded;
  result.warnings.unshift(...notes.map((m) => formatMessage(m, 'en')));
  result.warningMessages.unshift(...notes);
  for (const m of result.warningMessages) warn(formatMessage(m, lang));
  if (result.segment.totals.customers === 0) {
    process.stderr.write(`cvlens: ${t.noCustomers(file)}\n`);
    return 1;
  }
  const zh = lang === 'zh';
  const source = zh
    ? `${format === 'parquet' ? 'Parquet' : 'CSV'} ${input.kind === 'summaries' ? '客户汇总表' : '交易'}，在 DuckDB 中汇总`
    : `${format === 'parquet' ? 'Parquet' : 'CSV'} ${input.kind === 'summaries' ? 'customer summaries' : 'transactions'}, summarised in DuckDB`;
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
    warningMessages: [],
  };

  if (o.json) {
    writeJson(result, read, undefined, { engine: 'duckdb', source });
  } else {
    process.stdout.write(summaryTable(result, lang) + '\n');
    const totals = result.segment.totals;
    const counts = describeCounts(
      {
        customers: totals.customers,
        accepted: input.kind === 'summaries' ? totals.customers : accepted,
        rejected: input.rejected.length,
        afterAsOf: input.afterAsOf,
        excludedCustomers: result.excluded.length,
        excludedRows: result.excluded.reduce((sum, e) => sum + e.rows, 0),
      },
      lang,
    );
    const fromSummaries = zh ? `来自客户汇总表的 ${groupedCount(totals.customers)} 位客户` : `${groupedCount(totals.customers)} customers from a table of summaries`;
    // No holdout here, so no churn-risk correction: the footer is the model's lines alone.
    process.stdout.write(`\n${input.kind === 'summaries' ? fromSummaries : counts}${zh ? `（${source}）。` : ` (${source}).`}\n` + modelFooter(result, unit, lang));
  }
  const out = o.out;
  if (out !== undefined && outFormat !== 'xlsx') {
    writeCustomerTable(out, result, outFormat === 'csv' ? 'csv' : 'json', t);
  } else if (out !== undefined) {
    // Loaded only here: the workbook writer is needed only for .xlsx output.
    const { writeSegmentWorkbook } = await import('./workbook.ts');
    await writeSegmentWorkbook(out, {
      analysis: result,
      lang,
      rejected: input.rejected,
      holdout: undefined,
      source: {
        file,
        transactions: accepted,
        rejected: input.rejected.length,
        afterAsOf: input.afterAsOf,
        encoding: read.encoding,
        dateOrder: source,
      },
    });
    process.stderr.write(`${t.wrote(out)}\n`);
  }
  return 0;
}
