/**
 * The cells of the report's customer table (customer-columns.ts), kept as
 * typed columns: a number column as doubles, a text column as a code per
 * customer into its distinct texts. A writer of a large sheet then reads
 * numbers without boxing them and writes each distinct text once (a tier
 * label, an RFM segment, an id).
 *
 * The cells are segmentCell's (segment-table.ts), the same the add-in's
 * segment sheet shows. They are read from the segment's own columns where
 * it lends them (segment.columns, the columnar analysis): building a
 * 40-field row per customer to read it once was most of this step on the
 * CDNOW master file. A copy without them (the add-in's structured clone)
 * is read in one pass over its rows. Either way a labelled column's cell
 * (tier, matrix, stage, churn level, RFM cell and segment) depends only on
 * the raw label, so segmentCell is asked once per distinct label, on a row
 * that has it (the equality over every row is tested on both paths).
 */
import { segmentCell, type DayFormat } from '../segment/segment-table.ts';
import { COMPOSITE_COLUMNS, SEGMENT_COLUMNS } from '../segment/segment-table.ts';
import { dayToIso } from '../read/day-number.ts';
import type { SegmentColumns, SegmentLabels, SegmentNumberField, SegmentResult, SegmentRow, SegmentTextField } from '../segment/segment.ts';
import type { Lang, Tier } from '../types.ts';
import { customerColumns, type CustomerColumn } from './customer-columns.ts';
import type { ReportCell } from './report-table.ts';
import { rememberSegmentValues, rowReader, segmentValues, segmentValuesCollector, type SegmentValues } from './segment-values.ts';

/** What a cell holds, a byte per customer. */
export const CELL = { empty: 0, number: 1, text: 2 } as const;

/** One column's cells, customers in the segment's order. */
export interface CellColumn {
  key: CustomerColumn;
  /** CELL.empty, CELL.number or CELL.text per customer. */
  kinds: Uint8Array;
  /** The number of a number cell (empty when the column has no number cell). */
  numbers: Float64Array;
  /** A text cell's index into `texts` (empty when the column has no text cell). */
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

const NO_NUMBERS = new Float64Array(0);
const NO_CODES = new Int32Array(0);

/** The raw label a labelled column's cell is made from. */
const RAW: Partial<Record<CustomerColumn, (row: SegmentRow) => string>> = {
  tier: (r) => r.tier,
  matrix: (r) => r.matrix,
  stage: (r) => r.stage,
  churnLevel: (r) => r.churnLevel,
  rfmSegment: (r) => r.rfm.segment,
};

/** The segment's label column each labelled cell column is made from (rfmCell too: 125 texts, one per score triple). */
const LABELLED: Partial<Record<CustomerColumn, keyof SegmentLabels>> = {
  tier: 'tier',
  matrix: 'matrix',
  stage: 'stage',
  churnLevel: 'churnLevel',
  rfmCell: 'rfmCell',
  rfmSegment: 'rfmSegment',
};

/** The number columns a segment keeps (cost, quantity and transactions are not: no report column shows them). */
const NUMBER_FIELDS: ReadonlySet<string> = new Set<SegmentNumberField>([
  'firstDay', 'lastDay', 'purchaseDays', 'frequency', 'recency', 'T', 'sinceLast', 'grossRevenue', 'returnAmount', 'returns', 'revenue', 'averageSpend',
  'monetary', 'profit', 'value', 'contribution', 'clv', 'pAlive', 'expectedPurchases', 'expectedSpend', 'churnRisk', 'composite', 'compositeRank', 'rfmR', 'rfmF', 'rfmM',
]);

function isNumberField(key: CustomerColumn): key is SegmentNumberField {
  return NUMBER_FIELDS.has(key);
}

function isText(key: CustomerColumn): key is SegmentTextField {
  return key === 'id' || key === 'name' || key === 'email' || key === 'company';
}

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
  const source = segment.columns;
  // From rows, a column's kind of cell is known only as it is read; from columns, each column gets only the array its cells use.
  const columns: CellColumn[] = all.map((key) =>
    source === undefined
      ? { key, kinds: new Uint8Array(n), numbers: new Float64Array(n), codes: new Int32Array(n), texts: [] }
      : { key, kinds: new Uint8Array(n), numbers: NO_NUMBERS, codes: NO_CODES, texts: [] },
  );
  const textCodes = all.map(() => new Map<string, number>());
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
  const filled = source !== undefined ? fromColumns(segment, source, all, columns, code, lang, formatDay) : fromRows(segment, all, columns, code, lang, formatDay);
  rememberSegmentValues(segment, filled.values);
  const keys = customerColumns(filled.witness.filter((w): w is SegmentRow => w !== undefined));
  return {
    rows: n,
    keys,
    tiers: filled.values.tier,
    column: (key) => {
      const j = all.indexOf(key);
      if (j < 0) throw new Error(`no customer column ${key}`);
      return columns[j]!;
    },
  };
}

interface Filled {
  /** The numbers the report tables add up, read in the same pass. */
  values: SegmentValues;
  /** Per column, the first row with a cell there (undefined: no customer has one), for customerColumns. */
  witness: (SegmentRow | undefined)[];
}

type Code = (j: number, text: string) => number;

/** Sets customer k's cell of column j; an empty cell stays as the column was made. */
function put(column: CellColumn, j: number, k: number, v: ReportCell, code: Code): boolean {
  if (v === null) return false;
  if (typeof v === 'number') {
    column.numbers[k] = v;
    column.kinds[k] = CELL.number;
  } else {
    column.codes[k] = code(j, v);
    column.kinds[k] = CELL.text;
  }
  return true;
}

/** The cells from every customer's row object: for a result without columns (a structured-clone copy, segmentCustomers'). */
function fromRows(segment: SegmentResult, all: readonly CustomerColumn[], columns: CellColumn[], code: Code, lang: Lang, formatDay?: DayFormat): Filled {
  const n = segment.totals.customers;
  const raw = all.map((key) => RAW[key]);
  // Per labelled column: raw label → code of its cell's text.
  const rawCodes = all.map(() => new Map<string, number>());
  const witness: (SegmentRow | undefined)[] = all.map(() => undefined);
  const values = segmentValuesCollector(n);
  const rowAt = rowReader(segment);
  for (let i = 0; i < n; i++) {
    const row = rowAt(i);
    values.add(i, row);
    for (let j = 0; j < all.length; j++) {
      const col = columns[j]!;
      const labelOf = raw[j];
      if (labelOf !== undefined) {
        const r = labelOf(row);
        let c = rawCodes[j]!.get(r);
        if (c === undefined) {
          c = code(j, labelText(row, col.key, lang, formatDay));
          rawCodes[j]!.set(r, c);
        }
        col.codes[i] = c;
        col.kinds[i] = CELL.text;
        witness[j] ??= row;
        continue;
      }
      if (put(col, j, i, segmentCell(row, col.key, lang, formatDay), code)) witness[j] ??= row;
    }
  }
  return { values: values.values, witness };
}

/**
 * The cells from the segment's columns, column by column: numbers copied,
 * a labelled column's text asked of segmentCell once per label (on the row
 * of the first customer with it), so no row object is built per customer.
 *
 * Each kind of column is copied by a small function of its own (gather,
 * gatherKnown, gatherCodes, gatherTexts): this runs once per process, and
 * loops written inline here ran unoptimised or were compiled anew for each
 * column (on-stack replacement of this whole function), where a function
 * called for twenty-odd columns is compiled once, on the first few.
 */
function fromColumns(segment: SegmentResult, source: SegmentColumns, all: readonly CustomerColumn[], columns: CellColumn[], code: Code, lang: Lang, formatDay?: DayFormat): Filled {
  const n = segment.totals.customers;
  const order = source.order;
  // The few rows built: the first customer with each label, and each column's witness.
  const built = new Map<number, SegmentRow>();
  const rowAt = (k: number): SegmentRow => {
    let row = built.get(k);
    if (row === undefined) {
      row = segment.row(k);
      built.set(k, row);
    }
    return row;
  };
  const first = all.map(() => -1);
  for (let j = 0; j < all.length; j++) {
    const col = columns[j]!;
    const key = col.key;
    const labelled = LABELLED[key];
    if (labelled !== undefined) {
      const { codes, labels } = source.label(labelled);
      // Each customer's label, then each label's text in the order of the labels' first customers (the order
      // texts are first met in), then the labels replaced by their texts.
      const firstOf = new Int32Array(labels.length).fill(-1);
      const out = (col.codes = new Int32Array(n));
      gatherCodes(codes, order, out, firstOf);
      const seen: number[] = [];
      for (let l = 0; l < firstOf.length; l++) if (firstOf[l]! >= 0) seen.push(l);
      seen.sort((a, b) => firstOf[a]! - firstOf[b]!);
      const textOf = new Int32Array(labels.length);
      for (const l of seen) textOf[l] = code(j, labelText(rowAt(firstOf[l]!), key, lang, formatDay));
      relabel(out, textOf);
      col.kinds.fill(CELL.text);
      if (n > 0) first[j] = 0;
    } else if (isText(key)) {
      // Free text (FREE_TEXT): each cell's text its own, in customer order.
      col.codes = new Int32Array(n);
      first[j] = gatherTexts(source.text(key), order, col.codes, col.kinds, col.texts);
    } else {
      if (!isNumberField(key)) throw new Error(`the ${key} column is not among the segment's columns`);
      const column = source.number(key);
      if (column === undefined) continue;
      const { values, known } = column;
      const numbers = (col.numbers = new Float64Array(n));
      if (key === 'firstDay' || key === 'lastDay') {
        // A day is a number (Excel's serial) or a text (ISO), as formatDay makes it.
        col.codes = new Int32Array(n);
        first[j] = gatherDays(values, order, col, j, code, formatDay);
      } else if (known === undefined) {
        gather(values, order, numbers);
        col.kinds.fill(CELL.number);
        if (n > 0) first[j] = 0;
      } else {
        first[j] = gatherKnown(values, known, order, numbers, col.kinds);
      }
    }
  }
  return { values: segmentValues(segment), witness: first.map((k) => (k < 0 ? undefined : rowAt(k))) };
}

/**
 * out[k] = values[order[k]]. A loop of its own: run for twenty-odd columns
 * it is optimised once, where the same loop inline in fromColumns ran
 * unoptimised (fromColumns runs once per workbook) at about 50 ns a cell
 * and was a tenth of the workbook's time.
 */
function gather(values: Float64Array, order: Int32Array, out: Float64Array): void {
  for (let k = 0; k < out.length; k++) out[k] = values[order[k]!]!;
}

/** The known values (known[i] = 1) in segment order, marked as numbers; returns the first customer with one, or −1. */
function gatherKnown(values: Float64Array, known: ArrayLike<number>, order: Int32Array, out: Float64Array, kinds: Uint8Array): number {
  let first = -1;
  for (let k = 0; k < out.length; k++) {
    const i = order[k]!;
    if (known[i] !== 1) continue;
    out[k] = values[i]!;
    kinds[k] = CELL.number;
    if (first < 0) first = k;
  }
  return first;
}

/** out[k] = codes[order[k]], and each code's first customer in firstOf. */
function gatherCodes(codes: Uint8Array | Int32Array, order: Int32Array, out: Int32Array, firstOf: Int32Array): void {
  for (let k = 0; k < out.length; k++) {
    const l = codes[order[k]!]!;
    out[k] = l;
    if (firstOf[l]! < 0) firstOf[l] = k;
  }
}

/** A day column's cells in segment order, each as formatDay makes it; returns the first customer with one, or −1. */
function gatherDays(days: Float64Array, order: Int32Array, col: CellColumn, j: number, code: Code, formatDay?: DayFormat): number {
  let first = -1;
  for (let k = 0; k < col.kinds.length; k++) {
    const day = days[order[k]!]!;
    if (put(col, j, k, formatDay !== undefined ? formatDay(day) : dayToIso(day), code) && first < 0) first = k;
  }
  return first;
}

/** codes[k] = textOf[codes[k]]. */
function relabel(codes: Int32Array, textOf: Int32Array): void {
  for (let k = 0; k < codes.length; k++) codes[k] = textOf[codes[k]!]!;
}

/** Each customer's own text (none where undefined) appended to `out` in segment order; returns the first customer with one, or −1. */
function gatherTexts(texts: readonly (string | undefined)[], order: Int32Array, codes: Int32Array, kinds: Uint8Array, out: string[]): number {
  let first = -1;
  for (let k = 0; k < codes.length; k++) {
    const t = texts[order[k]!];
    if (t === undefined) continue;
    codes[k] = out.push(t) - 1;
    kinds[k] = CELL.text;
    if (first < 0) first = k;
  }
  return first;
}

/** A labelled column's text: segmentCell's, which for these is always a label. */
function labelText(row: SegmentRow, key: CustomerColumn, lang: Lang, formatDay?: DayFormat): string {
  const text = segmentCell(row, key, lang, formatDay);
  if (typeof text !== 'string') throw new Error(`the ${key} column gave ${String(text)}, not a label`);
  return text;
}

/** Customer i's cell of a column, as segmentCell gives it. */
export function cellAt(column: CellColumn, i: number): ReportCell {
  const kind = column.kinds[i];
  return kind === CELL.number ? column.numbers[i]! : kind === CELL.text ? column.texts[column.codes[i]!]! : null;
}
