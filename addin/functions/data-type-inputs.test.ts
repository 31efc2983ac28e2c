import { describe, expect, it } from 'vitest';
import { acceptBasicValues, basicValues } from './data-type-inputs.ts';

// Cell value objects as @types/office-js 1.0.612 spells them (Excel.DoubleCellValue, FormattedNumberCellValue, StringCellValue, EntityCellValue).
const date = { type: 'Double', basicValue: 45356, numberFormat: 'yyyy-mm-dd' };
const olderDate = { type: 'FormattedNumber', basicValue: 45357, numberFormat: 'yyyy-mm-dd' };
const text = { type: 'String', basicValue: 'C042', properties: {} };
const entity = { type: 'Entity', text: 'Contoso', properties: {} };

describe('basicValues', () => {
  it('reads a formatted number, a string and a boolean with properties as their values', () => {
    expect(basicValues(date)).toBe(45356);
    expect(basicValues(olderDate)).toBe(45357);
    expect(basicValues(text)).toBe('C042');
    expect(basicValues({ type: 'Boolean', basicValue: false })).toBe(false);
  });

  it("reads the value from `primitive`, the field the runtime's own reader takes it from", () => {
    expect(basicValues({ type: 'FormattedNumber', primitive: 45356, numberFormat: 'yyyy-mm-dd' })).toBe(45356);
    expect(basicValues([[{ type: 'Double', primitive: 45357 }]])).toEqual([[45357]]);
  });

  it('reads each cell of a range, leaving plain cells, entities and error values as they are', () => {
    const error = { type: 'Error', basicValue: '#N/A', code: '#N/A' };
    expect(basicValues([[date, 1], [text, null], [entity, error]])).toEqual([[45356, 1], ['C042', null], [entity, error]]);
  });

  it('returns a range without data types as it came, not a copy', () => {
    const range = [[1], ['2024-03-05'], [null]];
    expect(basicValues(range)).toBe(range);
  });
});

describe('acceptBasicValues', () => {
  it('unwraps the declared arguments and passes the invocation object after them untouched', () => {
    const seen: unknown[][] = [];
    const f = acceptBasicValues(2, (...a: unknown[]) => (seen.push(a), 'ok'));
    const invocation = { type: 'Double', basicValue: 1 };
    expect(f(date, [[olderDate]], invocation)).toBe('ok');
    expect(seen[0]).toEqual([45356, [[45357]], invocation]);
    expect(seen[0][2]).toBe(invocation);
  });

  it('passes on what the function returns or rejects with', async () => {
    const failing = acceptBasicValues(1, async (_v: unknown) => Promise.reject(new Error("no")));
    await expect(failing(date)).rejects.toThrow('no');
  });
});
