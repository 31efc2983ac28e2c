/**
 * The distinct T and t_x of grouped repeat data, shared by the BG/NBD and
 * MBG/NBD likelihoods. Real data have few distinct T and t_x (CDNOW in
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

/** ln(α + v) for each v. */
export function logsOfShifted(alpha: number, vs: Float64Array): Float64Array {
  const out = new Float64Array(vs.length);
  for (let k = 0; k < vs.length; k++) out[k] = Math.log(alpha + vs[k]);
  return out;
}
