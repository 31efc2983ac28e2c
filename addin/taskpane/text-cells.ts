/**
 * Which written strings need the Text number format ("@") to reach the
 * sheet as they are. Excel parses a string written with `Range.values`
 * unless its cell is formatted as Text: a leading "=", "+" or "-" makes a
 * formula (@types/office-js, Excel.Range.values), number text a number with
 * 15 significant digits ("00123" → 123; Microsoft Support, "Last digits are
 * changed to zeros when you type long numbers in cells of Excel"), date text
 * a date, TRUE/FALSE a boolean. So a column of text is formatted as Text
 * before its values are written, and so is any single string Excel would
 * parse in a column of numbers.
 */

/** A rectangle of cells to format as Text, relative to the block's top-left cell. */
export interface TextRange {
  row: number;
  col: number;
  rows: number;
}

const NUMBERISH = /^\s*[-+]?[\d.,]*\d[\d.,]*%?\s*$|^\s*[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+\s*$/;
const DATEISH = /^\s*\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}日?(\s|T|$)|^\s*\d{1,2}[-/ ][A-Za-z]{3,9}([-/ ]\d{2,4})?\s*$|^\s*[A-Za-z]{3,9}[-/ ]\d{1,2}(,?\s*\d{2,4})?\s*$|^\s*\d{1,2}:\d{2}/;

/**
 * True when Excel would not store `s` as the same text if written into a
 * General cell: a formula, a number, a date or time, a boolean, or an error
 * literal (#N/A).
 * @example excelWouldParse('00123') // true
 */
export function excelWouldParse(s: string): boolean {
  if (s.trim() === '') return false;
  return /^[=+\-@]/.test(s) || NUMBERISH.test(s) || DATEISH.test(s) || /^\s*(true|false)\s*$/i.test(s) || /^#[A-Z/0!?]+[!?A]?$/.test(s.trim());
}

/**
 * The cells of a block (rows of values) to format as Text before writing:
 * every column whose non-blank cells are all strings (none longer than 255
 * characters), whole; elsewhere each string Excel would parse.
 */
export function textRanges(values: readonly (readonly unknown[])[]): TextRange[] {
  const out: TextRange[] = [];
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  for (let col = 0; col < width; col++) {
    let strings = 0;
    let others = 0;
    for (const row of values) {
      const v = row[col];
      if (typeof v === 'string') {
        if (v !== '') strings++;
      } else if (v !== null && v !== undefined) others++;
    }
    if (strings === 0) continue;
    // Long notes never parse as numbers or dates, and some Excel versions show a Text-formatted
    // cell of more than 255 characters as ####: such columns get only their risky cells formatted.
    const long = values.some((row) => typeof row[col] === 'string' && (row[col] as string).length > 255);
    if (others === 0 && !long) {
      out.push({ row: 0, col, rows: values.length });
      continue;
    }
    values.forEach((row, i) => {
      const v = row[col];
      if (typeof v === 'string' && excelWouldParse(v)) out.push({ row: i, col, rows: 1 });
    });
  }
  return out;
}
