/**
 * CV.BGNBD, CV.PALIVE, CV.EXPPURCHASES and CV.PCLV: the BG/NBD "buy till you die"
 * model as cell formulas. Thin wrappers over core/models; fits are cached by
 * input (model-arg.ts).
 */
import { bgNbdConditionalExpected, bgNbdProbabilityAlive, daysPerUnit, modelClv } from '../../core/index.ts';
import { broadcast, choiceArg, isBlank, numberArg } from './cells.ts';
import { guardAsync } from './excel-error.ts';
import { langArg } from './labels.ts';
import { customerArgs, fitFromRanges, modelParams } from './model-arg.ts';

const FIT_LABELS = {
  en: { ll: 'log-likelihood', customers: 'customers', converged: 'converged' },
  zh: { ll: '对数似然', customers: '客户数', converged: '已收敛' },
};

/**
 * Fits the BG/NBD model (Fader, Hardie and Lee 2005) by maximum likelihood to every customer's repeat purchases x, recency t_x and age T, and spills the parameters with labels: r, alpha, a, b, log-likelihood, customers, converged. Pass the spill as the model of CV.PALIVE, CV.EXPPURCHASES and CV.PCLV. Rows with a blank or text cell are skipped; at least 10 customers, 5 of them with repeat purchases.
 * @customfunction BGNBD
 * @helpurl https://localhost:3000/help.html#bgnbd
 * @param x Repeat purchases of each customer (purchase days - 1), one customer per row.
 * @param t_x Time from each customer's first to last purchase (weeks, days…).
 * @param T Time from each customer's first purchase to the end of the period, in the same unit.
 * @param [lang] Language of the labels: omitted for the stable codes (r, alpha, a, b, log-likelihood, customers, converged, the same for every reader); "zh" for Chinese labels of the last three.
 * @returns Seven rows of label and value.
 */
export async function bgnbd(x: unknown[][], t_x: unknown[][], T: unknown[][], lang?: unknown): Promise<unknown[][]> {
  return guardAsync('CV.BGNBD', async () => {
    const language = langArg('CV.BGNBD', lang ?? null);
    const fit = await fitFromRanges('CV.BGNBD', x, t_x, T);
    const l = FIT_LABELS[language];
    return [
      ['r', fit.params.r],
      ['alpha', fit.params.alpha],
      ['a', fit.params.a],
      ['b', fit.params.b],
      [l.ll, fit.logLikelihood],
      [l.customers, fit.customers],
      [l.converged, fit.converged],
    ];
  });
}

/**
 * Probability that a customer is still active ("alive") under the BG/NBD model, from the customer's repeat purchases x, recency t_x and age T. Ranges spill. churn risk = 1 - P(alive).
 * @customfunction PALIVE
 * @helpurl https://localhost:3000/help.html#palive
 * @param x Repeat purchases of the customer (or a range of customers).
 * @param t_x Time from the customer's first to last purchase.
 * @param T Time from the customer's first purchase to the as-of date.
 * @param model The output of CV.BGNBD, four numbers r, alpha, a, b, or three columns x, t_x, T of all customers to fit from (fitted once and cached).
 * @returns P(alive) between 0 and 1.
 */
export async function palive(x: unknown, t_x: unknown, T: unknown, model: unknown[][]): Promise<unknown[][]> {
  const FN = 'CV.PALIVE';
  return guardAsync(FN, async () => {
    const params = await modelParams(FN, model);
    return broadcast(FN, { x, t_x, T }, (c) =>
      isBlank(c.x) && isBlank(c.T)
        ? ''
        : bgNbdProbabilityAlive(params, ...customerArgs(FN, c.x, c.t_x, c.T)),
    );
  });
}

/**
 * Expected number of purchases of a customer in the next t periods under the BG/NBD model, given the customer's history (x, t_x, T). Ranges spill.
 * @customfunction EXPPURCHASES
 * @helpurl https://localhost:3000/help.html#exppurchases
 * @param t Length of the future period, in the unit of t_x and T.
 * @param x Repeat purchases of the customer (or a range of customers).
 * @param t_x Time from the customer's first to last purchase.
 * @param T Time from the customer's first purchase to the as-of date.
 * @param model The output of CV.BGNBD, four numbers r, alpha, a, b, or three columns x, t_x, T of all customers to fit from.
 * @returns The expected number of purchases.
 */
export async function exppurchases(t: unknown, x: unknown, t_x: unknown, T: unknown, model: unknown[][]): Promise<unknown[][]> {
  const FN = 'CV.EXPPURCHASES';
  return guardAsync(FN, async () => {
    const params = await modelParams(FN, model);
    return broadcast(FN, { t, x, t_x, T }, (c) =>
      isBlank(c.x) && isBlank(c.T)
        ? ''
        : bgNbdConditionalExpected(params, numberArg(FN, 't', c.t, { min: 0 }), ...customerArgs(FN, c.x, c.t_x, c.T)),
    );
  });
}

/**
 * Model-based lifetime value: BG/NBD expected purchases over the horizon × spend per purchase × margin, discounted monthly at an annual rate. Ranges spill.
 * @customfunction PCLV
 * @helpurl https://localhost:3000/help.html#pclv
 * @param x Repeat purchases of the customer (or a range of customers).
 * @param t_x Time from the customer's first to last purchase, in the model's unit.
 * @param T Time from the customer's first purchase to the as-of date, in the model's unit.
 * @param spend Expected spend per purchase (e.g. the customer's average, or a Gamma-Gamma estimate).
 * @param model The output of CV.BGNBD, four numbers r, alpha, a, b, or three columns x, t_x, T of all customers to fit from.
 * @param [horizon_days] Horizon in days; default 365.
 * @param [margin] Share of spend that is profit, 0 to 1; default 1 (value in revenue).
 * @param [annual_discount] Discount rate per year; default 0.1.
 * @param [unit] Unit of t_x and T: "week" (default), "day" or "month".
 * @returns The discounted expected profit over the horizon.
 */
export async function pclv(
  x: unknown,
  t_x: unknown,
  T: unknown,
  spend: unknown,
  model: unknown[][],
  horizon_days?: unknown,
  margin?: unknown,
  annual_discount?: unknown,
  unit?: unknown,
): Promise<unknown[][]> {
  const FN = 'CV.PCLV';
  return guardAsync(FN, async () => {
    const params = await modelParams(FN, model);
    const options = {
      periodDays: daysPerUnit(choiceArg(FN, 'unit', unit ?? null, ['week', 'day', 'month'] as const, 'week')),
      horizonDays: numberArg(FN, 'horizon_days', horizon_days ?? null, { default: 365, min: 0 }),
      marginRate: numberArg(FN, 'margin', margin ?? null, { default: 1, min: 0, max: 1 }),
      annualDiscountRate: numberArg(FN, 'annual_discount', annual_discount ?? null, { default: 0.1, min: 0 }),
    };
    return broadcast(FN, { x, t_x, T, spend }, (c) => {
      if (isBlank(c.x) && isBlank(c.T)) return '';
      const [cx, ct, cT] = customerArgs(FN, c.x, c.t_x, c.T);
      const s = numberArg(FN, 'spend', c.spend, { min: 0 });
      return modelClv((t) => bgNbdConditionalExpected(params, t, cx, ct, cT), s, options);
    });
  });
}
