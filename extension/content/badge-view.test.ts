import { describe, expect, it } from 'vitest';
import { badgeView, companyBadgeView, matchKind, pageScoreView, type ViewLabels } from './badge-view.ts';
import type { StoredCompany } from '../store/stored-company.ts';
import { domainLabels } from '../shared/domain-labels.ts';
import { messages } from '../locales.ts';
import type { StoredCustomer } from '../store/stored-customer.ts';

/** Labels as the content script builds them, with the locale files in place of browser.i18n. */
function labels(lang: 'en' | 'zh'): ViewLabels {
  const table: Record<string, string> = lang === 'en' ? messages.en : messages.zh_CN;
  return {
    ...domainLabels(lang),
    msg: (key, ...subs) => table[key].replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? ''),
    money: (v) => v.toFixed(0),
  };
}

const customer: StoredCustomer = {
  id: 'C1', name: 'Jane Doe', tier: 'Major', churnRisk: 0.82, clv: 1234.4, value: 900, rfmCell: '545', rfmSegment: 'Champions',
  stage: 'stability', matrix: 'Gold', keys: ['email:jane@acme.com'], search: [],
};

describe('badgeView', () => {
  it('shows tier, churn level with its percentage, and the key kind that matched', () => {
    const v = badgeView({ customer, key: 'email:jane@acme.com' }, labels('en'));
    expect(v.tierLabel).toBe('Major');
    expect(v.churnLevel).toBe('high'); // 0.82 ≥ 0.7, core's default threshold
    expect(v.churnText).toBe('churn high (82%)');
    expect(v.churnShort).toBe('churn 82%');
    expect(v.matchedText).toBe('via e-mail');
  });

  it('puts CLV, value, RFM, stage, matrix and churn on the card and the seed’s action for the tier', () => {
    const v = badgeView({ customer, key: 'crm:sf:001xx000003DGb2AAG' }, labels('en'));
    expect(v.facts).toEqual([
      ['CLV', '1234'], ['Value', '900'], ['RFM', '545 · Champions'], ['Stage', 'Stability'], ['Matrix', 'Gold'], ['Churn risk', 'High (82%)'],
    ]);
    expect(v.action).toMatch(/discounts and incentives/);
    expect(v.matchedText).toBe('via CRM id');
  });

  it('speaks Chinese with core’s Chinese names', () => {
    const v = badgeView({ customer, key: 'company:acme' }, labels('zh'));
    expect(v.tierLabel).toBe('主要客户');
    expect(v.churnText).toBe('流失风险高（82%）');
    expect(v.churnShort).toBe('流失82%');
    expect(v.matchedText).toBe('匹配：公司');
    expect(v.facts.find(([k]) => k === '价值矩阵')?.[1]).toBe('黄金客户');
  });

  it('leaves out what the import did not have and titles by name, company, e-mail or id', () => {
    const bare: StoredCustomer = { id: 'X9', tier: 'Small', churnRisk: 0, keys: [], search: [] };
    const v = badgeView({ customer: bare, key: 'domain:x.com' }, labels('en'));
    expect(v.facts).toEqual([['Churn risk', 'Low (0%)']]);
    expect(v.title).toBe('X9');
  });
});

describe('badgeView with an unknown churn risk (a value list)', () => {
  const valueOnly: StoredCustomer = { id: '001xx000003DGb2AAG', company: 'Acme Inc', tier: 'Ordinary', value: 1_200_000, keys: ['email:jane.doe@acme.com'], search: [] };

  it('says churn unknown, with no level and no number', () => {
    const v = badgeView({ customer: valueOnly, key: 'email:jane.doe@acme.com' }, labels('en'));
    expect(v.tierLabel).toBe('Ordinary');
    expect(v.churnLevel).toBe('unknown');
    expect(v.churnText).toBe('churn unknown');
    expect(v.churnText).not.toMatch(/\d|%|low|medium|high/i);
    expect(v.churnShort).toBe('churn unknown');
    expect(v.matchedText).toBe('via e-mail');
    expect(v.title).toBe('Acme Inc');
  });

  it('shows on the card only the value and the unknown churn, no CLV, RFM, stage or matrix', () => {
    const v = badgeView({ customer: valueOnly, key: 'domain:acme.com' }, labels('en'));
    expect(v.facts).toEqual([['Value', '1200000'], ['Churn risk', 'unknown']]);
    // The tier's action still applies: it rests on value, not on churn.
    expect(v.action).toBe(labels('en').action('Ordinary'));
  });

  it('speaks Chinese: 流失风险未知', () => {
    const v = badgeView({ customer: valueOnly, key: 'company:acme' }, labels('zh'));
    expect(v.churnText).toBe('流失风险未知');
    expect(v.facts).toEqual([['价值', '1200000'], ['流失风险', '未知']]);
  });

  it('treats NaN or an out-of-range churn risk as unknown instead of throwing', () => {
    for (const churnRisk of [Number.NaN, 1.7, -1]) {
      const v = badgeView({ customer: { ...valueOnly, churnRisk }, key: 'company:acme' }, labels('en'));
      expect(v.churnText, String(churnRisk)).toBe('churn unknown');
      expect(v.facts.at(-1)).toEqual(['Churn risk', 'unknown']);
    }
  });
});

describe('matchKind', () => {
  it('reads the kind from a canonical key, other for anything else', () => {
    expect(matchKind('domain:acme.com')).toBe('domain');
    expect(matchKind('crm:hubspot:5')).toBe('crmId');
    expect(matchKind('weird')).toBe('other');
  });
});

const acme: StoredCompany = { id: 'company:acme', keys: ['company:acme', 'domain:acme.com'], name: 'Acme, Inc.', domain: 'acme.com', customers: 12, value: 42000, clv: 51000, tier: 'VIP', churnRisk: 0.18, highRisk: 3, riskKnown: 12, churnHorizonDays: 365 };

describe('companyBadgeView', () => {
  it('labels the badge as the company’s, with its customers, tier among companies and value-weighted churn', () => {
    const v = companyBadgeView({ company: acme, key: 'domain:acme.com' }, labels('en'), true);
    expect(v.subject).toBe('company');
    expect(v.subjectText).toBe('Company · 12 customers');
    expect(v.subjectShort).toBe('Company');
    expect(v.tierLabel).toBe('VIP');
    expect(v.churnText).toBe('churn low (18%)');
    expect(v.matchedText).toBe('via domain');
    expect(v.title).toBe('Acme, Inc.');
    expect(v.note).toMatch(/No imported customer is this person/);
    expect(v.facts).toEqual([
      ['Tier among companies', 'VIP'], ['Value of its customers', '42000'], ['CLV of its customers', '51000'],
      ['Churn risk, value-weighted', 'Low (18%): chance of no purchase in the next 365 days'], ['At high churn risk', '3 of 12 customers'],
    ]);
  });

  it('has no person note on an account page, says "1 customer", and speaks Chinese', () => {
    const one = companyBadgeView({ company: { ...acme, customers: 1 }, key: 'company:acme' }, labels('en'), false);
    expect(one.subjectText).toBe('Company · 1 customer');
    expect(one.note).toBeUndefined();
    const zh = companyBadgeView({ company: acme, key: 'company:acme' }, labels('zh'), true);
    expect(zh.subjectText).toBe('公司 · 12 位客户');
    expect(zh.tierLabel).toBe('VIP客户');
  });

  it('is chosen for a company answer, a person’s own view otherwise', () => {
    expect(pageScoreView({ company: acme, key: 'domain:acme.com' }, labels('en'), {}).subject).toBe('company');
    expect(pageScoreView({ customer, key: 'email:jane@acme.com' }, labels('en'), {}).subject).toBeUndefined();
  });
});
