import { CvError } from '../errors.ts';
import { type Normalisation, normalise } from './normalise.ts';
import { normaliseWeights } from './weights.ts';

/** One indicator of a composite evaluation (seed 001's 综合评价法). */
export interface Indicator {
  name: string;
  /** One value per customer, all indicators aligned. */
  values: readonly number[];
  /** Analyst weight, ≥ 0 (weights are scaled to sum to 1). */
  weight: number;
  /** Default 'minmax'. */
  normalisation?: Normalisation;
  /** False for indicators where less is better (returns, days overdue). Default true. */
  higherIsBetter?: boolean;
}

/**
 * Composite score: each indicator normalised ({@link normalise}), then the
 * weighted average with weights scaled to sum to 1. With min–max or rank
 * normalisation the score lies in 0..1. One indicator of weight 1 ranks
 * customers exactly as that indicator does (the key-indicator method).
 *
 * @throws CvError('compositeScore', 'value') when there are no indicators or
 *   their lengths differ; the weight errors of {@link normaliseWeights}.
 * @example compositeScore([{ name: 'sales', values: [0, 10], weight: 1 }]) // [0, 1]
 */
export function compositeScore(indicators: readonly Indicator[]): number[] {
  if (indicators.length === 0) throw new CvError('compositeScore', 'value', 'no indicators');
  const n = indicators[0].values.length;
  for (const ind of indicators) {
    if (ind.values.length !== n) {
      throw new CvError('compositeScore', 'value', `indicator "${ind.name}" has ${ind.values.length} values, expected ${n}`);
    }
  }
  const w = normaliseWeights(indicators.map((i) => i.weight));
  const score = new Array<number>(n).fill(0);
  indicators.forEach((ind, k) => {
    if (w[k] === 0) return;
    const z = normalise(ind.values, ind.normalisation ?? 'minmax', ind.higherIsBetter ?? true);
    for (let i = 0; i < n; i++) score[i] += w[k] * z[i];
  });
  return score;
}
