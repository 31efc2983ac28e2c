import { describe, expect, it } from 'vitest';
import { localeFile, messages } from './locales.ts';

describe('locales', () => {
  it('has the same keys in English and Chinese', () => {
    expect(Object.keys(messages.zh_CN).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it('uses the same substitutions in both languages', () => {
    const subs = (s: string) => [...s.matchAll(/\$\d/g)].map((m) => m[0]).sort();
    for (const key of Object.keys(messages.en) as (keyof typeof messages.en)[]) {
      expect(subs(messages.zh_CN[key]), key).toEqual(subs(messages.en[key]));
    }
  });

  it('writes messages.json entries with a message field, names valid for Chrome', () => {
    const file = localeFile('zh_CN');
    expect(file.extName.message).toContain('cvlens');
    for (const key of Object.keys(file)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });
});
