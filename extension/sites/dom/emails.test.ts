import { describe, expect, it } from 'vitest';
import { emailsInText } from './emails.ts';

// mailtoAddress and emailIn read elements; they are exercised in a real DOM by ../find-entities.test.ts.
describe('emailsInText', () => {
  it.each([
    ['Write to jane@acme.com or bob@acme.co.uk.', ['jane@acme.com', 'bob@acme.co.uk']],
    ['From: Jane Doe <jane.doe@acme.com>', ['jane.doe@acme.com']],
    ['(li.wei+crm@alibaba-inc.com)', ['li.wei+crm@alibaba-inc.com']],
    ['"o\'brien@acme.ie",', ["o'brien@acme.ie"]],
    ['Mail: 田中@トヨタ.jp です', ['田中@トヨタ.jp']],
    ['jane@acme.com-', ['jane@acme.com']],
    ['no address here', []],
    ['jane@ or @acme.com or user@localhost', []],
    ['<img src=x onerror=alert(1)>', []],
  ])('%j → %j', (text, expected) => {
    expect(emailsInText(text)).toEqual(expected);
  });

  it('returns the addresses as written, not normalised', () => {
    expect(emailsInText('Li.Wei@Alibaba-Inc.COM')).toEqual(['Li.Wei@Alibaba-Inc.COM']);
  });
});
