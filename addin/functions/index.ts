/**
 * Every custom function of the CV namespace, by the id its @customfunction
 * tag gives it. The build checks that this table and the generated
 * functions.json name exactly the same ids.
 */
import { churnrisk } from './churn.ts';
import { clv } from './clv.ts';
import { stage } from './lifecycle.ts';
import { valuematrix } from './matrix.ts';
import { bgnbd, exppurchases, palive, pclv } from './models.ts';
import { rfm, rfmsegment } from './rfm.ts';
import { segment } from './segment.ts';
import { cvtier } from './tiers.ts';

// Custom functions take cells of any kind; `never[]` accepts every parameter list.
type CustomFunction = (...args: never[]) => unknown;

export const FUNCTIONS: Readonly<Record<string, CustomFunction>> = {
  CLV: clv,
  CVTIER: cvtier,
  RFM: rfm,
  RFMSEGMENT: rfmsegment,
  VALUEMATRIX: valuematrix,
  STAGE: stage,
  CHURNRISK: churnrisk,
  BGNBD: bgnbd,
  PALIVE: palive,
  EXPPURCHASES: exppurchases,
  PCLV: pclv,
  SEGMENT: segment,
};

/** The source files that hold @customfunction declarations, for the metadata generator. */
export const FUNCTION_FILES: readonly string[] = [
  'clv.ts', 'tiers.ts', 'rfm.ts', 'matrix.ts', 'lifecycle.ts', 'churn.ts', 'models.ts', 'segment.ts',
];

/**
 * The parameters that read a whole range (a population, a model, aligned
 * columns), by function id. Excel passes such a parameter whole only when
 * functions.json declares it a matrix; declared scalar, Excel calls the
 * function once per cell of the range, so the build refuses that.
 */
export const RANGE_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  CVTIER: ['all_values', 'cut_points'],
  RFM: ['recency', 'frequency', 'monetary'],
  VALUEMATRIX: ['current', 'future', 'current_split', 'future_split'],
  CHURNRISK: ['frequency', 'recency', 'since_last', 'age', 'typical_gap', 'as_level'],
  BGNBD: ['x', 't_x', 'T'],
  PALIVE: ['model'],
  EXPPURCHASES: ['model'],
  PCLV: ['model'],
  SEGMENT: ['ids', 'dates', 'amounts', 'cut_points'],
};
