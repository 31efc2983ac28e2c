/**
 * A worksheet part written as SpreadsheetML text, row by row (ECMA-376
 * part 1, §18.3): the sheet's setup first (views, column widths and
 * formats), then each row as one joined string of cells, then print setup
 * and the parts the sheet refers to. Text goes to the shared-string table
 * (§18.4), numbers as written by JavaScript (the shortest text that reads
 * back as the same double), dates as the Excel serial numbers they are
 * given as, each cell naming its format in the styles part.
 *
 * Writing the 23,570-customer sheet through exceljs cell objects took about
 * 2 s of CPU and its import another 0.9 s (measured); one string per row
 * takes a small fraction of that.
 */
import { CELL, type CellColumn, type ReportCell } from '../../core/index.ts';

import { columnLetters, rowWriter, writeRows, type RowBlock } from './row-bytes.ts';

/** `A`, `B`, …, `Z`, `AA`… for a 1-based column. */
export const columnName = columnLetters;

// Characters XML 1.0 cannot hold are written as _xHHHH_ (§22.9.2.19, ST_Xstring), and a literal "_xHHHH_" escapes its underscore.
const SPECIAL = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9a-fA-F]{4}_/g;

function escapeOne(m: string): string {
  if (m === '&') return '&amp;';
  if (m === '<') return '&lt;';
  if (m === '>') return '&gt;';
  if (m.length > 1) return '_x005F_' + m.slice(1);
  return `_x${m.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
}

/** Text as the content of an element. */
export function xmlText(text: string): string {
  return text.replace(SPECIAL, escapeOne);
}

/** The first row of each code among a column's text cells into `rows` (−1: unused); returns how many text cells the column has. */
function firstUses(kinds: Uint8Array, codes: Int32Array, rows: Float64Array): number {
  let cells = 0;
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== CELL.text) continue;
    cells++;
    const c = codes[i]!;
    if (rows[c]! < 0) rows[c] = i;
  }
  return cells;
}

/** FNV-1a over UTF-16 code units: the shared-string table's hash. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h | 0;
}

/** Whether a text can be written as it is: printable ASCII with nothing to escape or preserve. */
function plainText(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    // Space (kept only with xml:space at either end), controls, & < > and _ (of _xHHHH_), and anything beyond ASCII (\s
    // holds Unicode spaces) take the general path.
    if (c <= 0x20 || c === 0x26 || c === 0x3c || c === 0x3e || c === 0x5f || c >= 0x7f) return false;
  }
  return true;
}

/**
 * The workbook's shared-string table: each distinct text once, cells refer
 * to it by index. The texts are found through a hash table of our own
 * (open addressing on the texts' FNV-1a hashes): a JavaScript Map of the
 * 23,570 customer ids of the CDNOW master file cost 8-30 ms to fill, this
 * a third of that (measured warm; the writer runs once per process).
 */
export class SharedStrings {
  private readonly texts: string[] = [];
  private hashes = new Int32Array(64);
  /** Index of a text + 1 per slot; 0 is free. A power of two, at most half full. */
  private slots = new Int32Array(128);
  /** Cells that refer to the table (the `count` attribute). */
  private uses = 0;

  id(text: string): number {
    this.uses++;
    const h = hashText(text);
    const { slots, texts, hashes } = this;
    const mask = slots.length - 1;
    let at = h & mask;
    for (let k = slots[at]!; k !== 0; k = slots[at]!) {
      if (hashes[k - 1] === h && texts[k - 1] === text) return k - 1;
      at = (at + 1) & mask;
    }
    const id = texts.length;
    texts.push(text);
    if (id === hashes.length) {
      const more = new Int32Array(id * 2);
      more.set(hashes);
      this.hashes = more;
    }
    this.hashes[id] = h;
    slots[at] = id + 1;
    if (texts.length * 2 > slots.length) this.grow();
    return id;
  }

  /** Counts `cells` more cells referring to texts already in the table (their ids known to the writer). */
  reuse(cells = 1): void {
    this.uses += cells;
  }

  /** xl/sharedStrings.xml. */
  xml(): string {
    const items = new Array<string>(this.texts.length);
    for (let i = 0; i < items.length; i++) {
      const t = this.texts[i]!;
      // Spaces at either end, and line breaks, survive only with xml:space="preserve".
      items[i] = plainText(t) ? `<si><t>${t}</t></si>` : /^\s|\s$|\n/.test(t) ? `<si><t xml:space="preserve">${xmlText(t)}</t></si>` : `<si><t>${xmlText(t)}</t></si>`;
    }
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.uses}" uniqueCount="${this.texts.length}">${items.join('')}</sst>`
    );
  }

  get size(): number {
    return this.texts.length;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let i = 0; i < this.texts.length; i++) {
      let at = this.hashes[i]! & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = i + 1;
    }
    this.slots = slots;
  }
}

export interface SheetSetup {
  /** Width of each column from A on (Excel's unit, about one digit), and the format its empty cells take. */
  columns: readonly { width: number; style?: number }[];
  /** Rows and columns that stay in view when scrolling. */
  frozen?: { rows: number; cols: number };
  orientation: 'landscape' | 'portrait';
  /** Pages down when fitted to one page wide: 0 is as many as needed. */
  pagesTall: 0 | 1;
  /** The sheet shown when the workbook opens. */
  selected?: boolean;
}

/**
 * Where a writer can put bytes in place (a zip entry, zip-writer.ts): room
 * gives a buffer with at least that many bytes free from `at` on; commit
 * says where the written bytes end.
 */
export interface ByteSink {
  room(bytes: number): Uint8Array;
  readonly at: number;
  commit(at: number): void;
}

/** Rows of cells kept as columns (core's customerCells): see {@link SheetWriter.columnRows}. */
export interface ColumnRows {
  /** The columns from A on, every one of the same length. */
  columns: readonly CellColumn[];
  /** The formats of data row i's cells, one per column (arrays may be shared between rows). */
  styles(i: number): readonly number[];
}

/** What the sheet refers to, written after its rows: relationship ids of its drawing and tables. */
export interface SheetTail {
  drawing?: string;
  tables?: readonly string[];
}

export class SheetWriter {
  private lastRow = 0;
  private readonly letters: string[] = [''];
  /** `<c s="N"` for style N (`<c` for 0): the start of a cell that follows its left neighbour. */
  private readonly opens: string[] = ['<c'];
  /** The pieces of the row being written (one array, reused). */
  private readonly parts: string[] = [];

  /**
   * `out` takes the sheet's text; `ascii` says it is all ASCII (the rows:
   * numbers, shared-string indices and tags), which a writer may copy byte
   * for byte instead of encoding.
   */
  constructor(
    private readonly strings: SharedStrings,
    private readonly out: (text: string, ascii: boolean) => void,
    private readonly setup: SheetSetup,
    private readonly sink?: ByteSink,
  ) {
    out(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
        `<sheetViews><sheetView workbookViewId="0"${setup.selected ? ' tabSelected="1"' : ''}>${pane(setup.frozen)}</sheetView></sheetViews>` +
        '<sheetFormatPr defaultRowHeight="15"/>' +
        `<cols>${setup.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${c.style ? ` style="${c.style}"` : ''} customWidth="1"/>`).join('')}</cols>` +
        '<sheetData>',
      true,
    );
  }

  /**
   * One row: `values[j]` in column `first + j` with format `styles[j]`; null
   * leaves the cell empty (but a style still paints it, e.g. a fill across a
   * section heading). Rows must come in increasing order.
   *
   * A cell names its place (r="B7") only when it does not follow the cell
   * written before it in the row: r is optional (ECMA-376 part 1, §18.3.1.4)
   * and a cell without it takes the next column, as Excel, LibreOffice and
   * exceljs read it. On the customer sheet the references were a quarter of
   * the text to write and compress.
   */
  row(r: number, values: readonly ReportCell[], styles: readonly number[], options: { height?: number; first?: number } = {}): void {
    if (r <= this.lastRow) throw new Error(`row ${r} written after row ${this.lastRow}`);
    this.lastRow = r;
    const first = options.first ?? 1;
    const parts = this.parts;
    parts.length = 0;
    parts.push(options.height === undefined ? '<row r="' + r + '">' : `<row r="${r}" ht="${options.height}" customHeight="1">`);
    const n = Math.max(values.length, styles.length);
    let next = -1;
    for (let j = 0; j < n; j++) {
      const v = values[j] ?? null;
      const s = styles[j] ?? 0;
      if (v === null && s === 0) continue;
      const col = first + j;
      parts.push(col === next ? this.open(s) : '<c r="' + this.letter(col) + r + '"' + (s === 0 ? '' : ' s="' + s + '"'));
      next = col + 1;
      if (v === null) parts.push('/>');
      else if (typeof v === 'number') {
        if (Number.isFinite(v)) parts.push('><v>', String(v), '</v></c>');
        else parts.push(' t="e"><v>#NUM!</v></c>');
      } else parts.push(' t="s"><v>', String(this.strings.id(v)), '</v></c>');
    }
    parts.push('</row>');
    // Joined, not concatenated: += leaves a tree of string pieces that the write must first flatten, which cost
    // more than building the row (measured on the 23,570-customer sheet); join makes the flat string at once.
    this.out(parts.join(''), true);
  }

  /**
   * Data rows of `data` as sheet rows `firstRow`, `firstRow + 1`, …: the
   * returned function writes data rows from..to−1, so that a caller can let
   * the event loop turn between blocks.
   * The XML is what {@link row} writes for the same cells, but put as bytes
   * straight into the zip entry's pieces by row-bytes.ts: no string or
   * array per row or per cell, and each distinct text of a column looked up
   * in the shared strings once. On the CDNOW customer sheet (23,570 rows of
   * 29 cells) building a string per row and encoding it was most of the
   * workbook's time, and its garbage most of the rest.
   *
   * Every text cell's shared string is found here, row by row as the rows
   * will be written (the order row() would give them), so every data row is
   * to be written.
   */
  columnRows(data: ColumnRows, firstRow: number): (from: number, to: number) => void {
    const sink = this.sink;
    if (sink === undefined) throw new Error('columnRows needs a sheet written into a byte sink');
    const block = this.block(data, firstRow);
    const n = block.rows;
    const w = rowWriter(block.kinds.length);
    const check = (from: number, to: number) => {
      if (from < 0 || to > n || from > to) throw new Error(`rows ${from}..${to} outside 0..${n}`);
      if (from < to && firstRow + from <= this.lastRow) throw new Error(`row ${firstRow + from} written after row ${this.lastRow}`);
    };
    const write = (from: number, to: number) => {
      check(from, to);
      for (let i = from; i < to; i = w.next) {
        const buf = sink.room(w.most);
        writeRows(block, w, i, to, buf, sink.at);
        sink.commit(w.at);
      }
      if (from < to) this.lastRow = firstRow + to - 1;
    };
    return write;
  }

  /**
   * The cells of `data` as a RowBlock, with every text cell's shared
   * string found in the order a scan of the rows would meet them: each
   * column's texts by the first row that has them (a loop per column), then
   * all columns' first uses in row-then-column order (a numeric sort), so
   * that the 23,570 ids of the CDNOW sheet are not visited cell by cell
   * across the rows.
   */
  private block(data: ColumnRows, firstRow: number): RowBlock {
    const { columns } = data;
    const width = columns.length;
    const n = width === 0 ? 0 : columns[0]!.kinds.length;
    const textIds = columns.map((c) => new Int32Array(c.texts.length).fill(-1));
    let cells = 0;
    let firsts = 0;
    const firstRows = columns.map((c) => {
      const rows = new Float64Array(c.texts.length).fill(-1);
      if (c.texts.length > 0) cells += firstUses(c.kinds, c.codes, rows);
      return rows;
    });
    for (const rows of firstRows) for (const r of rows) if (r >= 0) firsts++;
    // Key of a text's first use: (row × width + column) × 2^21 + code, exact in a double for up to 2^53 / 2^21 cells.
    if (n * width >= 2 ** 32) throw new Error(`${n} rows of ${width} columns are more than a sheet's texts can be ordered in`);
    const keys = new Float64Array(firsts);
    let k = 0;
    for (let j = 0; j < width; j++) {
      const rows = firstRows[j]!;
      for (let code = 0; code < rows.length; code++) if (rows[code]! >= 0) keys[k++] = (rows[code]! * width + j) * 2 ** 21 + code;
    }
    if (columns.some((c) => c.texts.length >= 2 ** 21)) throw new Error('a column of more than 2^21 distinct texts');
    keys.sort();
    for (const key of keys) {
      const code = key % 2 ** 21;
      const j = Math.floor(key / 2 ** 21) % width;
      textIds[j]![code] = this.strings.id(columns[j]!.texts[code]!);
    }
    // Every later use of a text is a use of the table all the same (the count attribute).
    this.strings.reuse(cells - firsts);
    // Rows share their arrays of formats (one per tier): each distinct array once.
    const sets = new Map<readonly number[], number>();
    const styleSets: Int32Array[] = [];
    const rowSet = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const styles = data.styles(i);
      let k = sets.get(styles);
      if (k === undefined) {
        k = styleSets.push(Int32Array.from(columns, (_, j) => styles[j] ?? 0)) - 1;
        sets.set(styles, k);
      }
      rowSet[i] = k;
    }
    return {
      firstRow,
      rows: n,
      kinds: columns.map((c) => c.kinds),
      numbers: columns.map((c) => c.numbers),
      codes: columns.map((c) => c.codes),
      textIds,
      styleSets,
      rowSet,
    };
  }

  /** Closes the sheet: print setup, then the drawing and tables it refers to. */
  end(tail: SheetTail = {}): void {
    const { orientation, pagesTall } = this.setup;
    this.out(
      '</sheetData>' +
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
        // A4 (paper size 9), one page wide.
        `<pageSetup paperSize="9" orientation="${orientation}" fitToWidth="1" fitToHeight="${pagesTall}"/>` +
        (tail.drawing ? `<drawing r:id="${tail.drawing}"/>` : '') +
        (tail.tables && tail.tables.length > 0 ? `<tableParts count="${tail.tables.length}">${tail.tables.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>` : '') +
        '</worksheet>',
      true,
    );
  }

  private letter(col: number): string {
    let l = this.letters[col];
    if (l === undefined) l = this.letters[col] = columnName(col);
    return l;
  }

  private open(style: number): string {
    let o = this.opens[style];
    if (o === undefined) o = this.opens[style] = `<c s="${style}"`;
    return o;
  }
}

/** The frozen pane of a sheet view (§18.3.1.66): the top-left cell that scrolls and the pane that has the focus. */
function pane(frozen: SheetSetup['frozen']): string {
  if (!frozen || (frozen.rows === 0 && frozen.cols === 0)) return '';
  const active = frozen.rows > 0 && frozen.cols > 0 ? 'bottomRight' : frozen.rows > 0 ? 'bottomLeft' : 'topRight';
  const split = (frozen.cols > 0 ? ` xSplit="${frozen.cols}"` : '') + (frozen.rows > 0 ? ` ySplit="${frozen.rows}"` : '');
  return `<pane${split} topLeftCell="${columnName(frozen.cols + 1)}${frozen.rows + 1}" activePane="${active}" state="frozen"/><selection pane="${active}"/>`;
}
