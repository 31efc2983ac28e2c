/**
 * Shared option parsing for the commands: one place that turns option text
 * into typed values with sentences the user can act on.
 */
import { ALL_ROLES, CvError, DEFAULT_SETTINGS, formatMessage, parseCutPoints, parseDate, parseDuration, tierRuleOf, tierRuleParams, type ColumnRole, type DayNumber, type Lang, type Message, type TierRule, type TimeUnit } from '../core/index.ts';
import { localeLang } from './locale-lang.ts';
import { UsageError } from './usage-error.ts';

// In a module of their own so that `cvlens --help` can choose its language without loading the option parsers.
export { langOfArgs, localeLang } from './locale-lang.ts';

export function parseUnit(text: string | undefined, fallback: TimeUnit = 'week'): TimeUnit {
  if (text === undefined) return fallback;
  if (text === 'day' || text === 'week' || text === 'month') return text;
  throw new UsageError(`--period must be day, week or month, not '${text}'.`, `--period 必须是 day、week 或 month，不能是“${text}”。`);
}

/**
 * `--lang en|zh`; without it, the language of the user's locale: the first
 * of LC_ALL, LC_MESSAGES and LANG that is set (POSIX's order for messages),
 * else the runtime's own locale (Intl). Chinese for any zh locale (zh_CN,
 * zh_TW.UTF-8, zh-Hans), English otherwise.
 */
export function parseLang(text: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (text === undefined) return localeLang(env);
  if (text === 'en' || text === 'zh') return text;
  throw new UsageError(`--lang must be en or zh, not '${text}'.`, `--lang 必须是 en 或 zh，不能是“${text}”。`);
}

export function parseDay(text: string | undefined, option: string): DayNumber | undefined {
  if (text === undefined) return undefined;
  try {
    return parseDate(text, 'ymd');
  } catch (error) {
    if (error instanceof CvError) throw new UsageError(`${option} '${text}' is not a date: write it as YYYY-MM-DD.`, `${option}“${text}”不是日期：请写成 YYYY-MM-DD。`);
    throw error;
  }
}

export function parseNumber(
  text: string | undefined,
  option: string,
  check?: (n: number) => string | undefined,
  checkZh?: (n: number) => string | undefined,
): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.trim().replace(/%$/, ''));
  const value = text.trim().endsWith('%') ? n / 100 : n;
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${option} must be a number, not '${text}'.`, `${option} 必须是数字，不能是“${text}”。`);
  const problem = check?.(value);
  const problemZh = checkZh?.(value);
  if (problem) throw new UsageError(`${option} ${problem}, not '${text}'.`, problemZh ? `${option} ${problemZh}，不能是“${text}”。` : undefined);
  return value;
}

export function parseRate(text: string | undefined, option: string): number | undefined {
  return parseNumber(
    text,
    option,
    (n) => (n < 0 || n > 1 ? 'must be a rate between 0 and 1 (or a percentage)' : undefined),
    (n) => (n < 0 || n > 1 ? '必须是 0 到 1 之间的比率（或百分数）' : undefined),
  );
}

const TIER_METHODS = ['contribution', 'pareto', 'quantile', 'threshold'] as const;
type CliTierMethod = (typeof TIER_METHODS)[number];

/** What the three cut points of each method mean, in the user's words; examples are the core's defaults. */
const CUTS_MEANING: Record<CliTierMethod, { meaning: string; descending: boolean; fractions: boolean }> = {
  contribution: { meaning: 'multiples of the average value for VIP, Major and Ordinary, largest first', descending: true, fractions: false },
  pareto: { meaning: 'shares of the total value held by VIP, by VIP and Major, and by the top three tiers, smallest first, each above 0 and at most 1', descending: false, fractions: true },
  quantile: { meaning: 'fractions of customers in VIP, in VIP and Major, and in the top three tiers, smallest first, each above 0 and at most 1', descending: false, fractions: true },
  threshold: { meaning: 'minimum values for VIP, Major and Ordinary, largest first', descending: true, fractions: false },
};

function cutsExample(m: CliTierMethod): string {
  return m === 'threshold' ? '100000,50000,25000' : tierRuleParams(tierRuleOf(m)).join(',');
}

/** `--tiers` and `--cuts` → a core TierRule; `threshold` is the core's `fixed`. */
export function parseTierRule(method: string | undefined, cuts: string | undefined): TierRule {
  const m = (method ?? (DEFAULT_SETTINGS.tierRule.method === 'fixed' ? 'threshold' : DEFAULT_SETTINGS.tierRule.method)) as CliTierMethod;
  if (!(TIER_METHODS as readonly string[]).includes(m)) {
    throw new UsageError(`--tiers must be one of ${TIER_METHODS.join(', ')}, not '${m}'.`, `--tiers 必须是 ${TIER_METHODS.join('、')} 之一，不能是“${m}”。`);
  }
  const { meaning, descending, fractions } = CUTS_MEANING[m];
  const explain = `--tiers ${m} takes --cuts as three ${meaning} (e.g. --cuts ${cutsExample(m)})`;
  let three: readonly [number, number, number] | undefined;
  if (cuts !== undefined) {
    try {
      three = parseCutPoints(cuts);
    } catch {
      throw new UsageError(`--cuts '${cuts}' is not three numbers: ${explain}.`);
    }
    const [a, b, c] = three;
    const ordered = descending ? a >= b && b >= c : a <= b && b <= c;
    const inRange = fractions ? a > 0 && c <= 1 : three.every((x) => x >= 0);
    if (!ordered || !inRange) throw new UsageError(`--cuts '${cuts}' does not fit: ${explain}.`);
  }
  if (m === 'threshold' && !three) throw new UsageError(`${explain}; it has no default.`);
  const rule = tierRuleOf(m === 'threshold' ? 'fixed' : m, three);
  try {
    tierRuleParams(rule);
  } catch (error) {
    if (error instanceof CvError) throw new UsageError(`--cuts '${cuts ?? ''}' does not fit: ${explain}.`);
    throw error;
  }
  return rule;
}

/** `--horizon 365`, `--churn-horizon 13w`: days, or a number with d, w, m or y. */
export function parseHorizon(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (/^\s*-/.test(text)) throw new UsageError(`${option} must be more than 0 days, not '${text}'.`, `${option} 必须大于 0 天，不能是“${text}”。`);
  let days: number;
  try {
    days = parseDuration(text, option);
  } catch {
    throw new UsageError(
      `${option} must be a number of days, or a number with d, w, m or y (e.g. 90, 13w, 3m, 1y), not '${text}'.`,
      `${option} 必须是天数，或带 d、w、m、y 的数（如 90、13w、3m、1y），不能是“${text}”。`,
    );
  }
  if (!(days > 0)) throw new UsageError(`${option} must be more than 0 days, not '${text}'.`, `${option} 必须大于 0 天，不能是“${text}”。`);
  return days;
}

/**
 * `--columns customerId=客户编号,date=3,amount=total`: which column holds
 * each role, by header or by 1-based position (as a spreadsheet user counts).
 */
export function parseColumns(text: string | undefined): Partial<Record<ColumnRole, string | number>> | undefined {
  if (text === undefined) return undefined;
  const mapping: Partial<Record<ColumnRole, string | number>> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const role = part.slice(0, eq).trim() as ColumnRole;
    const column = part.slice(eq + 1).trim();
    if (eq < 0 || !ALL_ROLES.includes(role) || column === '') {
      throw new UsageError(`--columns takes role=column pairs with roles ${ALL_ROLES.join(', ')}; '${part}' is not one.`);
    }
    if (/^-?\d+$/.test(column) && Number(column) < 1) {
      throw new UsageError(`--columns ${role}=${column}: columns are counted from 1 (the first column is 1).`, `--columns ${role}=${column}：列从 1 开始数（第一列是 1）。`);
    }
    mapping[role] = /^\d+$/.test(column) ? Number(column) - 1 : column;
  }
  return mapping;
}

/**
 * The reader speaks of its `mapping` option and 0-based column indexes; on
 * the command line those are --columns and columns counted from 1.
 */
export function explainMissingColumn(error: unknown): unknown {
  if (!(error instanceof CvError) || error.problem === undefined) return error;
  const { code, params = {} } = error.problem;
  const role = params.role as Message;
  const en = (m: Message) => formatMessage(m, 'en');
  const zh = (m: Message) => formatMessage(m, 'zh');
  switch (code) {
    case 'read.columnIndexMissing': {
      const count = params.n as number;
      const column = Number(params.choice) + 1;
      return new UsageError(
        `--columns names column ${column} for the ${en(role)}, but the file has ${count === 1 ? 'only 1 column' : `${count} columns (1 to ${count})`}.`,
        `--columns 为${zh(role)}指定了第 ${column} 列，但文件${count === 1 ? '只有 1 列' : `共 ${count} 列（1 到 ${count}）`}。`,
      );
    }
    case 'read.columnNotAmongHeaders':
      return new UsageError(
        `--columns names '${String(params.name)}' for the ${en(role)}, but no column has that header; the headers are ${String(params.headers)}.`,
        `--columns 为${zh(role)}指定了“${String(params.name)}”，但没有这个表头的列；表头为 ${String(params.headers)}。`,
      );
    case 'read.columnNotFound':
    case 'read.columnNotFoundNoHeader': {
      // The option's role name: role.customerId → customerId.
      const hint = role.code.slice('role.'.length);
      return new UsageError(
        en(error.problem).replace(/; name it in the mapping option\.$/, `; name it with --columns, e.g. --columns ${hint}=<header>.`),
        zh(error.problem).replace(/；请在列映射中指定。$/, `；请用 --columns 指定，例如 --columns ${hint}=<表头>。`),
      );
    }
    default:
      return error;
  }
}
