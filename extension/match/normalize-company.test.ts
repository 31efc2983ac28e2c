import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeCompany } from './normalize-company.ts';

describe('normalizeCompany', () => {
  it('makes the spellings of one company equal', () => {
    const acme = ['Acme, Inc.', 'ACME Inc', 'acme', 'Acme Incorporated', ' ACME   Corp. ', 'Acme Corporation',
      'Acme LLC', 'Acme Ltd.', 'Acme Limited', 'Acme GmbH', 'Acme AG', 'Acme S.A.', 'Acme SA', 'Acme SAS',
      'Acme SARL', 'Acme B.V.', 'Acme N.V.', 'Acme Pty Ltd', 'Acme PLC', 'Acme Co.', 'Acme Co., Ltd.',
      'Acme K.K.', 'ＡＣＭＥ　Ｉｎｃ．', 'The Acme Company', 'Acme & Co.', 'Acme GmbH & Co. KG', 'acme株式会社',
      '株式会社 Acme', 'Acme Pte. Ltd.', 'Acme Sdn. Bhd.', 'Acme Private Limited'];
    for (const name of acme) expect(normalizeCompany(name), name).toBe('acme');
  });

  it.each([
    ['阿里巴巴（中国）有限公司', '阿里巴巴中国'],
    ['阿里巴巴(中国)有限公司', '阿里巴巴中国'],
    ['阿里巴巴 (中国)', '阿里巴巴中国'],
    ['华为技术有限公司', '华为技术'],
    ['中国平安保险(集团)股份有限公司', '中国平安保险集团'],
    ['北京字节跳动科技有限责任公司', '北京字节跳动科技'],
    ['台積電股份有限公司', '台積電'],
    ['トヨタ自動車株式会社', 'トヨタ自動車'],
    ['株式会社ソニー', 'ソニー'],
    ['㈱ソニー', 'ソニー'],
    ['삼성전자 주식회사', '삼성전자'],
    ['Société Générale S.A.', 'societe generale'],
    ['Müller & Söhne GmbH', 'muller and sohne'],
    ['Straße AG', 'strasse'],
    ["McDonald's Corporation", 'mcdonalds'],
    ['AT&T Inc.', 'at and t'],
    ['Procter & Gamble Co.', 'procter and gamble'],
    ['Coca-Cola Company', 'coca cola'],
    ['Alphabet Group Holdings', 'alphabet group holdings'],
    ['Limited', 'limited'],
    ['Limited Inc', 'limited'],
    ['公司', '公司'],
    ['Co', 'co'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeCompany(input)).toBe(expected);
  });

  it('keeps distinct companies distinct', () => {
    expect(normalizeCompany('Acme Widgets')).not.toBe(normalizeCompany('Acme'));
    expect(normalizeCompany('Apple Inc')).not.toBe(normalizeCompany('Applied Inc'));
  });

  it.each(['', '   ', '!!!', '（）', '—'])('returns undefined for %j', (input) => {
    expect(normalizeCompany(input)).toBeUndefined();
  });

  it('treats a hostile name as plain text', () => {
    expect(normalizeCompany('<img src=x onerror=alert(1)>')).toBe('img src x onerror alert 1');
  });

  it('is idempotent', () => {
    const word = fc.constantFrom('acme', 'Inc.', 'Co', '&', 'the', 'Ltd', '有限公司', '株式会社', '（中国）', 'ß', 'É', ' ', 'S.A.', 'and');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.array(word).map((w) => w.join(' '))), (s) => {
        const once = normalizeCompany(s);
        if (once !== undefined) expect(normalizeCompany(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores case, surrounding spaces and a trailing legal form', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[A-Za-z]$/), fc.constantFrom('', ', Inc.', ' Ltd', ' GmbH'), (name, form) => {
        const base = normalizeCompany(name);
        fc.pre(base !== undefined && !/\b(?:inc|ltd|gmbh|co|the|and|sa|as|ag|se|ab|cv|kg|lp|ug|ev|kk|sl|spa|bv|nv|oy)\b/.test(base));
        expect(normalizeCompany(`  ${name.toUpperCase()}${form} `)).toBe(base);
      }),
    );
  });
});
