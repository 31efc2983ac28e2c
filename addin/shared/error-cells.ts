/**
 * Excel error values (#N/A, #DIV/0!, #REF!…) in a selection. Range.values
 * gives them as text, so without Range.valueTypes a #N/A in the id column
 * would become a customer called "#N/A" and a #DIV/0! amount a reason
 * about a number. They are no data: a row with an error in a column the
 * analysis uses is rejected with its sheet row and the error, like any
 * other unusable row, and never reaches the reader.
 */
import { formatMessage, msg, type RejectedRow } from '../../core/index.ts';

/** An error value at values[row][col] (0-based within the selection). */
export interface ErrorCell {
  row: number;
  col: number;
  /** As Excel shows it: "#N/A". */
  error: string;
}

/** 1-based column index → its letters ("A", "AB"). */
export function columnLetters(index0: number): string {
  let n = index0 + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Blanks each row of `values` that holds an error in one of `used` columns
 * (at or after `dataStart`) and reports it as rejected: the row keeps its
 * place, so every other row keeps its sheet row number.
 * @param firstRow sheet row of values[0]; `firstColumn` 0-based sheet column of values[..][0].
 * @example rejectErrorRows([['a', 5], ['b', '']], [{ row: 1, col: 1, error: '#N/A' }], [0, 1], { firstRow: 2, firstColumn: 0, dataStart: 0 }).rejected
 * // [{ line: 3, reason: 'cell B3 holds the Excel error #N/A' }]
 */
export function rejectErrorRows(
  values: readonly (readonly unknown[])[],
  errors: readonly ErrorCell[],
  used: readonly number[],
  where: { firstRow: number; firstColumn: number; dataStart: number },
): { values: (readonly unknown[])[]; rejected: RejectedRow[] } {
  const columns = new Set(used);
  const byRow = new Map<number, ErrorCell>();
  for (const e of errors) {
    if (e.row < where.dataStart || !columns.has(e.col) || byRow.has(e.row)) continue;
    byRow.set(e.row, e);
  }
  if (byRow.size === 0) return { values: [...values], rejected: [] };
  const rejected: RejectedRow[] = [];
  const out = values.map((row, i) => {
    const e = byRow.get(i);
    if (!e) return row;
    const line = where.firstRow + i;
    const cell = `${columnLetters(where.firstColumn + e.col)}${line}`;
    // English in `reason` as core's readers give it; the message says it in the user's language (formatReason).
    const problem = msg('read.cellSheetError', { cell, error: e.error });
    rejected.push({ line, reason: formatMessage(problem, 'en'), problems: [problem] });
    return row.map(() => '');
  });
  return { values: out, rejected };
}
