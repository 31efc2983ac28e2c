import { describe, expect, it } from 'vitest';
import { MESSAGE_CATALOG } from './messages-catalog.ts';
import { formatMessage, formatMessages, formatReason, msg, templateParams, type MessageCode } from './messages.ts';

const CODES = Object.keys(MESSAGE_CATALOG) as MessageCode[];

describe('the message catalog', () => {
  it('says every code in English and in Chinese with the same placeholders', () => {
    for (const code of CODES) {
      const { en, zh } = MESSAGE_CATALOG[code];
      expect(en.trim(), code).not.toBe('');
      expect(zh.trim(), code).not.toBe('');
      expect(templateParams(zh), code).toEqual(templateParams(en));
    }
  });

  it('has Chinese that is Chinese', () => {
    for (const code of CODES) {
      // Every Chinese template has a CJK character or full-width punctuation, so none is an English copy left untranslated.
      expect(MESSAGE_CATALOG[code].zh, code).toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
    }
  });

  it('formats every code with its parameters in both languages', () => {
    for (const code of CODES) {
      const params = Object.fromEntries(templateParams(MESSAGE_CATALOG[code].en).map((p) => [p, 2]));
      for (const lang of ['en', 'zh'] as const) {
        const text = formatMessage(msg(code, params), lang);
        expect(text, `${code} ${lang}`).not.toMatch(/[{}]/);
      }
    }
  });
});

describe('formatMessage', () => {
  it('fills in parameters, plural forms, nested messages and lists', () => {
    expect(formatMessage(msg('read.columnCount', { n: 1, min: 3 }), 'en')).toBe('row has 1 column, expected at least 3');
    expect(formatMessage(msg('read.columnCount', { n: 2, min: 3 }), 'en')).toBe('row has 2 columns, expected at least 3');
    expect(formatMessage(msg('read.columnCount', { n: 2, min: 3 }), 'zh')).toBe('该行只有 2 列，至少应有 3 列');
    const amount = msg('read.numberInvalid', { column: msg('role.amount'), text: 'abc' });
    expect(formatMessage(amount, 'en')).toBe("amount 'abc' is not a number");
    expect(formatMessage(amount, 'zh')).toBe('金额“abc”不是数字');
    const guessed = msg('read.guessedColumns', {
      columns: [msg('read.guessedColumn', { role: msg('role.customerId'), column: 1 }), msg('read.guessedColumn', { role: msg('role.amount'), column: 3 })],
    });
    expect(formatMessage(guessed, 'en')).toBe('the data has no header row, so its columns were guessed: customer id = column 1, amount = column 3 (pass mapping to choose).');
    expect(formatMessage(guessed, 'zh')).toBe('数据没有表头行，因此列是推测的：客户编号 = 第 1 列、金额 = 第 3 列（可用列映射指定）。');
    expect(formatMessage(msg('analysis.afterAsOf', { n: 2281 }), 'en')).toBe('2281 rows dated after the as-of day were left out.');
  });

  it('joins the problems of one row, and falls back to the English reason', () => {
    const problems = [msg('read.idEmpty'), msg('read.dateEmpty')];
    expect(formatMessages(problems, 'en')).toBe('customer id is empty; date is empty');
    expect(formatMessages(problems, 'zh')).toBe('客户编号为空；日期为空');
    expect(formatReason({ reason: 'x', problems }, 'zh')).toBe('客户编号为空；日期为空');
    expect(formatReason({ reason: 'from elsewhere' }, 'zh')).toBe('from elsewhere');
  });

  it('throws for a missing parameter, a programming error', () => {
    expect(() => formatMessage(msg('read.idSheetError'), 'en')).toThrow(/needs the parameter \{id\}/);
  });
});
