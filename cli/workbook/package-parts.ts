/**
 * What exceljs's streaming writer cannot write, added to its package
 * afterwards: Excel tables (a table part per table, SpreadsheetML §18.5),
 * charts (a drawing part per sheet holding chart parts, DrawingML §20.5 and
 * §21.2), and print titles (the _xlnm.Print_Titles defined name). Each part
 * gets its relationship and its content type, so Excel and LibreOffice open
 * the file without repairing it.
 *
 * exceljs is asked to store its parts uncompressed; they are read back as
 * slices (stored-zip.ts), edited as text, and archiver compresses the
 * package once with Node's own zlib. Doing this with jszip (load, edit,
 * JavaScript deflate) cost about 2 s of CPU for 23,570 customers (measured).
 */
import archiver from 'archiver';
import { chartXml, drawingXml, xmlEscape, type Anchor, type ChartSpec } from './chart-xml.ts';
import { readStoredZip } from './stored-zip.ts';

/** The parts of a package by name: bytes as read, or text once edited. */
type Parts = Map<string, Uint8Array | string>;

const decoder = new TextDecoder();

function text(parts: Parts, name: string): string | undefined {
  const part = parts.get(name);
  return part === undefined || typeof part === 'string' ? part : decoder.decode(part);
}

export interface TablePart {
  /** Workbook-unique name: letters, digits, underscores. */
  name: string;
  /** "A1:AF801": header row included. */
  ref: string;
  /** Header texts, exactly as in the header cells, unique. */
  columns: readonly string[];
  style: string;
}

export interface SheetParts {
  /** exceljs's worksheet id: the part is xl/worksheets/sheet{id}.xml. */
  sheetId: number;
  /** 0-based position among the sheets (for sheet-local defined names). */
  position: number;
  sheetName: string;
  tables?: TablePart[];
  charts?: { anchor: Anchor; spec: ChartSpec }[];
  /** Rows repeated at the top of every printed page, e.g. "1:1". */
  printTitleRows?: string;
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = {
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
};

function tableXml(id: number, t: TablePart): string {
  const cols = t.columns.map((name, i) => `<tableColumn id="${i + 1}" name="${xmlEscape(name)}"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${t.name}" displayName="${t.name}" ref="${t.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${t.ref}"/><tableColumns count="${t.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${t.style}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

function relationships(rels: readonly { id: string; type: string; target: string }[]): string {
  return rels.map((r) => `<Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${r.target}"/>`).join('');
}

/** Appends relationships to a rels part, creating it when the sheet has none yet. */
function addRelationships(parts: Parts, path: string, rels: readonly { id: string; type: string; target: string }[]): void {
  const existing = text(parts, path) ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const at = existing.lastIndexOf('</Relationships>');
  parts.set(path, existing.slice(0, at) + relationships(rels) + existing.slice(at));
}

/** The package (written by exceljs with stored entries) with the parts added: tables, charts and print titles of each listed sheet, compressed. */
export async function addPackageParts(xlsx: Uint8Array, sheets: readonly SheetParts[]): Promise<Uint8Array> {
  const parts: Parts = readStoredZip(xlsx);
  const overrides: string[] = [];
  const printTitles: string[] = [];
  let tableId = 0;
  let chartId = 0;
  let drawingId = 0;
  for (const sheet of sheets) {
    const sheetPath = `xl/worksheets/sheet${sheet.sheetId}.xml`;
    if (!parts.has(sheetPath)) throw new Error(`the workbook has no part ${sheetPath}`);
    const rels: { id: string; type: string; target: string }[] = [];
    let tail = '';
    if (sheet.charts && sheet.charts.length > 0) {
      const drawing = ++drawingId;
      const drawingRels = sheet.charts.map((c) => {
        const id = ++chartId;
        parts.set(`xl/charts/chart${id}.xml`, chartXml(c.spec));
        overrides.push(`<Override PartName="/xl/charts/chart${id}.xml" ContentType="${CT.chart}"/>`);
        return { id: '', type: 'chart', target: `../charts/chart${id}.xml` };
      });
      parts.set(`xl/drawings/drawing${drawing}.xml`, drawingXml(sheet.charts.map((c) => c.anchor), sheet.charts.map((c) => c.spec.title)));
      addRelationships(parts, `xl/drawings/_rels/drawing${drawing}.xml.rels`, drawingRels.map((r, i) => ({ ...r, id: `rId${i + 1}` })));
      overrides.push(`<Override PartName="/xl/drawings/drawing${drawing}.xml" ContentType="${CT.drawing}"/>`);
      rels.push({ id: 'rIdCvDrawing', type: 'drawing', target: `../drawings/drawing${drawing}.xml` });
      tail += '<drawing r:id="rIdCvDrawing"/>';
    }
    if (sheet.tables && sheet.tables.length > 0) {
      const tableParts = sheet.tables.map((t) => {
        const id = ++tableId;
        parts.set(`xl/tables/table${id}.xml`, tableXml(id, t));
        overrides.push(`<Override PartName="/xl/tables/table${id}.xml" ContentType="${CT.table}"/>`);
        rels.push({ id: `rIdCvTable${id}`, type: 'table', target: `../tables/table${id}.xml` });
        return `<tablePart r:id="rIdCvTable${id}"/>`;
      });
      tail += `<tableParts count="${tableParts.length}">${tableParts.join('')}</tableParts>`;
    }
    if (tail !== '') {
      // Drawing and table parts are the last children a worksheet may have before extLst (§18.3.1.99); exceljs writes none after them.
      // The closing tag is the sheet's last bytes: only that end is decoded and replaced, not the whole sheet.
      const bytes = parts.get(sheetPath) as Uint8Array;
      const close = new TextEncoder().encode('</worksheet>');
      const at = lastIndexOf(bytes, close);
      if (at < 0) throw new Error(`${sheetPath} has no closing tag`);
      parts.set(sheetPath, concat(bytes.subarray(0, at), new TextEncoder().encode(tail), bytes.subarray(at)));
      addRelationships(parts, `xl/worksheets/_rels/sheet${sheet.sheetId}.xml.rels`, rels);
    }
    if (sheet.printTitleRows) {
      const [first, last] = sheet.printTitleRows.split(':');
      printTitles.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${sheet.position}">'${xmlEscape(sheet.sheetName.replace(/'/g, "''"))}'!$${first}:$${last}</definedName>`);
    }
  }
  if (overrides.length > 0) {
    const types = text(parts, '[Content_Types].xml') ?? '';
    const at = types.lastIndexOf('</Types>');
    parts.set('[Content_Types].xml', types.slice(0, at) + overrides.join('') + types.slice(at));
  }
  if (printTitles.length > 0) {
    let book = text(parts, 'xl/workbook.xml') ?? '';
    if (book.includes('<definedNames>')) book = book.replace('<definedNames>', `<definedNames>${printTitles.join('')}`);
    else if (book.includes('<definedNames/>')) book = book.replace('<definedNames/>', `<definedNames>${printTitles.join('')}</definedNames>`);
    else book = book.replace('</sheets>', `</sheets><definedNames>${printTitles.join('')}</definedNames>`);
    parts.set('xl/workbook.xml', book);
  }
  return deflate(parts);
}

function lastIndexOf(bytes: Uint8Array, pattern: Uint8Array): number {
  outer: for (let i = bytes.length - pattern.length; i >= 0; i--) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

function concat(...pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The package's parts compressed by zlib, the content types first (as Excel writes them). */
async function deflate(parts: Parts): Promise<Uint8Array> {
  const out = archiver('zip', { zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const names = [...parts.keys()].sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0));
  for (const name of names) {
    const part = parts.get(name)!;
    out.append(typeof part === 'string' ? part : Buffer.from(part.buffer, part.byteOffset, part.byteLength), { name });
  }
  await out.finalize();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
