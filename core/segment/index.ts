export { segmentCustomers, segmentTransactions } from './segment.ts';
export type {
  CompositeField,
  CompositeIndicator,
  SegmentOptions,
  SegmentResult,
  SegmentRow,
  SegmentTotals,
  ValueBasis,
} from './segment.ts';
export { SEGMENT_COLUMNS, segmentCell, segmentTable } from './segment-table.ts';
export type { SegmentTable, TableCell } from './segment-table.ts';
