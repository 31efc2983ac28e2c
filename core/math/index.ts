/** Numerics shared by the probabilistic models. */
export { logGamma } from './log-gamma.ts';
export { digamma } from './digamma.ts';
export { logBeta } from './log-beta.ts';
export { logAddExp, logSumExp, log1mExp, logDiffExp } from './log-sum-exp.ts';
export { hyp2f1, hyp2f1Series, logHyp2f1APlusOne, hyp2f1APlusOneNearOne } from './hyp2f1.ts';
export { bfgs, nelderMead, numericalGradient } from './minimize.ts';
export type { Objective, MinimizeOptions, MinimizeResult } from './minimize.ts';
