/**
 * The styles part: one cell format per distinct look, Excel's built-in
 * number format ids used where they exist (ECMA-376 part 1, §18.8.30: 3 is
 * "#,##0", 4 "#,##0.00", 9 "0%"), custom formats numbered from 164.
 */
import { describe, expect, it } from 'vitest';
import { Styles } from './styles.ts';

describe('Styles', () => {
  it('gives the same look the same index, and 0 to the default look', () => {
    const s = new Styles();
    expect(s.id({})).toBe(0);
    const bold = s.id({ font: { bold: true } });
    expect(bold).toBeGreaterThan(0);
    expect(s.id({ font: { bold: true } })).toBe(bold);
    expect(s.id({ font: { bold: true }, borderTop: true })).not.toBe(bold);
  });

  it('uses built-in number format ids and numbers custom ones from 164', () => {
    const s = new Styles();
    s.id({ numFmt: '#,##0' });
    s.id({ numFmt: '0.0%' });
    s.id({ numFmt: 'yyyy-mm-dd' });
    s.id({ numFmt: '0.0%', font: { italic: true } });
    const xml = s.xml();
    expect(xml).toContain('<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>');
    expect(xml).toContain('<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>');
    expect(xml).toContain('<cellXfs count="5">');
  });

  it('writes fills after the two the format reserves, and alignment inside the format', () => {
    const s = new Styles();
    const id = s.id({ fill: 'f8e08e', vertical: 'top', wrap: true, horizontal: 'left' });
    const xml = s.xml();
    expect(xml).toContain('<fills count="3">');
    expect(xml).toContain('<fgColor rgb="FFF8E08E"/>');
    expect(id).toBe(1);
    expect(xml).toContain('<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' + '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1" applyAlignment="1"><alignment horizontal="left" vertical="top" wrapText="1"/></xf></cellXfs>');
  });
});
