/**
 * What exceljs's streaming writer cannot write, added to its package
 * afterwards: Excel tables (a table part per table, SpreadsheetML §18.5),
 * charts (a drawing part per sheet holding chart parts, DrawingML §20.5 and
 * §21.2), and print titles (the _xlnm.Print_Titles defined name). Each part
 * gets its relationship and its content type, so Excel and LibreOffice open
 * the file without repairing it.
 */
import JSZip from 'jszip';
import { chartXml, drawingXml, xmlEscape, type Anchor, type ChartSpec } from './chart-xml.ts';

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
async function addRelationships(zip: JSZip, path: string, rels: readonly { id: string; type: string; target: string }[]): Promise<void> {
  const file = zip.file(path);
  const existing = file ? await file.async('string') : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const at = existing.lastIndexOf('</Relationships>');
  zip.file(path, existing.slice(0, at) + relationships(rels) + existing.slice(at));
}

/** The package with the parts added: tables, charts and print titles of each listed sheet. */
export async function addPackageParts(xlsx: Uint8Array, sheets: readonly SheetParts[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const overrides: string[] = [];
  const printTitles: string[] = [];
  let tableId = 0;
  let chartId = 0;
  let drawingId = 0;
  for (const sheet of sheets) {
    const sheetPath = `xl/worksheets/sheet${sheet.sheetId}.xml`;
    const file = zip.file(sheetPath);
    if (!file) throw new Error(`the workbook has no part ${sheetPath}`);
    const rels: { id: string; type: string; target: string }[] = [];
    let tail = '';
    if (sheet.charts && sheet.charts.length > 0) {
      const drawing = ++drawingId;
      const drawingRels = sheet.charts.map((c) => {
        const id = ++chartId;
        zip.file(`xl/charts/chart${id}.xml`, chartXml(c.spec));
        overrides.push(`<Override PartName="/xl/charts/chart${id}.xml" ContentType="${CT.chart}"/>`);
        return { id: '', type: 'chart', target: `../charts/chart${id}.xml` };
      });
      zip.file(`xl/drawings/drawing${drawing}.xml`, drawingXml(sheet.charts.map((c) => c.anchor), sheet.charts.map((c) => c.spec.title)));
      await addRelationships(zip, `xl/drawings/_rels/drawing${drawing}.xml.rels`, drawingRels.map((r, i) => ({ ...r, id: `rId${i + 1}` })));
      overrides.push(`<Override PartName="/xl/drawings/drawing${drawing}.xml" ContentType="${CT.drawing}"/>`);
      rels.push({ id: 'rIdCvDrawing', type: 'drawing', target: `../drawings/drawing${drawing}.xml` });
      tail += '<drawing r:id="rIdCvDrawing"/>';
    }
    if (sheet.tables && sheet.tables.length > 0) {
      const parts = sheet.tables.map((t) => {
        const id = ++tableId;
        zip.file(`xl/tables/table${id}.xml`, tableXml(id, t));
        overrides.push(`<Override PartName="/xl/tables/table${id}.xml" ContentType="${CT.table}"/>`);
        rels.push({ id: `rIdCvTable${id}`, type: 'table', target: `../tables/table${id}.xml` });
        return `<tablePart r:id="rIdCvTable${id}"/>`;
      });
      tail += `<tableParts count="${parts.length}">${parts.join('')}</tableParts>`;
    }
    if (tail !== '') {
      // Drawing and table parts are the last children a worksheet may have before extLst (§18.3.1.99); exceljs writes none after them.
      const xml = await file.async('string');
      const at = xml.lastIndexOf('</worksheet>');
      zip.file(sheetPath, xml.slice(0, at) + tail + xml.slice(at));
      await addRelationships(zip, `xl/worksheets/_rels/sheet${sheet.sheetId}.xml.rels`, rels);
    }
    if (sheet.printTitleRows) {
      const [first, last] = sheet.printTitleRows.split(':');
      printTitles.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${sheet.position}">'${xmlEscape(sheet.sheetName.replace(/'/g, "''"))}'!$${first}:$${last}</definedName>`);
    }
  }
  if (overrides.length > 0) {
    const types = await zip.file('[Content_Types].xml')!.async('string');
    const at = types.lastIndexOf('</Types>');
    zip.file('[Content_Types].xml', types.slice(0, at) + overrides.join('') + types.slice(at));
  }
  if (printTitles.length > 0) {
    let book = await zip.file('xl/workbook.xml')!.async('string');
    if (book.includes('<definedNames>')) book = book.replace('<definedNames>', `<definedNames>${printTitles.join('')}`);
    else if (book.includes('<definedNames/>')) book = book.replace('<definedNames/>', `<definedNames>${printTitles.join('')}</definedNames>`);
    else book = book.replace('</sheets>', `</sheets><definedNames>${printTitles.join('')}</definedNames>`);
    zip.file('xl/workbook.xml', book);
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
