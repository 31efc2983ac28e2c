/**
 * Real exports (test/fixtures/exports, headers from the vendors' documentation
 * — see its README) imported as a rep would: the preview detects what it can,
 * the rep picks the customer id, date and amount columns the detection cannot
 * know, and the import keeps every good row and reports every bad one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatReason } from '../../core/index.ts';
import { buildImport, previewImport } from './import-job.ts';
import type { ImportSettings, Preview, TransactionColumns } from './import-protocol.ts';
import { importMessages } from './import-messages.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/exports');
const file = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));

/** The rep's picks, by header name, over the preview's guesses. */
function pick(preview: Preview, columns: Partial<Record<keyof TransactionColumns, string>>): TransactionColumns {
  const out: TransactionColumns = { ...preview.columns };
  for (const [role, header] of Object.entries(columns)) {
    const i = preview.headers.indexOf(header);
    if (i < 0) throw new Error(`no column ${header}`);
    out[role as keyof TransactionColumns] = i;
  }
  return out;
}

function importWith(name: string, columns: Partial<Record<keyof TransactionColumns, string>>, over: Partial<ImportSettings> = {}) {
  const bytes = file(name);
  const preview = previewImport(bytes, 'auto');
  const settings: ImportSettings = { fileName: name, encoding: 'auto', identity: preview.guess, tierMethod: 'contribution', model: 'none', columns: pick(preview, columns), ...over };
  return { preview, ...buildImport(bytes, settings) };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('Shopify order export', () => {
  it('finds no customer column (`Id` is the order’s) and guesses `Paid at` for the date: the rep picks Email and Created at', () => {
    const preview = previewImport(file('shopify-orders.csv'), 'auto');
    expect(preview.columns.customerId).toBeUndefined();
    expect(preview.headers[preview.columns.date!]).toBe('Paid at');
    expect(preview.headers[preview.columns.amount!]).toBe('Total');
    const { rows, meta } = importWith('shopify-orders.csv', { customerId: 'Email', date: 'Created at', amount: 'Total' });
    expect(ids(rows)).toEqual(['bob@builder.example', 'jane.doe@acme.com', 'li.wei@example.cn']);
    // The second line item of order #1001 has no Total: one rejected row, with its line.
    expect(meta.rejected).toMatchObject([{ line: 3, reason: 'amount is empty' }]);
    expect(rows.find((r) => r.id === 'jane.doe@acme.com')?.keys).toContain('email:jane.doe@acme.com');
  });
});

describe('Salesforce opportunity report (Details Only CSV)', () => {
  it('takes the account as the customer and Close Date, Amount as detected; M/D/YYYY dates', () => {
    const { preview, rows, meta } = importWith('salesforce-opportunities.csv', { customerId: 'Account Name' });
    expect(preview.headers[preview.columns.date!]).toBe('Close Date');
    expect(preview.headers[preview.columns.amount!]).toBe('Amount');
    expect(ids(rows)).toEqual(['Acme Corporation', 'Globex', 'Initech']);
    expect(meta.rejected).toEqual([]);
    expect(meta.rowsRead).toBe(5);
    // Acme: 48,000 + 52,000 = 100,000 of 128,300 over 3 accounts: 100,000 / 42,767 = 2.34 times
    // the mean, a major customer by contribution (2–4, 课题四 table 4-2).
    expect(rows.find((r) => r.id === 'Acme Corporation')?.tier).toBe('Major');
  });
});

describe('HubSpot deal export', () => {
  it('takes the associated company as the customer; a deal without an amount is one rejected row', () => {
    const { rows, meta } = importWith('hubspot-deals.csv', { customerId: 'Associated Company' }, { identity: { company: 6 } });
    expect(ids(rows)).toEqual(['Stark Industries', 'Umbrella Corp', 'Wayne Enterprises']);
    expect(meta.rejected).toMatchObject([{ line: 6, reason: 'amount is empty' }]);
    expect(rows.find((r) => r.id === 'Umbrella Corp')?.keys).toEqual(['company:umbrella']) // legal-form words dropped (normalizeCompany);
  });
});

describe('German headers, decimal commas, DD.MM.YYYY', () => {
  it('reads Kundennummer, Rechnungsdatum and Bruttobetrag itself; 1e400 is one rejected row, the file still imports', () => {
    const { preview, rows, meta } = importWith('german-invoices.csv', {});
    expect(preview.headers[preview.columns.customerId!]).toBe('Kundennummer');
    expect(preview.headers[preview.columns.amount!]).toBe('Bruttobetrag');
    expect(ids(rows)).toEqual(['K-10001', 'K-10002', 'K-10003']);
    expect(meta.rejected).toHaveLength(1);
    expect(meta.rejected[0].line).toBe(5);
    expect(meta.rejected[0].reason).toMatch(/1e400/);
    expect(importMessages('zh').reason(meta.rejected[0].reason)).toBe('金额“1e400”不是数字');
    // 1.190,00 + 2.380,00 = 3570 for Müller: the comma is the decimal mark.
    expect(rows.find((r) => r.id === 'K-10001')?.value).toBeCloseTo(3570, 6);
  });
});

describe('one bad row never aborts a file', () => {
  it('rejects an amount no purchase reaches (1e308 twice would add up to infinity) and scores the rest', () => {
    const csv = 'customer_id,date,amount\nA,2024-01-01,1e308\nA,2024-02-01,1e308\nB,2024-01-05,5\nB,2024-03-01,5\nC,2024-01-01,3\n';
    const { rows, meta } = buildImport(new TextEncoder().encode(csv), { fileName: 'x.csv', encoding: 'auto', identity: {}, tierMethod: 'contribution', model: 'auto' });
    expect(ids(rows)).toEqual(['B', 'C']);
    expect(meta.rejected.map((r) => r.line)).toEqual([2, 3]);
    expect(importMessages('zh').reason(meta.rejected[0].reason)).toMatch(/^金额 1e\+308 超过任何真实购买/);
  });

  it('says which column to choose, in the form’s language, when one is neither chosen nor found', () => {
    // No header names an amount (Posten 3 is a position's third field): the rep must choose.
    const bytes = new TextEncoder().encode('Kundennummer;Rechnungsdatum;Posten 3\nK-1;01.02.2024;12,50\nK-2;03.02.2024;7,00\n');
    const base: ImportSettings = { fileName: 'g.csv', encoding: 'auto', identity: {}, tierMethod: 'contribution', model: 'none' };
    expect(() => buildImport(bytes, base)).toThrow('Choose the column that holds the amount.');
    expect(() => buildImport(bytes, { ...base, lang: 'zh' })).toThrow('请选择金额所在的列。');
  });
});

describe('the report in the form’s language', () => {
  it('says core’s reasons and notes in Chinese from their messages, not only those the English patterns know', () => {
    // A date cell holding a spreadsheet error, a row no English pattern here knows, and a Shopify-like file with no id column.
    const csv = 'Email,Paid at,Total\njane@acme.com,2024-01-05,10\njane@acme.com,#REF!,12\nbob@x.com,2024-02-01,5\nbob@x.com,2024-03-01,7\n';
    const { meta } = buildImport(new TextEncoder().encode(csv), { fileName: 'o.csv', encoding: 'auto', identity: {}, tierMethod: 'contribution', model: 'none', lang: 'zh' });
    expect(meta.rejected).toHaveLength(1);
    expect(meta.rejected[0]).toMatchObject({ line: 3, reason: 'date is the spreadsheet error #REF!' });
    expect(formatReason(meta.rejected[0], 'zh')).toBe('日期是表格错误值 #REF!');
    expect(meta.warnings.join('\n')).toContain('没有找到客户编号列，因此按电子邮箱列“Email”区分客户');
    expect(meta.warnings.join('\n')).not.toMatch(/no customer id column was found/);
  });
});
