import { describe, expect, it } from 'vitest';
import { customerTableCsv, customerTableJson, guardText, writeCompactRows, writeCustomerCsv, writeCustomerJson, type CustomerRow } from './customer-table.ts';

/** What a writer hands on, its pieces joined (each copied: the writer reuses its buffer); their length is what it returns. */
function bytesWritten(writer: typeof writeCustomerCsv, rows: CustomerRow[]): Buffer {
  const parts: Uint8Array[] = [];
  const n = writer(rows, (b) => parts.push(b.slice()));
  const all = Buffer.concat(parts);
  expect(all.length).toBe(n);
  return all;
}

/** The same as text. */
const written = (writer: typeof writeCustomerCsv, rows: CustomerRow[]): string => bytesWritten(writer, rows).toString('utf8');

describe('customerTableCsv', () => {
  // OWASP "CSV Injection": cells starting with =, +, -, @, tab or CR must not be read as formulas.
  it('prefixes an apostrophe to text a spreadsheet would run as a formula', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(guardText(bad)).toBe(`'${bad}`);
    expect(guardText('Acme')).toBe('Acme');
    expect(guardText("'=x")).toBe("''=x");
  });

  it('writes numbers as numbers, null as empty, and quotes what needs quoting', () => {
    const csv = customerTableCsv([
      { id: '=cmd|calc', name: 'Lee, "Al"', value: -12.5, email: null },
      { id: '00123', name: '王芳', value: 3, email: 'a@b.c' },
    ]);
    expect(csv).toBe('\uFEFFid,name,value,email\r\n\'=cmd|calc,"Lee, ""Al""",-12.5,\r\n00123,王芳,3,a@b.c\r\n');
  });
});

describe('the table writers', () => {
  const row = (i: number) => ({ id: `c${i}`, name: i % 3 === 0 ? `Lee, "${i}"` : '王芳', value: i / 7, email: i % 2 ? null : 'a@b.c' });
  it('write exactly the text of the whole-table writers, for 0, 1 and many buffers of rows', () => {
    for (const n of [0, 1, 4096, 9000]) {
      const rows = Array.from({ length: n }, (_, i) => row(i));
      expect(written(writeCustomerCsv, rows)).toBe(customerTableCsv(rows));
      expect(written(writeCustomerJson, rows)).toBe(customerTableJson(rows));
    }
  });
});

describe('writeCustomerJson', () => {
  it('prints each row as JSON.stringify(rows, null, 1) does: escapes, numbers it cannot write, undefined members, empty rows', () => {
    const rows = [
      { id: 'a"b\\c', name: 'line\nbreak\ttab\u0001\u007f', value: -0, email: null },
      { id: '王芳 😀', name: '\ud800 lone', value: Number.NaN, email: 'x' },
      { id: 'c', name: undefined as unknown as null, value: Number.POSITIVE_INFINITY, email: '\u2028\u2029' },
      {} as Record<string, string | number | null>,
      { id: 'd', value: 1e21, other: 1e-7 },
    ];
    expect(written(writeCustomerJson, rows)).toBe(customerTableJson(rows));
  });
});

describe('writeCompactRows', () => {
  it('writes the elements of JSON.stringify(rows), without the brackets, across many buffers', () => {
    for (const n of [0, 1, 30_000]) {
      const rows: CustomerRow[] = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: i % 5 === 0 ? `王, "${i}"\n` : null, value: i % 7 === 0 ? Number.NaN : i / 7 }));
      expect(written(writeCompactRows, rows)).toBe(JSON.stringify(rows).slice(1, -1));
    }
  });
});

describe('writeCustomerCsv', () => {
  const bytesOf = (rows: CustomerRow[]) => bytesWritten(writeCustomerCsv, rows);
  const texts = [
    'c1', '', ' ', 'a b', ' lead', 'trail ', '=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx', "'=x", "''+y", "'", "O'Brien",
    'Lee, "Al"', 'semi;colon', 'line\nbreak', 'cr\rin', 'tab\tin', 'say "hi"', '王芳', '北京某某有限公司', 'naïve', '😀 emoji', '\u00a0nbsp', 'nbsp\u00a0',
    '\u3000全角', 'x\u000b', '\u000cy', 'del\u007f', '~^`{|}', 'a@b.c', '00123', '-', '=',
  ];
  const numbers = [0, -0, 1, -1, 0.1, -12.5, 1 / 3, 1e21, 1e-7, 123456.789012, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53];

  it('writes the bytes of customerTableCsv for texts that need a guard, quotes or UTF-8, numbers and empty cells', () => {
    const rows: CustomerRow[] = texts.map((t, i) => ({ id: t, name: texts[(i + 7) % texts.length], value: numbers[i % numbers.length], email: i % 3 === 0 ? null : t }));
    expect(bytesOf(rows).equals(Buffer.from(customerTableCsv(rows), 'utf8'))).toBe(true);
  });

  it('writes the same bytes for no rows, for rows across many buffers, and for a cell longer than a buffer', () => {
    expect(bytesOf([]).equals(Buffer.from(customerTableCsv([]), 'utf8'))).toBe(true);
    const many: CustomerRow[] = Array.from({ length: 30_000 }, (_, i) => ({ id: `c${i}`, name: i % 5 === 0 ? `王, "${i}"` : `n${i}`, value: i / 7, email: i % 2 ? null : `a${i}@b.c` }));
    expect(bytesOf(many).equals(Buffer.from(customerTableCsv(many), 'utf8'))).toBe(true);
    const long: CustomerRow[] = [{ id: 'x'.repeat(3 << 20), name: '长'.repeat(1 << 20), value: 1 }, { id: 'y', name: 'z', value: 2 }];
    expect(bytesOf(long).equals(Buffer.from(customerTableCsv(long), 'utf8'))).toBe(true);
  });
});
