import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeDomain } from './normalize-domain.ts';
import { isFreeMailDomain } from './free-mail.ts';

describe('normalizeDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['ACME.COM', 'acme.com'],
    ['www.acme.com', 'acme.com'],
    ['https://www.acme.com/about?x=1#top', 'acme.com'],
    ['http://shop.eu.acme.com:8080/', 'acme.com'],
    ['acme.com.', 'acme.com'],
    ['  www.Acme.com  ', 'acme.com'],
    ['jane@acme.com', 'acme.com'],
    ['jane@sales.acme.co.uk', 'acme.co.uk'],
    ['mailto:Li@Alibaba-Inc.COM', 'alibaba-inc.com'],
    ['www.alibaba.com.cn', 'alibaba.com.cn'],
    ['https://www.sony.co.jp/', 'sony.co.jp'],
    ['bhp.com.au', 'bhp.com.au'],
    ['shop.acme.de', 'acme.de'],
    // The URL API turns IDN hosts into punycode; reference: WHATWG URL, `new URL('http://bücher.de').hostname`.
    ['https://www.bücher.de', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each(['', '   ', 'localhost', 'http://localhost:3000', '192.168.0.1', 'http://[::1]/', 'co.uk', 'com', 'http://', 'a b.com'])(
    'returns undefined for %j',
    (input) => {
      expect(normalizeDomain(input)).toBeUndefined();
    },
  );

  it('keeps free-mail domains, which isFreeMailDomain then recognises', () => {
    expect(normalizeDomain('jane@GMail.com')).toBe('gmail.com');
    expect(isFreeMailDomain(normalizeDomain('x@163.com')!)).toBe(true);
    expect(isFreeMailDomain(normalizeDomain('x@qq.com')!)).toBe(true);
    expect(isFreeMailDomain(normalizeDomain('https://www.acme.com')!)).toBe(false);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.domain(), fc.webUrl(), fc.emailAddress(), fc.string()), (s) => {
        const once = normalizeDomain(s);
        if (once !== undefined) expect(normalizeDomain(once)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });

  it('ignores the subdomains and the path of a web address', () => {
    fc.assert(
      fc.property(fc.domain(), fc.constantFrom('', 'www.', 'app.eu.'), fc.webPath(), (d, sub, path) => {
        expect(normalizeDomain(`https://${sub}${d}${path}`)).toBe(normalizeDomain(d));
      }),
    );
  });
});
