import { describe, expect, it } from 'vitest';
import { customerTableBlocks, customerTableCsv, customerTableJson, guardText } from './customer-table.ts';

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

describe('customerTableBlocks', () => {
  const row = (i: number) => ({ id: `c${i}`, name: i % 3 === 0 ? `Lee, "${i}"` : '王芳', value: i / 7, email: i % 2 ? null : 'a@b.c' });
  it('writes in blocks exactly the text of the whole-table writers, for 0, 1 and blocks-and-a-bit rows', () => {
    for (const n of [0, 1, 4096, 9000]) {
      const rows = Array.from({ length: n }, (_, i) => row(i));
      expect([...customerTableBlocks(rows, 'csv')].join('')).toBe(customerTableCsv(rows));
      expect([...customerTableBlocks(rows, 'json')].join('')).toBe(customerTableJson(rows));
    }
  });
});
