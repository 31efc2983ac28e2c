import { CvError } from '../errors.ts';

/** One bin of predicted probabilities and what happened in it. */
export interface CalibrationRow {
  /** Range of the bin's predictions: (lower, upper], the first bin closed at its lower end. */
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  /** Share of the bin's customers with the outcome. */
  observedShare: number;
  /** observedShare − meanPredicted: positive when the outcome was more frequent than predicted. */
  difference: number;
}

export interface CalibrationTable {
  /** Non-empty bins, in ascending order of prediction. */
  rows: CalibrationRow[];
  /** Largest |difference| over the rows. */
  maxAbsDifference: number;
  /** Count-weighted mean |difference| (the "expected calibration error"). */
  meanAbsDifference: number;
}

/**
 * Whether predicted probabilities come true: the customers are binned by
 * their prediction at its quantiles (deciles by default) and each bin's mean
 * prediction is set beside the share of its customers with the outcome.
 *
 * Binning follows scikit-learn's `calibration_curve(strategy='quantile')`:
 * edges at the 0, 1/bins, …, 1 quantiles with linear interpolation
 * (numpy.percentile's default), bins closed on the right, empty bins left
 * out. Equal predictions therefore always share a bin, so with many ties
 * (every one-time buyer of the same age has the same risk) a table can have
 * fewer rows than `bins`.
 *
 * @throws CvError('calibrationTable', 'value') for arrays of different length,
 *   a NaN prediction or a bin count that is not a whole number ≥ 1; 'num' for
 *   a prediction outside 0..1; 'data' when there are no customers.
 * @example calibrationTable([0.1, 0.2, 0.8, 0.9], [false, true, true, true], 2).rows
 *   // [{ lower: 0.1, upper: 0.5, count: 2, meanPredicted: 0.15, observedShare: 0.5, … }, …]
 */
export function calibrationTable(predicted: ArrayLike<number>, outcomes: ArrayLike<boolean>, bins = 10): CalibrationTable {
  const fn = 'calibrationTable';
  const n = predicted.length;
  if (outcomes.length !== n) throw new CvError(fn, 'value', `predictions (${n}) and outcomes (${outcomes.length}) must have the same length`);
  if (!(Number.isInteger(bins) && bins >= 1)) throw new CvError(fn, 'value', `the number of bins must be a whole number ≥ 1, got ${bins}`);
  if (n === 0) throw new CvError(fn, 'data', 'there are no customers to compare');
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = predicted[i];
    if (Number.isNaN(p)) throw new CvError(fn, 'value', `prediction #${i + 1} is not a number`);
    if (p < 0 || p > 1) throw new CvError(fn, 'num', `prediction #${i + 1} (${p}) is not a probability between 0 and 1`);
    sorted[i] = p;
  }
  sorted.sort();
  const edges = new Float64Array(bins + 1);
  for (let k = 0; k <= bins; k++) edges[k] = quantileOfSorted(sorted, k, bins);

  const count = new Float64Array(bins);
  const sum = new Float64Array(bins);
  const yes = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const b = binOf(edges, predicted[i]);
    count[b]++;
    sum[b] += predicted[i];
    if (outcomes[i]) yes[b]++;
  }
  const rows: CalibrationRow[] = [];
  let maxAbs = 0;
  let weighted = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    const meanPredicted = sum[b] / count[b];
    const observedShare = yes[b] / count[b];
    const difference = observedShare - meanPredicted;
    rows.push({ lower: edges[b], upper: edges[b + 1], count: count[b], meanPredicted, observedShare, difference });
    maxAbs = Math.max(maxAbs, Math.abs(difference));
    weighted += count[b] * Math.abs(difference);
  }
  return { rows, maxAbsDifference: maxAbs, meanAbsDifference: weighted / n };
}

/**
 * The (k/bins)-quantile of ascending values by linear interpolation between
 * the order statistics at position k(n − 1)/bins. The position is computed
 * as one division, not (k/bins)·(n − 1), so that it is exact when whole: with
 * (1/3)·36 = 11.999… the edge would fall an ulp below the 13th value and move
 * it to the next bin. The interpolation is written the way numpy writes it,
 * so an edge between two equal values is exactly that value and ties never
 * straddle a bin boundary.
 */
function quantileOfSorted(sorted: Float64Array, k: number, bins: number): number {
  const pos = (k * (sorted.length - 1)) / bins;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = pos - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** Index of the bin of p: how many inner edges lie strictly below it (bins closed on the right). */
function binOf(edges: Float64Array, p: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  // Binary search over inner edges 1..bins−1 for the first edge ≥ p.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid + 1] < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
