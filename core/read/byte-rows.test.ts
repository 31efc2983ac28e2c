/**
 * The byte lane (byte-rows.ts) must read every file exactly as the text
 * reader does: the same transactions, rejected rows, lines, blank lines and
 * warnings, and through a sink the same summary. The text reader is the
 * reference: it runs when a caller asks for every row's cells (onAccepted),
 * which the lane cannot give.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createColumnarSummaryBuilder } from '../summary/columnar-summary.ts';
import { idStrings } from '../summary/summary-table.ts';
import type { Transaction } from '../types.ts';
import { ByteIds, hashBytes, plainAmount, plainDay, plainText } from './byte-rows.ts';
import { scanAmount } from './parse-amount.ts';
import { scanDateText } from './parse-date.ts';
import type { ByteSource } from './byte-source.ts';
import { readTransactions, readTransactionsFromSource, type ReadOptions, type ReadResult } from './read-transactions.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Both readers on the same bytes; returns the lane's result after checking it equals the text reader's. */
function bothReaders(bytes: Uint8Array, options: ReadOptions = {}): ReadResult | undefined {
  const attempt = (o: ReadOptions) => {
    try {
      return readTransactions(bytes, o);
    } catch (error) {
      return { error: String(error) };
    }
  };
  const text = attempt({ ...options, onAccepted: () => {} });
  const lane = attempt(options);
  expect(lane).toEqual(text);
  return 'error' in lane ? undefined : lane;
}

/** The summary from a sink fed by the lane equals the summary of the text reader's transactions, number for number. */
function sameSummary(bytes: Uint8Array, asOf?: number): void {
  const fromRows = createColumnarSummaryBuilder({ unit: 'week', asOf });
  let rows: Transaction[];
  try {
    rows = readTransactions(bytes, { onAccepted: () => {} }).transactions;
  } catch {
    return; // a file without usable columns: the first property compares the errors
  }
  for (const t of rows) fromRows.add(t);
  const sink = createColumnarSummaryBuilder({ unit: 'week', asOf });
  readTransactions(bytes, { into: sink });
  const a = fromRows.finish();
  const b = sink.finish();
  expect(idStrings(b.ids)).toEqual(idStrings(a.ids));
  expect(b.summaries()).toEqual(a.summaries());
  expect(sink.report()).toEqual(fromRows.report());
  for (const k of ['firstDay', 'lastDay', 'grossRevenue', 'revenue', 'cost', 'profit', 'monetary'] as const) {
    a[k].forEach((v, i) => expect(Object.is(v, b[k][i]), `${k}[${i}]`).toBe(true));
  }
}

/** Bytes as a file read in pieces, handing out at most `most` bytes a call (as a short read would). */
function sourceOf(bytes: Uint8Array, most = Infinity): ByteSource {
  return {
    size: bytes.length,
    read(into, position) {
      const n = Math.min(into.length, bytes.length - position, most);
      into.set(bytes.subarray(position, position + n));
      return n;
    },
  };
}

/** The same file read from its bytes and streamed from a source in pieces of `pieceBytes`: the same result, and the same summary in a sink. */
function sameStreamed(bytes: Uint8Array, pieceBytes: number, options: ReadOptions = {}): void {
  const attempt = (read: (o: ReadOptions) => ReadResult, o: ReadOptions) => {
    try {
      return read(o);
    } catch (error) {
      return { error: String(error) };
    }
  };
  const pieces = { streamFrom: 0, pieceBytes };
  expect(attempt((o) => readTransactionsFromSource(sourceOf(bytes, 7), o, pieces), options)).toEqual(attempt((o) => readTransactions(bytes, o), options));
  const a = createColumnarSummaryBuilder({ unit: 'week' });
  const b = createColumnarSummaryBuilder({ unit: 'week' });
  const ra = attempt((o) => readTransactions(bytes, o), { ...options, into: a });
  const rb = attempt((o) => readTransactionsFromSource(sourceOf(bytes), o, pieces), { ...options, into: b });
  expect(rb).toEqual(ra);
  if ('error' in ra) return;
  expect(b.finish().summaries()).toEqual(a.finish().summaries());
  expect(b.report()).toEqual(a.report());
}

// Cells chosen to hit both lanes: plain values the byte lane reads, and
// values it must leave to the text reader (spaces, signs, other date forms,
// errors, non-ASCII, empties).
/** Mostly values the lane reads, sometimes one it must leave. */
const mostly = (plain: string[], odd: string[]) =>
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...plain) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
const idCell = mostly(['a', 'b', 'C7', '007', 'é', '客户', 'Zoë', 'a\ufffd', 'x y'], [' a', 'a ', '#N/A', '#7', '', '\u00a0a', 'b\u00a0']);
const dateCell = mostly(['2024-03-05', '2024-03-06', '20240307', '2024-01-01'], ['2024-02-30', ' 2024-03-05', '2024/3/5', '3/5/2024', '13/5/2024', '5/13/2024', '', '2024-3-5', '0000-01-01', 'x', '2024-03-05T10:00']);
const amountCell = mostly(['10', '12.50', '-3', '0', '-0', '.5', '5.', '00012', '9.99', '123456789012345'], ['1.2.3', '-', '', '$5', ' 7', '1e3', '1234567890123456', '(4)', '1,5']);
const textCell = mostly(['', 'a@x.com', 'Ünïcode', '公司', '北京恒达物流有限公司', 'Zoë', 'first.last.1234@example-company.com'], [' b@y.org ', '  ', '\u00a0x', 'x\u3000', '\ufeffq', 'é\u2028', '\u0085é', 'a\nlone line feed', 'a\rlone return']);

const row = fc.tuple(idCell, dateCell, amountCell, textCell, textCell, fc.oneof(amountCell, fc.constant('')));
const fileArb = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  finalBreak: fc.constantFrom('', '\n', '\r\n', '\r'),
  bom: fc.boolean(),
  header: fc.constantFrom('customer_id,date,amount,email,company', 'id,date,amount', 'customer_id,date,amount,quantity,email', 'none'),
  lines: fc.array(fc.oneof({ weight: 8, arbitrary: row }, { weight: 1, arbitrary: fc.constantFrom('', '   ', 'x', 'a,2024-01-01', 'a,b,c,d,e,f,g') }), { maxLength: 25 }),
});

function render(f: {
  delimiter: string;
  newline: string;
  finalBreak: string;
  bom: boolean;
  header: string;
  lines: (string | [string, string, string, string, string, string])[];
}): string {
  const d = f.delimiter;
  const head = f.header === 'none' ? [] : [f.header.split(',').join(d)];
  const width = f.header === 'id,date,amount' ? 3 : 5;
  // With a quantity column its cells are amounts (or empty), the e-mail follows.
  const cells = (l: string[]) => (f.header.includes('quantity') ? [l[0], l[1], l[2], l[5], l[3]] : l);
  const body = f.lines.map((l) => (typeof l === 'string' ? l.split(',').join(d) : cells(l).slice(0, width).join(d)));
  return (f.bom ? '\ufeff' : '') + [...head, ...body].join(f.newline) + f.finalBreak;
}

describe('the byte lane', () => {
  it('reads random files exactly as the text reader does (rows, rejected rows, lines, blanks, warnings)', () => {
    fc.assert(
      fc.property(fileArb, (f) => {
        const text = render(f);
        if (text.replace('\ufeff', '').trim() === '') return;
        bothReaders(utf8(text));
      }),
      { numRuns: 400 },
    );
  });

  it('reads bytes that start at any offset of their buffer (the break search reads aligned words) as the text reader does', () => {
    fc.assert(
      fc.property(fileArb, fc.integer({ min: 1, max: 7 }), (f, offset) => {
        const text = render(f);
        if (text.replace('\ufeff', '').trim() === '') return;
        const bytes = utf8(text);
        const shifted = new Uint8Array(bytes.length + offset + 5).fill(10);
        shifted.set(bytes, offset);
        bothReaders(shifted.subarray(offset, offset + bytes.length));
      }),
      { numRuns: 300 },
    );
  });

  it('gives a sink the summary the text reader\'s transactions give, with and without a fixed as-of day', () => {
    fc.assert(
      fc.property(fileArb, fc.constantFrom(undefined, 19787), (f, asOf) => {
        const text = render({ ...f, header: f.header.includes('quantity') ? f.header : 'customer_id,date,amount,email,company' });
        sameSummary(utf8(text), asOf);
      }),
      { numRuns: 200 },
    );
  });

  it('reads a file streamed in pieces (any cut, short reads) exactly as its bytes', () => {
    fc.assert(
      fc.property(fileArb, fc.integer({ min: 1, max: 40 }), (f, pieceBytes) => {
        sameStreamed(utf8(render(f)), pieceBytes);
      }),
      { numRuns: 400 },
    );
    const white = '00001 19970101 1 11.77\n00002  19970112 1 12.00\r\n\n   \n00003\t19970102 2 20.76\n00001 19970118 2 29.33\n\n';
    for (const n of [1, 2, 3, 5, 8, 64]) sameStreamed(utf8(white), n, { delimiter: 'whitespace', header: false, mapping: { customerId: 0, date: 1, amount: 3 } });
    // What the lane leaves (a quote, a comma mark, invalid UTF-8) is read whole, as bytes are.
    sameStreamed(utf8('id,date,amount\n"a",2024-01-01,1\nb,2024-01-02,2\n'), 4);
    sameStreamed(utf8('id;date;amount\na;2024-01-01;1,5\nb;2024-01-02;2,25\n'), 4);
    sameStreamed(new Uint8Array([...utf8('id,date,amount\na,2024-01-01,1\n'), 0xc3, 0x28, ...utf8(',2024-01-02,2\n')]), 4);
  });

  it('settles a large file from a short head when it holds what the sniffing reads, else from the long one, with the same result', () => {
    const rows = (n: number, d: string, amount: (i: number) => string, note = '') =>
      Array.from({ length: n }, (_, i) => [`c${(i * 7919) % 5000}`, `2024-0${1 + (i % 9)}-1${i % 10}`, amount(i), `p${i}@mail.example`, i % 3 === 0 ? 'Zoë Café' : '', note].join(d));
    const files: { name: string; text: string; short: boolean }[] = [
      { name: 'comma, \\n', text: ['customer_id,date,amount,email,company,note', ...rows(33000, ',', (i) => `${i % 90}.${i % 100}`)].join('\n') + '\n', short: true },
      {
        name: 'BOM, \\r\\n, title lines and blank lines above the header',
        text: '\ufeff' + ['Sales report', 'Period: 2024', '', ',,,', 'customer_id,date,amount,email,company,note', ...rows(33000, ',', (i) => `${i % 50}`)].join('\r\n') + '\r\n',
        short: true,
      },
      // The decimal vote reads up to 20,000 rows: a semicolon file keeps the long head.
      { name: 'semicolon', text: ['id;date;amount;email;company;note', ...rows(33000, ';', (i) => (i === 25000 ? '2,5' : `${i % 40}`))].join('\n') + '\n', short: false },
      // Fewer than 200 rows in the short head.
      { name: 'long lines', text: ['customer_id,date,amount,email,company,note', ...rows(300, ',', (i) => `${i}.5`, 'n'.repeat(6000))].join('\n') + '\n', short: false },
    ];
    for (const f of files) {
      const bytes = utf8(f.text);
      const reads: [number, number][] = [];
      const source = sourceOf(bytes);
      const recording: ByteSource = { size: source.size, read: (into, position) => (reads.push([position, into.length]), source.read(into, position)) };
      const pieces = { streamFrom: 0, shortHeadBytes: 1_150_000, headBytes: 1_400_000 };
      expect(bytes.length, f.name).toBeGreaterThan(pieces.headBytes);
      const a = createColumnarSummaryBuilder({ unit: 'week' });
      const b = createColumnarSummaryBuilder({ unit: 'week' });
      expect(readTransactionsFromSource(recording, { into: b }, pieces), f.name).toEqual(readTransactions(bytes, { into: a }));
      expect(b.finish().summaries()).toEqual(a.finish().summaries());
      expect(reads.some(([at, n]) => at === 0 && n === pieces.headBytes), f.name).toBe(!f.short);
      expect(reads.some(([at, n]) => at === 0 && n === pieces.shortHeadBytes), f.name).toBe(true);
    }
  });

  it('reads whitespace-separated files (CDNOW\'s form) as the text reader does', () => {
    const text = '00001 19970101 1 11.77\n00002  19970112 1 12.00\r\n\n   \n00003\t19970102 2 20.76\n00004 19970230 1 5\n00001 19970118 2 29.33\n00005 19970101\n';
    const r = bothReaders(utf8(text), { delimiter: 'whitespace', header: false, mapping: { customerId: 0, date: 1, amount: 3 } })!;
    expect(r.transactions.map((t) => t.customerId)).toEqual(['00001', '00002', '00003', '00001']);
    expect(r.rejected.map((x) => x.line)).toEqual([6, 8]);
    expect(r.blankLines).toBe(2);
  });

  it('waits, as the text reader does, while rows with an ambiguous date wait for the day/month order', () => {
    const text = 'id,date,amount\na,3/5/2024,1\nb,2024-03-05,2\nc,13/5/2024,3\nd,2024-03-06,4\n';
    const r = bothReaders(utf8(text))!;
    expect(r.transactions.map((t) => t.customerId)).toEqual(['a', 'b', 'c', 'd']);
    expect(r.dateOrder).toBe('dmy');
  });

  it('leaves a file with a quote, a comma decimal mark or a cost column to the text reader, with the same result', () => {
    bothReaders(utf8('id;date;amount\na;2024-01-01;1,5\nb;2024-01-02;2,25\n'));
    bothReaders(utf8('id,date,amount\n"a",2024-01-01,1\n'));
    bothReaders(utf8('id,date,amount,cost\na,2024-01-01,10,4\n'));
  });

  it('decides the decimal mark past the first megabyte as the whole text does, when the head does not settle it', () => {
    // 15,000 rows of whole amounts (about 1.7 MB: the head, 2^20 characters, cannot decide), then a comma decimal.
    const pad = 'x'.repeat(100);
    const rows = Array.from({ length: 15_000 }, (_, i) => `c${i % 500};2024-01-0${1 + (i % 9)};${10 + (i % 7)};${pad}`);
    rows.push(`c1;2024-01-05;2,5;${pad}`);
    const text = ['id;date;amount;note', ...rows].join('\n') + '\n';
    const whole = readTransactions(text);
    const lane = readTransactions(utf8(text));
    expect(lane.decimal).toBe(',');
    expect({ ...lane, encoding: '' }).toEqual({ ...whole, encoding: '' });
  });

  it('reads amounts as scanAmount and dates as scanDateText do, or leaves them', () => {
    for (const s of ['0', '-0', '12.5', '.5', '5.', '123456789012345', '0.1', '3.14159', '-99.999', '00012.50']) {
      const b = utf8(s);
      expect(Object.is(plainAmount(b, 0, b.length), scanAmount(s)), s).toBe(true);
    }
    for (const s of ['', '-', '.', '1.2.3', '1234567890123456', ' 1', '$1', '1e3']) {
      const b = utf8(s);
      expect(plainAmount(b, 0, b.length), s).toBeNaN();
    }
    for (const s of ['2024-03-05', '20240305', '1999-12-31', '2000-02-29']) {
      const b = utf8(s);
      expect(plainDay(b, 0, b.length)).toBe((scanDateText(s) as { day: number }).day);
    }
    for (const s of ['2023-02-29', '2024-13-01', '2024/03/05', '2024-3-05', '0000-01-01', '20241301', 'abcdefgh']) {
      const b = utf8(s);
      expect(plainDay(b, 0, b.length), s).toBeNaN();
    }
  });

  it('finds ids by their bytes, one string per id, past many rehashes', () => {
    const ids = new ByteIds();
    const bytes = utf8(Array.from({ length: 20000 }, (_, i) => `id-${i % 7000}-é${i % 3 === 0 ? '' : 'x'}`).join(','));
    const seen = new Map<string, number>();
    let s = 0;
    for (let e = 0; e <= bytes.length; e++) {
      if (e < bytes.length && bytes[e] !== 44) continue;
      const k = ids.find(bytes, s, e);
      const text = new TextDecoder().decode(bytes.subarray(s, e));
      if (!seen.has(text)) seen.set(text, k);
      expect(k).toBe(seen.get(text));
      expect(ids.string(k)).toBe(text);
      s = e + 1;
    }
    expect(ids.size).toBe(seen.size);
    expect(ids.distinct).toBe(true);
  });

  it('keeps a text cell as bytes only when trimming its decoded text changes nothing, past ASCII too', () => {
    // Trimmed by String.prototype.trim: ASCII spaces, U+00A0, U+1680, U+2000-U+200A, U+2028/9, U+202F, U+205F, U+3000, U+FEFF; not U+0085 or U+200B.
    const chars = ['a', 'Z', '@', ' ', '\t', 'é', 'Ü', '北', '司', '\u00a0', '\u1680', '\u2003', '\u2028', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '\u200b', '😀'];
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const check = (bytes: Uint8Array, s: number, e: number) => {
      const text = decoder.decode(bytes.subarray(s, e));
      if (plainText(bytes, s, e)) expect(text.trim() === text && text !== '', JSON.stringify(text)).toBe(true);
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 6 }), fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 2 }), fc.boolean(), (cs, junk, junkFirst) => {
        const body = utf8(cs.join(''));
        const bytes = Uint8Array.from(junkFirst ? [...junk, ...body] : [...body, ...junk]);
        check(Uint8Array.from([0x2c, ...bytes, 0x2c]), 1, bytes.length + 1);
      }),
      { numRuns: 3000 },
    );
    for (const t of ['北京恒达物流有限公司', 'Ünïcode', 'é', 'Zoë Ltd', 'a😀', '😀', 'x\u0085é']) expect(plainText(utf8(t), 0, utf8(t).length), t).toBe(true);
    for (const t of ['', ' a', 'a\u00a0', '\u3000北', '北\u3000', '\ufeffa', 'é\u2028']) expect(plainText(utf8(t), 0, utf8(t).length), t).toBe(false);
  });

  it('numbers ids as a map of their strings does, in order or not, each read from a piece of its own or from one array', () => {
    // Ids that differ in their last byte only, prefixes of each other, longer than 16 bytes, non-ASCII;
    // sorted runs (no table while ids come in order) broken at any point, and repeated ids.
    const pool = ['a', 'ab', 'abc', 'abd', 'b', 'b0', 'b1', 'x'.repeat(17), 'x'.repeat(16) + 'y', 'é', 'éa', 'z9', 'z:'];
    const sortedPool = [...pool].sort((p, q) => Buffer.compare(Buffer.from(p), Buffer.from(q)));
    const idsArb = fc.oneof(
      fc.array(fc.constantFrom(...pool), { maxLength: 60 }),
      fc.tuple(fc.integer({ min: 0, max: pool.length }), fc.array(fc.constantFrom(...pool), { maxLength: 30 }), fc.integer({ min: 1, max: 3 })).map(([n, tail, rep]) =>
        [...sortedPool.slice(0, n).flatMap((id) => Array<string>(rep).fill(id)), ...tail],
      ),
    );
    fc.assert(
      fc.property(idsArb, fc.boolean(), (list, onePiece) => {
        const ids = new ByteIds();
        const want = new Map<string, number>();
        const joined = utf8(list.join(','));
        let s = 0;
        for (const id of list) {
          const bytes = utf8(id);
          const k = onePiece ? ids.find(joined, s, s + bytes.length) : ids.find(Uint8Array.from(bytes), 0, bytes.length);
          s += bytes.length + 1;
          if (!want.has(id)) want.set(id, want.size);
          expect(k, `${id} in ${list.join(' ')}`).toBe(want.get(id));
          expect(ids.string(k)).toBe(id);
        }
        expect(ids.size).toBe(want.size);
      }),
      { numRuns: 500 },
    );
  });

  it('tells apart ids of the same hash, before and after the table is grown', () => {
    // Two ids with one FNV-1a hash, found by the birthday bound (the first pair comes at i = 28,903).
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined && i < 1 << 18; i++) {
      const id = `cust${(i * 2654435761) % 1e9}`;
      const b = utf8(id);
      const h = hashBytes(b, 0, b.length);
      const other = seen.get(h);
      if (other !== undefined) pair = [other, id];
      else seen.set(h, id);
    }
    expect(pair).toBeDefined();
    const [p, q] = pair!;
    const hp = hashBytes(utf8(p), 0, utf8(p).length);
    expect(hashBytes(utf8(q), 0, utf8(q).length)).toBe(hp);
    const ids = new ByteIds();
    const find = (id: string) => ids.find(utf8(id), 0, utf8(id).length);
    // Out of order from the start ('z' then 'a'), so both colliding ids go through the table, then past several rehashes.
    expect(find('z')).toBe(0);
    expect(find('a')).toBe(1);
    expect(find(q)).toBe(2);
    expect(find(p)).toBe(3);
    for (let i = 0; i < 30000; i++) expect(find(`f${i}`)).toBe(4 + i);
    expect(find(p)).toBe(3);
    expect(find(q)).toBe(2);
    expect(find('z')).toBe(0);
    expect(ids.size).toBe(30004);
  });

  it('keeps no table for ids met in order and builds it, with every id in it, when one comes out of order', () => {
    const ids = new ByteIds();
    const id = (i: number) => `k${String(i).padStart(6, '0')}`;
    const find = (t: string) => ids.find(utf8(t), 0, utf8(t).length);
    // Sorted and repeated, each lookup from an array of its own (so the last-id shortcut does not catch the repeats).
    for (let i = 0; i < 20000; i++) {
      expect(find(id(i))).toBe(i);
      expect(find(id(i))).toBe(i);
    }
    // Every earlier id found again after the order breaks, then new ids in and out of order.
    expect(find(id(123))).toBe(123);
    for (let i = 0; i < 20000; i += 7) expect(find(id(i))).toBe(i);
    expect(find('k')).toBe(20000);
    expect(find(id(20000))).toBe(20001);
    expect(find(id(19999))).toBe(19999);
    expect(find('k')).toBe(20000);
  });

  it('compares ids by their bytes as their strings compare, keeps them once sealed, and refuses a lookup after', () => {
    const ids = new ByteIds();
    const list = ['b7', 'B7', 'a', 'ab', 'zz', 'z', 'x'.repeat(17), 'x'.repeat(16), '~', '\u007F', ''];
    const bytes = utf8(list.join(','));
    let s = 0;
    for (let e = 0; e <= bytes.length; e++) {
      if (e < bytes.length && bytes[e] !== 44) continue;
      ids.find(bytes, s, e);
      s = e + 1;
    }
    ids.seal();
    const sign = (x: number) => Math.sign(x) + 0;
    for (let j = 0; j < list.length; j++) {
      expect(ids.string(j)).toBe(list[j]);
      for (let k = 0; k < list.length; k++) {
        const want = list[j]! < list[k]! ? -1 : list[j]! > list[k]! ? 1 : 0;
        expect(sign(ids.compare(j, k)), `${list[j]} ${list[k]}`).toBe(want);
        expect(sign(ids.compareText(j, list[k]!)), `${list[j]} ${list[k]}`).toBe(want);
      }
    }
    expect(() => ids.find(bytes, 0, 2)).toThrow('after the read was done');
  });

  it('gives each row to its customer when the sink numbers ids otherwise than the lane (a rejected row, ids as text)', () => {
    // The lane numbers ids from 0 as it meets them, the sink its customers: an id met on a row then
    // rejected, or a customer the text reader gave first, makes the numbers differ from there on.
    const rows = ['a,2024-02-02,1.5', 'd,2024-02-03,2', 'b,2024-02-04,3', 'a,2024-02-05,4', 'd,2024-02-06,1'];
    for (const before of [[], ['x,not a date,1'], ['a,2024-01-01,1', 'c,2024-01-02,$3'], ['é,2024-01-01,1']]) {
      const bytes = utf8(['id,date,amount', ...before, ...rows].join('\n'));
      const sink = createColumnarSummaryBuilder({ unit: 'week' });
      readTransactions(bytes, { into: sink });
      const fromText = createColumnarSummaryBuilder({ unit: 'week' });
      for (const t of readTransactions(bytes, { onAccepted: () => {} }).transactions) fromText.add(t);
      expect(sink.finish().summaries(), before.join()).toEqual(fromText.finish().summaries());
    }
  });

  it('orders ids kept as bytes and ids kept as strings as a sort of their strings does (UTF-16 code units)', () => {
    // ASCII ids reach the summary as bytes, the others as strings. U+1D49C is the surrogates
    // D835 DC9C in UTF-16, so it sorts before U+FF5A there, though after it by code point and
    // in UTF-8 bytes; an ASCII id of 17 bytes and more, a prefix of another, upper before lower case.
    const idList = ['b7', 'B7', 'a', 'ab', 'é', '\u{1D49C}x', '\uFF5A', 'zz', 'z', 'x'.repeat(17), 'x'.repeat(16), '~', '\u007F'];
    const rows = idList.flatMap((id, i) => [`${id},2024-01-0${1 + (i % 5)},${i + 1}.5`, `${id},2024-02-0${1 + (i % 7)},2`]);
    for (const slowLine of [false, true]) {
      // Rows the lane leaves to the text reader (an amount with a currency sign): an id that then comes as a
      // string first, and one the lane had kept as bytes coming again as a string.
      const lines = slowLine ? ['zz,2024-01-03,$4', ...rows, 'ab,2024-03-01,$7'] : rows;
      const bytes = utf8(['id,date,amount', ...lines].join('\n'));
      const sink = createColumnarSummaryBuilder({ unit: 'week' });
      readTransactions(bytes, { into: sink });
      const table = sink.finish();
      const sorted = [...idList].sort();
      expect(idStrings(table.ids)).toEqual(sorted);
      for (let i = 0; i < table.length; i++) {
        for (let j = 0; j < table.length; j++) expect(Math.sign(table.ids.compare(i, j)), `${sorted[i]} ${sorted[j]}`).toBe(Math.sign(i - j));
      }
      const fromText = createColumnarSummaryBuilder({ unit: 'week' });
      for (const t of readTransactions(bytes, { onAccepted: () => {} }).transactions) fromText.add(t);
      expect(table.summaries()).toEqual(fromText.finish().summaries());
    }
  });
});
