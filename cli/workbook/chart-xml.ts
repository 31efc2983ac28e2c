/**
 * DrawingML chart parts (ECMA-376 part 1, §21.2 "DrawingML – Charts") for
 * the three charts of the segment workbook: clustered columns, a scatter
 * with straight lines, and a line chart, added to the package beside the
 * sheet that holds their cells (package.ts). Each series
 * refers to cells of the workbook and carries a cache of their values, so a
 * reader that does not recalculate still draws the chart.
 */

/** A range of cells and the values it holds now. */
export interface DataRef {
  /** Sheet name, unquoted. */
  sheet: string;
  /** Absolute range without the sheet, e.g. "$A$4:$A$7". */
  range: string;
  values: readonly (string | number)[];
  /** Excel number format of numeric values (for the cache and the labels). */
  format?: string;
}

export interface Series {
  /** The cell holding the series name, and the name. */
  name: DataRef;
  /** Categories (bar, line) or x values (scatter). */
  x: DataRef;
  y: DataRef;
  /** `rrggbb`. */
  color: string;
  /** Dashed line (scatter and line charts). */
  dashed?: boolean;
  /** Show each value above its bar. */
  labels?: boolean;
}

export interface Axis {
  title: string;
  /** Number format of the tick labels. */
  format?: string;
  min?: number;
  max?: number;
}

export interface ChartSpec {
  kind: 'bar' | 'scatter' | 'line';
  title: string;
  series: Series[];
  x: Axis;
  y: Axis;
}

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** 'Tier summary'!$A$4:$A$7 — sheet names are always quoted, quotes doubled. */
export function formula(ref: DataRef): string {
  return `'${ref.sheet.replace(/'/g, "''")}'!${ref.range}`;
}

function strRef(ref: DataRef): string {
  const pts = ref.values.map((v, i) => `<c:pt idx="${i}"><c:v>${xmlEscape(String(v))}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${xmlEscape(formula(ref))}</c:f><c:strCache><c:ptCount val="${ref.values.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(ref: DataRef): string {
  const pts = ref.values.map((v, i) => (typeof v === 'number' && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : '')).join('');
  return `<c:numRef><c:f>${xmlEscape(formula(ref))}</c:f><c:numCache><c:formatCode>${xmlEscape(ref.format ?? 'General')}</c:formatCode><c:ptCount val="${ref.values.length}"/>${pts}</c:numCache></c:numRef>`;
}

function rich(text: string, size: number, bold: boolean): string {
  const b = bold ? ' b="1"' : ' b="0"';
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"${b}/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}"${b}/><a:t>${xmlEscape(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

function title(text: string, size: number): string {
  return `<c:title>${rich(text, size, true)}<c:overlay val="0"/></c:title>`;
}

function line(color: string, dashed = false, width = 28575): string {
  return `<c:spPr><a:ln w="${width}" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill>${dashed ? '<a:prstDash val="dash"/>' : ''}<a:round/></a:ln></c:spPr>`;
}

function labels(format: string | undefined): string {
  return (
    `<c:dLbls><c:numFmt formatCode="${xmlEscape(format ?? 'General')}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
    '<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
  );
}

function series(s: Series, i: number, kind: ChartSpec['kind']): string {
  const head = `<c:idx val="${i}"/><c:order val="${i}"/><c:tx>${strRef(s.name)}</c:tx>`;
  if (kind === 'bar') {
    return (
      `<c:ser>${head}<c:spPr><a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
      `${s.labels ? labels(s.y.format) : ''}<c:cat>${strRef(s.x)}</c:cat><c:val>${numRef(s.y)}</c:val></c:ser>`
    );
  }
  const marker = kind === 'line' ? `<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr><a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill></c:spPr></c:marker>` : '<c:marker><c:symbol val="none"/></c:marker>';
  if (kind === 'scatter') {
    return `<c:ser>${head}${line(s.color, s.dashed)}${marker}<c:xVal>${numRef(s.x)}</c:xVal><c:yVal>${numRef(s.y)}</c:yVal><c:smooth val="0"/></c:ser>`;
  }
  return `<c:ser>${head}${line(s.color, s.dashed)}${marker}<c:cat>${strRef(s.x)}</c:cat><c:val>${numRef(s.y)}</c:val><c:smooth val="0"/></c:ser>`;
}

const X_AXIS = 5001;
const Y_AXIS = 5002;

function scaling(a: Axis): string {
  return `<c:scaling><c:orientation val="minMax"/>${a.max !== undefined ? `<c:max val="${a.max}"/>` : ''}${a.min !== undefined ? `<c:min val="${a.min}"/>` : ''}</c:scaling>`;
}

function axisTail(a: Axis, pos: 'b' | 'l', cross: number, gridlines: boolean): string {
  return (
    `<c:delete val="0"/><c:axPos val="${pos}"/>${gridlines ? '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>' : ''}` +
    `${title(a.title, 1000)}<c:numFmt formatCode="${xmlEscape(a.format ?? 'General')}" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${cross}"/><c:crosses val="autoZero"/>`
  );
}

function axes(spec: ChartSpec): string {
  const y = `<c:valAx><c:axId val="${Y_AXIS}"/>${scaling(spec.y)}${axisTail(spec.y, 'l', X_AXIS, true)}<c:crossBetween val="${spec.kind === 'scatter' ? 'midCat' : 'between'}"/></c:valAx>`;
  if (spec.kind === 'scatter') {
    return `<c:valAx><c:axId val="${X_AXIS}"/>${scaling(spec.x)}${axisTail(spec.x, 'b', Y_AXIS, false)}<c:crossBetween val="midCat"/></c:valAx>${y}`;
  }
  return `<c:catAx><c:axId val="${X_AXIS}"/>${scaling(spec.x)}${axisTail(spec.x, 'b', Y_AXIS, false)}<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>${y}`;
}

function plot(spec: ChartSpec): string {
  const ser = spec.series.map((s, i) => series(s, i, spec.kind)).join('');
  const ids = `<c:axId val="${X_AXIS}"/><c:axId val="${Y_AXIS}"/>`;
  switch (spec.kind) {
    case 'bar':
      return `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${ser}<c:gapWidth val="80"/><c:overlap val="-10"/>${ids}</c:barChart>`;
    case 'scatter':
      return `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${ser}${ids}</c:scatterChart>`;
    case 'line':
      return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${ser}<c:marker val="1"/>${ids}</c:lineChart>`;
  }
}

/** The chart part (xl/charts/chartN.xml). */
export function chartXml(spec: ChartSpec): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<c:roundedCorners val="0"/>' +
    `<c:chart>${title(spec.title, 1200)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot(spec)}${axes(spec)}</c:plotArea>` +
    '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>' +
    '</c:chartSpace>'
  );
}

/** Where a chart sits: 0-based cells of its top-left and bottom-right corners. */
export interface Anchor {
  fromCol: number;
  fromRow: number;
  toCol: number;
  toRow: number;
}

/** A drawing part (xl/drawings/drawingN.xml) holding charts; chart i is relationship rId(i+1) of the drawing. */
export function drawingXml(anchors: readonly Anchor[], names: readonly string[]): string {
  const frames = anchors
    .map(
      (a, i) =>
        '<xdr:twoCellAnchor editAs="oneCell">' +
        `<xdr:from><xdr:col>${a.fromCol}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.fromRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:to><xdr:col>${a.toCol}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.toRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${xmlEscape(names[i] ?? `Chart ${i + 1}`)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
        `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    frames +
    '</xdr:wsDr>'
  );
}
