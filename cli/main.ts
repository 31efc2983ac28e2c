/**
 * `cvlens` entry point: dispatches to a command and turns every failure into
 * one readable sentence on stderr and an exit code (0 ok, 1 nothing usable
 * or a failed computation, 2 a usage error).
 */
import { CvError, DEFAULT_SETTINGS } from '../core/index.ts';
import { COMMANDS } from './command-spec.ts';
import { closestMatch } from './edit-distance.ts';
import { commandHelp } from './help.ts';
import { UsageError } from './usage-error.ts';

export const HELP = `cvlens: customer value scoring from transaction files

Usage:
  cvlens segment FILE [--out segments.xlsx] [--json] [--period day|week|month]
                 [--as-of DATE] [--margin RATE] [--tiers contribution|pareto|quantile|threshold]
                 [--cuts 4,2,1] [--lang en|zh] [--model auto|bgnbd|mbgnbd|pnbd|none]
                 [--horizon DAYS] [--churn-horizon DAYS] [--discount RATE] [--penalizer C]
                 [--calibration-end DATE]
                 [--date-order auto|dmy|mdy|ymd] [--encoding auto|utf-8|gb18030]
                 [--columns customerId=HEADER,date=HEADER,amount=HEADER,…] [--decimal auto|.|,]
  cvlens fit FILE --model bgnbd|mbgnbd|pnbd|gg [--period week] [--calibration-end DATE]
                 [--as-of DATE] [--penalizer C] [--max-seconds S] [--json]
  cvlens demo [--out demo/transactions.csv] [--customers N] [--seed N]
  cvlens sql --dialect duckdb|postgres|spark|bigquery --table TABLE --id COLUMN
                 --date COLUMN --amount COLUMN [--cost COLUMN] [--as-of DATE] [--period week]
  cvlens help [COMMAND] | COMMAND --help | --version

'cvlens help segment' (or fit, demo, sql) lists every option with its unit,
default and examples. The extension of --out sets what segment writes: .xlsx
a workbook, .csv or .json the per-customer table.

FILE is a CSV (comma, semicolon, tab or whitespace separated; UTF-8 or GBK)
with a customer id, a date and an amount column, detected from English or
Chinese headers (客户编号, 日期, 金额 …), or a Parquet file; --engine duckdb
summarises a CSV too large for memory in embedded DuckDB. A table of customer
summaries written by the query 'cvlens sql' prints (CSV or Parquet) is
scored as it is.

Churn risk is the chance of no purchase in the next --churn-horizon days
(default ${DEFAULT_SETTINGS.churnHorizonDays}); CLV covers the next --horizon days (default ${DEFAULT_SETTINGS.horizonDays}). Both take
days, or a number with d, w, m or y (13w, 3m, 1y). --model auto (the default)
picks the model that best predicted the file's own last third, and says why.`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  segment: async () => (await import('./commands/segment.ts')).segmentCommand,
  fit: async () => (await import('./commands/fit.ts')).fitCommand,
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
  sql: async () => (await import('./commands/sql.ts')).sqlCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest.length > 0) return helpFor(rest[0]!);
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(HELP + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(pkg.version + '\n');
    return 0;
  }
  const load = commands[name];
  if (!load) return unknownCommand(name);
  try {
    return await (await load())(rest);
  } catch (error) {
    return report(error);
  }
}

function helpFor(name: string): number {
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) return unknownCommand(name);
  process.stdout.write(commandHelp(spec) + '\n');
  return 0;
}

function unknownCommand(name: string): number {
  const guess = closestMatch(name, Object.keys(commands));
  const hint = guess ? `did you mean ${guess}?` : `the commands are ${Object.keys(commands).join(', ')} (see 'cvlens --help').`;
  process.stderr.write(`cvlens: unknown command '${name}': ${hint}\n`);
  return 2;
}

/** Prints one sentence for a known failure; a stack trace only for real bugs. */
function report(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`cvlens: ${error.message}\n`);
    return 2;
  }
  if (error instanceof CvError) {
    // The reason alone: the name of the core function that failed means nothing to a user.
    process.stderr.write(`cvlens: ${error.reason}\n`);
    return 1;
  }
  process.stderr.write(`cvlens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 70;
}
