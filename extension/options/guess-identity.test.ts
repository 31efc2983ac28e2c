import { describe, expect, it } from 'vitest';
import { guessIdentity } from './guess-identity.ts';

describe('guessIdentity', () => {
  it('finds e-mail, company, domain, CRM id and name columns by English names', () => {
    expect(guessIdentity(['Customer ID', 'Name', 'E-mail', 'Account', 'Website', 'Salesforce Id'])).toEqual({ name: 1, email: 2, company: 3, domain: 4, crmIds: 5 });
  });

  it('reads Chinese headers', () => {
    expect(guessIdentity(['客户编号', '姓名', '邮箱', '公司', '网站'])).toEqual({ name: 1, email: 2, company: 3, domain: 4 });
  });

  it('uses each column once, domain before company', () => {
    expect(guessIdentity(['Company domain', 'Company'])).toEqual({ domain: 0, company: 1 });
  });

  it('guesses nothing from headers that name nothing', () => {
    expect(guessIdentity(['id', 'date', 'amount'])).toEqual({});
  });
});

describe('guessIdentity on a CRM account export', () => {
  it('takes the account name, not the account id, as the company', () => {
    expect(guessIdentity(['Account ID', 'Account Name', 'Website', 'Email', 'Annual Revenue'])).toEqual({ company: 1, domain: 2, email: 3 });
    expect(guessIdentity(['Company No.', 'Company'])).toEqual({ company: 1 });
  });
});
