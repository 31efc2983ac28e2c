import { beforeEach, describe, expect, it, vi } from 'vitest';
import { messages } from '../locales.ts';

/** browser.i18n.getMessage as Chrome answers it from the built locale files: `$n` replaced, '' for an unknown key. */
const calls: string[] = [];
vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: {
      getMessage: (key: string, subs: string[] = []) => {
        calls.push(key);
        const text = (messages.en as Record<string, string>)[key];
        return text === undefined ? '' : text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
      },
    },
  },
}));

const { viewLabels } = await import('./view-labels.ts');

beforeEach(() => {
  calls.length = 0;
});

describe('viewLabels', () => {
  it('substitutes as the browser does, fetching each message once however many values it is asked with', () => {
    const labels = viewLabels('en-US');
    expect(labels.msg('badgeChurn', 'high', '82%')).toBe('churn high (82%)');
    expect(labels.msg('badgeChurn', 'low', '3%')).toBe('churn low (3%)');
    expect(labels.msg('badgeChurnShort', '45%')).toBe('churn 45%');
    expect(labels.msg('badgeChurnUnknown')).toBe('churn unknown');
    expect(labels.msg('badgeChurnUnknown')).toBe('churn unknown');
    expect(calls).toEqual(['badgeChurn', 'badgeChurnShort', 'badgeChurnUnknown']);
  });

  it('keeps substituted values literal, whatever characters they hold', () => {
    const labels = viewLabels('en');
    expect(labels.msg('badgeMatched', '$1 & <b>$2</b>')).toBe('via $1 & <b>$2</b>');
  });

  it('formats money in the reader’s locale, without fractions', () => {
    expect(viewLabels('en-US').money(1234.6)).toBe('1,235');
    expect(viewLabels('de-DE').money(1234.6)).toBe('1.235');
  });

  it('names the domain in the reader’s language', () => {
    expect(viewLabels('zh-CN').tier('VIP')).toBe(viewLabels('zh').tier('VIP'));
    expect(viewLabels('en').tier('Major')).toBe('Major');
  });
});
