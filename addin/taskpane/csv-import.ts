/**
 * "Import CSV": a CSV file (UTF-8, GBK/GB18030 or UTF-16, any common
 * delimiter; core's readTable decides) as the plan of a new sheet. Number
 * text becomes numbers, except ids with leading zeros ("00123"), which stay text.
 */
import { readTable } from '../../core/index.ts';
import type { SheetPlan } from './sheet-plan.ts';

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** A cell of the file as Excel should hold it. @example importCell('00123') // '00123' */
export function importCell(text: string): string | number {
  const t = text.trim();
  return NUMBER.test(t) && t.length <= 15 ? Number(t) : text;
}

export interface CsvImport {
  plan: SheetPlan;
  rows: number;
  encoding: string;
  rejected: number;
}

/** The sheet plan for a CSV file's bytes, named after the file. */
export function csvImportPlan(fileName: string, bytes: Uint8Array): CsvImport {
  const table = readTable(bytes);
  const values: unknown[][] = [];
  if (table.hasHeader) values.push(table.headers);
  for (const r of table.rows) values.push(r.map(importCell));
  const base = fileName.replace(/\.[^.]*$/, '') || 'CSV';
  return {
    plan: {
      baseName: base,
      blocks: [{ id: 'data', row: 0, col: 0, values, boldHeader: table.hasHeader }],
      tables: [],
      formats: [],
      charts: [],
      freezeRows: table.hasHeader ? 1 : 0,
    },
    rows: table.rows.length,
    encoding: table.encoding,
    rejected: table.rejected.length,
  };
}
