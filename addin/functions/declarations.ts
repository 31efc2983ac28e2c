/**
 * What the build needs to know about the custom functions without loading
 * them: the files with their @customfunction JSDoc, each function's
 * parameter names and which of them read a range. The implementations
 * (index.ts) pull in the analysis worker through a vite-only import, which
 * the build, run by Node, cannot load.
 */

/**
 * The parameter names of each function, in the order of functions.json (the
 * build checks that they match): error values in arguments are reported
 * under these names.
 */
export const PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  CLV: ['margin', 'retention', 'discount', 'periods', 'acquisition_cost', 'timing'],
  CVTIER: ['value', 'all_values', 'method', 'cut_points', 'lang'],
  RFM: ['recency', 'frequency', 'monetary', 'format'],
  RFMSEGMENT: ['r', 'f', 'm', 'lang'],
  VALUEMATRIX: ['current', 'future', 'current_split', 'future_split', 'lang'],
  STAGE: ['purchase_days', 'age_days', 'churn_risk', 'value_trend', 'lang'],
  CHURNRISK: ['frequency', 'recency', 'since_last', 'age', 'typical_gap', 'as_level', 'lang'],
  BGNBD: ['x', 't_x', 'T', 'lang'],
  PALIVE: ['x', 't_x', 'T', 'model'],
  EXPPURCHASES: ['t', 'x', 't_x', 'T', 'model'],
  PCLV: ['x', 't_x', 'T', 'spend', 'model', 'horizon_days', 'margin', 'annual_discount', 'unit'],
  SEGMENT: ['ids', 'dates', 'amounts', 'as_of', 'unit', 'margin_rate', 'tier_method', 'cut_points', 'model', 'lang'],
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

/**
 * The functions whose results hold Excel data types (formatted dates, see
 * date-cells.ts): the build checks that functions.json lets Excel take them.
 */
export const DATA_TYPE_RESULTS: readonly string[] = ['SEGMENT'];
