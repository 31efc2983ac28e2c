/**
 * The summary step in embedded DuckDB (core's summarySql run by the command
 * line's engine): CDNOW master as Parquet and CSV beside the JavaScript
 * reader + summary builder on the same rows, and about 10,000,000 simulated
 * transactions (BG/NBD + Gamma-Gamma with CDNOW's parameters) as Parquet
 * and CSV — wall time and peak RSS of this process, DuckDB's threads
 * included. "GROUP BY only" counts the query's rows inside DuckDB; "to
 * summaries" also builds the CustomerSummary objects the analysis takes.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSummaryBuilder, isoToDay, readTransactions, simulateTransactionsCsv, summarySql } from '../core/index.ts';
import { DUCKDB_MEMORY_LIMIT, openDuckdb, sqlString } from '../cli/duckdb-engine.ts';
import { summariseWithDuckdb, type DuckdbFormat } from '../cli/duckdb-input.ts';
import { loadTransactions } from '../test/sql/load-duckdb.ts';

type Print = (line: string) => void;

const CDNOW = fileURLToPath(new URL('../../shared/data/cdnow/CDNOW_master.txt', import.meta.url));
const WORK = join(tmpdir(), 'cvlens-bench-sql');
/** Customers per simulated chunk (the pipeline bench's file) and chunks: about 10.2 million rows. */
const CHUNK_CUSTOMERS = 350_000;
const CHUNKS = 11;

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Runs `f`, sampling this process's RSS every 20 ms (DuckDB works on other threads while the loop waits). */
async function measured<T>(f: () => Promise<T>): Promise<{ value: T; ms: number; peak: number; before: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  try {
    const value = await f();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, ms: performance.now() - t0, peak, before };
  } finally {
    clearInterval(timer);
  }
}

/** The GROUP BY alone: the summary query over the file, counted inside DuckDB. */
async function groupByOnly(path: string, format: DuckdbFormat, memoryLimit?: string): Promise<number> {
  const db = await openDuckdb({ memoryLimit });
  try {
    const reader = format === 'parquet' ? `read_parquet(${sqlString(path)})` : `read_csv(${sqlString(path)}, types = {'customer_id': 'VARCHAR'})`;
    const sql = summarySql({ dialect: 'duckdb', table: reader, columns: { customerId: 'customer_id', date: 'date', amount: 'amount', email: 'email', company: 'company' }, unit: 'week' });
    const r = await db.connection.runAndReadAll(`SELECT COUNT(*) AS n FROM (${sql})`);
    return Number(r.getRows()[0]![0]);
  } finally {
    db.close();
  }
}

/** The simulated file, made once and kept in the temporary folder between runs. */
async function simulated(print: Print): Promise<{ parquet: string; csv: string }> {
  const parquet = join(WORK, `sim-${CHUNKS}x${CHUNK_CUSTOMERS}.parquet`);
  const csv = join(WORK, `sim-${CHUNKS}x${CHUNK_CUSTOMERS}.csv`);
  if (existsSync(parquet) && existsSync(csv)) return { parquet, csv };
  mkdirSync(WORK, { recursive: true });
  const t0 = performance.now();
  const parts: string[] = [];
  for (let k = 0; k < CHUNKS; k++) {
    const part = join(WORK, `part-${k}.csv`);
    writeFileSync(
      part,
      simulateTransactionsCsv({
        seed: 1000 + k,
        customers: CHUNK_CUSTOMERS,
        params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
        spend: { p: 6.25, q: 3.74, gamma: 15.44 },
        start: isoToDay('2024-01-01'),
        days: 78 * 7,
      }),
    );
    parts.push(part);
  }
  // Each chunk numbers its customers from 1: the chunk's number makes the ids distinct.
  const db = await openDuckdb();
  try {
    const union = parts
      .map((p, k) => `SELECT 'S${k}-' || customer_id AS customer_id, "date", amount, email, company FROM read_csv(${sqlString(p)}, types = {'customer_id': 'VARCHAR'})`)
      .join(' UNION ALL ');
    await db.connection.run(`COPY (${union}) TO ${sqlString(parquet)} (FORMAT parquet)`);
    await db.connection.run(`COPY (SELECT * FROM read_parquet(${sqlString(parquet)})) TO ${sqlString(csv)} (HEADER)`);
  } finally {
    db.close();
    for (const p of parts) rmSync(p, { force: true });
  }
  print(`  (simulated ${CHUNKS} × ${CHUNK_CUSTOMERS.toLocaleString('en')} customers into ${mb(statSync(csv).size)} of CSV and ${mb(statSync(parquet).size)} of Parquet in ${secs(performance.now() - t0)}; kept in ${WORK})`);
  return { parquet, csv };
}

export async function runSqlBench(print: Print): Promise<void> {
  if (existsSync(CDNOW)) {
    const bytes = readFileSync(CDNOW);
    mkdirSync(WORK, { recursive: true });
    const rows = readTransactions(bytes).transactions;
    const db = await openDuckdb();
    const parquet = join(WORK, 'cdnow-master.parquet');
    const csv = join(WORK, 'cdnow-master.csv');
    try {
      await loadTransactions(db, rows);
      const select = 'SELECT customer AS customer_id, sold AS "date", amount FROM tx ORDER BY line';
      await db.connection.run(`COPY (${select}) TO ${sqlString(parquet)} (FORMAT parquet)`);
      await db.connection.run(`COPY (${select}) TO ${sqlString(csv)} (HEADER)`);
    } finally {
      db.close();
    }
    const js = await measured(async () => {
      const b = createSummaryBuilder({ unit: 'week' });
      readTransactions(bytes, { onTransaction: (t) => b.add(t) });
      return b.finish().length;
    });
    print(`  CDNOW master (${rows.length.toLocaleString('en')} rows, ${js.value.toLocaleString('en')} customers)`);
    print(`    JavaScript read + summarise (text file)   ${secs(js.ms)}`);
    for (const format of ['parquet', 'csv'] as const) {
      const path = format === 'parquet' ? parquet : csv;
      // First run pays DuckDB's start; the median of 5 shows the steady figure.
      const runs = [];
      for (let i = 0; i < 5; i++) runs.push(await measured(() => summariseWithDuckdb(path, format, { unit: 'week' })));
      const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
      print(`    DuckDB ${format.padEnd(7)} to summaries           ${secs(sorted[2]!)} median of 5 (first ${secs(runs[0]!.ms)}), ${runs[0]!.value.table.length.toLocaleString('en')} customers`);
    }
  } else {
    print(`  CDNOW master: skipped (${CDNOW} not found)`);
  }

  const big = await simulated(print);
  for (const format of ['parquet', 'csv'] as const) {
    const path = format === 'parquet' ? big.parquet : big.csv;
    const label = `${format === 'parquet' ? 'Parquet' : 'CSV'} ${mb(statSync(path).size)}`;
    // Without a limit DuckDB takes up to 80 % of RAM for its hash tables (6.2 GB peak measured here on the
    // Parquet file); the command line's engine runs with DUCKDB_MEMORY_LIMIT and spills past it.
    const g = await measured(() => groupByOnly(path, format, DUCKDB_MEMORY_LIMIT));
    print(`  simulated, ${label}, GROUP BY only, memory_limit ${DUCKDB_MEMORY_LIMIT}: ${secs(g.ms)}, ${g.value.toLocaleString('en')} customers, rss ${mb(g.before)} → peak ${mb(g.peak)}`);
    const s = await measured(() => summariseWithDuckdb(path, format, { unit: 'week' }));
    print(
      `  simulated, ${label}, to summaries (checks + query + objects), memory_limit ${DUCKDB_MEMORY_LIMIT}: ${secs(s.ms)}, ` +
        `${s.value.rows.toLocaleString('en')} rows, ${s.value.table.length.toLocaleString('en')} customers, rss ${mb(s.before)} → peak ${mb(s.peak)}`,
    );
  }
}
