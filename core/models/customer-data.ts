import { CvError } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import { indexSortedDistinct } from './distinct-times.ts';

/**
 * Per-customer inputs of the "buy till you die" models, as parallel arrays:
 * - x: repeat purchases in the calibration period (a whole number ≥ 0;
 *   the first purchase is not counted),
 * - t_x: time of the last purchase, measured from the first one (0 when x = 0),
 * - T: time from the first purchase to the end of the calibration period,
 * all in one unit, the model's period (days, weeks, …): 0 ≤ t_x ≤ T, T > 0.
 */
export interface RepeatData {
  x: ArrayLike<number>;
  t_x: ArrayLike<number>;
  T: ArrayLike<number>;
}

/**
 * Customers grouped by identical (x, t_x, T), with the multiplicity as a
 * weight: real data repeat the same triple many times (CDNOW: 2,357
 * customers, 1,016 triples; a million customers summarised in days, a few
 * hundred thousand), and a likelihood evaluation costs one term per group.
 * `xIndex[i]` points into `distinctX`, so terms that depend on x alone are
 * computed once per distinct x.
 */
export interface GroupedRepeatData {
  x: Float64Array;
  t_x: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  xIndex: Int32Array;
  distinctX: Float64Array;
  /** Number of customers (sum of weights). */
  customers: number;
  /** Customers with x > 0. */
  repeatCustomers: number;
  meanX: number;
  meanT: number;
  /** Each input row's group (an index into x, t_x, T, weight), when asked for with `rowGroups`. */
  rowGroup?: Int32Array;
}

/**
 * What a fit takes: per-customer rows, or the same rows already grouped by
 * {@link groupRepeatData}, so that several models fitted on one data set
 * (the model choice fits three) validate and group it once.
 */
export type RepeatInput = RepeatData | GroupedRepeatData;

/** The grouped form of `data`: itself when already grouped, else groupRepeatData(fn, data). */
export function groupedOnce(fn: string, data: RepeatInput): GroupedRepeatData {
  return isGrouped(data) ? data : groupRepeatData(fn, data);
}

function isGrouped(data: RepeatInput): data is GroupedRepeatData {
  return 'weight' in data && 'xIndex' in data && 'distinctX' in data;
}

/**
 * Validate and group (x, t_x, T). `fn` names the calling function in errors.
 *
 * With `rowGroups`, also says which group each row went to (to evaluate
 * per group what is then summed per customer).
 *
 * Throws CvError(fn, 'value') for arrays of different lengths or a row that
 * breaks the rules of RepeatData (the message gives the row index).
 *
 * @example
 * groupRepeatData('fit', { x: [0, 0, 2], t_x: [0, 0, 5], T: [10, 10, 10] }).weight; // [2, 1]
 */
export function groupRepeatData(fn: string, data: RepeatData, options: { rowGroups?: boolean } = {}): GroupedRepeatData {
  const n = data.x.length;
  if (data.t_x.length !== n || data.T.length !== n) {
    throw new CvError(fn, 'value', `x, t_x and T must have the same length (got ${n}, ${data.t_x.length}, ${data.T.length})`);
  }
  // An open-addressing table keyed on the three doubles' bits: nested Maps cost a
  // third of a second per million customers, this a few tens of milliseconds. Groups
  // keep the order of their first row either way.
  //
  // The groups' columns are made at the size of the data (there are at most n groups) and handed
  // out as views of their first `groups` entries: what is never written of them is fresh memory
  // never touched, which costs nothing, where columns grown by doubling (or the table's keys
  // copied out at the end) wrote every group's numbers two or three times into fresh pages, at
  // 12 µs a page on the build machine (docs/scale.md): most of the grouping's time at a million rows.
  const gx = new Float64Array(n);
  const gt = new Float64Array(n);
  const gT = new Float64Array(n);
  const gw = new Float64Array(n);
  const table = new TripleTable(gx, gt, gT);
  let groups = 0;
  let repeat = 0;
  let sumX = 0;
  let sumT = 0;
  const rowGroup = options.rowGroups ? new Int32Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    let t = data.t_x[i];
    const T = data.T[i];
    checkRow(fn, i, x, t, T);
    if (x === 0) t = 0; // t_x carries no information without a repeat purchase
    if (x > 0) repeat++;
    sumX += x;
    sumT += T;
    const g = table.findOrAdd(x, t, T, groups);
    if (g === groups) groups++;
    gw[g]++;
    if (rowGroup) rowGroup[i] = g;
  }
  // The distinct x in ascending order (−0 taken as 0, as the Set before it did).
  const x = gx.subarray(0, groups);
  const { values: distinct, index: xIndex } = indexSortedDistinct(x, groups);
  return {
    x,
    t_x: gt.subarray(0, groups),
    T: gT.subarray(0, groups),
    weight: gw.subarray(0, groups),
    xIndex,
    distinctX: distinct,
    customers: n,
    repeatCustomers: repeat,
    meanX: n > 0 ? sumX / n : 0,
    meanT: n > 0 ? sumT / n : 0,
    // Present (undefined) even when not asked for: one object layout for every grouping, so that a
    // likelihood compiled for the groups before the holdout is not thrown away by the groups of all the data.
    rowGroup,
  };
}

/**
 * Group numbers of (x, t_x, T) triples in an open-addressing hash table over
 * the doubles' bit patterns, the triples themselves kept in the grouping's
 * columns to tell collisions apart. Grows by doubling at half full.
 */
class TripleTable {
  /** Group number + 1 per slot, 0 for an empty one (a new table's zeros: no fill to write). */
  private slots = new Int32Array(1024);
  private size = 0;
  private readonly bits = new Float64Array(1);
  private readonly words = new Uint32Array(this.bits.buffer);

  constructor(
    private readonly xs: Float64Array,
    private readonly ts: Float64Array,
    private readonly Ts: Float64Array,
  ) {}

  /**
   * The group of (x, t, T), or `next` after recording it as a new group (groups are numbered 0, 1, … in order).
   * −0 and 0 are one key (a Map key made them one group): the bits hashed are those of v + 0, the
   * keys compared by ===. A group keeps the numbers of its first row as they came.
   */
  findOrAdd(x: number, t: number, T: number, next: number): number {
    const mask = this.slots.length - 1;
    let s = this.hash(x + 0, t + 0, T + 0) & mask;
    for (;;) {
      const g = this.slots[s] - 1;
      if (g < 0) break;
      if (this.xs[g] === x && this.ts[g] === t && this.Ts[g] === T) return g;
      s = (s + 1) & mask;
    }
    this.slots[s] = next + 1;
    this.xs[next] = x;
    this.ts[next] = t;
    this.Ts[next] = T;
    if (++this.size * 2 > this.slots.length) this.grow();
    return next;
  }

  private hash(x: number, t: number, T: number): number {
    return (this.mix(this.mix(this.mix(0x811c9dc5, x), t), T) >>> 0);
  }

  private mix(h: number, v: number): number {
    this.bits[0] = v;
    h = Math.imul(h ^ this.words[0], 0x9e3779b1);
    h = Math.imul(h ^ this.words[1], 0x85ebca6b);
    return h ^ (h >>> 15);
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let g = 0; g < this.size; g++) {
      let s = this.hash(this.xs[g] + 0, this.ts[g] + 0, this.Ts[g] + 0) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = g + 1;
    }
    this.slots = slots;
  }
}

/**
 * Throw CvError(fn, 'value') unless (x, t_x, T) is a valid customer:
 * x a whole number ≥ 0, 0 ≤ t_x ≤ T, T > 0, all finite. The message starts
 * with "row i: " when i ≥ 0 (pass −1 for a single customer).
 */
export function checkRow(fn: string, i: number, x: number, t_x: number, T: number): void {
  // The checks first, the message only on failure: this runs once per customer, and a
  // "row i: " string made for every row cost more than the grouping it guards.
  if (Number.isInteger(x) && x >= 0 && Number.isFinite(T) && T > 0 && Number.isFinite(t_x) && t_x >= 0 && t_x <= T) return;
  const at = i >= 0 ? `row ${i}: ` : '';
  if (!(Number.isInteger(x) && x >= 0)) {
    throw new CvError(fn, 'value', `${at}x must be a whole number ≥ 0, got ${x}`);
  }
  if (!(Number.isFinite(T) && T > 0)) throw new CvError(fn, 'value', `${at}T must be a positive number, got ${T}`);
  throw new CvError(fn, 'value', `${at}t_x must lie in [0, T] = [0, ${T}], got ${t_x}`);
}

/** Throw CvError(fn, 'value') unless the horizon t is a number ≥ 0 (in model periods). */
export function checkHorizon(fn: string, t: number): void {
  if (!(Number.isFinite(t) && t >= 0)) throw new CvError(fn, 'value', `t must be a number ≥ 0, got ${t}`);
}

/**
 * Minimum data for the purchase/dropout models: with fewer repeat customers
 * the likelihood is flat along some direction and the estimates run to the
 * boundary (a → 0, b → ∞ …) instead of converging. The thresholds are
 * deliberately low — they reject hopeless data, not small samples.
 */
export const MIN_CUSTOMERS = 10;
export const MIN_REPEAT_CUSTOMERS = 5;

/** Throw CvError(fn, 'data') unless the grouped data meet the minimum above. */
export function requireEnoughData(fn: string, g: GroupedRepeatData): void {
  if (g.customers < MIN_CUSTOMERS) {
    throw new CvError(fn, 'data', msg('model.tooFewCustomers', { min: MIN_CUSTOMERS, n: g.customers }));
  }
  if (g.repeatCustomers < MIN_REPEAT_CUSTOMERS) {
    throw new CvError(fn, 'data', msg('model.tooFewRepeatCustomers', { min: MIN_REPEAT_CUSTOMERS, n: g.repeatCustomers }));
  }
}
