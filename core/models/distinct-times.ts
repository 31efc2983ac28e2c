/**
 * The distinct values of the models' inputs: T and t_x of grouped repeat
 * data, shared by the BG/NBD and MBG/NBD likelihoods, and the distinct x
 * the grouping and Gamma-Gamma index by. Real data have few distinct T and t_x (CDNOW in
 * weeks: 84 and 545 for 1,016 groups), and a fit evaluates the likelihood
 * hundreds of times on the same grouped data, so the logarithms are taken
 * once per distinct value.
 */
import type { GroupedRepeatData } from './customer-data.ts';

/** The distinct T and t_x of grouped data, and each group's index into them. */
export interface DistinctTimes {
  T: Float64Array;
  TIndex: Int32Array;
  t_x: Float64Array;
  t_xIndex: Int32Array;
}

// Computed once per grouped data set and reused by every likelihood evaluation of a fit.
const timesCache = new WeakMap<GroupedRepeatData, DistinctTimes>();

export function distinctTimes(g: GroupedRepeatData): DistinctTimes {
  let times = timesCache.get(g);
  if (times === undefined) {
    const T = indexDistinct(g.T);
    const t_x = indexDistinct(g.t_x);
    times = { T: T.values, TIndex: T.index, t_x: t_x.values, t_xIndex: t_x.index };
    timesCache.set(g, times);
  }
  return times;
}

/** Distinct values in order of first appearance, and the position of each element among them. */
function indexDistinct(xs: Float64Array): { values: Float64Array; index: Int32Array } {
  const position = new Map<number, number>();
  const values: number[] = [];
  const index = new Int32Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    let k = position.get(xs[i]);
    if (k === undefined) {
      k = values.length;
      position.set(xs[i], k);
      values.push(xs[i]);
    }
    index[i] = k;
  }
  return { values: Float64Array.from(values), index };
}

/**
 * The distinct values among xs[0 … n−1] in ascending order (−0 taken as
 * 0), and each element's position among them: what the models compute once
 * per distinct x (Gamma functions, series coefficients) instead of once per
 * customer or group. A Map rather than a sort of all n, and no array the
 * size of the data but the index.
 */
export function indexSortedDistinct(xs: ArrayLike<number>, n: number): { values: Float64Array; index: Int32Array } {
  const position = new Map<number, number>();
  for (let i = 0; i < n; i++) if (!position.has(xs[i])) position.set(xs[i], 0);
  const values = Float64Array.from(position.keys()).sort();
  for (let j = 0; j < values.length; j++) position.set(values[j], j);
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = position.get(xs[i]) ?? 0;
  return { values, index };
}

/** ln(α + v) for each v. */
export function logsOfShifted(alpha: number, vs: Float64Array): Float64Array {
  const out = new Float64Array(vs.length);
  for (let k = 0; k < vs.length; k++) out[k] = Math.log(alpha + vs[k]);
  return out;
}
