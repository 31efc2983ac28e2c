/**
 * `cvlens` entry point: dispatches to a command and turns every failure into
 * one readable sentence on stderr and an exit code (0 ok, 1 nothing usable
 * or a failed computation, 2 a usage error).
 */
import { DEFAULT_SETTINGS, type Lang } from '../core/index.ts';
import { langOfArgs } from './locale-lang.ts';

// `cvlens --help` loads only what it prints (the defaults it quotes and the
// locale's language); the command specs, the option parsers and the error
// reporting load when a command, its help or a failure needs them.

export const HELP = `cvlens: customer value scoring from transaction files

Usage:
  cvlens segment FILE [--out segments.xlsx] [--json] [--period day|week|month]
                 [--as-of DATE] [--margin RATE] [--value revenue|profit] [--score FIELD:WEIGHT,…]
                 [--tiers contribution|pareto|quantile|threshold]
                 [--cuts 4,2,1] [--lang en|zh] [--model auto|bgnbd|mbgnbd|pnbd|none]
                 [--horizon DAYS] [--churn-horizon DAYS] [--discount RATE] [--penalizer C]
                 [--calibration-end DATE]
                 [--date-order auto|dmy|mdy|ymd] [--encoding auto|utf-8|gb18030]
                 [--columns customerId=HEADER,date=HEADER,amount=HEADER,…] [--decimal auto|.|,]
                 [--sheet NAME] [--header-row N]
  cvlens fit FILE --model bgnbd|mbgnbd|pnbd|gg [--period week] [--calibration-end DATE]
                 [--as-of DATE] [--penalizer C] [--max-evaluations N] [--json]
  cvlens demo [--out demo/transactions.csv] [--customers N] [--seed N]
  cvlens sql --dialect duckdb|postgres|spark|bigquery --table TABLE --id COLUMN
                 --date COLUMN --amount COLUMN [--cost COLUMN] [--as-of DATE] [--period week]
  cvlens help [COMMAND] | COMMAND --help | --version

'cvlens help segment' (or fit, demo, sql) lists every option with its unit,
default and examples. The extension of --out sets what segment writes: .xlsx
a workbook, .csv or .json the per-customer table.

FILE is a CSV (comma, semicolon, tab or whitespace separated; UTF-8 or GBK)
or an .xlsx workbook (its first visible sheet, or --sheet NAME) with a
customer id, a date and an amount column, detected from English, Chinese or
German headers (客户编号, 会员卡号, 消费日期, 实收金额, Email, Close Date,
Kundennummer …), or a Parquet file. Title and note rows above the header are
skipped (or give the header's line with --header-row N). --engine duckdb
summarises a CSV too large for memory in embedded DuckDB. A table of customer
summaries written by the query 'cvlens sql' prints (CSV or Parquet) is
scored as it is.

Churn risk is the chance of no purchase in the next --churn-horizon days
(default ${DEFAULT_SETTINGS.churnHorizonDays}); CLV covers the next --horizon days (default ${DEFAULT_SETTINGS.horizonDays}). Both take
days, or a number with d, w, m or y (13w, 3m, 1y). --model auto (the default)
picks the model that best predicted the file's own last third, and says why.

Output is in the language of the locale (LC_ALL, LC_MESSAGES, LANG); --lang en
or --lang zh chooses.`;

export const HELP_ZH = `cvlens：根据交易文件为客户价值评分

用法：
  cvlens segment FILE [--out segments.xlsx] [--json] [--period day|week|month]
                 [--as-of DATE] [--margin RATE] [--value revenue|profit] [--score 指标:权重,…]
                 [--tiers contribution|pareto|quantile|threshold]
                 [--cuts 4,2,1] [--lang en|zh] [--model auto|bgnbd|mbgnbd|pnbd|none]
                 [--horizon DAYS] [--churn-horizon DAYS] [--discount RATE] [--penalizer C]
                 [--calibration-end DATE]
                 [--date-order auto|dmy|mdy|ymd] [--encoding auto|utf-8|gb18030]
                 [--columns customerId=表头,date=表头,amount=表头,…] [--decimal auto|.|,]
  cvlens fit FILE --model bgnbd|mbgnbd|pnbd|gg [--period week] [--calibration-end DATE]
                 [--as-of DATE] [--penalizer C] [--max-evaluations N] [--json]
  cvlens demo [--out demo/transactions.csv] [--customers N] [--seed N]
  cvlens help [COMMAND] | COMMAND --help | --version

“cvlens help segment”（或 fit、demo）列出每个选项的单位、默认值和示例。
segment 按 --out 的扩展名决定写什么：.xlsx 为工作簿，.csv 或 .json 为每位客户一行的表。

FILE 是 CSV（逗号、分号、制表符或空白分隔；UTF-8 或 GBK）或 .xlsx 工作簿（第一个可见工作表，
或 --sheet 指定），含客户编号、日期和金额列，可从中、英、德文表头识别（客户编号、会员卡号、
消费日期、实收金额、Email、Close Date、Kundennummer …）。表头上方的标题和说明行会被跳过
（也可用 --header-row N 指定表头所在行）。

流失风险 = 未来 --churn-horizon 天内没有购买的概率（默认 ${DEFAULT_SETTINGS.churnHorizonDays} 天）；客户终身价值覆盖未来
--horizon 天（默认 ${DEFAULT_SETTINGS.horizonDays} 天）。两者都可写天数，或带 d、w、m、y 的数（13w、3m、1y）。
--model auto（默认）选出对文件自身最后三分之一预测最好的模型，并说明原因。

输出语言取自区域设置（LC_ALL、LC_MESSAGES、LANG）；--lang en 或 --lang zh 可指定。`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  segment: async () => (await import('./commands/segment.ts')).segmentCommand,
  fit: async () => (await import('./commands/fit.ts')).fitCommand,
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
  sql: async () => (await import('./commands/sql.ts')).sqlCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest.length > 0 && !rest[0]!.startsWith('-')) return await helpFor(rest[0]!, rest.slice(1));
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write((langOfArgs(rest) === 'zh' ? HELP_ZH : HELP) + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write((await version()) + '\n');
    return 0;
  }
  const load = commands[name];
  if (!load) return await unknownCommand(name);
  try {
    return await (await load())(rest);
  } catch (error) {
    return await report(error, langOfArgs(rest));
  }
}

/** Set by the build (cli/build.ts) in the compiled command; from the sources, package.json is read. */
declare const CVLENS_VERSION: string | undefined;

async function version(): Promise<string> {
  if (typeof CVLENS_VERSION === 'string') return CVLENS_VERSION;
  const { readFileSync } = await import('node:fs');
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

async function helpFor(name: string, rest: readonly string[]): Promise<number> {
  const [{ COMMANDS }, { commandHelp }] = await Promise.all([import('./command-spec.ts'), import('./help.ts')]);
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) return await unknownCommand(name);
  process.stdout.write(commandHelp(spec, langOfArgs(rest)) + '\n');
  return 0;
}

async function unknownCommand(name: string): Promise<number> {
  const { closestMatch } = await import('./edit-distance.ts');
  const guess = closestMatch(name, Object.keys(commands));
  const hint = guess ? `did you mean ${guess}?` : `the commands are ${Object.keys(commands).join(', ')} (see 'cvlens --help').`;
  process.stderr.write(`cvlens: unknown command '${name}': ${hint}\n`);
  return 2;
}

/** Prints one sentence for a known failure; a stack trace only for real bugs. */
async function report(error: unknown, lang: Lang): Promise<number> {
  const [{ CvError, formatMessage }, { UsageError }] = await Promise.all([import('./core-errors.ts'), import('./usage-error.ts')]);
  if (error instanceof UsageError) {
    process.stderr.write(`cvlens: ${lang === 'zh' && error.zh !== undefined ? error.zh : error.message}\n`);
    return 2;
  }
  if (error instanceof CvError) {
    // The reason alone (the name of the core function that failed means nothing to a user), in the user's language where core words it as a message.
    process.stderr.write(`cvlens: ${error.problem !== undefined ? formatMessage(error.problem, lang) : error.reason}\n`);
    return 1;
  }
  process.stderr.write(`cvlens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 70;
}
