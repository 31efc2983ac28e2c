/**
 * Every custom function of the CV namespace, by the id its @customfunction
 * tag gives it. The build checks that the ids the built functions.js
 * associates and those of the generated functions.json are the same.
 */
import { churnrisk } from './churn.ts';
import { clv } from './clv.ts';
import { stage } from './lifecycle.ts';
import { valuematrix } from './matrix.ts';
import { bgnbd, exppurchases, palive, pclv } from './models.ts';
import { rfm, rfmsegment } from './rfm.ts';
import { segment } from './segment.ts';
import { PARAMETERS } from './declarations.ts';
import { acceptBasicValues } from './data-type-inputs.ts';
import { rejectInputErrors } from './input-errors.ts';
import { cvtier } from './tiers.ts';

export { DATA_TYPE_RESULTS, FUNCTION_FILES, PARAMETERS, RANGE_PARAMETERS } from './declarations.ts';

// Custom functions take cells of any kind; `never[]` accepts every parameter list.
type CustomFunction = (...args: never[]) => unknown;

const IMPLEMENTATIONS: Readonly<Record<string, CustomFunction>> = {
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

/**
 * What Excel calls: each implementation behind the check for error values in
 * its arguments, with data type cells (a formatted date) read as their values.
 */
export const FUNCTIONS: Readonly<Record<string, CustomFunction>> = Object.fromEntries(
  Object.entries(IMPLEMENTATIONS).map(([id, f]) => {
    const names = PARAMETERS[id] ?? [];
    return [id, acceptBasicValues(names.length, rejectInputErrors(`CV.${id}`, names, f))];
  }),
);
