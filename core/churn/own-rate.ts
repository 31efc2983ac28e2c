/**
 * The heuristic used where no purchase model can be fitted. It answers the
 * same questions as the models, so a column means one thing whichever path
 * produced it:
 *
 * - **purchase rate** λ while still buying: the customer's own repeat
 *   purchases over their active span, shrunk towards the population's
 *   typical gap G by one pseudo-purchase, λ = (x + 1) / (t_x + G). A
 *   one-time buyer gets 1/G; a long-standing customer's own rhythm
 *   dominates; two purchases a day apart do not make a daily buyer.
 * - **P(still buying)** from how overdue the customer is against that rate:
 *   o = sinceLast · λ gaps, P = 1 / (1 + o²) — ½ one gap after the last
 *   purchase, 0.2 at two gaps, 0.1 at three (the log-logistic overdue curve
 *   of overdue.ts, read as a probability of being alive). Shape 1, 1/(1+o),
 *   was tried against outcomes on CDNOW (calibration to 1997-09-30): its
 *   90-day churn deciles are closer (7 points off against 16), but its CLV
 *   ranks later spend worse than past value does (Spearman 0.36, against
 *   0.41 for this curve and 0.40 for past value), and a CLV that ranks
 *   below past value is not worth showing; where a model fits, the model
 *   and its holdout correction carry the calibration.
 * - **churn risk** = P(no purchase in the next t) = 1 − P + P · e^(−λt): a
 *   customer still buying at rate λ buys nothing in t with probability
 *   e^(−λt) (Poisson purchases while alive).
 * - **expected purchases** in the next t = P · λ · t, which model-clv.ts
 *   turns into CLV exactly as it does for a fitted model (spend × margin,
 *   discounted monthly).
 *
 * It has no notion of dropping out in the future, so over long horizons it
 * is optimistic for customers who are still buying; the fitted models are
 * the better estimate wherever they can be fitted.
 */
import { CvError } from '../errors.ts';
import { typicalGap, type OverdueInput } from './overdue.ts';

/** The heuristic's reading of one customer. */
export interface OwnRate {
  /** Purchases per period while still buying. */
  rate: number;
  /** Probability the customer is still buying (0..1). */
  pAlive: number;
}

/**
 * Rate and P(still buying) of one customer (times in one unit, the same as
 * `populationGap`).
 *
 * @throws CvError('ownRate', 'value') for non-finite inputs; 'num' for negative times.
 * @example ownRate({ frequency: 4, recency: 40, sinceLast: 10, T: 50 }, 10) // { rate: 5/50, pAlive: 0.5 }
 */
export function ownRate(c: OverdueInput, populationGap: number): OwnRate {
  const fn = 'ownRate';
  if (!(Number.isFinite(c.frequency) && Number.isFinite(c.recency) && Number.isFinite(c.sinceLast) && Number.isFinite(populationGap))) {
    throw new CvError(fn, 'value', 'inputs must be finite numbers');
  }
  if (c.frequency < 0 || c.recency < 0 || c.sinceLast < 0) throw new CvError(fn, 'num', 'counts and times must not be negative');
  if (!(populationGap > 0)) throw new CvError(fn, 'num', `the population gap must be positive, got ${populationGap}`);
  const rate = (c.frequency + 1) / (c.recency + populationGap);
  const o = c.sinceLast * rate;
  return { rate, pAlive: 1 / (1 + o * o) };
}

/**
 * Probability of no purchase in the next `t` periods: 1 − P + P·e^(−λt).
 * @example probabilityNoPurchase({ rate: 0.1, pAlive: 0.5 }, 10) // 0.5 + 0.5·e^−1 ≈ 0.684
 */
export function probabilityNoPurchase(r: OwnRate, t: number): number {
  return 1 - r.pAlive + r.pAlive * Math.exp(-r.rate * t);
}

/** Expected purchases in the next `t` periods: P·λ·t. */
export function expectedPurchases(r: OwnRate, t: number): number {
  return r.pAlive * r.rate * t;
}

/**
 * The population gap G the heuristic shrinks towards: the median of the
 * repeat customers' own mean gaps, or the median age when nobody has
 * bought twice (see overdue.ts's typicalGap); never below `floor` (one day
 * in the unit used), so a base where everything happened on one day still
 * has a rate.
 */
export function ownRateGap(rows: readonly OverdueInput[], floor: number): number {
  const g = rows.length === 0 ? floor : typicalGap(rows);
  return Math.max(g, floor);
}
