import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { readTable } from '../read/read-table.ts';
import {
  guardCell,
  isScoredCustomersCsv,
  parseScoredCustomersCsv,
  SCORED_CUSTOMER_COLUMNS,
  toScoredCustomersCsv,
  unguard,
  type ScoredCustomer,
} from './scored-customers.ts';

const ada: ScoredCustomer = {
  cvlensId: '00123',
  name: '张三, "Ada"',
  email: 'ada@acme.com',
  company: 'Acme; Ltd',
  domain: 'acme.com',
  crmIds: ['0015g00000AbCdE', 'hubspot:42'],
  tier: 'VIP',
  value: 98.5,
  revenue: 12000.25,
  clv: 3456.789,
  churnRisk: 0.12,
  pAlive: 0.88,
  frequency: 7,
  recency: 30.5,
  T: 52,
  rfm: '545',
  rfmSegment: "Can't Lose",
  stage: 'stability',
  matrix: 'Gold',
  churnHorizonDays: 90,
};
const bob: ScoredCustomer = {
  cvlensId: 'B2', crmIds: [], tier: 'Small', value: 0, revenue: -5, clv: 0, churnRisk: 1, frequency: 0, recency: 0, T: 3,
};

describe('toScoredCustomersCsv', () => {
  const csv = toScoredCustomersCsv([ada, bob]);

  it('starts with a BOM and the fixed header, first cell cvlens_id, CRLF line ends', () => {
    expect(csv.startsWith(`\uFEFF${SCORED_CUSTOMER_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(toScoredCustomersCsv([], { bom: false })).toBe(`${SCORED_CUSTOMER_COLUMNS.join(',')}\r\n`);
  });

  it('quotes cells with commas, quotes, semicolons and line breaks, and joins CRM ids with ;', () => {
    expect(csv).toContain('"张三, ""Ada""",ada@acme.com,"Acme; Ltd",acme.com,"0015g00000AbCdE;hubspot:42",VIP,98.5,');
    expect(csv).toContain('\r\nB2,,,,,,Small,0,-5,0,1,,0,0,3,,,,,\r\n');
    // The churn risk's horizon travels with it (last column), so the extension can say what the number means.
    expect(csv).toContain(',stability,Gold,90\r\n');
  });

  it('guards text cells against formula injection (OWASP) but not numbers', () => {
    const evil = { ...bob, cvlensId: 'E', name: '=HYPERLINK("http://x","y")', company: '+1', email: '@x', domain: '-2' };
    const out = toScoredCustomersCsv([evil], { bom: false }).split('\r\n')[1];
    expect(out).toBe(`E,"'=HYPERLINK(""http://x"",""y"")",'@x,'+1,'-2,,Small,0,-5,0,1,,0,0,3,,,,,`);
  });

  it('throws CvError for rows the reader could not take back', () => {
    expect(() => toScoredCustomersCsv([{ ...bob, tier: 'Gold' as never }])).toThrow(CvError);
    expect(() => toScoredCustomersCsv([{ ...bob, churnRisk: 1.5 }])).toThrow(/outside 0..1/);
    expect(() => toScoredCustomersCsv([{ ...bob, clv: Number.NaN }])).toThrow(/not a finite number/);
    expect(() => toScoredCustomersCsv([bob, bob])).toThrow(/appears twice/);
    expect(() => toScoredCustomersCsv([{ ...bob, cvlensId: ' ' }])).toThrow(/empty cvlens_id/);
    expect(() => toScoredCustomersCsv([{ ...bob, crmIds: ['a;b'] }])).toThrow(/contains ';'/);
  });
});

describe('guardCell / unguard', () => {
  it.each([['=1+1'], ['+1'], ['-1'], ['@x'], ['\tx'], ["'=x"], ["''@x"], ['plain'], ["'quoted"], ['']])('round-trips %j', (s) => {
    expect(unguard(guardCell(s))).toBe(s);
  });
});

describe('isScoredCustomersCsv', () => {
  it('recognises the header by its first cell', () => {
    expect(isScoredCustomersCsv(['\uFEFFcvlens_id', 'name'])).toBe(true);
    expect(isScoredCustomersCsv([' CVLENS_ID '])).toBe(true);
    expect(isScoredCustomersCsv(['customer_id', 'cvlens_id'])).toBe(false);
    expect(isScoredCustomersCsv([])).toBe(false);
  });
  it('recognises the headers readTable gives for an exported file', () => {
    expect(isScoredCustomersCsv(readTable(toScoredCustomersCsv([ada])).headers)).toBe(true);
  });
});

describe('parseScoredCustomersCsv', () => {
  it('reads back what toScoredCustomersCsv wrote', () => {
    expect(parseScoredCustomersCsv(toScoredCustomersCsv([ada, bob]))).toEqual({ customers: [ada, bob], rejected: [] });
  });

  it('reads UTF-8 bytes with BOM, and a semicolon re-save with reordered and extra columns', () => {
    const bytes = new TextEncoder().encode(toScoredCustomersCsv([ada]));
    expect(parseScoredCustomersCsv(bytes).customers).toEqual([ada]);
    const resaved = 'cvlens_id;T;tier;value;revenue;clv;churn_risk;frequency;recency;note\r\nX;4;Major;1;2;3;0,5;1;2;hi\r\n';
    const r = parseScoredCustomersCsv(resaved);
    expect(r.rejected).toEqual([{ line: 2, reason: "churn_risk '0,5' is not a number" }]);
  });

  it('rejects bad rows with their line and reason', () => {
    const head = SCORED_CUSTOMER_COLUMNS.join(',');
    const text = [
      head,
      'A,,,,,,VIP,1,2,3,0.5,,1,2,3,,,,', // 2 ok
      ',,,,,,VIP,1,2,3,0.5,,1,2,3,,,,', // 3 no id
      'A,,,,,,VIP,1,2,3,0.5,,1,2,3,,,,', // 4 duplicate
      'C,,,,,,Gold,x,2,3,1.5,,1,2,3,999,Nope,later,Tin', // 5 many problems
      '',
    ].join('\n');
    const r = parseScoredCustomersCsv(text);
    expect(r.customers.map((c) => c.cvlensId)).toEqual(['A']);
    expect(r.rejected).toEqual([
      { line: 3, reason: 'cvlens_id is empty' },
      { line: 4, reason: "cvlens_id 'A' repeats line 2" },
      {
        line: 5,
        reason:
          "tier 'Gold' is not one of VIP, Major, Ordinary, Small; value 'x' is not a number; churn_risk 1.5 is outside 0..1; " +
          "rfm '999' is not three digits 1..5; rfm_segment 'Nope' is not one of Champions, Loyal, Potential Loyalists, New, Promising, " +
          "Need Attention, About to Sleep, At Risk, Can't Lose, Hibernating; stage 'later' is not one of exploration, formation, stability, decline; " +
          "matrix 'Tin' is not one of Gold, Platinum, Iron, Lead",
      },
    ]);
  });

  it('throws a data CvError for a file that is not a scored-customers file or lacks columns', () => {
    expect(() => parseScoredCustomersCsv('customer_id,date,amount\n1,2,3')).toThrow(/not a cvlens scored-customers file/);
    expect(() => parseScoredCustomersCsv('cvlens_id,tier\nA,VIP')).toThrow(/lacks the columns value, revenue/);
  });

  it('round-trips any valid customers (property)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.trim()).filter((s) => !s.includes('\uFEFF'));
    const optText = fc.option(text.filter((s) => s !== ''), { nil: undefined });
    const real = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));
    const unit = fc.double({ min: 0, max: 1, noNaN: true }).map((v) => (v === 0 ? 0 : v));
    const customer = fc.record(
      {
        cvlensId: text.filter((s) => s !== ''),
        name: optText,
        email: optText,
        company: optText,
        domain: optText,
        crmIds: fc.array(text.filter((s) => s !== '' && !s.includes(';')), { maxLength: 3 }),
        tier: fc.constantFrom('VIP', 'Major', 'Ordinary', 'Small' as const),
        value: real,
        revenue: real,
        clv: real,
        churnRisk: unit,
        pAlive: fc.option(unit, { nil: undefined }),
        frequency: real,
        recency: real,
        T: real,
        rfm: fc.option(fc.stringMatching(/^[1-5]{3}$/), { nil: undefined }),
        rfmSegment: fc.option(fc.constantFrom('Champions', "Can't Lose", 'At Risk' as const), { nil: undefined }),
        stage: fc.option(fc.constantFrom('exploration', 'decline' as const), { nil: undefined }),
        matrix: fc.option(fc.constantFrom('Gold', 'Lead' as const), { nil: undefined }),
      },
      { requiredKeys: ['cvlensId', 'crmIds', 'tier', 'value', 'revenue', 'clv', 'churnRisk', 'frequency', 'recency', 'T'] },
    );
    const strip = (c: ScoredCustomer) =>
      Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as ScoredCustomer;
    fc.assert(
      fc.property(fc.uniqueArray(customer, { selector: (c) => c.cvlensId, maxLength: 8 }), (customers) => {
        const back = parseScoredCustomersCsv(toScoredCustomersCsv(customers));
        expect(back.rejected).toEqual([]);
        expect(back.customers).toEqual(customers.map(strip));
      }),
      { numRuns: 200 },
    );
  });
});
