import { describe, expect, it } from 'vitest';
import { customerTableCsv, guardText } from './customer-table.ts';

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
