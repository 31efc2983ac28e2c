/**
 * `cvlens demo`: writes a realistic, seeded transaction file to try cvlens
 * on. Customers follow the BG/NBD and Gamma-Gamma processes with the
 * parameters published for CDNOW (weekly: r 0.243, α 4.414, a 0.793,
 * b 2.426; spend p 6.25, q 3.74, γ 15.44), acquired over the first quarter
 * and followed for 78 weeks, with e-mails and company names.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { isoToDay, simulateTransactionsCsv } from '../../core/index.ts';
import { DEMO, DEMO_DEFAULTS } from '../command-spec.ts';
import { commandHelp } from '../help.ts';
import { langOfArgs, parseNumber } from '../options.ts';
import { checkOutput } from '../output-target.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { UsageError } from '../usage-error.ts';
import { groupedCount } from '../grouped-number.ts';

export const DEMO_PARAMS = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
export const DEMO_SPEND = { p: 6.25, q: 3.74, gamma: 15.44 };

export async function demoCommand(args: string[]): Promise<number> {
  const { values, positionals, help } = parseCommandLine(DEMO, args);
  if (help) {
    process.stdout.write(commandHelp(DEMO, langOfArgs(args)) + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`demo takes no FILE (got '${positionals[0]}'); name the file it writes with --out.`);
  const out = values.out ?? DEMO_DEFAULTS.out;
  // The demo creates its folder (the default is demo/), but only for a name it will write.
  if (extname(out).toLowerCase() === '.csv') {
    try {
      mkdirSync(dirname(out), { recursive: true });
    } catch (error) {
      throw new UsageError(`--out '${out}': the folder '${dirname(out)}' cannot be created (${(error as { code?: string }).code ?? (error as Error).message}).`);
    }
  }
  checkOutput(out, ['csv']);
  const whole = (n: number) => (Number.isInteger(n) && n > 0 ? undefined : 'must be a whole number above 0');
  const customers = parseNumber(values.customers, '--customers', whole) ?? DEMO_DEFAULTS.customers;
  const seed = parseNumber(values.seed, '--seed', (n) => (Number.isInteger(n) ? undefined : 'must be a whole number')) ?? DEMO_DEFAULTS.seed;
  const csv = simulateTransactionsCsv({
    seed,
    customers,
    params: DEMO_PARAMS,
    spend: DEMO_SPEND,
    start: isoToDay('2025-01-01'),
    days: 78 * 7,
    acquisitionDays: 12 * 7,
  });
  writeFileSync(out, csv);
  const rows = csv.split('\n').length - 2;
  process.stderr.write(`Wrote ${out}: ${groupedCount(rows)} transactions of ${groupedCount(customers)} simulated customers (seed ${seed}).\n`);
  return 0;
}
