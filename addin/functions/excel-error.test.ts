import { afterEach, describe, expect, it } from 'vitest';
import { CvError, msg } from '../../core/index.ts';
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
    expect(asExcelError(e, 'CV.CLV')).toBe(e);
  });

  it('shortens very long reasons instead of letting Excel cut them', () => {
    expect(toExcelError('invalidValue', 'x'.repeat(400)).message.length).toBe(250);
  });
});

describe('guard', () => {
  // Excel shows a reason only on #VALUE! and #N/A (Microsoft, "Handle and return errors from your custom function").
  it('maps core error kinds to the errors that carry a reason: value/num → #VALUE!, missing/data/convergence → #N/A', () => {
    expect(excelCodeOf('value')).toBe('invalidValue');
    expect(excelCodeOf('num')).toBe('invalidValue');
    expect(excelCodeOf('data')).toBe('notAvailable');
    expect(excelCodeOf('convergence')).toBe('notAvailable');
    expect(excelCodeOf('missing')).toBe('notAvailable');
  });

  it('turns a CvError into an Excel error that keeps the reason under the function name the user typed', () => {
    expect(() => guard('CV.CLV', () => { throw new CvError('classicClv', 'num', 'diverges'); })).toThrow(
      expect.objectContaining({ code: '#VALUE!', message: 'CV.CLV: diverges' }),
    );
  });

  it('never lets a raw error out', async () => {
    expect(() => guard('CV.CLV', () => { throw new TypeError('boom'); })).toThrow(expect.objectContaining({ code: '#VALUE!' }));
    await expect(guardAsync('CV.CLV', async () => { throw 'text'; })).rejects.toMatchObject({ code: '#VALUE!' });
  });

  it('returns the value of a body that succeeds', () => {
    expect(guard('CV.CLV', () => 42)).toBe(42);
  });

  it("says a core error in Office's display language where core gives it as a message", () => {
    const problem = msg('read.idEmpty');
    const thrown = new CvError('readTransactionCells', 'value', problem);
    expect(asExcelError(thrown, 'CV.SEGMENT').message).toBe('CV.SEGMENT: customer id is empty');
    (globalThis as { Office?: unknown }).Office = { context: { displayLanguage: 'zh-CN' } };
    try {
      expect(asExcelError(thrown, 'CV.SEGMENT').message).toBe('CV.SEGMENT：客户编号为空');
    } finally {
      delete (globalThis as { Office?: unknown }).Office;
    }
  });
});
