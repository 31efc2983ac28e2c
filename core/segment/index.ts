export { segmentCustomers } from './segment.ts';
export type {
  CompositeField,
  CompositeIndicator,
  SegmentOptions,
  SegmentResult,
  SegmentRow,
  SegmentTotals,
  ValueBasis,
} from './segment.ts';
export { SEGMENT_COLUMN_KIND, SEGMENT_COLUMNS, segmentCell, segmentColumns, segmentTable } from './segment-table.ts';
export type { ColumnKind, DayFormat, SegmentTable, TableCell } from './segment-table.ts';
