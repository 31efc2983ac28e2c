import { describe, expect, it } from 'vitest';
import { SPILL_COLUMNS } from '../functions/segment-spill.ts';
import { columnLetter, helpNotes } from './help-notes.ts';

describe('help.html notes', () => {
  const html = helpNotes();

  it('numbers columns as Excel letters them', () => {
    expect([0, 25, 26, 29, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AD', 'ZZ', 'AAA']);
  });

  it('lists every code with its Chinese label, and says how to ask for labels', () => {
    for (const [code, zh] of [['VIP', 'VIP客户'], ['Gold', '黄金客户'], ['Exploration', '考察期'], ['High', '高'], ["Can't Lose", '不能失去']]) {
      expect(html).toMatch(new RegExp(`<code>${code}</code></td><td>${zh}</td>`));
    }
    expect(html).toContain('lang');
  });

  it("lists CV.SEGMENT's columns A to AD, the example's tier column among them, and says where dates show as dates", () => {
    const section = html.slice(html.indexOf('id="segment-columns"'), html.indexOf('id="support"'));
    expect(section.match(/<tr><td>[A-Z]+<\/td>/g)).toHaveLength(SPILL_COLUMNS.length + 1);
    expect(section).toContain('<tr><td>AD</td><td>Model: …');
    // The text's example =INDEX(E2#, 0, 27) must be the tier.
    expect(section).toContain('=INDEX(E2#, 0, 27)');
    expect(SPILL_COLUMNS[26]).toBe('tier');
    expect(section).toContain('<tr><td>AA</td><td>Tier</td>');
    expect(section).toMatch(/show as dates \(<code>2024-03-05<\/code>\)/);
    expect(section).toMatch(/CustomFunctionsRuntime 1\.4/);
    expect(section).toMatch(/In the perpetual versions \(Excel 2024, 2021, 2019, 2016\) the spill shows the bare numbers/);
    expect(section).toContain('<tr><td>B</td><td>First purchase</td><td>首次购买</td><td>date (yyyy-mm-dd;');
    expect(section).toMatch(/stops as soon as Excel no longer wants its result/);
  });
});
