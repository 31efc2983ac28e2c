import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CDNOW_DIR, HAS_CDNOW, WHY_NO_CDNOW } from '../../test/cdnow.ts';
import { decodeText } from './decode-text.ts';
import { readTransactions, readTransactionsInPieces, type ReadOptions, type ReadResult } from './read-transactions.ts';
import Papa from 'papaparse';
import { msg } from '../i18n/messages.ts';
import { countBreaks, countLines, isBlank, prepareText, scanRows, trackingLastLine, type RowVisitor } from './read-table.ts';
import { preparePieces, scanPieces } from './scan-pieces.ts';
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

  it('replaces bytes that are not UTF-8 with U+FFFD when a BOM or the caller says UTF-8, as the whole text does', () => {
    // 0xff is no UTF-8; a BOM (or the caller) says UTF-8 all the same.
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('id,date,amount\nA'), 0xff, ...utf8('b,2024-01-05,3\nc,2024-01-06,4\n')]);
    for (const encoding of ['auto', 'utf-8'] as const) {
      const r = sameAsWhole(bytes, 8, { encoding });
      expect(r.transactions.map((t) => t.customerId)).toEqual(['A\ufffdb', 'c']);
    }
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

  it('tells UTF-8 as a fatal decoder does on random bytes, ASCII runs checked a word at a time from any alignment (property)', () => {
    // Runs of ASCII with UTF-8 characters, broken sequences and stray high bytes between them; a view from any offset.
    const part = fc.oneof(
      { weight: 3, arbitrary: fc.array(fc.integer({ min: 0, max: 0x7f }), { maxLength: 20 }) },
      { weight: 1, arbitrary: fc.constantFrom([0xc3, 0xa9], [0xe4, 0xb8, 0xad], [0xf0, 0x9f, 0x98, 0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe4, 0xb8], [0xff], [0x80]) },
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), fc.integer({ min: 0, max: 3 }), (parts, offset) => {
        const bytes = new Uint8Array([...Array<number>(offset).fill(0x41), ...parts.flat()]).subarray(offset);
        let fatal = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          fatal = false;
        }
        expect(isUtf8(bytes)).toBe(fatal);
      }),
      { numRuns: 2000 },
    );
  });

  it('tells UTF-8 without a double quote as the decoder and a search for 0x22 do together, the quote anywhere in a word (property)', () => {
    const part = fc.oneof(
      { weight: 3, arbitrary: fc.array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.constant(0x22), fc.constantFrom(0x21, 0x23, 0xa2)), { maxLength: 20 }) },
      { weight: 1, arbitrary: fc.constantFrom([0xc3, 0xa9], [0xe4, 0xb8, 0xad], [0xf0, 0x9f, 0x98, 0x80], [0xc0, 0x80], [0xff], [0xc8, 0xa2]) },
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), fc.integer({ min: 0, max: 3 }), (parts, offset) => {
        const bytes = new Uint8Array([...Array<number>(offset).fill(0x41), ...parts.flat()]).subarray(offset);
        let fatal = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          fatal = false;
        }
        expect(isUtf8(bytes, true)).toBe(fatal && bytes.indexOf(0x22) < 0);
      }),
      { numRuns: 3000 },
    );
    // A quote in each of a word's four places, after a run of whole words.
    for (let at = 16; at < 20; at++) {
      const b = new Uint8Array(24).fill(0x41);
      b[at] = 0x22;
      expect(isUtf8(b, true)).toBe(false);
      expect(isUtf8(b)).toBe(true);
    }
  });
});

/** Every call a scan makes, in order, and a recorder that collects them. */
type Visit = ['row', number, string[]] | ['blank', number] | ['bad', number, string];
function recorder(): { visits: Visit[]; visitor: RowVisitor } {
  const visits: Visit[] = [];
  return {
    visits,
    visitor: {
      row: (cells, line) => void visits.push(['row', line, cells]),
      blank: (line) => void visits.push(['blank', line]),
      bad: (line, problem) => void visits.push(['bad', line, problem.code]),
    },
  };
}

/**
 * The reference: papaparse itself over the whole text, as scanRows used it
 * before it cut quote-free text by hand (its own guess of the line break; a
 * row's line advanced by the line breaks inside its quoted cells).
 */
function papaparseScan(text: string, delimiter: string): { visits: Visit[]; lines: number } {
  const r = recorder();
  let line = 1;
  let last = 0;
  if (text !== '') {
    const mayQuote = text.includes('"');
    Papa.parse<string[]>(text, {
      delimiter,
      quoteChar: '"',
      skipEmptyLines: false,
      step(results) {
        const cells = results.data;
        last = line;
        if (results.errors.length > 0) r.visitor.bad(line, results.errors[0].code === 'MissingQuotes' ? msg('read.quoteNotClosed') : msg('read.malformedQuotes', { detail: '' }));
        else if (isBlank(cells)) r.visitor.blank(line);
        else r.visitor.row(cells, line);
        line += mayQuote ? 1 + countBreaks(cells) : 1;
      },
    });
  }
  return { visits: r.visits, lines: text === '' ? 0 : countLines(text, last) };
}

/** scanRows of the whole text and scanPieces in pieces of `pieceBytes` against papaparse over the whole text. */
function scansAlike(text: string, delimiter: string, pieceBytes: number): void {
  const whole = prepareText(text, { delimiter, header: false });
  const w = recorder();
  const tracked = trackingLastLine(w.visitor);
  scanRows(whole.text, whole.delimiter, tracked.visitor);
  const wholeLines = whole.text === '' ? 0 : countLines(whole.text, tracked.lastLine());
  const reference = delimiter === 'whitespace' ? { visits: w.visits, lines: wholeLines } : papaparseScan(whole.text, delimiter);
  expect({ visits: w.visits, lines: wholeLines }).toEqual(reference);
  const p = recorder();
  const pieceLines = scanPieces(preparePieces(utf8(text), { delimiter, header: false }, pieceBytes), p.visitor);
  expect({ visits: p.visits, lines: pieceLines }).toEqual(reference);
}

// Random CSV texts: cells of letters, digits, spaces, CJK and accented text;
// quoted cells (RFC 4180: "" for a quote, delimiters and line breaks inside)
// or none; \n, \r\n and \r line breaks, mixed or one kind; blank lines,
// lines of empty cells; with or without a final line break.
const plainCell = fc.array(fc.constantFrom('a', 'B', '7', '.', ' ', '-', '客', 'é', '😀'), { maxLength: 5 }).map((c) => c.join(''));
const quotedCell = (delimiter: string) =>
  fc.array(fc.constantFrom('a', '1', ' ', '""', delimiter, '\n', '\r\n', '客'), { maxLength: 5 }).map((c) => `"${c.join('')}"`);
const csvText = (delimiter: string, quotes: boolean) =>
  fc
    .record({
      // Quoted text with mixed line breaks (\r alone beside \n) is left out:
      // there papaparse's guess of the line break from the head decides which
      // \r ends a row, and the whole text is guessed from other lines than a piece.
      breaks: quotes ? fc.constantFrom(['\n'], ['\r\n'], ['\r']) : fc.oneof(fc.constantFrom(['\n'], ['\r\n'], ['\r']), fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 4 })),
      lines: fc.array(
        fc.oneof(
          { weight: 5, arbitrary: fc.array(quotes ? fc.oneof({ weight: 3, arbitrary: plainCell }, { weight: 1, arbitrary: quotedCell(delimiter) }) : plainCell, { minLength: 1, maxLength: 4 }).map((c) => c.join(delimiter)) },
          { weight: 1, arbitrary: fc.constant('') },
        ),
        { maxLength: 12 },
      ),
      final: fc.boolean(),
    })
    .map(({ lines, breaks, final }) => lines.map((l, i) => l + (i < lines.length - 1 || final ? breaks[i % breaks.length] : '')).join(''));

describe('scanning in pieces against papaparse over the whole text (property)', () => {
  for (const delimiter of [',', ';', '\t', '|', '::']) {
    for (const quotes of [false, true]) {
      it(`gives the same rows, blank and bad lines, line numbers and line count: delimiter ${JSON.stringify(delimiter)}, ${quotes ? 'with' : 'without'} quotes`, () => {
        fc.assert(fc.property(csvText(delimiter, quotes), fc.integer({ min: 1, max: 40 }), (text, pieceBytes) => scansAlike(text, delimiter, pieceBytes)), { numRuns: 300 });
      });
    }
  }

  it('gives the same for whitespace-separated text (runs of spaces and tabs, no quoting)', () => {
    const cell = fc.array(fc.constantFrom('a', '7', '.', '客'), { minLength: 1, maxLength: 4 }).map((c) => c.join(''));
    const gap = fc.array(fc.constantFrom(' ', '\t'), { minLength: 1, maxLength: 3 }).map((c) => c.join(''));
    const line = fc.array(fc.tuple(gap, cell), { maxLength: 4 }).map((cs) => cs.map(([g, c]) => g + c).join(''));
    const text = fc.tuple(fc.array(line, { maxLength: 10 }), fc.constantFrom('\n', '\r\n')).map(([ls, br]) => ls.join(br));
    fc.assert(fc.property(text, fc.integer({ min: 1, max: 30 }), (t, pieceBytes) => scansAlike(t, 'whitespace', pieceBytes)), { numRuns: 300 });
  });

  it('keeps a blank line that falls right after a cut (papaparse makes no row of an empty text)', () => {
    // Pieces of 4 bytes end after "a,1\n"; the next starts with the blank line's break.
    scansAlike('a,1\n\nb,2\n', ',', 4);
  });
});
