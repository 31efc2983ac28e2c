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
                 [--sheet NAME] [--header-row N]
  cvlens fit FILE --model bgnbd|mbgnbd|pnbd|gg [--period week] [--calibration-end DATE]
                 [--as-of DATE] [--penalizer C] [--max-seconds S] [--json]
  cvlens demo [--out demo/transactions.csv] [--customers N] [--seed N]
  cvlens help [COMMAND] | COMMAND --help | --version

'cvlens help segment' (or fit, demo) lists every option with its unit,
default and examples. The extension of --out sets what segment writes: .xlsx
a workbook, .csv or .json the per-customer table.

FILE is a CSV (comma, semicolon, tab or whitespace separated; UTF-8 or GBK)
or an .xlsx workbook (its first visible sheet, or --sheet NAME) with a
customer id, a date and an amount column, detected from English, Chinese or
German headers (客户编号, 会员卡号, 消费日期, 实收金额, Email, Close Date,
Kundennummer …). Title and note rows above the header are skipped (or give
the header's line with --header-row N).

Churn risk is the chance of no purchase in the next --churn-horizon days
(default ${DEFAULT_SETTINGS.churnHorizonDays}); CLV covers the next --horizon days (default ${DEFAULT_SETTINGS.horizonDays}). Both take
days, or a number with d, w, m or y (13w, 3m, 1y). --model auto (the default)
picks the model that best predicted the file's own last third, and says why.`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  segment: async () => (await import('./commands/segment.ts')).segmentCommand,
  fit: async () => (await import('./commands/fit.ts')).fitCommand,
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest.length > 0) return helpFor(rest[0]!);
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(HELP + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write((await version()) + '\n');
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

/** Set by the build (cli/build.ts) in the compiled command; from the sources, package.json is read. */
declare const CVLENS_VERSION: string | undefined;

async function version(): Promise<string> {
  if (typeof CVLENS_VERSION === 'string') return CVLENS_VERSION;
  const { readFileSync } = await import('node:fs');
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
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
