/**
 * The styles part of a workbook (xl/styles.xml, SpreadsheetML §18.8): each
 * distinct look a cell has — number format, font, fill, top border,
 * alignment — becomes one cell format (`xf`), and a cell names it by index
 * (`s="3"`). Looks are collected as the sheets are written and the part is
 * written last, so it holds exactly the formats the cells use.
 */
import { xmlEscape } from './chart-xml.ts';

export interface Font {
  bold?: boolean;
  italic?: boolean;
  /** Points; 11 by default. */
  size?: number;
  /** `rrggbb`. */
  color?: string;
}

export interface CellStyle {
  /** An Excel number format code; General when absent. */
  numFmt?: string;
  font?: Font;
  /** Solid fill, `rrggbb`. */
  fill?: string;
  /** A thin line above the cell (totals rows). */
  borderTop?: boolean;
  vertical?: 'top' | 'center';
  horizontal?: 'left';
  wrap?: boolean;
}

/**
 * Number formats Excel knows by id without writing them out (§18.8.30);
 * custom ones are numbered from 164.
 */
const BUILT_IN: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };

const DEFAULT_FONT = { size: 11 };

export class Styles {
  private readonly numFmts = new Map<string, number>();
  private readonly fonts = new Map<string, number>([[fontXml(DEFAULT_FONT), 0]]);
  // The first two fills are reserved by the format (none, gray125).
  private readonly fills = new Map<string, number>([
    ['<fill><patternFill patternType="none"/></fill>', 0],
    ['<fill><patternFill patternType="gray125"/></fill>', 1],
  ]);
  private readonly xfs = new Map<string, number>([['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', 0]]);
  private readonly byStyle = new Map<string, number>();

  /** The index of the cell format for this look (0 is the default look). */
  id(style: CellStyle): number {
    const key = JSON.stringify(style);
    const known = this.byStyle.get(key);
    if (known !== undefined) return known;
    const numFmtId = style.numFmt === undefined ? 0 : (BUILT_IN[style.numFmt] ?? this.intern(this.numFmts, style.numFmt, 164));
    const fontId = style.font ? this.intern(this.fonts, fontXml(style.font)) : 0;
    const fillId = style.fill ? this.intern(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="FF${style.fill.toUpperCase()}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const borderId = style.borderTop ? 1 : 0;
    const align = [
      style.horizontal ? ` horizontal="${style.horizontal}"` : '',
      style.vertical ? ` vertical="${style.vertical}"` : '',
      style.wrap ? ' wrapText="1"' : '',
    ].join('');
    const applied = [numFmtId ? ' applyNumberFormat="1"' : '', fontId ? ' applyFont="1"' : '', fillId ? ' applyFill="1"' : '', borderId ? ' applyBorder="1"' : '', align ? ' applyAlignment="1"' : ''].join('');
    const head = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}`;
    const id = this.intern(this.xfs, align ? `${head}><alignment${align}/></xf>` : `${head}/>`);
    this.byStyle.set(key, id);
    return id;
  }

  /** xl/styles.xml with every format asked for so far. */
  xml(): string {
    const list = (m: Map<string, number>) => [...m.keys()].join('');
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`).join('');
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (this.numFmts.size > 0 ? `<numFmts count="${this.numFmts.size}">${numFmts}</numFmts>` : '') +
      `<fonts count="${this.fonts.size}">${list(this.fonts)}</fonts>` +
      `<fills count="${this.fills.size}">${list(this.fills)}</fills>` +
      '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top style="thin"><color auto="1"/></top><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.size}">${list(this.xfs)}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }

  private intern(m: Map<string, number>, key: string, first = 0): number {
    let id = m.get(key);
    if (id === undefined) {
      id = first + m.size;
      m.set(key, id);
    }
    return id;
  }
}

/** A font element: Calibri (the body font of Office's default theme) in the given size and look; no colour is the automatic one. */
function fontXml(f: Font): string {
  return (
    `<font>${f.bold ? '<b/>' : ''}${f.italic ? '<i/>' : ''}<sz val="${f.size ?? 11}"/>` +
    `${f.color ? `<color rgb="FF${f.color.toUpperCase()}"/>` : ''}<name val="Calibri"/><family val="2"/></font>`
  );
}
