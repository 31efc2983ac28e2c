/**
 * The one way every purchase model turns "alive or not" into the churn
 * risk P(no purchase in (T, T+t]) = 1 − P(alive) + P(alive) · stay, where
 * stay is the model's P(no purchase in t | alive), given the log odds of
 * being dead at T.
 */

/**
 * 1 − P(alive) + P(alive)·stay from the log odds of being dead: as that sum
 * of two positive parts below 1/2 (a small risk keeps its relative
 * accuracy), as 1 − P(alive)(1 − stay) above (never past 1 by rounding).
 */
export function combineNoPurchase(logOddsDead: number, stay: number): number {
  const dead = logistic(logOddsDead);
  const alive = logistic(-logOddsDead);
  const sum = dead + alive * stay;
  return sum <= 0.5 ? sum : 1 - alive * (1 - stay);
}

/** 1/(1 + e^−v) without overflow. */
export function logistic(v: number): number {
  return v < 0 ? Math.exp(v) / (1 + Math.exp(v)) : 1 / (1 + Math.exp(-v));
}
