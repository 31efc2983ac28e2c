/**
 * Reading transactions (and plain tables) from files and sheet ranges.
 */
export { civilFromDay, dayFromCivil, dayToExcelSerial, dayToIso, excelSerialToDay, isoToDay } from './day-number.ts';
export { decodeText, type DecodedText, type TextEncodingOption } from './decode-text.ts';
export { decimalEvidence, DecimalVote, type DecimalDecision, type DecimalEvidence } from './detect-decimal.ts';
export { ALL_ROLES, detectColumns, normalizeHeader, REQUIRED_ROLES, ROLE_LABEL, type ColumnChoice } from './detect-columns.ts';
export { parseAmount, scanAmount, type DecimalMark } from './parse-amount.ts';
export { parseDate, scanDateText, type DateOrder, type DateScan } from './parse-date.ts';
export { detectDelimiter, looksLikeHeader, readTable, type Delimiter, type Table, type TableOptions } from './read-table.ts';
export {
  readTransactionCells,
  readTransactions,
  type ReadCellsOptions,
  type ReadOptions,
  type ReadResult,
} from './read-transactions.ts';
export {
  CUSTOMER_ROLES,
  detectCustomerColumns,
  readCustomerCells,
  REQUIRED_CUSTOMER_ROLES,
  type CustomerMapping,
  type CustomerRole,
  type CustomerRowsResult,
} from './read-customer-cells.ts';
