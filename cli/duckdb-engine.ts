/**
 * Embedded DuckDB for the command line: one in-process database that spills
 * to a private temporary folder (so a file larger than memory can be
 * summarised) and is removed when closed, and the summary query's output
 * read back into customer summaries chunk by chunk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBBlobVector, DuckDBDateValue, DuckDBDecimalValue, DuckDBInstance, DuckDBTimestampValue, type DuckDBConnection, type DuckDBValue, type DuckDBVector } from '@duckdb/node-api';
import { createSummarySqlReader, type SummarySqlRow, type SummarySqlRowsResult } from '../core/index.ts';
import { groupedCount } from './grouped-number.ts';

export interface Duckdb {
  connection: DuckDBConnection;
  close(): void;
}

/**
 * DuckDB's memory for the command line unless CVLENS_DUCKDB_MEMORY says otherwise: past it the
 * GROUP BY spills to the temporary folder, so memory stays bounded whatever the file's size
 * (DuckDB's own default, 80 % of RAM, let one 10-million-row summary reach 6 GB). 500 MB:
 * 10,026,014 rows summarise within it (DuckDB's step peaked at 713 MB RSS, docs/scale.md), and
 * the whole process is meant to stay near 1 GB, which a 1 GB limit alone would pass.
 */
export const DUCKDB_MEMORY_LIMIT = process.env.CVLENS_DUCKDB_MEMORY || '500MB';

/**
 * DuckDB's memory for a CSV of `bytes`: twice the file, from 128 MB up to
 * {@link DUCKDB_MEMORY_LIMIT} (CVLENS_DUCKDB_MEMORY, when set, as it is).
 * DuckDB fills whatever limit it has with cached pages and hash tables
 * before it spills, so a small file under the full limit had made the
 * engine's peak: 1,005,320 rows (70 MB) peaked at 401–517 MB RSS under
 * 500 MB, 281 MB under 150 MB and 296 MB under 100 MB (the JavaScript side
 * then being the peak), for the same CPU time (docs/scale.md).
 */
export function duckdbMemoryFor(bytes: number): string {
  if (process.env.CVLENS_DUCKDB_MEMORY) return process.env.CVLENS_DUCKDB_MEMORY;
  const cap = 500;
  const mb = Math.min(cap, Math.max(128, Math.ceil((2 * bytes) / 1e6)));
  return `${mb}MB`;
}

export interface DuckdbOptions {
  /** DuckDB's memory_limit (e.g. '1GB'); default {@link DUCKDB_MEMORY_LIMIT}. */
  memoryLimit?: string;
  /** DuckDB's threads (default: one per core). */
  threads?: number;
}

/**
 * Opens a DuckDB database in a fresh temporary folder, its spill files
 * beside it, removed when closed. A database file rather than ':memory:':
 * a table loaded from a large CSV then lives on disk and is paged in as
 * queries read it, where an in-memory table must fit within memory_limit
 * (at 1,000,000 rows the in-memory engine peaked at 945 MB RSS, measured).
 */
export async function openDuckdb(options: DuckdbOptions = {}): Promise<Duckdb> {
  const spill = mkdtempSync(join(tmpdir(), 'cvlens-duckdb-'));
  const config: Record<string, string> = { temp_directory: spill, memory_limit: options.memoryLimit ?? DUCKDB_MEMORY_LIMIT, ...(options.threads === undefined ? {} : { threads: String(options.threads) }) };
  const instance = await DuckDBInstance.create(join(spill, 'cvlens.duckdb'), config);
  const connection = await instance.connect();
  let open = true;
  return {
    connection,
    // Idempotent: a reader closes the database as soon as it has the rows (see readSummaryQuery), the caller again in its finally.
    close() {
      if (!open) return;
      open = false;
      connection.closeSync();
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
    },
  };
}

/** A DuckDB value as the summary reader takes it: dates as day numbers, integers and decimals as numbers. */
export function plainValue(v: DuckDBValue): unknown {
  if (v instanceof DuckDBDateValue) return v.days;
  if (v instanceof DuckDBTimestampValue) return Number(v.micros / 86_400_000_000n);
  if (v instanceof DuckDBDecimalValue) return v.toDouble();
  if (typeof v === 'bigint') return Number(v);
  return v;
}

export interface ReadSummaryOptions {
  /** Line of the first row, for rejected rows. */
  firstLine?: number;
  /** Keep the customers as columns (result.table) rather than objects. */
  asTable?: boolean;
  /** How many customers will come (at most): the columns are made that size once. */
  expected?: number;
  /** Days in the query's unit: recency, t and since_last are then made from the days, not kept. */
  unitDays?: number;
  /**
   * Whether the reader may close the database once the last row is read,
   * before the customers are sorted: DuckDB's memory is then given back
   * before the JavaScript side's largest allocations (the caller closes
   * it again in its finally, a no-op).
   */
  closeWhenRead?: boolean;
  /** The query gives one row per id (its own GROUP BY): repeats need not be looked for. */
  uniqueIds?: boolean;
  /**
   * How many rows the query gives (counted before): fewer read is an error.
   * A stream DuckDB cannot go on with (its memory limit reached in an
   * ORDER BY, seen with DuckDB 1.5) ends as if it were done, without an
   * error: 362,496 of 3,765,060 customers, measured.
   */
  rows?: number;
}

/**
 * Row i of a column as the reader takes it: a BLOB as a view of its bytes
 * (the summary query's texts are read as BLOBs, encode(…), so that millions
 * of ids and e-mails are never made strings), anything else as plainValue.
 */
function cell(vector: DuckDBVector, i: number): unknown {
  return vector instanceof DuckDBBlobVector ? vector.getItemBytes(i) : plainValue(vector.getItem(i));
}

/**
 * Runs the summary query (summarySql's output, or any query with its
 * columns) and reads the customers chunk by chunk (DuckDB's vectors of
 * 2,048 rows, column by column), one reused row object for the reader, so
 * that nothing per row outlives its chunk.
 */
export async function readSummaryQuery(db: Duckdb, sql: string, options: ReadSummaryOptions = {}): Promise<SummarySqlRowsResult> {
  // The query's GROUP BY runs while the chunks are fetched: on one thread throughout (see oneThread).
  const [before] = await queryRows(db, "SELECT current_setting('threads') AS threads");
  await db.connection.run('SET threads = 1');
  const result = await db.connection.stream(sql);
  const reader = createSummarySqlReader({ firstLine: options.firstLine ?? 1, asTable: options.asTable, expected: options.expected, unitDays: options.unitDays, uniqueIds: options.uniqueIds });
  const names = result.columnNames().map((n) => n.toLowerCase());
  const row: Record<string, unknown> = {};
  let read = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const vectors = names.map((_, j) => chunk.getColumnVector(j));
    const n = chunk.rowCount;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < names.length; j++) row[names[j]!] = cell(vectors[j]!, i);
      reader.add(row as SummarySqlRow);
    }
    read += n;
  }
  if (options.rows !== undefined && read !== options.rows) {
    db.close();
    throw new Error(`DuckDB's result ended after ${groupedCount(read)} of its ${groupedCount(options.rows)} rows (most likely out of memory); nothing was scored`);
  }
  if (options.closeWhenRead) {
    db.close();
  } else await db.connection.run(`SET threads = ${Number(before!.threads)}`);
  return reader.finish();
}

/**
 * Runs `statement` (a GROUP BY with sums) on one DuckDB thread: the same
 * input then gives the same sums on every run. In parallel each thread
 * adds the rows it happened to take, and the threads' parts are added in
 * whatever order they finish, so sums differed in the last bits from run
 * to run (the sum of CLV of 10M rows in the 8th digit, docs/scale.md).
 */
export async function oneThread(db: Duckdb, statement: string): Promise<void> {
  const [before] = await queryRows(db, "SELECT current_setting('threads') AS threads");
  await db.connection.run('SET threads = 1');
  try {
    await db.connection.run(statement);
  } finally {
    await db.connection.run(`SET threads = ${Number(before!.threads)}`);
  }
}

/** All rows of a small query as plain objects (for checks and rejected rows). */
export async function queryRows(db: Duckdb, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db.connection.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRows().map((row) => Object.fromEntries(names.map((n, j) => [n, plainValue(row[j]!)])));
}

/** A text as a single-quoted SQL literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
