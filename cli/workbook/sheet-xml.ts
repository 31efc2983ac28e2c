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
import type { ReportCell } from '../../core/index.ts';

/** `A`, `B`, …, `Z`, `AA`… for a 1-based column. */
export function columnName(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

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

/** The workbook's shared-string table: each distinct text once, cells refer to it by index. */
export class SharedStrings {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  /** Cells that refer to the table (the `count` attribute). */
  private uses = 0;

  id(text: string): number {
    this.uses++;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(text, id);
      this.texts.push(text);
    }
    return id;
  }

  /** xl/sharedStrings.xml. */
  xml(): string {
    // Spaces at either end, and line breaks, survive only with xml:space="preserve".
    const items = this.texts.map((t) => (/^\s|\s$|\n/.test(t) ? `<si><t xml:space="preserve">${xmlText(t)}</t></si>` : `<si><t>${xmlText(t)}</t></si>`));
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.uses}" uniqueCount="${this.texts.length}">${items.join('')}</sst>`
    );
  }

  get size(): number {
    return this.texts.length;
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
