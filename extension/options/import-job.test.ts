import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toScoredCustomersCsv, type ScoredCustomer } from '../../core/index.ts';
import { buildImport, headBytes, previewImport, valueListRows, MAX_REPORTED_REJECTS } from './import-job.ts';
import type { ImportSettings } from './import-protocol.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const settings = (over: Partial<ImportSettings> = {}): ImportSettings => ({
  fileName: 'tx.csv', encoding: 'auto', identity: {}, tierMethod: 'contribution', model: 'none', ...over,
});

// One big buyer and nine small ones: with contribution cuts 4/2/1 of the mean
// (seed 001, table 4-2) the big one is VIP: 5000 / mean(5000 + 9·100 … ) > 4.
const tx = [
  'customer_id,date,amount,email,company,website,crm',
  '007,2024-01-05,2500,jane@acme.com,Acme Inc,https://www.acme.com,salesforce:001xx000003DGb2AAG',
  '007,2024-03-05,2500,jane@acme.com,Acme Inc,,hubspot:51',
  ...Array.from({ length: 9 }, (_, i) => `S${i},2024-02-1${i},100,p${i}@gmail.com,Shop ${i},,`),
  'S9,yesterday,12,,,,',
].join('\n');

describe('previewImport', () => {
  it('recognises a transaction file, its headers and identity columns', () => {
    const p = previewImport(enc(tx), 'auto');
    expect(p.kind).toBe('transactions');
    expect(p.headers[0]).toBe('customer_id');
    expect(p.guess).toEqual({ email: 3, company: 4, domain: 5, crmIds: 6 });
    expect(p.sample[0][0]).toBe('007');
    expect(p.encoding).toBe('utf-8');
  });

  it('recognises the Excel add-in’s scored-customers export', () => {
    const c: ScoredCustomer = { cvlensId: 'C1', crmIds: [], tier: 'VIP', value: 9, revenue: 120, clv: 300, churnRisk: 0.1, frequency: 3, recency: 20, T: 40 };
    expect(previewImport(enc(toScoredCustomersCsv([c])), 'auto').kind).toBe('scored');
  });
});

describe('buildImport (transactions)', () => {
  const { rows, meta } = buildImport(enc(tx), settings({ identity: { email: 3, company: 4, domain: 5, crmIds: 6 } }));
  const jane = rows.find((r) => r.id === '007')!;

  it('keeps ids as strings and scores every customer with the chosen tier method', () => {
    expect(rows).toHaveLength(10);
    expect(jane.id).toBe('007');
    expect(jane.tier).toBe('VIP');
    expect(rows.filter((r) => r.tier === 'Small')).toHaveLength(9);
    expect(jane.churnRisk).toBeGreaterThanOrEqual(0);
    expect(jane.churnRisk).toBeLessThanOrEqual(1);
    expect(meta.summary.map((s) => s.tier)).toEqual(['VIP', 'Major', 'Ordinary', 'Small']);
    expect(meta.summary[0].customers).toBe(1);
  });

  it('indexes each customer under the canonical keys of all its CRM ids, e-mail, domain and company', () => {
    expect(jane.keys).toEqual(['crm:sf:001xx000003DGb2AAG', 'crm:hubspot:51', 'email:jane@acme.com', 'domain:acme.com', 'company:acme']);
    // Free-mail domains are never domain keys.
    expect(rows.find((r) => r.id === 'S0')!.keys).toEqual(['email:p0@gmail.com', 'company:shop 0']);
  });

  it('reports rejected rows with line and reason', () => {
    expect(meta.rejected).toMatchObject([{ line: 13, reason: expect.stringMatching(/date/) }]);
    expect(meta.rowsRead).toBe(12);
    expect(meta.kind).toBe('transactions');
  });

  it('keeps markup in names and cells as plain text', () => {
    const evil = 'customer_id,date,amount,company\n1,2024-01-01,10,"<img src=x onerror=alert(1)>"\n';
    const r = buildImport(enc(evil), settings({ identity: { company: 3 } })).rows[0];
    expect(r.company).toBe('<img src=x onerror=alert(1)>');
  });

  it('reads GBK (GB18030) bytes from Chinese Excel', () => {
    // "客户" in GBK is BF CD BB A7 (reference: core/read/decode-text.ts example).
    const header = enc('id,date,amount,company\n');
    const row = new Uint8Array([...enc('1,2024-01-01,10,'), 0xbf, 0xcd, 0xbb, 0xa7, 0x0a]);
    const r = buildImport(new Uint8Array([...header, ...row]), settings({ encoding: 'gb18030', identity: { company: 3 } })).rows[0];
    expect(r.company).toBe('客户');
  });

  it('keeps at most MAX_REPORTED_REJECTS rejected rows and counts the rest', () => {
    const lines = ['id,date,amount', '1,2024-01-01,5', ...Array.from({ length: MAX_REPORTED_REJECTS + 7 }, () => 'x,bad,1')];
    const m = buildImport(enc(lines.join('\n')), settings()).meta;
    expect(m.rejected).toHaveLength(MAX_REPORTED_REJECTS);
    expect(m.rejectedMore).toBe(7);
  });

  it('fails with the reader’s reason when no row is usable', () => {
    expect(() => buildImport(enc('id,date,amount\nx,bad,1\n'), settings())).toThrow(/No usable transaction/);
  });
});

describe('buildImport (scored customers)', () => {
  it('takes the analyst’s scores as they are, with domain and CRM ids from the file', () => {
    const c: ScoredCustomer = {
      cvlensId: 'C1', name: 'Jane <b>Doe</b>', email: 'jane@acme.com', company: 'Acme', domain: 'acme.com', crmIds: ['hubspot:77'],
      tier: 'Major', value: 9, revenue: 120, clv: 300, churnRisk: 0.4, frequency: 3, recency: 20, T: 40, rfm: '545', rfmSegment: 'Champions', stage: 'formation', matrix: 'Iron',
    };
    const { rows, meta } = buildImport(enc(toScoredCustomersCsv([c])), settings({ fileName: 'scored.csv' }));
    expect(rows).toEqual([
      expect.objectContaining({ id: 'C1', name: 'Jane <b>Doe</b>', tier: 'Major', churnRisk: 0.4, clv: 300, rfmCell: '545', stage: 'formation', matrix: 'Iron', keys: ['crm:hubspot:77', 'email:jane@acme.com', 'domain:acme.com', 'company:acme'] }),
    ]);
    expect(meta.kind).toBe('scored');
    expect(meta.summary[1]).toMatchObject({ tier: 'Major', customers: 1 });
  });

  it('reads bare CRM ids from the analyst’s sheet as other imports do, and names the customer of an unreadable one', () => {
    const base = { tier: 'Small' as const, value: 1, revenue: 1, clv: 1, churnRisk: 0.5, frequency: 1, recency: 1, T: 2 };
    const csv = toScoredCustomersCsv([
      { ...base, cvlensId: 'C1', crmIds: ['001xx000003DGb2'] },
      { ...base, cvlensId: 'C2', crmIds: ['77'] },
    ]);
    const auto = buildImport(enc(csv), settings());
    expect(auto.rows.map((r) => r.keys)).toEqual([['crm:sf:001xx000003DGb2AAG'], []]);
    expect(auto.meta.warnings.join(' ')).toMatch(/1 CRM id could not be read and was left out \(customer C2: "77"\)/);
    // With the CRM chosen, the number is a HubSpot id; the Salesforce-shaped one is no HubSpot id.
    const hub = buildImport(enc(csv), settings({ crmSite: 'hubspot' }));
    expect(hub.rows.map((r) => r.keys)).toEqual([[], ['crm:hubspot:77']]);
  });
});

const cdnow = path.resolve(import.meta.dirname, '../../../shared/data/cdnow/CDNOW_sample.txt');
describe.skipIf(!existsSync(cdnow))('buildImport on the CDNOW sample (skipped when /work/shared/data/cdnow is absent)', () => {
  it('scores all 2,357 customers of the sample', () => {
    const { rows, meta } = buildImport(new Uint8Array(readFileSync(cdnow)), settings({ fileName: 'CDNOW_sample.txt' }));
    // 2,357 customers: Fader, Hardie & Lee (2005), the CDNOW sample (DOMAIN.md §4).
    expect(rows).toHaveLength(2357);
    expect(meta.summary.reduce((s, r) => s + r.customers, 0)).toBe(2357);
    expect(rows.every((r) => /^\d+$/.test(r.id))).toBe(true);
  });
});

describe.skipIf(!existsSync(cdnow))('buildImport with a probabilistic model (CDNOW sample)', () => {
  it('takes churn risk from BG/NBD: 1 − P(alive), different from the heuristic', () => {
    const bytes = new Uint8Array(readFileSync(cdnow));
    const heuristic = buildImport(bytes, settings({ model: 'none' }));
    const model = buildImport(bytes, settings({ model: 'bgnbd' }));
    expect(model.rows).toHaveLength(2357);
    expect(model.meta.model).toBe('bgnbd');
    expect(model.meta.warnings.join(' ')).not.toMatch(/fall/i);
    const byId = new Map(heuristic.rows.map((r) => [r.id, r.churnRisk]));
    expect(model.rows.some((r) => Math.abs(r.churnRisk! - byId.get(r.id)!) > 0.05)).toBe(true);
    expect([...heuristic.rows, ...model.rows].every((r) => typeof r.churnRisk === 'number')).toBe(true);
  });
});

const fixture = (name: string) => new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/customers', name)));

describe('buildImport (customer table: id, x, t_x, T, average spend)', () => {
  const bytes = fixture('crm-customers.csv');
  const preview = previewImport(bytes, 'auto');
  const { rows, meta } = buildImport(bytes, settings({ fileName: 'crm-customers.csv', identity: preview.guess }));

  it('is previewed as a customer table with its x/t_x/T and identity columns', () => {
    expect(preview.kind).toBe('customers');
    expect(preview.customerColumns).toEqual({ customerId: 0, frequency: 1, recency: 2, T: 3, monetary: 4 });
    expect(preview.guess).toEqual({ email: 5, company: 6, crmIds: 7 });
  });

  it('keeps every good row, ids as text, and reports the bad one by file line and reason', () => {
    // 12 data rows; line 10 (customer 019) has t_x 41 > T 38.86.
    expect(meta.rowsRead).toBe(12);
    expect(rows).toHaveLength(11);
    expect(meta.rejected).toMatchObject([{ line: 10, reason: expect.stringMatching(/recency \(t_x\).*41/) }]);
    expect(rows.map((r) => r.id)).toContain('007');
    expect(meta.customers + meta.rejected.length).toBe(meta.rowsRead);
    expect(meta).toMatchObject({ kind: 'customers', tierMethod: 'contribution', model: 'none' });
  });

  it('scores through core: tiers by value, churn risk from recency and age, keys from e-mail, company and CRM id', () => {
    const top = rows.find((r) => r.id === '007')!;
    // 007 bought 7 times at 180 on average: far above 4 × the mean value (contribution cuts, table 4-2).
    expect(top.tier).toBe('VIP');
    expect(top.keys).toEqual(['crm:hubspot:51', 'email:li.wei@alibaba-inc.com', 'domain:alibaba-inc.com', 'company:alibaba group']);
    for (const r of rows) expect(r.churnRisk).toBeGreaterThanOrEqual(0);
    // Last seen 0.1 weeks before the end after 5 repeats (018) is less at risk than 36 weeks silent (013).
    expect(rows.find((r) => r.id === '018')!.churnRisk).toBeLessThan(rows.find((r) => r.id === '013')!.churnRisk!);
    expect(meta.summary.reduce((s, r) => s + r.customers, 0)).toBe(11);
  });

  it('honours the user’s column choices over the guess and the chosen kind over detection', () => {
    // With the x column chosen as t_x (the user's choice wins over the guess), 019's t_x is 2 ≤ T and its row passes.
    const m = buildImport(bytes, settings({ kind: 'customers', customerColumns: { recency: 1 } })).meta;
    expect(m.rejected).toEqual([]);
    expect(() => buildImport(bytes, settings({ kind: 'transactions' }))).toThrow(/date/);
  });

  it('rejects a repeated customer id by line, and takes no identity from the rejected row', () => {
    const csv = 'id,x,t_x,T,revenue,email,crm\nA1,1,2,5,10,first@acme.com,hubspot:1\nA1,2,3,5,20,second@beta.com,hubspot:2\n';
    const r = buildImport(enc(csv), settings({ identity: { email: 5, crmIds: 6 } }));
    expect(r.meta.rejected).toMatchObject([{ line: 3, reason: 'customer A1 appears twice' }]);
    expect(r.rows.map((c) => [c.id, c.email, c.crmIds])).toEqual([['A1', 'first@acme.com', ['hubspot:1']]]);
  });
});

const summaryFile = path.resolve(import.meta.dirname, '../../../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv');
describe.skipIf(!existsSync(summaryFile))('buildImport on the published CDNOW summary (skipped when /work/shared/data/cdnow is absent)', () => {
  it('reads ID, x, t_x, T, zbar for all 2,357 customers and fits BG/NBD on them', () => {
    const bytes = new Uint8Array(readFileSync(summaryFile));
    expect(previewImport(bytes, 'auto').kind).toBe('customers');
    const { rows, meta } = buildImport(bytes, settings({ fileName: 'cdnow_customers_summary_with_transactions.csv', model: 'bgnbd' }));
    // 2,357 customers: Fader, Hardie & Lee (2005), the CDNOW sample (DOMAIN.md §4).
    expect(rows).toHaveLength(2357);
    expect(meta.rejected).toEqual([]);
    expect(meta.warnings.join(' ')).not.toMatch(/could not be fitted/);
    expect(rows.every((r) => r.churnRisk !== undefined && r.churnRisk >= 0 && r.churnRisk <= 1)).toBe(true);
  });
});

describe('value lists (one row per customer, a value, no dates)', () => {
  const bytes = fixture('crm-accounts.csv');
  const preview = previewImport(bytes, 'auto');

  it('are previewed as values with the id, value and identity columns of a CRM account export', () => {
    expect(preview.kind).toBe('values');
    expect(preview.idColumn).toBe(0);
    expect(preview.valueColumn).toBe(4);
    expect(preview.guess).toEqual({ company: 1, domain: 2, email: 3 });
  });

  it('are tiered by value with no churn risk at all, the bad value reported by line', () => {
    const text = new TextDecoder().decode(bytes);
    const { rows, rejected, summary } = valueListRows(text, settings({ identity: preview.guess }));
    expect(rows.map((r) => [r.id, r.value])).toEqual([['001xx000003DGb2AAG', 1_200_000], ['001xx000003DGb3AAG', 350_000]]);
    expect(rows.every((r) => !('churnRisk' in r))).toBe(true);
    expect(rejected).toEqual([{ line: 4, reason: 'the value "n/a" is not a number' }]);
    expect(summary.reduce((s, r) => s + r.customers, 0)).toBe(2);
    expect(rows[0].keys).toEqual(['email:jane.doe@acme.com', 'domain:acme.com', 'company:acme']);
  });

  it('are imported by buildImport with no churn risk, the report of valueListRows, and meta kind values', () => {
    const text = new TextDecoder().decode(bytes);
    const list = valueListRows(text, settings({ identity: preview.guess }));
    const { rows, meta } = buildImport(bytes, settings({ fileName: 'crm-accounts.csv', identity: preview.guess }));
    expect(rows).toEqual(list.rows);
    expect(rows.every((r) => !('churnRisk' in r) && r.clv === undefined && r.rfmCell === undefined && r.stage === undefined && r.matrix === undefined)).toBe(true);
    expect(meta).toMatchObject({ fileName: 'crm-accounts.csv', kind: 'values', customers: 2, rowsRead: 3, rejectedMore: 0, tierMethod: 'contribution' });
    expect(meta.model).toBeUndefined();
    expect(meta.rejected).toEqual([{ line: 4, reason: 'the value "n/a" is not a number' }]);
    expect(meta.summary).toEqual(list.summary);
    expect(meta.warnings.join(' ')).toMatch(/churn risk is unknown/);
  });

  it('are tiered by the chosen method over the value column', () => {
    // 1,200,000 and 350,000: by contribution (cuts at 4, 2, 1 × the mean 775,000; table 4-2) Ordinary and Small;
    // by Pareto (top 50 % of value is VIP, to 80 % Major) VIP and Major.
    const tiers = (tierMethod: ImportSettings['tierMethod']) => buildImport(bytes, settings({ identity: preview.guess, tierMethod })).rows.map((r) => r.tier);
    expect(tiers('contribution')).toEqual(['Ordinary', 'Small']);
    expect(tiers('pareto')).toEqual(['VIP', 'Major']);
  });

  it('take the id and value columns the user chose, and say which rows have none', () => {
    // Value column = Account Name: no row has a number there.
    expect(() => buildImport(bytes, settings({ kind: 'values', valueColumn: 1 }))).toThrow(/No usable customer in the file \(3 rows rejected, first: line 2: the value "Acme Inc" is not a number\)/);
    const byEmail = buildImport(bytes, settings({ kind: 'values', idColumn: 3, identity: { crmIds: 0 } })).rows;
    expect(byEmail.map((r) => r.id)).toEqual(['jane.doe@acme.com', 'olivia.brown@brownconsulting.co.uk']);
  });

  it('index CRM ids from a chosen column as other kinds do, ids kept as text', () => {
    const csv = 'Account ID,Annual Revenue,CRM\n007,100,salesforce:001xx000003DGb2AAG\n0042,50,hubspot:51 hubspot:52\n';
    const { rows } = buildImport(enc(csv), settings({ identity: { crmIds: 2 } }));
    expect(rows.map((r) => r.keys)).toEqual([['crm:sf:001xx000003DGb2AAG'], ['crm:hubspot:51', 'crm:hubspot:52']]);
    // Ids stay text: leading zeros kept.
    expect(rows.map((r) => r.id)).toEqual(['007', '0042']);
  });

  it('index the bare ids of a CRM’s own export: Salesforce ids by their shape, others by the CRM the user chose', () => {
    // The account export itself: its "Account ID" column as the CRM-id column, no site prefix.
    const sf = buildImport(bytes, settings({ kind: 'values', identity: { ...preview.guess, crmIds: 0 } }));
    expect(sf.rows.map((r) => r.keys[0])).toEqual(['crm:sf:001xx000003DGb2AAG', 'crm:sf:001xx000003DGb3AAG']);
    expect(sf.meta.warnings.join(' ')).not.toMatch(/CRM id/);
    const csv = 'Record ID - HubSpot,Company name,Annual Revenue\n51,Acme,100\n52,Brown,50\n';
    const preview2 = previewImport(enc(csv), 'auto');
    expect(preview2.guess.crmIds).toBe(0);
    expect(preview2.crmSite).toBe('hubspot');
    const hub = buildImport(enc(csv), settings({ kind: 'values', identity: preview2.guess, crmSite: preview2.crmSite }));
    expect(hub.rows.map((r) => r.keys[0])).toEqual(['crm:hubspot:51', 'crm:hubspot:52']);
  });

  it('report CRM ids they cannot read, by line, instead of dropping them silently', () => {
    // Bare numbers could be HubSpot, Zoho or Pipedrive ids: without the CRM chosen they are not guessed.
    const csv = 'Account ID,Annual Revenue,CRM\nA,100,51\nB,50,salesforce:001xx000003DGb2AAG junk!\n';
    const { rows, meta } = buildImport(enc(csv), settings({ kind: 'values', identity: { crmIds: 2 } }));
    expect(rows.map((r) => r.keys)).toEqual([[], ['crm:sf:001xx000003DGb2AAG']]);
    expect(meta.warnings.find((w) => /CRM id/.test(w))).toBe(
      '2 CRM ids could not be read and were left out (line 2: "51", line 3: "junk!"). Choose the CRM the column\'s ids belong to, or write them as <site>:<id> (salesforce:001…, hubspot:51).',
    );
  });
});

describe('buildImport (transactions) with bare CRM ids', () => {
  it('qualifies them with the chosen CRM and reports the rest by file line', () => {
    const csv = ['customer_id,date,amount,hubspot id', 'C1,2024-01-05,100,51', 'C1,2024-02-05,100,52', 'C2,2024-01-07,90,x-9'].join('\n');
    const { rows, meta } = buildImport(enc(csv), settings({ identity: { crmIds: 3 }, crmSite: 'hubspot' }));
    expect(rows.find((r) => r.id === 'C1')!.keys).toEqual(['crm:hubspot:51', 'crm:hubspot:52']);
    expect(meta.warnings.join(' ')).toMatch(/1 CRM id could not be read and was left out \(line 4: "x-9"\)/);
  });
});

describe('files larger than the head read to tell their kind', () => {
  it('cuts the head after a line break, never inside a character (UTF-8, GB18030, UTF-16LE)', () => {
    const line = '客户编号,日期,金额,邮箱\n'; // multi-byte characters in every encoding below
    const utf8 = new TextEncoder().encode(line.repeat(80_000));
    const head = headBytes(utf8);
    expect(head.length).toBeLessThanOrEqual(2 ** 20);
    expect(head.at(-1)).toBe(0x0a);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(head).endsWith(line)).toBe(true);
    const utf16 = new Uint8Array(new Uint16Array([...line.repeat(60_000)].map((c) => c.charCodeAt(0))).buffer); // little-endian here
    const head16 = headBytes(utf16);
    expect(head16.length % 2).toBe(0);
    expect(new TextDecoder('utf-16le', { fatal: true }).decode(head16).endsWith(line)).toBe(true);
    const small = new TextEncoder().encode('id,date,amount\n');
    expect(headBytes(small)).toBe(small);
  });

  it('reads a transaction file of several megabytes the same as its text (rows past the head included)', () => {
    const rows = ['customer_id,date,amount,email'];
    for (let i = 0; i < 60_000; i++) rows.push(`C${i % 7000},2024-0${1 + (i % 9)}-1${i % 10},${(5 + (i % 50)).toFixed(2)},c${i % 7000}@firm${i % 300}.example`);
    rows.push('C1,2024-13-40,5,c1@firm1.example'); // a bad date on the last line: reported, not fatal
    const bytes = new TextEncoder().encode(rows.join('\n') + '\n');
    expect(bytes.length).toBeGreaterThan(2 * 2 ** 20);
    const { rows: customers, meta } = buildImport(bytes, settings({ identity: { email: 3 } }));
    expect(meta.kind).toBe('transactions');
    expect(customers).toHaveLength(7000);
    expect(meta.rowsRead).toBe(60_001);
    expect(meta.rejected).toEqual([expect.objectContaining({ line: 60_002 })]);
    expect(customers.find((c) => c.id === 'C6999')?.keys).toContain('domain:firm99.example'); // 6999 % 300
  });
});
