/**
 * The distinct purchase days of every customer, kept compactly (two 32-bit
 * integers per purchase row) so that an analysis can split its own data at
 * a date chosen only after the last row has been read — the holdout that
 * decides which model to trust (select-model.ts).
 */
import type { DayNumber, Transaction } from '../types.ts';

/** (x, t_x, T) per customer at a calibration end, and purchases after it. */
export interface SplitHistories {
  /** The customers' ids (the columnar builder makes them when read: read once). */
  readonly ids: string[];
  x: ArrayLike<number>;
  t_x: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Distinct purchase days in (calibrationEnd, asOf]. */
  holdout: ArrayLike<number>;
  /**
   * When split was asked for a second window: its end, and the distinct purchase days in
   * (calibrationEnd, min(asOf, end)] per customer. The churn-risk correction counts purchases
   * within the churn horizon of the same histories the model choice splits: one pass gives both.
   */
  within?: { end: DayNumber; holdout: ArrayLike<number> };
}

export interface PurchaseDays {
  /** Records a row's day when it is a purchase (amount ≥ 0) on or before as-of. */
  add(t: Transaction): void;
  /** Earliest purchase day seen (Infinity when none). */
  firstDay(): number;
  /**
   * Histories as of `calibrationEnd` (times in periods of `periodDays`
   * days; T floored at one day) of the customers who had bought by then,
   * with their purchase days in (calibrationEnd, min(asOf, windowEnd)], and, with `alsoWithin`,
   * those in (calibrationEnd, min(asOf, alsoWithin)] too (SplitHistories.within).
   */
  split(calibrationEnd: DayNumber, asOf: DayNumber, periodDays: number, windowEnd?: DayNumber, alsoWithin?: DayNumber): SplitHistories;
}

export function createPurchaseDays(): PurchaseDays {
  const index = new Map<string, number>();
  const names: string[] = [];
  let who = new Int32Array(1024);
  let when = new Int32Array(1024);
  let n = 0;
  let first = Infinity;
  // Rows sorted by (customer, day), kept between splits: the analysis splits once to choose a model and
  // once more at the churn horizon to correct it, and the sort is the costly part.
  let sorted: Int32Array | undefined;
  return {
    add(t) {
      sorted = undefined;
      if (!(t.amount >= 0)) return;
      let k = index.get(t.customerId);
      if (k === undefined) {
        k = names.length;
        index.set(t.customerId, k);
        names.push(t.customerId);
      }
      if (n === who.length) {
        const w = new Int32Array(n * 2);
        w.set(who);
        who = w;
        const d = new Int32Array(n * 2);
        d.set(when);
        when = d;
      }
      who[n] = k;
      when[n] = t.day;
      n++;
      if (t.day < first) first = t.day;
    },
    firstDay: () => first,
    split(calibrationEnd, asOf, periodDays, windowEnd, alsoWithin) {
      const end = Math.min(asOf, windowEnd ?? asOf);
      const end2 = alsoWithin === undefined ? -Infinity : Math.min(asOf, alsoWithin);
      const m = names.length;
      const firstDay = new Float64Array(m).fill(Infinity);
      const lastDay = new Float64Array(m).fill(-Infinity);
      // Distinct days per customer: the rows in (customer, day) order.
      if (sorted === undefined) {
        sorted = new Int32Array(n);
        for (let i = 0; i < n; i++) sorted[i] = i;
        sorted.sort((a, b) => who[a] - who[b] || when[a] - when[b]);
      }
      const order = sorted;
      const calDays = new Int32Array(m);
      const holdDays = new Int32Array(m);
      const holdDays2 = new Int32Array(alsoWithin === undefined ? 0 : m);
      let prevWho = -1;
      let prevDay = NaN;
      for (const i of order) {
        const k = who[i];
        const d = when[i];
        if (k === prevWho && d === prevDay) continue;
        prevWho = k;
        prevDay = d;
        if (d <= calibrationEnd) {
          calDays[k]++;
          if (d < firstDay[k]) firstDay[k] = d;
          if (d > lastDay[k]) lastDay[k] = d;
        } else {
          if (d <= end) holdDays[k]++;
          if (d <= end2) holdDays2[k]++;
        }
      }
      const out = { ids: [] as string[], x: [] as number[], t_x: [] as number[], T: [] as number[], holdout: [] as number[] };
      const within = alsoWithin === undefined ? undefined : { end: alsoWithin, holdout: [] as number[] };
      const minT = 1 / periodDays;
      for (let k = 0; k < m; k++) {
        if (calDays[k] === 0) continue;
        out.ids.push(names[k]);
        out.x.push(calDays[k] - 1);
        out.t_x.push(calDays[k] > 1 ? (lastDay[k] - firstDay[k]) / periodDays : 0);
        out.T.push(Math.max((calibrationEnd - firstDay[k]) / periodDays, minT));
        out.holdout.push(holdDays[k]);
        within?.holdout.push(holdDays2[k]);
      }
      return within === undefined ? out : { ...out, within };
    },
  };
}
