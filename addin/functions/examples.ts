/**
 * One worked example per custom function: the formula as typed in Excel and
 * the result it shows. Used by help.html and the README table, and checked
 * by examples.test.ts against the functions themselves.
 */
export interface FunctionExample {
  formula: string;
  /** The formula's arguments: literals as values, array constants and ranges as rows of cells; test/addin/contract passes them as functions.json declares. */
  args: unknown[];
  /** What the cell shows (first cell of a spill, rounded as shown). */
  result: string;
}

export const EXAMPLES: Record<string, FunctionExample> = {
  CLV: { formula: '=CV.CLV(100, 0.8, 0.1)', args: [100, 0.8, 0.1], result: '266.67' },
  CVTIER: {
    formula: '=CV.CVTIER(50, {50;30;15;5;0;0;0;0;0;0})',
    args: [50, [[50], [30], [15], [5], [0], [0], [0], [0], [0], [0]]],
    result: 'VIP',
  },
  RFM: { formula: '=CV.RFM({50;10}, {1;5}, {10;50}, "cell")', args: [[[50], [10]], [[1], [5]], [[10], [50]], 'cell'], result: '111' },
  RFMSEGMENT: { formula: '=CV.RFMSEGMENT(5, 4, 5)', args: [5, 4, 5], result: 'Champions' },
  VALUEMATRIX: { formula: '=CV.VALUEMATRIX(900, 1200, 500, 800)', args: [900, 1200, 500, 800], result: 'Gold' },
  STAGE: { formula: '=CV.STAGE(1, 10, 0.1)', args: [1, 10, 0.1], result: 'Exploration' },
  CHURNRISK: { formula: '=CV.CHURNRISK(4, 40, 10, 50)', args: [4, 40, 10, 50], result: '0.50' },
  BGNBD: {
    formula: '=CV.BGNBD(B2:B2358, C2:C2358, D2:D2358)',
    args: [],
    result: 'r 0.2426, alpha 4.414, a 0.7929, b 2.426 (CDNOW, weeks)',
  },
  PALIVE: {
    formula: '=CV.PALIVE(2, 30.43, 38.86, {0.2426;4.4136;0.7929;2.4259})',
    args: [2, 30.43, 38.86, [[0.2426], [4.4136], [0.7929], [2.4259]]],
    result: '0.73',
  },
  EXPPURCHASES: {
    formula: '=CV.EXPPURCHASES(39, 2, 30.43, 38.86, {0.2426;4.4136;0.7929;2.4259})',
    args: [39, 2, 30.43, 38.86, [[0.2426], [4.4136], [0.7929], [2.4259]]],
    result: '1.23',
  },
  PCLV: {
    formula: '=CV.PCLV(2, 30.43, 38.86, 20, {0.2426;4.4136;0.7929;2.4259}, 365, 0.3, 0.1)',
    args: [2, 30.43, 38.86, 20, [[0.2426], [4.4136], [0.7929], [2.4259]], 365, 0.3, 0.1],
    result: '8.93',
  },
  SEGMENT: {
    formula: '=CV.SEGMENT(A2:A5000, B2:B5000, C2:C5000)',
    args: [],
    result: 'the per-customer table, header row first, 30 columns (Customer, First purchase, …, Tier, Value matrix, Lifecycle stage, Model: …)',
  },
};
