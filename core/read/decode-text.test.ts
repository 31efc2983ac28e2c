import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.ts';

// GBK bytes from Python 3: '客户编号,日期,金额\n'.encode('gbk').
const GBK_HEADER = [0xbf, 0xcd, 0xbb, 0xa7, 0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a];

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(new TextEncoder().encode('客户编号,x'))).toEqual({ text: '客户编号,x', encoding: 'utf-8' });
  });
  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('id')]);
    expect(decodeText(bytes)).toEqual({ text: 'id', encoding: 'utf-8' });
  });
  it('falls back to GB18030 when the bytes are not UTF-8 (Excel on Chinese Windows)', () => {
    expect(decodeText(new Uint8Array(GBK_HEADER))).toEqual({ text: '客户编号,日期,金额\n', encoding: 'gb18030' });
  });
  it('reads GBK when told, and matches Node Buffer-built bytes', () => {
    const bytes = new Uint8Array(Buffer.from(GBK_HEADER));
    expect(decodeText(bytes, 'gb18030').text).toBe('客户编号,日期,金额\n');
  });
  it('reads UTF-16 LE with a BOM', () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('金额', 'utf16le')]));
    expect(decodeText(bytes)).toEqual({ text: '金额', encoding: 'utf-16le' });
  });
  it('keeps plain ASCII as UTF-8', () => {
    expect(decodeText(new Uint8Array([0x61, 0x2c, 0x62])).encoding).toBe('utf-8');
  });
});
