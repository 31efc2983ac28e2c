import { describe, expect, it } from 'vitest';
import { firstInputError, isInputError, rejectInputErrors } from './input-errors.ts';

// The runtime passes an input error as a CustomFunctions.Error whose code is the displayed text
// (custom-functions-runtime.debug.js of @microsoft/office-js 1.1.110: CustomFunctionError, see input-errors.ts).
const na = Object.assign(new Error(''), { name: 'CustomFunctions.Error', code: '#N/A', type: 'Error', basicType: 'Error', basicValue: '#N/A' });
// What Excel sends before the runtime converts it, which arrives as is where the host gives no flags.
const raw = { type: 'CustomFunctionError', code: '#DIV/0!' };

describe('input errors', () => {
  it('recognises the runtime error object, not text that looks like one', () => {
    expect(isInputError(na)).toBe(true);
    expect(isInputError(raw)).toBe(true);
    expect(isInputError('#N/A')).toBe(false);
    expect(isInputError([[na]])).toBe(false);
    expect(isInputError({ code: 404 })).toBe(false);
  });

  it('finds the first error of a range with its 1-based row', () => {
    expect(firstInputError([[1, 2], [3, { code: '#REF!' }], [na]])).toEqual({ code: '#REF!', row: 2 });
    expect(firstInputError(na)).toEqual({ code: '#N/A' });
    expect(firstInputError([[raw]])).toEqual({ code: '#DIV/0!', row: 1 });
    expect(firstInputError([[1], ['#N/A']])).toBeUndefined();
  });

  it('stops before the function runs, naming the argument, for sync and async functions alike', async () => {
    let calls = 0;
    const sum = rejectInputErrors('CV.X', ['a', 'b'], (a: unknown, b: unknown) => {
      calls++;
      return Number(a) + Number(b);
    });
    expect(sum(1 as never, 2 as never)).toBe(3);
    expect(() => sum(1 as never, [[0], [na]] as never)).toThrow('CV.X: b holds the error #N/A (row 2 of the range)');
    const later = rejectInputErrors('CV.Y', ['a'], async (a: unknown) => a);
    await expect(later({ code: '#DIV/0!' } as never)).rejects.toMatchObject({ code: '#VALUE!', message: 'CV.Y: a holds the error #DIV/0!' });
    expect(calls).toBe(1);
  });
});
