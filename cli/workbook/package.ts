/**
 * An .xlsx package (ECMA-376 part 2, Open Packaging Conventions) written
 * part by part: worksheets as their rows are written (sheet-xml.ts), Excel
 * tables (a table part per table, SpreadsheetML §18.5), charts (a drawing
 * part per sheet holding chart parts, DrawingML §20.5 and §21.2), print
 * titles (the _xlnm.Print_Titles defined name), then the workbook, styles,
 * shared strings, document properties, relationships and content types.
 * Every part has its relationship and its content type, so Excel and
 * LibreOffice open the file without repairing it.
 */
import { chartXml, drawingXml, xmlEscape, type Anchor, type ChartSpec } from './chart-xml.ts';
import { SharedStrings, SheetWriter, type ColumnRows, type SheetSetup } from './sheet-xml.ts';
import { Styles } from './styles.ts';
import { ZipWriter, type ZipEntry } from './zip-writer.ts';
import type { ReportCell } from '../../core/index.ts';

export interface TablePart {
  /** Workbook-unique name: letters, digits, underscores. */
  name: string;
  /** "A1:AF801": header row included. */
  ref: string;
  /** Header texts, exactly as in the header cells, unique. */
  columns: readonly string[];
  style: string;
}

/** What a sheet carries beside its cells. */
export interface SheetExtras {
  tables?: readonly TablePart[];
  charts?: readonly { anchor: Anchor; spec: ChartSpec }[];
  /** Rows repeated at the top of every printed page, e.g. "1:1". */
  printTitleRows?: string;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = {
  sheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
};

interface Rel {
  id: string;
  type: string;
  target: string;
}

function relationships(rels: readonly Rel[]): string {
  return (
    XML_HEAD +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type.startsWith('http') ? r.type : `${REL}/${r.type}`}" Target="${r.target}"/>`).join('') +
    '</Relationships>'
  );
}

function tableXml(id: number, t: TablePart): string {
  const cols = t.columns.map((name, i) => `<tableColumn id="${i + 1}" name="${xmlEscape(name)}"/>`).join('');
  return (
    XML_HEAD +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${t.name}" displayName="${t.name}" ref="${t.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${t.ref}"/><tableColumns count="${t.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${t.style}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** A worksheet being written into the package. */
export class Sheet {
  constructor(
    private readonly book: WorkbookPackage,
    private readonly writer: SheetWriter,
    private readonly entry: ZipEntry,
    private readonly position: number,
  ) {}

  /** See {@link SheetWriter.row}. */
  row(r: number, values: readonly ReportCell[], styles: readonly number[], options?: { height?: number; first?: number }): void {
    this.writer.row(r, values, styles, options);
  }

  /** See {@link SheetWriter.columnRows}. */
  columnRows(data: ColumnRows, firstRow: number): (from: number, to: number) => void {
    return this.writer.columnRows(data, firstRow);
  }

  /** Ends the sheet and adds its tables, charts and print titles to the package. */
  end(extras: SheetExtras = {}): void {
    this.writer.end(this.book.attach(this.position, extras));
    this.entry.end();
  }
}

export class WorkbookPackage {
  readonly styles = new Styles();
  readonly strings = new SharedStrings();
  private readonly zip = new ZipWriter();
  private readonly names: string[] = [];
  private readonly overrides: string[] = [];
  private readonly printTitles: string[] = [];
  private tables = 0;
  private charts = 0;
  private drawings = 0;

  constructor(private readonly creator = 'cvlens') {}

  /** The next sheet (the first is the one shown on opening); its rows go to the package as they are written. */
  sheet(name: string, setup: Omit<SheetSetup, 'selected'>): Sheet {
    const position = this.names.length;
    this.names.push(name);
    const entry = this.zip.open(`xl/worksheets/sheet${position + 1}.xml`);
    this.overrides.push(`<Override PartName="/xl/worksheets/sheet${position + 1}.xml" ContentType="${CT.sheet}"/>`);
    const writer = new SheetWriter(this.strings, (text, ascii) => (ascii ? entry.writeAscii(text) : entry.write(text)), { ...setup, selected: position === 0 }, entry);
    return new Sheet(this, writer, entry, position);
  }

  /** Writes the parts a sheet refers to; returns the relationship ids its XML names. */
  attach(position: number, extras: SheetExtras): { drawing?: string; tables?: string[] } {
    const rels: Rel[] = [];
    const tail: { drawing?: string; tables?: string[] } = {};
    if (extras.charts && extras.charts.length > 0) {
      const drawing = ++this.drawings;
      const chartRels = extras.charts.map((c, i) => {
        const id = ++this.charts;
        this.zip.add(`xl/charts/chart${id}.xml`, chartXml(c.spec));
        this.overrides.push(`<Override PartName="/xl/charts/chart${id}.xml" ContentType="${CT.chart}"/>`);
        return { id: `rId${i + 1}`, type: 'chart', target: `../charts/chart${id}.xml` };
      });
      this.zip.add(`xl/drawings/drawing${drawing}.xml`, drawingXml(extras.charts.map((c) => c.anchor), extras.charts.map((c) => c.spec.title)));
      this.zip.add(`xl/drawings/_rels/drawing${drawing}.xml.rels`, relationships(chartRels));
      this.overrides.push(`<Override PartName="/xl/drawings/drawing${drawing}.xml" ContentType="${CT.drawing}"/>`);
      rels.push({ id: 'rId1', type: 'drawing', target: `../drawings/drawing${drawing}.xml` });
      tail.drawing = 'rId1';
    }
    if (extras.tables && extras.tables.length > 0) {
      tail.tables = extras.tables.map((t) => {
        const id = ++this.tables;
        this.zip.add(`xl/tables/table${id}.xml`, tableXml(id, t));
        this.overrides.push(`<Override PartName="/xl/tables/table${id}.xml" ContentType="${CT.table}"/>`);
        const rel = `rId${rels.length + 1}`;
        rels.push({ id: rel, type: 'table', target: `../tables/table${id}.xml` });
        return rel;
      });
    }
    if (rels.length > 0) this.zip.add(`xl/worksheets/_rels/sheet${position + 1}.xml.rels`, relationships(rels));
    if (extras.printTitleRows) {
      const [first, last] = extras.printTitleRows.split(':');
      const name = this.names[position]!;
      this.printTitles.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${position}">'${xmlEscape(name.replace(/'/g, "''"))}'!$${first}:$${last}</definedName>`);
    }
    return tail;
  }

  /** The package's bytes, once every sheet has ended. */
  async finish(created = new Date()): Promise<Uint8Array> {
    const n = this.names.length;
    const sheets = this.names.map((name, i) => `<sheet name="${xmlEscape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
    this.zip.add(
      'xl/workbook.xml',
      XML_HEAD +
        `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">` +
        `<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets>` +
        (this.printTitles.length > 0 ? `<definedNames>${this.printTitles.join('')}</definedNames>` : '') +
        '</workbook>',
    );
    this.zip.add(
      'xl/_rels/workbook.xml.rels',
      relationships([
        ...this.names.map((_, i) => ({ id: `rId${i + 1}`, type: 'worksheet', target: `worksheets/sheet${i + 1}.xml` })),
        { id: `rId${n + 1}`, type: 'styles', target: 'styles.xml' },
        { id: `rId${n + 2}`, type: 'sharedStrings', target: 'sharedStrings.xml' },
      ]),
    );
    this.zip.add('xl/styles.xml', this.styles.xml());
    this.zip.add('xl/sharedStrings.xml', this.strings.xml());
    const stamp = created.toISOString().replace(/\.\d+Z$/, 'Z');
    this.zip.add(
      'docProps/core.xml',
      XML_HEAD +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>${xmlEscape(this.creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`,
    );
    this.zip.add(
      'docProps/app.xml',
      XML_HEAD + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${xmlEscape(this.creator)}</Application></Properties>`,
    );
    this.zip.add(
      '_rels/.rels',
      relationships([
        { id: 'rId1', type: 'officeDocument', target: 'xl/workbook.xml' },
        { id: 'rId2', type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', target: 'docProps/core.xml' },
        { id: 'rId3', type: 'extended-properties', target: 'docProps/app.xml' },
      ]),
    );
    const types =
      XML_HEAD +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      this.overrides.join('') +
      '</Types>';
    // Excel writes the content types first; some readers look for them there.
    this.zip.add('[Content_Types].xml', types, true);
    return this.zip.finish();
  }
}
