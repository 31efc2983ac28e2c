/**
 * The cells of the report's customer table (customer-columns.ts), read in
 * one pass over segment.row(k) and kept as typed columns: a number column
 * as doubles, a text column as a code per customer into its distinct texts.
 * A writer of a large sheet then reads numbers without boxing them and
 * writes each distinct text once (a tier label, an RFM segment, an id).
 *
 * The cells are segmentCell's (segment-table.ts), the same the add-in's
 * segment sheet shows. For the labelled columns (tier, matrix, stage, churn
 * level, RFM segment) the cell depends only on the row's raw label, so
 * segmentCell is asked once per distinct label rather than once per
 * customer (the equality over every row is tested).
 */
import { segmentCell, type DayFormat } from '../segment/segment-table.ts';
import { COMPOSITE_COLUMNS, SEGMENT_COLUMNS } from '../segment/segment-table.ts';
import type { SegmentResult, SegmentRow } from '../segment/segment.ts';
import type { Lang, Tier } from '../types.ts';
import { customerColumns, type CustomerColumn } from './customer-columns.ts';
import type { ReportCell } from './report-table.ts';
import { rememberSegmentValues, rowReader, segmentValuesCollector } from './segment-values.ts';

/** What a cell holds, a byte per customer. */
export const CELL = { empty: 0, number: 1, text: 2 } as const;

/** One column's cells, customers in the segment's order. */
export interface CellColumn {
  key: CustomerColumn;
  /** CELL.empty, CELL.number or CELL.text per customer. */
  kinds: Uint8Array;
  /** The number of a number cell. */
  numbers: Float64Array;
  /** A text cell's index into `texts`. */
  codes: Int32Array;
  /**
   * The column's texts: each distinct label once, in the order they first
   * occur; in the columns of free text (id, name, e-mail, company), which
   * hold a different text for nearly every customer, each text cell's own.
   */
  texts: string[];
}

export interface CustomerCells {
  rows: number;
  /** The columns a report shows, as customerColumns chooses them. */
  keys: CustomerColumn[];
  /** Each customer's tier (the raw tier, not its label), to colour the row by. */
  tiers: Tier[];
  /** The cells of any column a customer row can have. */
  column(key: CustomerColumn): CellColumn;
}

/** The raw label a labelled column's cell is made from. */
const RAW: Partial<Record<CustomerColumn, (row: SegmentRow) => string>> = {
  tier: (r) => r.tier,
  matrix: (r) => r.matrix,
  stage: (r) => r.stage,
  churnLevel: (r) => r.churnLevel,
  rfmSegment: (r) => r.rfm.segment,
};

/** Columns whose texts are not looked up for repeats: nearly every customer has a text of its own there (ids are unique). */
const FREE_TEXT = new Set<CustomerColumn>(['id', 'name', 'email', 'company']);

/**
 * Every customer's cells, in the segment's order. The columns shown are
 * those customerColumns chooses given, for each column, the first row that
 * has a value in it: the same choice as over all the rows. The pass also
 * hands the tier summary and the concentration curve their numbers
 * (segment-values.ts), so that they do not read the rows again.
 *
 * @example customerCells(analysis.segment, 'en', dayToExcelSerial).column('clv').numbers[0] // the top customer's CLV
 */
export function customerCells(segment: SegmentResult, lang: Lang, formatDay?: DayFormat): CustomerCells {
  const n = segment.totals.customers;
  const all = [...new Set<CustomerColumn>([...SEGMENT_COLUMNS, ...COMPOSITE_COLUMNS])];
  const columns: CellColumn[] = all.map((key) => ({ key, kinds: new Uint8Array(n), numbers: new Float64Array(n), codes: new Int32Array(n), texts: [] }));
  const textCodes = all.map(() => new Map<string, number>());
  const raw = all.map((key) => RAW[key]);
  // Per labelled column: raw label → code of its cell's text.
  const rawCodes = all.map(() => new Map<string, number>());
  const witness: (SegmentRow | undefined)[] = all.map(() => undefined);
  const tiers = new Array<Tier>(n);
  const values = segmentValuesCollector(n);
  const free = all.map((key) => FREE_TEXT.has(key));
  const code = (j: number, text: string): number => {
    if (free[j]) return columns[j]!.texts.push(text) - 1;
    const codes = textCodes[j]!;
    let c = codes.get(text);
    if (c === undefined) {
      c = columns[j]!.texts.push(text) - 1;
      codes.set(text, c);
    }
    return c;
  };
  const rowAt = rowReader(segment);
  for (let i = 0; i < n; i++) {
    const row = rowAt(i);
    tiers[i] = row.tier;
    values.add(i, row);
    for (let j = 0; j < all.length; j++) {
      const col = columns[j]!;
      const labelOf = raw[j];
      if (labelOf !== undefined) {
        const r = labelOf(row);
        let c = rawCodes[j]!.get(r);
        if (c === undefined) {
          const text = segmentCell(row, col.key, lang, formatDay);
          if (typeof text !== 'string') throw new Error(`the ${col.key} column gave ${String(text)} for "${r}", not a label`);
          c = code(j, text);
          rawCodes[j]!.set(r, c);
        }
        col.codes[i] = c;
        col.kinds[i] = CELL.text;
        witness[j] ??= row;
        continue;
      }
      const v = segmentCell(row, col.key, lang, formatDay);
      if (v === null) continue;
      if (typeof v === 'number') {
        col.numbers[i] = v;
        col.kinds[i] = CELL.number;
      } else {
        col.codes[i] = code(j, v);
        col.kinds[i] = CELL.text;
      }
      witness[j] ??= row;
    }
  }
  rememberSegmentValues(segment, values.values);
  const keys = customerColumns(witness.filter((w): w is SegmentRow => w !== undefined));
  return {
    rows: n,
    keys,
    tiers,
    column: (key) => {
      const j = all.indexOf(key);
      if (j < 0) throw new Error(`no customer column ${key}`);
      return columns[j]!;
    },
  };
}

/** Customer i's cell of a column, as segmentCell gives it. */
export function cellAt(column: CellColumn, i: number): ReportCell {
  const kind = column.kinds[i];
  return kind === CELL.number ? column.numbers[i]! : kind === CELL.text ? column.texts[column.codes[i]!]! : null;
}
