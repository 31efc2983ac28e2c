/**
 * `cvlens sql --dialect …`: prints the per-customer summary query for a
 * warehouse (core's summarySql), so the heavy GROUP BY runs where the data
 * live and `cvlens segment` fits and scores from its output.
 */
import { SQL_DIALECTS, summarySql, type SqlDialect, type SummarySqlColumns } from '../../core/index.ts';
import { SQL } from '../command-spec.ts';
import { commandHelp } from '../help.ts';
import { parseDay, parseRate, parseUnit } from '../options.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { UsageError } from '../usage-error.ts';

export async function sqlCommand(args: string[]): Promise<number> {
  const { values, flags, positionals, help } = parseCommandLine(SQL, args);
  if (help) {
    process.stdout.write(commandHelp(SQL) + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`sql takes no FILE (the data are in the warehouse), got: ${positionals.join(', ')}.`);
  const dialect = values.dialect;
  if (dialect === undefined) throw new UsageError(`--dialect is required: one of ${SQL_DIALECTS.join(', ')}.`);
  if (!(SQL_DIALECTS as readonly string[]).includes(dialect)) throw new UsageError(`--dialect must be one of ${SQL_DIALECTS.join(', ')}, not '${dialect}'.`);
  const required = (name: 'table' | 'id' | 'date' | 'amount'): string => {
    const v = values[name]?.trim();
    if (!v) throw new UsageError(`--${name} is required (${SQL.options.find((o) => o.name === name)!.help.replace(/, required$/, '')}).`);
    return v;
  };
  const optional = (name: string): string | undefined => values[name]?.trim() || undefined;
  const table = required('table');
  const columns: SummarySqlColumns = {
    customerId: required('id'),
    date: required('date'),
    amount: required('amount'),
    cost: optional('cost'),
    quantity: optional('quantity'),
    email: optional('email'),
    company: optional('company'),
    name: optional('name'),
    line: optional('line'),
  };
  const sql = summarySql({
    dialect: dialect as SqlDialect,
    table,
    columns,
    unit: parseUnit(values.period),
    asOf: parseDay(values['as-of'], '--as-of'),
    marginRate: parseRate(values.margin, '--margin'),
    output: flags.has('check') ? 'check' : 'summary',
  });
  process.stdout.write(`${sql};\n`);
  return 0;
}
