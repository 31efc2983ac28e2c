import { CvError } from '../errors.ts';
import type { FitResult } from '../types.ts';
import {
  checkParams as checkBg,
  expectedIfAlive as bgIfAlive,
  noPurchase as bgNoPurchase,
  pAlive as bgAlive,
  type BgNbdParams,
} from './bg-nbd.ts';
import {
  checkParams as checkPareto,
  expectedIfAlive as paretoIfAlive,
  logOddsDeadBy as paretoLogOddsDeadBy,
  paretoLogTail,
  noPurchaseIfAlive as paretoNoPurchaseIfAlive,
  type ParetoNbdParams,
} from './pareto-nbd.ts';
import { combineNoPurchase, logistic } from './no-purchase.ts';
import {
  checkParams as checkMbg,
  expectedIfAlive as mbgIfAlive,
  noPurchase as mbgNoPurchase,
  pAlive as mbgAlive,
  type MbgNbdParams,
} from './mbg-nbd.ts';

/** A fitted purchase model: BG/NBD, MBG/NBD or Pareto/NBD. */
export type PurchaseModelFit = FitResult<BgNbdParams> | FitResult<MbgNbdParams> | FitResult<ParetoNbdParams>;

/**
 * What every purchase model predicts for one customer history (x, t_x, T),
 * in the model's time unit, split so that work can be shared: the
 * conditional expectation of purchases in (T, T+t] is
 * pAlive(x, t_x, T) × expectedIfAlive(t, x, T), and the second factor does
 * not depend on t_x. noPurchase is the churn risk over t periods; the
 * Pareto/NBD model remembers its costly alive-part per (t, x, T). Inputs are
 * not re-validated (callers check rows once with checkRow).
 */
export interface PurchaseModel {
  /** True when pAlive is expensive enough to be worth caching (Pareto/NBD's hypergeometric terms). */
  costlyAlive: boolean;
  pAlive(x: number, t_x: number, T: number): number;
  expectedIfAlive(t: number, x: number, T: number): number;
  /** P(no purchase in (T, T+t] | x, t_x, T). */
  noPurchase(t: number, x: number, t_x: number, T: number): number;
}

/**
 * The prediction functions of a BG/NBD ('bgnbd'), MBG/NBD ('mbgnbd') or
 * Pareto/NBD ('pnbd') fit.
 * Throws CvError('purchaseModel', 'value') for another model kind or
 * invalid parameters.
 *
 * @example
 * const m = purchaseModel(fitBgNbd(data));
 * m.pAlive(2, 30.43, 38.86) * m.expectedIfAlive(39, 2, 38.86); // 1.226 on CDNOW
 */
export function purchaseModel(fit: PurchaseModelFit): PurchaseModel {
  if (fit.model === 'bgnbd') {
    const p = fit.params as BgNbdParams;
    checkBg('purchaseModel', p);
    return {
      costlyAlive: false,
      pAlive: (x, t_x, T) => bgAlive(p, x, t_x, T),
      expectedIfAlive: (t, x, T) => bgIfAlive(p, t, x, T),
      noPurchase: (t, x, t_x, T) => bgNoPurchase(p, t, x, t_x, T),
    };
  }
  if (fit.model === 'mbgnbd') {
    const p = fit.params as MbgNbdParams;
    checkMbg('purchaseModel', p);
    return {
      costlyAlive: false,
      // A one-time buyer's t_x carries no information; the MBG/NBD terms need it to be 0.
      pAlive: (x, t_x, T) => mbgAlive(p, x, x === 0 ? 0 : t_x, T),
      expectedIfAlive: (t, x, T) => mbgIfAlive(p, t, x, T),
      noPurchase: (t, x, t_x, T) => mbgNoPurchase(p, t, x, x === 0 ? 0 : t_x, T),
    };
  }
  if (fit.model === 'pnbd') {
    const p = fit.params as ParetoNbdParams;
    checkPareto('purchaseModel', p);
    // P(no purchase | alive) costs two hypergeometric tails and depends on (t, x, T) only:
    // remembered per (t, x, T) for the customers that share them.
    const stay = new Map<number, Map<number, Map<number, number>>>();
    const stayIfAlive = (t: number, x: number, T: number): number => {
      let byX = stay.get(t);
      if (!byX) stay.set(t, (byX = new Map()));
      let byT = byX.get(x);
      if (!byT) byX.set(x, (byT = new Map()));
      let v = byT.get(T);
      if (v === undefined) byT.set(T, (v = paretoNoPurchaseIfAlive(p, t, x, T)));
      return v;
    };
    // The log odds of being dead cost two more tails, each a function of (x, t_x) or (x, T) alone,
    // which many histories share: remembered per pair.
    const tails = new Map<number, Map<number, number>>();
    const tail = (x: number, y: number): number => {
      let byY = tails.get(x);
      if (!byY) tails.set(x, (byY = new Map()));
      let v = byY.get(y);
      if (v === undefined) byY.set(y, (v = paretoLogTail(p, x, y)));
      return v;
    };
    // And every caller asks for P(alive) and the churn risk of one history one after the other:
    // the last history's log odds are remembered.
    let lastX = NaN;
    let lastTx = NaN;
    let lastT = NaN;
    let lastOdds = 0;
    const oddsDead = (x: number, t_x: number, T: number): number => {
      if (x !== lastX || t_x !== lastTx || T !== lastT) {
        lastOdds = paretoLogOddsDeadBy(p, x, t_x, T, tail);
        lastX = x;
        lastTx = t_x;
        lastT = T;
      }
      return lastOdds;
    };
    return {
      costlyAlive: true,
      pAlive: (x, t_x, T) => logistic(-oddsDead(x, t_x, T)),
      expectedIfAlive: (t, x, T) => paretoIfAlive(p, t, x, T),
      // As pareto-nbd.ts's noPurchase (the part given alive first, as there): certain over no time, else both parts combined.
      noPurchase: (t, x, t_x, T) => {
        const stay = stayIfAlive(t, x, T);
        return t === 0 ? 1 : combineNoPurchase(oddsDead(x, t_x, T), stay);
      },
    };
  }
  throw new CvError('purchaseModel', 'value', `expected a BG/NBD, MBG/NBD or Pareto/NBD fit, got model '${fit.model}'`);
}
