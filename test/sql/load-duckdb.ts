/**
 * Test helper: transactions into a DuckDB table `tx` with typed columns
 * (id text, sold DATE, amount/cost/quantity DOUBLE, email/company/name
 * text, line BIGINT) through DuckDB's appender, the way a warehouse holds
 * them, and the summary query's column names for it.
 */
import { dateValue } from '@duckdb/node-api';
import type { SummarySqlColumns, Transaction } from '../../core/index.ts';
import type { Duckdb } from '../../cli/duckdb-engine.ts';

export const TX_COLUMNS: SummarySqlColumns = {
  customerId: 'customer',
  date: 'sold',
  amount: 'amount',
  cost: 'cost',
  quantity: 'qty',
  email: 'email',
  company: 'company',
  name: 'name',
  line: 'line',
};

export async function loadTransactions(db: Duckdb, rows: readonly Transaction[], table = 'tx'): Promise<void> {
  const c = db.connection;
  await c.run(`DROP TABLE IF EXISTS ${table}`);
  await c.run(
    `CREATE TABLE ${table} (customer VARCHAR, sold DATE, amount DOUBLE, cost DOUBLE, qty DOUBLE, email VARCHAR, company VARCHAR, name VARCHAR, line BIGINT)`,
  );
  const a = await c.createAppender(table);
  const text = (v: string | undefined) => (v === undefined ? a.appendNull() : a.appendVarchar(v));
  const num = (v: number | undefined) => (v === undefined ? a.appendNull() : a.appendDouble(v));
  for (const t of rows) {
    a.appendVarchar(t.customerId);
    a.appendDate(dateValue(t.day));
    a.appendDouble(t.amount);
    num(t.cost);
    num(t.quantity);
    text(t.email);
    text(t.company);
    text(t.name);
    a.appendBigInt(BigInt(t.line));
    a.endRow();
  }
  a.closeSync();
}
