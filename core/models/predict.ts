import { CvError } from '../errors.ts';
import type { CustomerPrediction, FitResult } from '../types.ts';
import { checkRow } from './customer-data.ts';
import { customerIds, type CustomerIds } from '../summary/summary-table.ts';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.ts';
import { checkOptions, discountedPurchases, type ClvOptions } from './model-clv.ts';
import { purchaseModel, type PurchaseModelFit } from './purchase-model.ts';

/** One customer to score: the model's inputs plus spend. */
export interface PredictCustomer {
  id: string;
  /** Repeat purchases, recency and age in the purchase model's time unit. */
  x: number;
  t_x: number;
  T: number;
  /** Average value of repeat purchases (Gamma-Gamma's zbar); 0 with no repeats. */
  monetary: number;
  /** Average spend over all purchases; used for spend when there is no spend model and monetary is 0. */
  averageSpend?: number;
}

/** The CLV options plus the churn horizon of P(no purchase). */
export interface PredictOptions extends ClvOptions {
  /** Churn risk = P(no purchase in the next churnHorizonDays days); default 90. */
  churnHorizonDays?: number;
}

/** Default horizon of the churn risk, in days. */
export const DEFAULT_CHURN_HORIZON_DAYS = 90;

/**
 * Score customers with a fitted purchase model (BG/NBD or Pareto/NBD) and,
 * optionally, a Gamma-Gamma spend model:
 * - pAlive: P(alive) at T;
 * - pNoPurchase: P(no purchase in the next options.churnHorizonDays days,
 *   default 90) — the churn risk;
 * - expectedPurchases: expected purchases over the horizon (options.horizonDays);
 * - expectedSpend: Gamma-Gamma conditional mean; without a spend model, the
 *   observed monetary (or averageSpend when monetary is 0). When the spend
 *   model's population mean is infinite (q ≤ 1), customers without repeat
 *   spend fall back to the observed average as well;
 * - clv: marginRate × expectedSpend × discounted expected purchases (see
 *   model-clv.ts for the time-unit convention: x, t_x, T are in model periods
 *   of options.periodDays days).
 * Work is shared between customers with the same (x, t_x, T).
 *
 * Throws CvError('predictCustomers', 'value') for invalid options, a row
 * outside the rules of RepeatData (message names the customer id), a
 * negative or non-finite spend, or a duplicate id.
 *
 * @example
 * predictCustomers(bg, gg, [{ id: 'A', x: 2, t_x: 30.43, T: 38.86, monetary: 22.35 }],
 *   { periodDays: 7, horizonDays: 365, annualDiscountRate: 0.1, marginRate: 0.3 }).get('A');
 */
export function predictCustomers(
  model: PurchaseModelFit,
  spend: FitResult<GammaGammaParams> | undefined,
  customers: readonly PredictCustomer[],
  options: PredictOptions,
): Map<string, CustomerPrediction> {
  const fn = 'predictCustomers';
  const { pm, horizon, churnHorizon } = predictionSetup(fn, model, spend, options);
  // Expected purchases if alive depend on (x, T) only: few distinct pairs even for millions of
  // customers. P(alive) needs t_x too; when it is costly (Pareto/NBD), cache it per (x, T, t_x).
  const ifAlive = new Map<number, Map<number, { expected: number; discounted: number }>>();
  const alive = new Map<number, Map<number, Map<number, { pa: number; np: number }>>>();
  const out = new Map<string, CustomerPrediction>();
  for (const c of customers) {
    try {
      checkRow(fn, -1, c.x, c.t_x, c.T);
    } catch (e) {
      throw new CvError(fn, 'value', `customer ${c.id}: ${(e as CvError).reason}`);
    }
    if (!(Number.isFinite(c.monetary) && c.monetary >= 0)) {
      throw new CvError(fn, 'value', `customer ${c.id}: monetary must be a number ≥ 0, got ${c.monetary}`);
    }
    const { x, T } = c;
    const t_x = x === 0 ? 0 : c.t_x;
    let byT = ifAlive.get(x);
    if (!byT) ifAlive.set(x, (byT = new Map()));
    let e = byT.get(T);
    if (!e) {
      // The last discounting step ends at the horizon, so its cumulative value is `expected`:
      // evaluated once (the same call on the same numbers, so nothing changes but the time).
      const expected = pm.expectedIfAlive(horizon, x, T);
      const at = (t: number): number => (t === horizon ? expected : pm.expectedIfAlive(t, x, T));
      e = { expected, discounted: discountedPurchases(at, options) };
      byT.set(T, e);
    }
    let h: { pa: number; np: number } | undefined;
    if (pm.costlyAlive) {
      let aT = alive.get(x);
      if (!aT) alive.set(x, (aT = new Map()));
      let aR = aT.get(T);
      if (!aR) aT.set(T, (aR = new Map()));
      h = aR.get(t_x);
      if (h === undefined) {
        h = { pa: pm.pAlive(x, t_x, T), np: pm.noPurchase(churnHorizon, x, t_x, T) };
        aR.set(t_x, h);
      }
    } else {
      h = { pa: pm.pAlive(x, t_x, T), np: pm.noPurchase(churnHorizon, x, t_x, T) };
    }
    const pa = h.pa;
    const expectedSpend = spendFor(c, spend?.params);
    const before = out.size;
    out.set(c.id, {
      pAlive: pa,
      pNoPurchase: h.np,
      expectedPurchases: pa * e.expected,
      expectedSpend,
      clv: options.marginRate * expectedSpend * pa * e.discounted,
    });
    // One hash lookup per customer instead of has() + set().
    if (out.size === before) throw new CvError(fn, 'value', `customer id ${c.id} appears twice`);
  }
  return out;
}

/** The options checked, the purchase model's functions, and both horizons in model periods: the same for rows and columns. */
function predictionSetup(fn: string, model: PurchaseModelFit, spend: FitResult<GammaGammaParams> | undefined, options: PredictOptions) {
  checkOptions(fn, options);
  const churnDays = options.churnHorizonDays ?? DEFAULT_CHURN_HORIZON_DAYS;
  if (!(Number.isFinite(churnDays) && churnDays > 0)) {
    throw new CvError(fn, 'value', `churnHorizonDays must be a positive number of days, got ${churnDays}`);
  }
  if (spend !== undefined && spend.model !== 'gg') {
    throw new CvError(fn, 'value', `the spend model must be a Gamma-Gamma fit, got '${spend.model}'`);
  }
  return { pm: purchaseModel(model), horizon: options.horizonDays / options.periodDays, churnHorizon: churnDays / options.periodDays };
}

function spendFor(c: PredictCustomer, gg: GammaGammaParams | undefined): number {
  const observed = c.monetary > 0 ? c.monetary : Math.max(c.averageSpend ?? 0, 0);
  if (!gg) return observed;
  if (c.monetary > 0 && c.x > 0) return gammaGammaExpectedSpend(gg, c.x, c.monetary);
  // No repeat spend observed: the population mean, when it exists.
  return gg.q > 1 ? gammaGammaExpectedSpend(gg, 0, 0) : observed;
}

/** Customers to score as parallel columns (the fields of {@link PredictCustomer}). */
export interface PredictColumnsInput {
  ids: CustomerIds | readonly string[];
  x: ArrayLike<number>;
  t_x: ArrayLike<number>;
  T: ArrayLike<number>;
  monetary: ArrayLike<number>;
  /**
   * The column, or a function that gives it, called only if some customer's
   * spend falls back on it (no spend model, or one without a population
   * mean, and no repeat spend): a summary table makes it when read, and with
   * a spend model it is not read at all.
   */
  averageSpend: ArrayLike<number> | (() => ArrayLike<number>);
}

/**
 * The fields of {@link CustomerPrediction} as columns, index i = the i-th
 * customer given. predictColumns' expectedPurchases and expectedSpend are
 * made on their first read and kept (read each once, before a loop);
 * `made` then gives a customer's value without the column.
 */
export interface PredictionColumns {
  pAlive: Float64Array;
  pNoPurchase: Float64Array;
  readonly expectedPurchases: Float64Array;
  readonly expectedSpend: Float64Array;
  clv: Float64Array;
  made?: MadeOnRead;
}

/** Prediction fields made from what the columns and the inputs hold, when read: the column's value at i, bit for bit. */
export interface MadeOnRead {
  expectedPurchases(i: number): number;
  expectedSpend(i: number): number;
  /** The first customer whose expected purchases or spend is not a finite number (checked as they were made), or −1. */
  firstNonFinite: number;
}

/**
 * {@link predictCustomers} into typed columns: the same numbers by the same
 * calls in the same order, without an object or a map entry per customer
 * (40 bytes a customer). Work is shared between customers with the same
 * (x, T), and, for a costly P(alive), the same (x, t_x, T).
 *
 * @throws CvError('predictCustomers', 'value') as predictCustomers does.
 * @example predictColumns(bg, gg, { ids: ['A'], x: [2], t_x: [30.43], T: [38.86], monetary: [22.35], averageSpend: [20] },
 *   { periodDays: 7, horizonDays: 365, annualDiscountRate: 0.1, marginRate: 0.3 }).clv[0];
 */
export function predictColumns(
  model: PurchaseModelFit,
  spend: FitResult<GammaGammaParams> | undefined,
  customers: PredictColumnsInput,
  options: PredictOptions,
): PredictionColumns {
  const fn = 'predictCustomers';
  const { pm, horizon, churnHorizon } = predictionSetup(fn, model, spend, options);
  const ids = isIdArray(customers.ids) ? customerIds(customers.ids) : customers.ids;
  // The builder's ids are known to ascend: no compare per customer then.
  const knownAscending = ids.ascending === true;
  const n = ids.length;
  const pAlive = new Float64Array(n);
  const pNoPurchase = new Float64Array(n);
  const clv = new Float64Array(n);
  // Ids in strictly ascending order (the summary builder's) are distinct without a set of them: the set
  // is made, from the ids before, only at the first id out of order (checked in the one loop below).
  let seen: Set<string> | undefined;
  const gg = spend?.params;
  const { x: xs, t_x: txs, T: Ts, monetary: ms, averageSpend } = customers;
  let averages: ArrayLike<number> | undefined;
  /** What spendFor calls observed: the repeat spend, else the average spend (its column got now, on the first need). */
  const observedOf = (i: number, monetary: number): number =>
    monetary > 0 ? monetary : Math.max((averages ??= typeof averageSpend === 'function' ? averageSpend() : averageSpend)[i] ?? 0, 0);
  const spendOf = gg === undefined ? undefined : spendModel(gg, observedOf);
  const spendAt = (i: number, x: number, monetary: number): number => (spendOf === undefined ? observedOf(i, monetary) : spendOf(x, monetary, i));
  // Per (x, T): what does not depend on t_x, and, for a customer without repeat purchases (t_x is then 0), all of it.
  const byX = new Map<number, Map<number, PairPrediction>>();
  const alive = pm.costlyAlive ? new Map<number, Map<number, Map<number, { pa: number; np: number }>>>() : undefined;
  const margin = options.marginRate;
  let firstNonFinite = -1;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const T = Ts[i];
    const rawTx = txs[i];
    const monetary = ms[i];
    // checkRow's and the spend's rules without a call per customer (x % 1 is NaN for ±Infinity and NaN); a
    // customer that breaks one goes through them, to fail with their message.
    if (!(x >= 0 && x % 1 === 0 && T > 0 && T < Infinity && rawTx >= 0 && rawTx <= T)) {
      try {
        checkRow(fn, -1, x, rawTx, T);
      } catch (e) {
        throw new CvError(fn, 'value', `customer ${ids.id(i)}: ${(e as CvError).reason}`);
      }
    }
    if (!(monetary >= 0 && monetary < Infinity)) {
      throw new CvError(fn, 'value', `customer ${ids.id(i)}: monetary must be a number ≥ 0, got ${monetary}`);
    }
    const t_x = x === 0 ? 0 : rawTx;
    let byT = byX.get(x);
    if (byT === undefined) byX.set(x, (byT = new Map()));
    let e = byT.get(T);
    if (e === undefined) {
      // The last discounting step ends at the horizon, so its cumulative value is `expected`:
      // evaluated once (the same call on the same numbers, so nothing changes but the time).
      const expected = pm.expectedIfAlive(horizon, x, T);
      const at = (t: number): number => (t === horizon ? expected : pm.expectedIfAlive(t, x, T));
      e = new PairPrediction(expected, discountedPurchases(at, options));
      byT.set(T, e);
    }
    let pa: number;
    let np: number;
    if (x === 0) {
      // (0, 0, T): the same triple for every one-time buyer of this age, computed once.
      if (Number.isNaN(e.pa)) {
        e.pa = pm.pAlive(0, 0, T);
        e.np = pm.noPurchase(churnHorizon, 0, 0, T);
      }
      pa = e.pa;
      np = e.np;
    } else if (alive !== undefined) {
      let aT = alive.get(x);
      if (!aT) alive.set(x, (aT = new Map()));
      let aR = aT.get(T);
      if (!aR) aT.set(T, (aR = new Map()));
      let h = aR.get(t_x);
      if (h === undefined) {
        h = { pa: pm.pAlive(x, t_x, T), np: pm.noPurchase(churnHorizon, x, t_x, T) };
        aR.set(t_x, h);
      }
      pa = h.pa;
      np = h.np;
    } else {
      pa = pm.pAlive(x, t_x, T);
      np = pm.noPurchase(churnHorizon, x, t_x, T);
    }
    const s = spendAt(i, x, monetary);
    pAlive[i] = pa;
    pNoPurchase[i] = np;
    const purchases = pa * e.expected;
    if (firstNonFinite < 0 && !(purchases - purchases === 0 && s - s === 0)) firstNonFinite = i;
    clv[i] = margin * s * pa * e.discounted;
    if (seen === undefined && !knownAscending && i > 0 && ids.compare(i - 1, i) >= 0) {
      seen = new Set<string>();
      for (let j = 0; j < i; j++) seen.add(ids.id(j));
    }
    if (seen !== undefined) {
      const before = seen.size;
      const id = ids.id(i);
      seen.add(id);
      if (seen.size === before) throw new CvError(fn, 'value', `customer id ${id} appears twice`);
    }
  }
  // Expected purchases and spend are not kept (two columns of the customers' number, 57 MiB at 3.77
  // million): made again when read, by the same operations on the same numbers (the inputs are the
  // summary's columns, which it keeps anyway), so the same bits.
  const made: MadeOnRead = {
    expectedPurchases: (i) => pAlive[i] * byX.get(xs[i])!.get(Ts[i])!.expected,
    expectedSpend: (i) => spendAt(i, xs[i], ms[i]),
    firstNonFinite,
  };
  let purchasesColumn: Float64Array | undefined;
  let spendColumn: Float64Array | undefined;
  const column = (at: (i: number) => number): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = at(i);
    return out;
  };
  return {
    pAlive,
    pNoPurchase,
    get expectedPurchases() {
      return (purchasesColumn ??= column(made.expectedPurchases));
    },
    get expectedSpend() {
      return (spendColumn ??= column(made.expectedSpend));
    },
    clv,
    made,
  };
}

function isIdArray(ids: CustomerIds | readonly string[]): ids is readonly string[] {
  return Array.isArray(ids);
}

/** What predictColumns keeps per (x, T); pa and np are NaN until a customer with x = 0 needs them. */
class PairPrediction {
  pa = Number.NaN;
  np = Number.NaN;
  constructor(
    readonly expected: number,
    readonly discounted: number,
  ) {}
}

/**
 * spendFor with a Gamma-Gamma fit, for customer i's numbers (its observed
 * spend asked of `observedOf` only when needed): the first call of each kind goes through gammaGammaExpectedSpend
 * (its checks of the parameters), the rest repeat its arithmetic,
 * p(γ + x·z̄)/(p·x + q − 1), operation for operation, so the doubles are the
 * same; the population mean (x = 0) is computed once.
 */
function spendModel(gg: GammaGammaParams, observedOf: (i: number, monetary: number) => number): (x: number, monetary: number, i: number) => number {
  const { p, q, gamma } = gg;
  let checked = false;
  let mean: number | undefined;
  return (x, monetary, i) => {
    if (monetary > 0 && x > 0) {
      const den = p * x + q - 1;
      if (!checked || !(den > 0)) {
        checked = true;
        return gammaGammaExpectedSpend(gg, x, monetary);
      }
      return (p * (gamma + x * monetary)) / den;
    }
    // No repeat spend observed: the population mean, when it exists.
    if (!(q > 1)) return observedOf(i, monetary);
    return (mean ??= gammaGammaExpectedSpend(gg, 0, 0));
  };
}
