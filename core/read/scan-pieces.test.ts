import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CDNOW_DIR, HAS_CDNOW, WHY_NO_CDNOW } from '../../test/cdnow.ts';
import { decodeText } from './decode-text.ts';
import { readTransactions, readTransactionsInPieces, type ReadOptions, type ReadResult } from './read-transactions.ts';
import { isUtf8 } from './text-pieces.ts';

/** The result of reading bytes in pieces must be the result of reading the decoded text whole (but for its encoding name). */
function sameAsWhole(bytes: Uint8Array, pieceBytes: number, options: ReadOptions = {}): ReadResult {
  const whole = readTransactions(decodeText(bytes, options.encoding).text, options);
  const pieces = readTransactionsInPieces(bytes, options, pieceBytes);
  expect({ ...pieces, encoding: '' }).toEqual({ ...whole, encoding: '' });
  return pieces;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('reading bytes in pieces', () => {
  it.skipIf(!HAS_CDNOW)(`gives CDNOW master's rows, lines and counts as the whole text does, in pieces of 4 kB${WHY_NO_CDNOW}`, () => {
    const r = sameAsWhole(new Uint8Array(readFileSync(CDNOW_DIR + 'CDNOW_master.txt')), 4096);
    expect(r.rowsAccepted).toBe(69_659);
  });

  it('keeps quoted fields with line breaks and delimiters, blank lines, bad rows and CRLF, cut every 7 bytes', () => {
    const text =
      'customer,date,amount,note\r\n' +
      'a,2024-01-05,"1,250.00","two\r\nlines"\r\n' +
      '\r\n' +
      '客户一,2024-01-06,5,"say ""hi"""\r\n' +
      'b,2024-13-40,5,x\r\n' +
      'c,2024-01-07,,\r\n' +
      '"d",2024-01-08,7.5,"a\r\n\r\nb"\r\n' +
      'e,2024-01-09,8,\r\n\r\n';
    const r = sameAsWhole(utf8(text), 7);
    expect(r.transactions.map((t) => t.customerId)).toEqual(['a', '客户一', 'd', 'e']);
    expect(r.transactions.map((t) => t.line)).toEqual([2, 5, 8, 11]);
    expect(r.rejected.map((x) => x.line)).toEqual([6, 7]);
  });

  it('reports an unclosed quote that swallows the rest of the file at the line it opens, as the whole text does', () => {
    const text = 'id,date,amount\n1,2024-01-01,5\n2,2024-01-02,"6\n3,2024-01-03,7\n4,2024-01-04,8\n';
    const r = sameAsWhole(utf8(text), 5);
    expect(r.rejected).toMatchObject([{ line: 3, reason: 'a quoted field is not closed (a " is missing)' }]);
  });

  it('decodes GB18030 (Excel on Chinese Windows) cut inside its two-byte characters', () => {
    // '客户编号,日期,金额\n张三,2024-03-05,12.5\n' in GBK, from Python 3's str.encode('gbk').
    const gbk = new Uint8Array([
      0xbf, 0xcd, 0xbb, 0xa7, 0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c,
      ...utf8('2024-03-05,12.5\n'),
    ]);
    const r = readTransactionsInPieces(gbk, {}, 3);
    expect(r.encoding).toBe('gb18030');
    expect(r.transactions).toEqual([{ customerId: '张三', day: 19787, amount: 12.5, line: 2 }]);
  });

  it('tells UTF-8 from other bytes as a fatal decoder does', () => {
    const cases = [[0x41], [0xc3, 0xa9], [0xe4, 0xb8, 0xad], [0xf0, 0x9f, 0x98, 0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xb8], [0xbf, 0xcd], [0xff]];
    for (const c of cases) {
      const bytes = new Uint8Array(c);
      let fatal = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        fatal = false;
      }
      expect([c, isUtf8(bytes)]).toEqual([c, fatal]);
    }
  });
});
