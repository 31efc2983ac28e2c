import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { formatMessage, formatReason } from '../i18n/messages.ts';
import type { Transaction } from '../types.ts';
import { isoToDay } from './day-number.ts';
import { readTransactionCells, readTransactions, type ReadResult } from './read-transactions.ts';

const day = isoToDay;

/** accepted + rejected + blank + header = physical lines (no multi-line quoted fields here). */
function expectCountsAddUp(r: ReadResult): void {
  expect(r.rowsRead).toBe(r.rowsAccepted + r.rejected.length);
  expect(r.rowsAccepted + r.rejected.length + r.blankLines + (r.hasHeader ? 1 : 0)).toBe(r.lines);
}

describe('readTransactions: columns', () => {
  it('reads an English CSV, keeping ids as trimmed strings with leading zeros', () => {
    const r = readTransactions('customer_id,date,amount\n 00123 ,2024-03-05,12.50\n007,2024-03-06,3');
    expect(r.transactions).toEqual([
      { customerId: '00123', day: day('2024-03-05'), amount: 12.5, line: 2 },
      { customerId: '007', day: day('2024-03-06'), amount: 3, line: 3 },
    ]);
    expect(r.hasHeader).toBe(true);
    expectCountsAddUp(r);
  });

  it('reads a Chinese CSV with every optional column', () => {
    const text = '客户编号,交易日期,消费金额,成本,毛利率,数量,邮箱,公司名称,客户名称\nA01,2024年3月5日,¥1,200.00,,35%,2,a@x.cn,甲公司,张三\n';
    const r = readTransactions(text.replace('¥1,200.00', '"¥1,200.00"'));
    expect(r.transactions).toEqual([
      { customerId: 'A01', day: day('2024-03-05'), amount: 1200, marginRate: 0.35, quantity: 2, email: 'a@x.cn', company: '甲公司', name: '张三', line: 2 },
    ]);
  });

  it('reads semicolon-separated European files with decimal comma', () => {
    const r = readTransactions('kunde;datum;amount\n1;05.03.2024;1.234,50\n2;06.03.2024;-3,00', {
      decimal: ',', mapping: { customerId: 'kunde', date: 'datum' },
    });
    expect(r.transactions.map((t) => [t.customerId, t.day, t.amount])).toEqual([
      ['1', day('2024-03-05'), 1234.5], ['2', day('2024-03-06'), -3],
    ]);
    expect(r.dateOrder).toBe('dmy');
    expect(r.warnings[0]).toMatch(/day\/month\/year/);
  });

  it('reads tab-separated files and maps by index', () => {
    const r = readTransactions('x\ty\tz\nC1\t20240305\t9', { mapping: { customerId: 0, date: 1, amount: 2 } });
    expect(r.transactions[0]).toMatchObject({ customerId: 'C1', day: day('2024-03-05'), amount: 9 });
  });

  it('throws a data CvError naming the missing column and the headers found', () => {
    let error: unknown;
    try {
      readTransactions('who,when,amount\n1,2024-01-01,3');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CvError);
    expect((error as CvError).kind).toBe('data');
    expect((error as CvError).message).toBe(
      "readTransactions: no customer id column was found (the headers found are 'who', 'when', 'amount'); name it in the mapping option.",
    );
  });

  it('guesses the columns of a headerless file and says so', () => {
    const r = readTransactions('C1,2024-03-05,3,12.5\nC2,2024-03-06,1,4');
    expect(r.mapping).toEqual({ customerId: 0, date: 1, amount: 3 });
    expect(r.warnings[0]).toMatch(/no header row/);
  });
});

describe('readTransactions: edge inputs', () => {
  it('returns an empty result with a warning for empty or blank input', () => {
    expect(readTransactions('')).toMatchObject({ transactions: [], rowsRead: 0, warnings: ['the input has no rows.'] });
    expect(readTransactions('\n\n')).toMatchObject({ blankLines: 2, lines: 2 });
  });
  it('reads a header-only file as zero rows', () => {
    const r = readTransactions('customer,date,amount\n');
    expect([r.hasHeader, r.rowsRead, r.lines]).toEqual([true, 0, 1]);
  });
  it('throws a value CvError for a mapping by a name that is not a header', () => {
    expect(() => readTransactions('a,b,c\n1,2024-01-01,3', { mapping: { customerId: 'nope' } })).toThrow(/'nope' is not among the headers/);
    expect(() => readTransactions('1,2024-01-01,3', { header: false, mapping: { customerId: 'a' } })).toThrow(/no header row/);
  });
});

describe('readTransactions: dates', () => {
  const read = (dates: string[], dateOrder?: 'auto' | 'dmy' | 'mdy' | 'ymd') =>
    readTransactions(`id,date,amount\n${dates.map((d, i) => `c${i},${d},1`).join('\n')}`, { dateOrder });

  it('reads every supported form in one column', () => {
    const r = read(['2024-03-05', '2024-03-05T08:00:00', '20240305', '45356', '2024/3/5', '2024.3.5', '2024年3月5日']);
    expect(r.rejected).toEqual([]);
    expect(r.transactions.map((t) => t.day)).toEqual(Array(7).fill(day('2024-03-05')));
    expect(r.dateOrder).toBe('ymd');
  });

  it('decides d/m/y from a first part above 12, also for rows read before the deciding one', () => {
    const r = read(['5/3/2024', '1/2/2024', '25/12/2024']);
    expect(r.dateOrder).toBe('dmy');
    expect(r.transactions.map((t) => t.day)).toEqual([day('2024-03-05'), day('2024-02-01'), day('2024-12-25')]);
    expect(r.transactions.map((t) => t.line)).toEqual([2, 3, 4]);
    expect(r.warnings).toEqual([]);
  });

  it('decides m/d/y from a second part above 12', () => {
    const r = read(['3/5/2024', '12/25/2024']);
    expect(r.dateOrder).toBe('mdy');
    expect(r.transactions[0].day).toBe(day('2024-03-05'));
  });

  it('reads an undecidable column as m/d/y with a warning', () => {
    const r = read(['3/5/2024', '4/6/2024']);
    expect(r.dateOrder).toBe('mdy');
    expect(r.transactions[0].day).toBe(day('2024-03-05'));
    expect(r.warnings[0]).toMatch(/month\/day\/year/);
  });

  it('reports dates that contradict the decided order', () => {
    const r = read(['25/3/2024', '3/25/2024']);
    expect(r.rejected).toMatchObject([{ line: 3, reason: "date '3/25/2024' does not fit the day/month/year order of this column (decided at line 2)" }]);
  });

  it('obeys an explicit dateOrder', () => {
    expect(read(['5/3/2024'], 'dmy').transactions[0].day).toBe(day('2024-03-05'));
    expect(read(['5/3/2024'], 'ymd').rejected[0].reason).toMatch(/year last/);
  });

  it('rejects impossible dates with the reason', () => {
    const r = read(['2024-02-30', '2024-13-01']);
    expect(r.rejected).toMatchObject([
      { line: 2, reason: "date '2024-02-30' is not a valid date" },
      { line: 3, reason: "date '2024-13-01' is not a valid date" },
    ]);
  });
});

describe('readTransactions: bad rows, counts, amounts', () => {
  const text = [
    'id,date,amount,qty', // 1
    'A,2024-01-01,10,1', // 2
    '', // 3 blank
    'B,2024-01-02,abc,1', // 4
    ',2024-01-03,5,1', // 5
    'C,2024-01-04', // 6
    'D,2024-01-05,0,1', // 7 zero kept
    'E,2024-01-06,(12.00),1', // 8 return kept
    'F,2024-01-07,-3,x', // 9 bad optional
    '   ', // 10 blank
    'G,2024-01-08,"$1,000.00",', // 11 empty optional is fine
    'id,date,amount,qty', // 12 repeated header
  ].join('\r\n') + '\r\n';
  const r = readTransactions(text);

  it('reports each unusable row with its line and a clear reason', () => {
    expect(r.rejected).toMatchObject([
      { line: 4, reason: "amount 'abc' is not a number" },
      { line: 5, reason: 'customer id is empty' },
      { line: 6, reason: 'row has 2 columns, expected at least 3' },
      { line: 9, reason: "quantity 'x' is not a number" },
      { line: 12, reason: 'row repeats the header row' },
    ]);
  });

  it('keeps zero amounts and returns', () => {
    expect(r.transactions.map((t) => [t.customerId, t.amount])).toEqual([['A', 10], ['D', 0], ['E', -12], ['G', 1000]]);
    expect(r.transactions[3].quantity).toBeUndefined();
  });

  it('counts add up: accepted + rejected + blank + header = lines', () => {
    expect(r.rowsAccepted).toBe(4);
    expect(r.blankLines).toBe(2);
    expect(r.lines).toBe(12);
    expectCountsAddUp(r);
  });

  it('streams to onTransaction without collecting, and reports progress', () => {
    const seen: Transaction[] = [];
    const progress: number[] = [];
    const s = readTransactions(text, { onTransaction: (t) => seen.push(t), onProgress: (f) => progress.push(f) });
    expect(s.transactions).toEqual([]);
    expect(seen).toEqual(r.transactions);
    expect(progress.at(-1)).toBe(1);
  });

  it('hands each accepted row’s cells to onAccepted, with its transaction, and no rejected row', () => {
    const seen: [number, string][] = [];
    readTransactions('id,date,amount,website\nA,2024-01-02,5,acme.com\nB,not a date,5,bad.com\nC,2024-01-03,7,\n', {
      onAccepted: (t, cells) => seen.push([t.line, String(cells[3])]),
    });
    expect(seen).toEqual([[2, 'acme.com'], [4, '']]);
  });
});

describe('readTransactions: encodings', () => {
  // GBK bytes from Python 3: '客户编号,日期,金额\n'.encode('gbk'), then ASCII 'C1,2024-03-05,5\n'.
  const gbk = Buffer.concat([
    Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a]),
    Buffer.from('C1,2024-03-05,5\n'),
  ]);
  const utf8 = Buffer.from('客户编号,日期,金额\nC1,2024-03-05,5\n', 'utf8');

  it('reads GBK bytes (auto-detected)', () => {
    const r = readTransactions(new Uint8Array(gbk));
    expect(r.encoding).toBe('gb18030');
    expect(r.headers).toEqual(['客户编号', '日期', '金额']);
    expect(r.transactions[0]).toMatchObject({ customerId: 'C1', amount: 5 });
  });
  it('reads GBK bytes when told', () => {
    expect(readTransactions(new Uint8Array(gbk), { encoding: 'gb18030' }).transactions).toHaveLength(1);
  });
  it('reads UTF-8 bytes without a BOM', () => {
    const r = readTransactions(new Uint8Array(utf8));
    expect([r.encoding, r.transactions.length]).toEqual(['utf-8', 1]);
  });
  it('reads UTF-8 bytes with a BOM', () => {
    const r = readTransactions(new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])));
    expect(r.headers[0]).toBe('客户编号');
    expect(r.transactions).toHaveLength(1);
  });
});

describe('readTransactionCells', () => {
  it('reads an Excel range: serial number dates, number ids, blank rows, sheet row numbers', () => {
    const r = readTransactionCells(
      [
        ['Customer', 'Date', 'Amount', 'Email'],
        [123, 45356, 12.5, null],
        ['00123', '2024-03-06', '¥8', 'a@b.c'],
        [null, '', null, ''],
        ['X', true, 3, null],
        ['Y', 45357, 'abc', null],
        ['Z', 60, -4, null],
      ],
      { firstRow: 5 },
    );
    expect(r.transactions).toEqual([
      { customerId: '123', day: day('2024-03-05'), amount: 12.5, line: 6 },
      { customerId: '00123', day: day('2024-03-06'), amount: 8, email: 'a@b.c', line: 7 },
    ]);
    expect(r.rejected).toMatchObject([
      { line: 9, reason: "date 'true' is not a valid date" },
      { line: 10, reason: "amount 'abc' is not a number" },
      { line: 11, reason: "date '60' is not a valid date (Excel serial 60 is the nonexistent 1900-02-29)" },
    ]);
    expect(r.blankLines).toBe(1);
    expectCountsAddUp(r);
  });

  it('reads a range without a header using a mapping', () => {
    const r = readTransactionCells([['a', 45356, 1], ['b', 45357, 2]], { header: false, mapping: { customerId: 0, date: 1, amount: 2 } });
    expect(r.transactions.map((t) => t.customerId)).toEqual(['a', 'b']);
  });

  it('throws for a range without the required columns', () => {
    expect(() => readTransactionCells([['name', 'x'], ['a', 1]])).toThrow(CvError);
  });
});

const amounts = (r: ReadResult) => r.transactions.map((t) => [t.customerId, t.amount]);

describe('readTransactions: the decimal mark', () => {
  it('reads decimal commas without being told when the data leave no doubt', () => {
    const r = readTransactions('Kunde;Datum;Betrag\n7;05.03.2024;1.234,50\n8;06.03.2024;5,25');
    expect(r.decimal).toBe(',');
    expect(r.mapping).toEqual({ customerId: 0, date: 1, amount: 2 });
    expect(amounts(r)).toEqual([['7', 1234.5], ['8', 5.25]]);
    expect(r.dateOrder).toBe('dmy');
    expect(r.rejected).toEqual([]);
    expect(r.warnings.join(' ')).not.toMatch(/decimal/);
  });

  it('reads a German file whose thousands dots come before its decimal commas, costs and margins too', () => {
    const text = 'kunde;datum;betrag;kosten;marge\n1;2024-03-05;1.500;900;\n1;2024-03-09;2.000,00;;35,5%\n2;2024-03-10;12,5;7,25;';
    const r = readTransactions(text, { mapping: { cost: 3, marginRate: 4 } });
    expect(r.decimal).toBe(',');
    expect(r.transactions.map((t) => [t.amount, t.cost, t.marginRate])).toEqual([
      [1500, 900, undefined], [2000, undefined, 0.355], [12.5, 7.25, undefined],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('keeps the point, with a warning naming --decimal, when every value could be read either way', () => {
    const r = readTransactions('id;date;amount\n7;2024-03-05;1,234\n8;2024-03-06;12\n9;2024-03-07;2,500');
    expect(r.decimal).toBe('.');
    expect(amounts(r)).toEqual([['7', 1234], ['8', 12], ['9', 2500]]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/'1,234' \(line 2\).*--decimal ,/);
  });

  it('keeps the point in a comma-separated file: a quoted "1,234.50" is 1234.5 and a quoted "5,25" is rejected', () => {
    const r = readTransactions('id,date,amount\n7,2024-03-05,"1,234.50"\n8,2024-03-06,"1,234"\n9,2024-03-07,"5,25"');
    expect(r.decimal).toBe('.');
    expect(amounts(r)).toEqual([['7', 1234.5], ['8', 1234]]);
    expect(r.rejected).toMatchObject([{ line: 4, reason: "amount '5,25' has a decimal comma, but the amounts are read with a decimal point; read the file with decimal ','" }]);
    expect(r.warnings).toEqual([
      "1 row has a number with a decimal comma (first '5,25' at line 4) although the file's numbers were read with a decimal point; it was rejected (read the file with --decimal , to use the comma).",
    ]);
    expectCountsAddUp(r);
  });

  it('reads a file mixing both marks with the point, rejecting and counting each comma row', () => {
    const r = readTransactions('id;date;amount\n7;2024-03-05;5,25\n8;2024-03-06;12.50\n9;2024-03-07;1.234,00\n10;2024-03-08;3');
    expect(r.decimal).toBe('.');
    expect(amounts(r)).toEqual([['8', 12.5], ['10', 3]]);
    expect(r.rejected.map((x) => x.line)).toEqual([2, 4]);
    expect(r.rejected[1].reason).toMatch(/'1\.234,00' has a decimal comma/);
    expect(r.warnings).toEqual([expect.stringMatching(/^2 rows have numbers with a decimal comma \(first '5,25' at line 2\).*--decimal ,/)]);
    expectCountsAddUp(r);
  });

  it('obeys an explicit mark, rejecting what only the other mark reads', () => {
    const text = 'id;date;amount\n7;2024-03-05;5,25\n8;2024-03-06;1.234';
    const dot = readTransactions(text, { decimal: '.' });
    expect([dot.decimal, amounts(dot), dot.rejected.map((x) => x.line)]).toEqual(['.', [['8', 1.234]], [2]]);
    const comma = readTransactions('id;date;amount\n7;2024-03-05;12.5\n8;2024-03-06;1.234', { decimal: ',' });
    expect([comma.decimal, amounts(comma)]).toEqual([',', [['8', 1234]]]);
    expect(comma.rejected[0].reason).toMatch(/'12\.5' has a decimal point, but the amounts are read with a decimal comma/);
    expect(comma.warnings.join(' ')).toMatch(/decimal point \(first '12\.5' at line 2\).*--decimal \./);
  });

  it('decides from a large sample, not just the first rows; past it, the other mark is rejected, never misread', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `${i};2024-03-05;${i + 1}`);
    const r = readTransactions(`id;date;amount\n${rows.join('\n')}\n500;2024-03-06;7,5`);
    expect(r.decimal).toBe(',');
    expect(r.transactions.at(-1)?.amount).toBe(7.5);
    const many = Array.from({ length: 20_000 }, (_, i) => `${i};2024-03-05;${i + 1}`);
    const late = readTransactions(`id;date;amount\n${many.join('\n')}\nx;2024-03-06;7,5\ny;2024-03-06;1.234,5`, { onTransaction: () => {} });
    expect(late.decimal).toBe('.');
    expect(late.rejected.map((x) => x.line)).toEqual([20_002, 20_003]);
    expect(late.warnings).toEqual([expect.stringMatching(/^2 rows have numbers with a decimal comma \(first '7,5' at line 20002\)/)]);
  });

  it('decides from the text cells of a range; number cells say nothing', () => {
    const r = readTransactionCells([['id', 'date', 'amount'], ['7', 45356, '5,25'], ['8', 45356, 3.5], ['9', 45356, '1.234,5']]);
    expect(r.decimal).toBe(',');
    expect(amounts(r)).toEqual([['7', 5.25], ['8', 3.5], ['9', 1234.5]]);
    const plain = readTransactionCells([['id', 'date', 'amount'], ['7', 45356, 3.5]]);
    expect([plain.decimal, plain.warnings]).toEqual(['.', []]);
  });
});

describe('readTransactions: nothing is lost without a reason', () => {
  it('rejects overflowing or non-numeric amounts row by row and reads the rest', () => {
    const text = `id,date,amount\nA,2024-01-05,1e400\nB,2024-01-05,${'9'.repeat(400)}\nC,2024-01-05,NaN\nD,2024-01-05,Infinity\nE,2024-01-05,10`;
    const r = readTransactions(text);
    expect(amounts(r)).toEqual([['E', 10]]);
    expect(r.rejected.map((x) => [x.line, x.reason.replace(/9{37}…/, '9…')])).toEqual([
      [2, "amount '1e400' is too large to be a number"],
      [3, "amount '9…' is too large to be a number"],
      [4, "amount 'NaN' is not a number"],
      [5, "amount 'Infinity' is not a number"],
    ]);
    expectCountsAddUp(r);
  });

  it('rejects non-finite number cells and overflowing costs in a range', () => {
    const r = readTransactionCells([
      ['id', 'date', 'amount', 'cost'],
      ['A', 45356, Number.POSITIVE_INFINITY, 1],
      ['B', 45356, Number.NaN, 1],
      ['C', 45356, 5, '1e400'],
      ['D', 45356, 5, 2],
    ]);
    expect(amounts(r)).toEqual([['D', 5]]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [2, 'amount Infinity is not a number'],
      [3, 'amount NaN is not a number'],
      [4, "cost '1e400' is too large to be a number"],
    ]);
  });

  it('rejects spreadsheet error values as customer ids rather than merging their rows into one customer', () => {
    const r = readTransactionCells([['id', 'date', 'amount'], ['#N/A', 45356, 5], ['#REF!', 45356, 6], ['A', 45356, 7]]);
    expect(amounts(r)).toEqual([['A', 7]]);
    expect(r.rejected).toMatchObject([
      { line: 2, reason: 'customer id is the spreadsheet error #N/A, not an id' },
      { line: 3, reason: 'customer id is the spreadsheet error #REF!, not an id' },
    ]);
    expect(readTransactions('id,date,amount\n#N/A,2024-01-05,3\n#NA,2024-01-05,4').rejected.map((x) => x.line)).toEqual([2]);
  });

  it('does not take a first row holding a written date for the header', () => {
    // Ids that are text on the first row and digits below once made this row a "header".
    const r = readTransactions('A17,2024-01-05,10\n5,2024-01-06,3\n6,2024-01-07,4', { mapping: { customerId: 0, date: 1, amount: 2 } });
    expect(r.hasHeader).toBe(false);
    expect(amounts(r)).toEqual([['A17', 10], ['5', 3], ['6', 4]]);
  });

  it('warns when a first row taken for the header holds a date in the date column', () => {
    const r = readTransactions('A17,20240105,10\n5,20240106,3\n6,20240107,4', { mapping: { customerId: 0, date: 1, amount: 2 } });
    expect(r.hasHeader).toBe(true);
    expect(r.warnings).toEqual([expect.stringMatching(/^the first row \(line 1\) was read as column names, but its date column holds a date \('20240105'\)/)]);
    expect(readTransactions('A17,20240105,10\n5,20240106,3', { mapping: { customerId: 0, date: 1, amount: 2 }, header: false }).rowsAccepted).toBe(2);
  });
});

const CDNOW = fileURLToPath(new URL('../../../shared/data/cdnow/', import.meta.url));
const haveCdnow = existsSync(`${CDNOW}CDNOW_master.txt`);
if (!haveCdnow) console.warn(`CDNOW tests skipped: ${CDNOW} is absent.`);

describe.skipIf(!haveCdnow)('readTransactions on the CDNOW data (Fader & Hardie; /work/shared/data/cdnow/README.md)', () => {
  it('reads CDNOW_master.txt: 69,659 transactions, 23,570 customers, nothing rejected', () => {
    const r = readTransactions(new Uint8Array(readFileSync(`${CDNOW}CDNOW_master.txt`)));
    expect(r.rejected).toEqual([]);
    expect(r.transactions).toHaveLength(69659);
    expect(new Set(r.transactions.map((t) => t.customerId)).size).toBe(23570);
    expect(r.mapping).toEqual({ customerId: 0, date: 1, quantity: 2, amount: 3 });
    expect(r.transactions[0]).toEqual({ customerId: '00001', day: day('1997-01-01'), amount: 11.77, quantity: 1, line: 2 });
    expect(r.decimal).toBe('.');
    expectCountsAddUp(r);
  });

  it('reads CDNOW_sample.txt by index: 6,919 transactions, 2,357 customers', () => {
    const r = readTransactions(new Uint8Array(readFileSync(`${CDNOW}CDNOW_sample.txt`)), {
      mapping: { customerId: 0, date: 2, quantity: 3, amount: 4 },
      header: false,
    });
    expect(r.rejected).toEqual([]);
    expect(r.transactions).toHaveLength(6919);
    expect(new Set(r.transactions.map((t) => t.customerId)).size).toBe(2357);
    expectCountsAddUp(r);
  });
});

describe('readTransactions: reasons in any language', () => {
  it('gives each rejected row and warning as messages that say the same thing in Chinese', () => {
    const r = readTransactions('客户编号;消费日期;消费金额\n;2024-03-05;12\nA;2024-02-30;abc\nB;2024-03-05;5,25\nC;2024-03-06;1.5');
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [2, 'customer id is empty'],
      [3, "date '2024-02-30' is not a valid date; amount 'abc' is not a number"],
      [4, "amount '5,25' has a decimal comma, but the amounts are read with a decimal point; read the file with decimal ','"],
    ]);
    expect(r.rejected.map((x) => formatReason(x, 'zh'))).toEqual([
      '客户编号为空',
      '日期“2024-02-30”不是有效日期；金额“abc”不是数字',
      "金额“5,25”使用小数逗号，但本文件的金额按小数点读取；请以小数符号 ',' 读取文件",
    ]);
    expect(r.warningMessages.map((m) => formatMessage(m, 'en'))).toEqual(r.warnings);
    expect(r.warningMessages.map((m) => formatMessage(m, 'zh'))).toEqual([
      '有 1 行的数字使用小数逗号（第一个是第 4 行的“5,25”），而本文件的数字按小数点读取；这些行已被拒绝（如需使用小数逗号，请以 --decimal , 读取文件）。',
    ]);
  });
});
