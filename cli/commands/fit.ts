/**
 * `cvlens fit FILE --model bgnbd|mbgnbd|pnbd|gg`: fits one probabilistic model and
 * prints its parameters, log-likelihood, customer count, fit time and notes
 * (boundary optima). With --calibration-end the model is fitted on the
 * calibration period and its predictions are compared with the purchases
 * made after it. --penalizer adds lifetimes' L2 penalty; --max-evaluations
 * bounds the search (default 5,000 likelihood evaluations), --max-seconds
 * also by time (default none).
 */
import {
  compareCalibration,
  createCalibrationSplit,
  createSummaryBuilder,
  fitBgNbd,
  fitMbgNbd,
  fitGammaGamma,
  fitParetoNbd,
  formatMessage,
  modelInputs,
  unitWord,
  type CustomerSummary,
  type FitControl,
  type FitResult,
  type HoldoutComparison,
  type Lang,
  type PurchaseModelFit,
  type TimeUnit,
} from '../../core/index.ts';
import { FIT } from '../command-spec.ts';
import { asOfWarning } from '../counts.ts';
import { commandHelp } from '../help.ts';
import { parseCommandLine } from '../parse-command-line.ts';
import { cliText } from '../cli-text.ts';
import { langOfArgs, parseDay, parseLang, parseNumber, parseUnit } from '../options.ts';
import { parseHeaderRow, readInputFile, readTransactionsFrom } from '../read-input.ts';
import { formatTable } from '../text-table.ts';
import { UsageError } from '../usage-error.ts';
import { groupedCount } from '../grouped-number.ts';

const MODELS = { bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD', pnbd: 'Pareto/NBD', gg: 'Gamma-Gamma' } as const;
type ModelKey = keyof typeof MODELS;

export async function fitCommand(args: string[]): Promise<number> {
  const { values, flags, positionals, help } = parseCommandLine(FIT, args);
  if (help) {
    process.stdout.write(commandHelp(FIT, langOfArgs(args)) + '\n');
    return 0;
  }
  const json = flags.has('json');
  const lang = parseLang(values.lang);
  const zh = lang === 'zh';
  const t = cliText(lang);
  if (positionals.length !== 1) throw new UsageError('fit takes one FILE of transactions.', 'fit 只接受一个交易文件 FILE。');
  const model = values.model;
  if (model === undefined || !(model in MODELS)) {
    throw new UsageError(
      `--model must be one of bgnbd, mbgnbd, pnbd, gg${model === undefined ? '' : `, not '${model}'`}.`,
      `--model 必须是 bgnbd、mbgnbd、pnbd、gg 之一${model === undefined ? '' : `，不能是“${model}”`}。`,
    );
  }
  const key = model as ModelKey;
  const unit = parseUnit(values.period);
  const asOf = parseDay(values['as-of'], '--as-of');
  const calibrationEnd = parseDay(values['calibration-end'], '--calibration-end');
  const control: FitControl = {
    penalizer: parseNumber(values.penalizer, '--penalizer', (n) => (n < 0 ? 'must be a number ≥ 0' : undefined)),
    maxEvaluations: parseNumber(values['max-evaluations'], '--max-evaluations', (n) => (n < 1 || !Number.isInteger(n) ? 'must be a whole number ≥ 1' : undefined)),
    maxSeconds: parseNumber(values['max-seconds'], '--max-seconds', (n) => (n <= 0 ? 'must be a positive number of seconds' : undefined)),
  };

  const bytes = readInputFile(positionals[0]);
  // With a calibration end, a purchase model is fitted on the split's calibration summaries (and
  // checked on its holdout); otherwise, and for Gamma-Gamma, on plain summaries up to that date.
  const split = calibrationEnd !== undefined && key !== 'gg' ? createCalibrationSplit({ calibrationEnd, asOf, unit }) : undefined;
  const builder = split ? undefined : createSummaryBuilder({ unit, asOf: calibrationEnd ?? asOf });
  const sink = (split ?? builder)!;
  let lastDay: number | undefined;
  const headerRow = parseHeaderRow(values['header-row']);
  const { read } = await readTransactionsFrom(bytes, positionals[0]!, {
    headerRow,
    onTransaction: (t) => {
      if (lastDay === undefined || t.day > lastDay) lastDay = t.day;
      sink.add(t);
    },
  }, values.sheet);
  const farPast = asOfWarning(asOf, lastDay, lang);
  if (farPast) process.stderr.write(`${t.warning}${farPast}\n`);
  if (read.rejected.length > 0) {
    const n = read.rejected.length;
    process.stderr.write(zh ? `有 ${n} 行无法使用（运行 cvlens segment 可列出它们）。\n` : `${n} rows could not be used (run 'cvlens segment' to list them).\n`);
  }
  if (read.rowsAccepted === 0) {
    process.stderr.write(`cvlens: ${t.noUsableRows(positionals[0]!, read.rejected.length)}\n`);
    return 1;
  }
  const calibration = split?.finish();
  const summaries = calibration ? calibration.calibration : builder!.finish();
  const fit = fitModel(key, summaries, unit, control, lang);
  const holdout: HoldoutComparison | undefined = calibration && compareCalibration(fit as PurchaseModelFit, calibration);

  if (json) {
    const json: Record<string, unknown> = {
      model: key,
      params: fit.params,
      logLikelihood: fit.logLikelihood,
      customers: fit.customers,
      seconds: fit.seconds,
      iterations: fit.iterations,
      converged: fit.converged,
      notes: fit.notes ?? [],
      period: unit,
    };
    if (holdout) json.holdout = holdout;
    process.stdout.write(JSON.stringify(json) + '\n');
    return 0;
  }
  const customers = groupedCount(fit.customers);
  const ms = (fit.seconds * 1000).toFixed(1);
  const notes = fit.noteMessages?.map((m) => formatMessage(m, lang)) ?? fit.notes ?? [];
  const lines = [
    zh
      ? `${MODELS[key]} 拟合了 ${customers} 位${key === 'gg' ? '有重复购买的' : ''}客户（时间单位：${unitWord(unit, 'zh')}），用时 ${ms} 毫秒${fit.converged ? '' : '（未完全收敛）'}：`
      : `${MODELS[key]} fitted on ${customers} ${key === 'gg' ? 'repeat ' : ''}customers (time in ${unit}s) in ${ms} ms${fit.converged ? '' : ' (did not fully converge)'}:`,
    ...Object.entries(fit.params).map(([k, v]) => `  ${k.padEnd(6)} ${v.toPrecision(6)}`),
    zh ? `  对数似然 ${fit.logLikelihood.toFixed(2)}` : `  log-likelihood ${fit.logLikelihood.toFixed(2)}`,
    ...notes.map((n) => (zh ? `  说明：${n}` : `  note: ${n}`)),
  ];
  if (holdout) {
    lines.push(
      '',
      zh
        ? `检验期（校准期结束后 ${holdout.length.toFixed(1)} ${unitWord(unit, 'zh')}）：实际购买 ${holdout.actualTotal} 次，预测 ${holdout.predictedTotal.toFixed(1)} 次`
        : `Holdout (${holdout.length.toFixed(1)} ${unit}s after the calibration end): ${holdout.actualTotal} purchases, predicted ${holdout.predictedTotal.toFixed(1)}`,
      formatTable(
        zh ? ['校准期重复购买次数', '客户数', '实际', '预测'] : ['calibration repeat purchases', 'customers', 'actual', 'predicted'],
        holdout.byFrequency.map((r) => [r.group, String(r.customers), r.actual.toFixed(3), r.predicted.toFixed(3)]),
        ['left', 'right', 'right', 'right'],
      ),
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

function fitModel(key: ModelKey, s: readonly CustomerSummary[], unit: TimeUnit, control: FitControl, lang: Lang): FitResult {
  if (key === 'gg') {
    const repeat = s.filter((c) => c.frequency > 0 && c.monetary > 0);
    const fit = fitGammaGamma({ x: repeat.map((c) => c.frequency), zbar: repeat.map((c) => c.monetary) }, control);
    for (const m of fit.warningMessages) process.stderr.write(`${cliText(lang).warning}${formatMessage(m, lang)}\n`);
    return fit;
  }
  const inputs = modelInputs(s, unit);
  const data = { x: inputs.map((c) => c.x), t_x: inputs.map((c) => c.t_x), T: inputs.map((c) => c.T) };
  return key === 'pnbd' ? fitParetoNbd(data, control) : key === 'mbgnbd' ? fitMbgNbd(data, control) : fitBgNbd(data, control);
}
