export { normalise } from './normalise.ts';
export type { Normalisation } from './normalise.ts';
export { normaliseWeights } from './weights.ts';
export { compositeScore } from './composite.ts';
export type { Indicator } from './composite.ts';
export { median } from './median.ts';
