/**
 * The public surface of the cvlens core. Products (cli/, addin/, extension/)
 * import from here only; everything not re-exported is internal.
 */
export * from './types.ts';
export * from './errors.ts';
export * from './palette.ts';

// Reading and writing files
export * from './read/index.ts';
export * from './exchange/index.ts';

// Per-customer facts and the classic value formulas
export * from './summary/index.ts';
export { classicClv, type ClassicClvInput } from './clv/classic.ts';
export * from './value/index.ts';

// Scoring and grouping rules
export * from './rfm/index.ts';
export * from './tiers/index.ts';
export * from './score/index.ts';
export * from './matrix/index.ts';
export * from './lifecycle/index.ts';
export * from './churn/index.ts';
export * from './concentration/index.ts';
export * from './i18n/index.ts';

// The pipeline every product calls
export * from './segment/index.ts';

// Probabilistic models ("buy till you die"), their numerics, and the simulator
export * from './math/index.ts';
export * from './models/index.ts';
export * from './simulate/index.ts';

// Orchestration: models + segmentation, calibration / holdout
export * from './analysis/index.ts';

// Checking scores against what customers did next
export * from './evaluate/index.ts';
