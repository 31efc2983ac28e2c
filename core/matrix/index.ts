export { matrixCell, valueMatrix } from './value-matrix.ts';
export type { ValueMatrix, ValueMatrixOptions } from './value-matrix.ts';
