import { afterEach, describe, expect, it } from 'vitest';
import { CvError } from '../../core/index.ts';
import { asExcelError, CellError, excelCodeOf, guard, guardAsync, toExcelError } from './excel-error.ts';

afterEach(() => {
  delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
});

describe('toExcelError', () => {
  it('uses the test double outside Office, with the displayed error as code', () => {
    const e = toExcelError('invalidNumber', 'too big');
    expect(e).toBeInstanceOf(CellError);
    expect(e.code).toBe('#NUM!');
    expect(e.message).toBe('too big');
  });

  it('uses the global CustomFunctions.Error inside Office', () => {
    class OfficeError extends Error {
      constructor(readonly code: string, message?: string) {
        super(message);
      }
    }
    (globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
      Error: OfficeError,
      ErrorCode: { invalidValue: '#VALUE!', invalidNumber: '#NUM!', notAvailable: '#N/A' },
    };
    const e = toExcelError('notAvailable', 'no data');
    expect(e).toBeInstanceOf(OfficeError);
    expect(e.code).toBe('#N/A');
    // An Office error thrown inside a guarded body passes through unchanged.
    expect(asExcelError(e)).toBe(e);
  });

  it('shortens very long reasons instead of letting Excel cut them', () => {
    expect(toExcelError('invalidValue', 'x'.repeat(400)).message.length).toBe(250);
  });
});

describe('guard', () => {
  it('maps core error kinds: value/data → #VALUE!, num/convergence → #NUM!, missing → #N/A', () => {
    expect(excelCodeOf('value')).toBe('invalidValue');
    expect(excelCodeOf('data')).toBe('invalidValue');
    expect(excelCodeOf('num')).toBe('invalidNumber');
    expect(excelCodeOf('convergence')).toBe('invalidNumber');
    expect(excelCodeOf('missing')).toBe('notAvailable');
  });

  it('turns a CvError into an Excel error that keeps the reason', () => {
    expect(() => guard(() => { throw new CvError('classicClv', 'num', 'diverges'); })).toThrow(
      expect.objectContaining({ code: '#NUM!', message: 'classicClv: diverges' }),
    );
  });

  it('never lets a raw error out', async () => {
    expect(() => guard(() => { throw new TypeError('boom'); })).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    await expect(guardAsync(async () => { throw 'text'; })).rejects.toMatchObject({ code: '#VALUE!' });
  });

  it('returns the value of a body that succeeds', () => {
    expect(guard(() => 42)).toBe(42);
  });
});
