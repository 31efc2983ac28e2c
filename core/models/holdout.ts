import { CvError } from '../errors.ts';
import { checkRow } from './customer-data.ts';
import { purchaseModel, type PurchaseModelFit } from './purchase-model.ts';

/** Calibration histories plus what each customer did in the holdout period. */
export interface HoldoutData {
  /** Calibration repeat purchases, recency and age, in the model's time unit. */
  x: ArrayLike<number>;
  t_x: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Purchases each customer made in the holdout period (all are repeats). */
  xHoldout: ArrayLike<number>;
}

/** One line of the comparison: customers with a given number of calibration purchases. */
export interface HoldoutRow {
  /** '0', '1', …, '6', or '7+'. */
  group: string;
  customers: number;
  /** Mean holdout purchases per customer, observed. */
  actual: number;
  /** Mean holdout purchases per customer, predicted (conditional expectation). */
  predicted: number;
}

export interface HoldoutComparison {
  /** Holdout length, in the model's time unit. */
  length: number;
  customers: number;
  actualTotal: number;
  predictedTotal: number;
  /** By calibration repeat purchases 0..6 and 7+ (Fader, Hardie & Lee 2005, figure 4). */
  byFrequency: HoldoutRow[];
}

/** Calibration-frequency groups 0..6 and 7+, as in the published CDNOW validation. */
export const HOLDOUT_GROUPS = 8;

/**
 * Compare a purchase model's conditional expectations E[Y(length) | x, t_x, T]
 * with the purchases customers actually made in a holdout period of
 * `length` model periods right after calibration: overall and by number of
 * calibration repeat purchases (0, 1, …, 6, 7+). Groups without customers
 * are kept with zeros, so the table always has 8 rows.
 *
 * Throws CvError('compareHoldout', 'value') for arrays of different length,
 * an invalid calibration row, a negative or fractional holdout count, or a
 * length that is not positive.
 *
 * @example
 * compareHoldout(fitBgNbd(calibration), { ...calibration, xHoldout }, 39).predictedTotal;
 */
export function compareHoldout(model: PurchaseModelFit, data: HoldoutData, length: number): HoldoutComparison {
  const fn = 'compareHoldout';
  const n = data.x.length;
  if (data.t_x.length !== n || data.T.length !== n || data.xHoldout.length !== n) {
    throw new CvError(fn, 'value', 'x, t_x, T and xHoldout must have the same length');
  }
  if (!(Number.isFinite(length) && length > 0)) throw new CvError(fn, 'value', `length must be a positive number, got ${length}`);
  const pm = purchaseModel(model);
  const count = new Float64Array(HOLDOUT_GROUPS);
  const actual = new Float64Array(HOLDOUT_GROUPS);
  const predicted = new Float64Array(HOLDOUT_GROUPS);
  const cache = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const t_x = x === 0 ? 0 : data.t_x[i];
    const T = data.T[i];
    checkRow(fn, i, x, t_x, T);
    const h = data.xHoldout[i];
    if (!(Number.isInteger(h) && h >= 0)) throw new CvError(fn, 'value', `row ${i}: xHoldout must be a whole number ≥ 0, got ${h}`);
    const key = `${x} ${t_x} ${T}`;
    let e = cache.get(key);
    if (e === undefined) {
      e = pm.pAlive(x, t_x, T) * pm.expectedIfAlive(length, x, T);
      cache.set(key, e);
    }
    const g = Math.min(x, HOLDOUT_GROUPS - 1);
    count[g]++;
    actual[g] += h;
    predicted[g] += e;
  }
  const byFrequency: HoldoutRow[] = [];
  for (let g = 0; g < HOLDOUT_GROUPS; g++) {
    byFrequency.push({
      group: g === HOLDOUT_GROUPS - 1 ? `${g}+` : String(g),
      customers: count[g],
      actual: count[g] > 0 ? actual[g] / count[g] : 0,
      predicted: count[g] > 0 ? predicted[g] / count[g] : 0,
    });
  }
  return {
    length,
    customers: n,
    actualTotal: actual.reduce((s, v) => s + v, 0),
    predictedTotal: predicted.reduce((s, v) => s + v, 0),
    byFrequency,
  };
}
