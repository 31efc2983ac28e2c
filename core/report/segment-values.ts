/**
 * The few numbers of every customer that the report tables add up (value,
 * lifetime value, contribution, tier), as columns in the segment's order,
 * read once per segment result and shared by the tables that need them.
 *
 * `segment.customers` builds and keeps an object of about 40 fields per
 * customer; the tier summary and the concentration curve used to read it,
 * which on the CDNOW master file (23,570 customers) built all of them for
 * four numbers each and kept them alive through the workbook, where their
 * garbage collection was a visible part of the time. They are copied from
 * the segment's own columns where it lends them; otherwise rows are read
 * through `segment.row(k)` and dropped at once, and a product that reads
 * every row anyway (customer-cells.ts on a copied result) hands the columns
 * over with {@link rememberSegmentValues}, so that no table reads the rows
 * again.
 */
import type { SegmentColumns, SegmentResult, SegmentRow } from '../segment/segment.ts';
import type { Tier } from '../types.ts';

export interface SegmentValues {
  /** Customers, as segment.totals.customers. */
  n: number;
  value: Float64Array;
  clv: Float64Array;
  contribution: Float64Array;
  tier: Tier[];
}

const known = new WeakMap<SegmentResult, SegmentValues>();

/** The columns of `segment`, read on first use: from the segment's own columns where it lends them, else from its rows. */
export function segmentValues(segment: SegmentResult): SegmentValues {
  let v = known.get(segment);
  if (v === undefined) {
    v = segment.columns !== undefined ? fromColumns(segment.totals.customers, segment.columns) : fromRows(segment);
    known.set(segment, v);
  }
  return v;
}

function fromRows(segment: SegmentResult): SegmentValues {
  const collect = segmentValuesCollector(segment.totals.customers);
  const row = rowReader(segment);
  for (let k = 0; k < collect.values.n; k++) collect.add(k, row(k));
  return collect.values;
}

/** The columns copied into the segment's order (the columns themselves are in the order customers were summarised). */
function fromColumns(n: number, source: SegmentColumns): SegmentValues {
  const order = source.order;
  const copy = (field: 'value' | 'clv' | 'contribution'): Float64Array => inOrder(source.number(field)!.values, order, new Float64Array(n));
  const tiers = source.label('tier');
  return { n, value: copy('value'), clv: copy('clv'), contribution: copy('contribution'), tier: labelsInOrder(tiers.codes, tiers.labels, order, new Array<Tier>(n)) };
}

/** to[k] = from[order[k]]: a function of its own, so that one compiled loop serves the three columns. */
function inOrder(from: Float64Array, order: Int32Array, to: Float64Array): Float64Array {
  for (let k = 0; k < to.length; k++) to[k] = from[order[k]!]!;
  return to;
}

function labelsInOrder<T>(codes: Uint8Array | Int32Array, labels: readonly T[], order: Int32Array, to: T[]): T[] {
  for (let k = 0; k < to.length; k++) to[k] = labels[codes[order[k]!]!]!;
  return to;
}

/**
 * segment.row, or, for a result that has lost it by being copied (the
 * add-in's analysis comes back from its worker as a structured clone, which
 * keeps `customers` and drops the non-enumerable `row`), its customers.
 */
export function rowReader(segment: SegmentResult): (k: number) => SegmentRow {
  if (typeof segment.row === 'function') return (k) => segment.row(k);
  const rows = segment.customers;
  return (k) => rows[k];
}

/** Columns to fill row by row (k in segment order), for a reader that visits every row anyway. */
export function segmentValuesCollector(n: number): { values: SegmentValues; add(k: number, row: SegmentRow): void } {
  const values: SegmentValues = { n, value: new Float64Array(n), clv: new Float64Array(n), contribution: new Float64Array(n), tier: new Array<Tier>(n) };
  return {
    values,
    add(k, row) {
      values.value[k] = row.value;
      values.clv[k] = row.clv;
      values.contribution[k] = row.contribution;
      values.tier[k] = row.tier;
    },
  };
}

/** Columns filled from every row of `segment` by another reader, for the tables to use instead of reading the rows again. */
export function rememberSegmentValues(segment: SegmentResult, values: SegmentValues): void {
  if (values.n !== segment.totals.customers) throw new Error(`segment values of ${values.n} customers given for a segment of ${segment.totals.customers}`);
  known.set(segment, values);
}
