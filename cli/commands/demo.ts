/**
 * `cvlens demo`: writes a realistic, seeded transaction file to try cvlens
 * on. Customers follow the BG/NBD and Gamma-Gamma processes with the
 * parameters published for CDNOW (weekly: r 0.243, α 4.414, a 0.793,
 * b 2.426; spend p 6.25, q 3.74, γ 15.44), acquired over the first quarter
 * and followed for 78 weeks, with e-mails and company names.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { isoToDay, simulateTransactionsCsv } from '../../core/index.ts';
import { parseNumber } from '../options.ts';

export const DEMO_PARAMS = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
export const DEMO_SPEND = { p: 6.25, q: 3.74, gamma: 15.44 };

export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string', default: 'demo/transactions.csv' },
      customers: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  const whole = (n: number) => (Number.isInteger(n) && n > 0 ? undefined : 'must be a whole number above 0');
  const customers = parseNumber(values.customers, '--customers', whole) ?? 5000;
  const seed = parseNumber(values.seed, '--seed', (n) => (Number.isInteger(n) ? undefined : 'must be a whole number')) ?? 1997;
  const csv = simulateTransactionsCsv({
    seed,
    customers,
    params: DEMO_PARAMS,
    spend: DEMO_SPEND,
    start: isoToDay('2025-01-01'),
    days: 78 * 7,
    acquisitionDays: 12 * 7,
  });
  const out = values.out!;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, csv);
  const rows = csv.split('\n').length - 2;
  process.stderr.write(`Wrote ${out}: ${rows.toLocaleString('en')} transactions of ${customers.toLocaleString('en')} simulated customers (seed ${seed}).\n`);
  return 0;
}
