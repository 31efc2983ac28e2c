/**
 * An .xlsx workbook as rows of cell values the core's cell reader takes:
 * numbers stay numbers, dates stay dates (Excel serials with a date format
 * arrive as Date, their UTC day the sheet's day), text stays text, and an
 * error cell (#N/A, #VALUE! …) becomes its error text, which the reader
 * rejects with the sheet row when the column is one it uses. exceljs is
 * loaded here only, so CSV runs do not pay for it.
 */
import type { CellValue, Workbook, Worksheet } from 'exceljs';
import { closestMatch } from './edit-distance.ts';
import { UsageError } from './usage-error.ts';

export interface SheetRows {
  /** rows[i] is sheet row i + 1; cells[j] is column j + 1 (null where empty). */
  rows: unknown[][];
  /** The name of the sheet read. */
  sheet: string;
}

/** Whether bytes are a zip package (an .xlsx is one). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Whether bytes are an OLE2 compound file: an Excel 97–2003 .xls, or an encrypted .xlsx. */
export function isOle2(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/**
 * The cells of the first visible sheet, or of the sheet named `sheetName`
 * (matched exactly, then ignoring case).
 * Throws UsageError for a file that is no workbook and for an unknown sheet,
 * listing the sheets there are.
 */
export async function readSheetRows(bytes: Uint8Array, path: string, sheetName?: string): Promise<SheetRows> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook: Workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings ask for a Node Buffer; the bytes are one when read from disk.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new UsageError(`cannot read '${path}' as an .xlsx workbook (${error instanceof Error ? error.message : String(error)}); save it from Excel as .xlsx or CSV.`);
  }
  const sheet = pickSheet(workbook, path, sheetName);
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: unknown[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // A merged range keeps its value in its top-left cell; the others
      // repeat it, which would put a title into every column.
      cells[column - 1] = cell.isMerged && cell.master !== cell ? null : cellValue(cell.value);
    });
    for (let j = 0; j < cells.length; j++) if (cells[j] === undefined) cells[j] = null;
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return { rows, sheet: sheet.name };
}

function pickSheet(workbook: Workbook, path: string, name: string | undefined): Worksheet {
  const sheets = workbook.worksheets;
  const names = sheets.map((s) => s.name);
  if (name === undefined) {
    const first = sheets.find((s) => s.state === 'visible') ?? sheets[0];
    if (!first) throw new UsageError(`'${path}' has no sheet.`);
    return first;
  }
  const found = sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (found) return found;
  const guess = closestMatch(name, names);
  throw new UsageError(
    `--sheet '${name}': '${path}' has no such sheet; ${guess ? `did you mean '${guess}'? ` : ''}its sheets are ${names.map((n) => `'${n}'`).join(', ')}.`,
  );
}

/** One cell as the core reader takes it. */
export function cellValue(value: CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('error' in value) return value.error;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? null : cellValue(value.result);
  if ('hyperlink' in value) return cellValue(value.text as CellValue);
  return String(value);
}
