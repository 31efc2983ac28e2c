/**
 * The custom functions called as Excel calls them: argument shapes from the
 * generated functions.json (see excel-calls.ts for the rules and their
 * sources), every documented example, and every function.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRangeParameters, generateMetadata, type FunctionMetadata, type Metadata } from '../../../addin/build/metadata.ts';
import { toExcelError } from '../../../addin/functions/excel-error.ts';
import { EXAMPLES } from '../../../addin/functions/examples.ts';
import { FUNCTION_FILES, FUNCTIONS, RANGE_PARAMETERS } from '../../../addin/functions/index.ts';
import { cdnowSummary, HAS_CDNOW, WHY_NO_CDNOW } from '../../cdnow.ts';
import {
  asArgument,
  callAsExcel,
  CURRENT_EXCEL,
  functionMeta,
  HarnessInvocation,
  isErrorValue,
  OFFICE_2021,
  RuntimeInputError,
  valueOf,
  type Argument,
  type ExcelCall,
  type FileOptions,
  type Scalar,
} from './excel-calls.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let metadata: Metadata;
beforeAll(async () => {
  metadata = await generateMetadata(FUNCTION_FILES.map((f) => path.join(repo, 'addin/functions', f)));
});

function call(id: string, ...args: Argument[]): Promise<ExcelCall> {
  return callAsExcel(functionMeta(metadata, id), FUNCTIONS[id], args, metadata);
}

const column = (values: readonly Scalar[]): Scalar[][] => values.map((v) => [v]);
const shown = (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : v);

describe('the harness follows Excel', () => {
  const meta: FunctionMetadata = {
    id: 'ECHO',
    name: 'ECHO',
    parameters: [{ name: 'a' }, { name: 'b', dimensionality: 'matrix' }, { name: 'c', optional: true }],
    result: { dimensionality: 'matrix' },
  };
  const seen: unknown[][] = [];
  const echo = (a: unknown, b: unknown, c: unknown) => {
    seen.push([a, b, c]);
    return [[`${String(a)}|${JSON.stringify(b)}|${String(c)}`]];
  };

  it('passes a matrix parameter as a 2-D array and an omitted optional as null', async () => {
    seen.length = 0;
    const r = await callAsExcel(meta, echo, [1, 2]);
    expect(seen).toEqual([[1, [[2]], null]]);
    expect(r.values).toEqual([['1|[[2]]|null']]);
  });

  it('lifts a range given to a scalar parameter: one call per cell, single rows broadcast, #N/A past a shorter range', async () => {
    const r = await callAsExcel(meta, echo, [[[1], [2], [3]], [[9]], [['x'], ['y']]]);
    expect(r.calls).toBe(2);
    expect(r.values).toEqual([['1|[[9]]|x'], ['2|[[9]]|y'], [{ error: '#N/A' }]]);
  });

  it('does not call a function with an error in its inputs (no allowErrorForDataTypeAny)', async () => {
    const r = await callAsExcel(meta, echo, [1, [[2], [{ error: '#N/A' }]]]);
    expect(r).toMatchObject({ calls: 0, values: [[{ error: '#N/A' }]] });
  });

  it("passes an error to a parameter of type any when functions.json allows it, as the runtime's error object", async () => {
    seen.length = 0;
    const r = await callAsExcel(meta, echo, [1, [[2], [{ error: '#DIV/0!' }]]], { allowErrorForDataTypeAny: true });
    expect(r.calls).toBe(1);
    const b = seen[0][1] as unknown[][];
    expect(b[1][0]).toBeInstanceOf(RuntimeInputError);
    expect((b[1][0] as RuntimeInputError).code).toBe('#DIV/0!');
    const typed = { ...meta, parameters: [{ name: 'a', type: 'number' }, ...meta.parameters.slice(1)] };
    expect(await callAsExcel(typed, echo, [{ error: '#REF!' }, 2], { allowErrorForDataTypeAny: true })).toMatchObject({ calls: 0, values: [[{ error: '#REF!' }]] });
  });

  it('keeps a message on #VALUE! and #N/A only', async () => {
    const thrower = (code: 'invalidValue' | 'invalidNumber') => () => {
      throw toExcelError(code, 'why');
    };
    expect((await callAsExcel(meta, thrower('invalidValue'), [1, 1])).values).toEqual([[{ error: '#VALUE!', message: 'why' }]]);
    expect((await callAsExcel(meta, thrower('invalidNumber'), [1, 1])).values).toEqual([[{ error: '#NUM!' }]]);
  });

  it("passes the runtime's invocation object after the declared parameters; on a cancel, tells only a function declared cancelable and writes nothing", async () => {
    const got: unknown[][] = [];
    const slow = (...args: unknown[]) => {
      got.push(args);
      const invocation = args[args.length - 1] as HarnessInvocation;
      return new Promise((resolve, reject) => {
        invocation.onCanceled = () => reject(new Error('stopped'));
        setTimeout(() => resolve([['late']]), 200);
      });
    };
    const now = Promise.resolve();
    const plain = await callAsExcel(meta, slow, [1, 2], {}, { cancel: now });
    expect(got[0]).toHaveLength(4);
    expect(got[0][3]).toBeInstanceOf(HarnessInvocation);
    expect(got[0][3]).toMatchObject({ functionName: 'ECHO' });
    expect(plain).toMatchObject({ values: [], canceled: { told: false, settled: 'resolved', dropped: [['late']] } });
    const cancelable = await callAsExcel({ ...meta, options: { cancelable: true } }, slow, [1, 2], {}, { cancel: now });
    expect(cancelable).toMatchObject({ values: [], canceled: { told: true, settled: 'rejected' } });
    // A cancel that comes after the result changes nothing.
    const done = await callAsExcel({ ...meta, options: { cancelable: true } }, echo, [1, 2], {}, { cancel: new Promise((r) => setTimeout(r, 50)) });
    expect(done.canceled).toBeUndefined();
    expect(done.values).toEqual([['1|[[2]]|null']]);
  });

  it('reports a result of the wrong dimensionality', async () => {
    expect((await callAsExcel(meta, () => 5, [1, 1])).violations).toHaveLength(1);
    expect((await callAsExcel({ ...meta, result: {} }, () => [[5]], [1, 1])).violations).toHaveLength(1);
  });

  describe('formatted numbers (Excel data types) in results and arguments', () => {
    // Microsoft, "Use data types in Excel add-ins": { type: Double, basicValue: 32889, numberFormat: "m/d/yyyy" } "displays as 1/16/1990".
    const date = { type: 'Double', basicValue: 32889, numberFormat: 'm/d/yyyy' };
    const returning = (cell: unknown) => () => [['id', cell]];
    const allowed: FileOptions = { allowCustomDataForDataTypeAny: true };

    it('shows a formatted number as its basicValue in its format, where functions.json allows data types', async () => {
      const r = await callAsExcel(meta, returning(date), [1, 1], allowed);
      expect(r.violations).toEqual([]);
      expect(r.values).toEqual([['id', { type: 'Double', value: 32889, numberFormat: 'm/d/yyyy', text: '1/16/1990' }]]);
      expect(valueOf(r.values[0][1])).toBe(32889);
    });

    it('shows #VALUE! for it without allowCustomDataForDataTypeAny, or from a result not of type any', async () => {
      for (const [m, file] of [[meta, {}], [{ ...meta, result: { dimensionality: 'matrix', type: 'number' } }, allowed]] as const) {
        const r = await callAsExcel(m, returning(date), [1, 1], file);
        expect(r.values).toEqual([['id', { error: '#VALUE!' }]]);
        expect(r.violations).toHaveLength(1);
      }
    });

    it('shows #VALUE! for it in an Excel without CustomFunctionsRuntime 1.4, and for a Double with a format before ExcelApi 1.19', async () => {
      const cf13 = await callAsExcel(meta, returning(date), [1, 1], allowed, { requirementSets: OFFICE_2021 });
      expect(cf13.values[0][1]).toEqual({ error: '#VALUE!' });
      expect(cf13.violations[0]).toMatch(/without CustomFunctionsRuntime 1\.4/);
      const api118 = { ...CURRENT_EXCEL, ExcelApi: '1.18' };
      expect((await callAsExcel(meta, returning(date), [1, 1], allowed, { requirementSets: api118 })).values[0][1]).toEqual({ error: '#VALUE!' });
      const older = { type: 'FormattedNumber', basicValue: 32889, numberFormat: 'm/d/yyyy' };
      expect((await callAsExcel(meta, returning(older), [1, 1], allowed, { requirementSets: api118 })).values[0][1]).toMatchObject({ text: '1/16/1990' });
    });

    it('shows #VALUE! for an unknown type, a basicValue that is no number, or any other object', async () => {
      for (const cell of [{ type: 'Date', basicValue: 32889 }, { type: 'Double', basicValue: '32889' }, { basicValue: 32889 }, new Date(0)]) {
        const r = await callAsExcel(meta, returning(cell), [1, 1], allowed);
        expect(r.values[0][1], JSON.stringify(cell)).toEqual({ error: '#VALUE!' });
        expect(r.violations).toHaveLength(1);
      }
    });

    it('passes a data type argument as the object where allowed, else as its value', async () => {
      seen.length = 0;
      await callAsExcel(meta, echo, [date, [[date]]], allowed);
      await callAsExcel(meta, echo, [date, [[date]]], {});
      expect(seen).toEqual([[date, [[date]], null], [32889, [[32889]], null]]);
    });

    it("answers Office.context.requirements from the Excel it simulates during the call, keeping the test's Office and restoring it", async () => {
      (globalThis as { Office?: unknown }).Office = { context: { displayLanguage: 'zh-CN' } };
      const asked = () => {
        const office = (globalThis as { Office?: { context: { displayLanguage: string; requirements: { isSetSupported(n: string, v: string): boolean } } } }).Office;
        return [[office?.context.displayLanguage ?? '', String(office?.context.requirements.isSetSupported('CustomFunctionsRuntime', '1.4'))]];
      };
      expect((await callAsExcel(meta, asked, [1, 1])).values).toEqual([['zh-CN', 'true']]);
      expect((await callAsExcel(meta, asked, [1, 1], {}, { requirementSets: OFFICE_2021 })).values).toEqual([['zh-CN', 'false']]);
      expect(globalThis).toHaveProperty('Office', { context: { displayLanguage: 'zh-CN' } });
      delete (globalThis as { Office?: unknown }).Office;
    });
  });
});

describe('functions.json', () => {
  it('declares every parameter meant for a range a matrix', () => {
    expect(() => checkRangeParameters(metadata, RANGE_PARAMETERS)).not.toThrow();
  });

  it('the build check catches a range parameter declared scalar', () => {
    const broken = structuredClone(metadata);
    const model = functionMeta(broken, 'PALIVE').parameters.find((p) => p.name === 'model');
    delete model!.dimensionality;
    expect(() => checkRangeParameters(broken, RANGE_PARAMETERS)).toThrow(/PALIVE\(model\): declared scalar/);
  });
});

describe('documented examples, as Excel evaluates the formula', () => {
  // CV.BGNBD and CV.SEGMENT are shown over a whole sheet (args: []); they run over ranges below.
  for (const [id, e] of Object.entries(EXAMPLES).filter(([, x]) => x.args.length > 0)) {
    it(`${e.formula} shows ${e.result} in one cell`, async () => {
      const r = await call(id, ...(e.args as Argument[]));
      expect(r.violations).toEqual([]);
      expect(r.calls).toBe(1);
      expect(r.values.map((row) => row.map(shown))[0][0]).toBe(e.result);
    });
  }
});

describe('every function over ranges, as Excel passes them', () => {
  // A small customer table: frequency, recency, since_last, age (weeks).
  const customers = [
    [4, 40, 10, 50],
    [2, 40, 40, 80],
    [0, 0, 30, 30],
  ];
  const col = (j: number) => column(customers.map((c) => c[j]));

  it('CV.CLV lifts ranges over its scalar parameters, one value per cell', async () => {
    const r = await call('CLV', column([100, 200]), 0.8, 0.1);
    expect(r.calls).toBe(2);
    // m·r/(1+d−r): 100·0.8/0.3 and 200·0.8/0.3.
    expect(r.values.flat().map(shown)).toEqual(['266.67', '533.33']);
  });

  it('CV.CHURNRISK ranks one-time buyers against the whole range (typical gap = median of 10 and 20 = 15)', async () => {
    const r = await call('CHURNRISK', col(0), col(1), col(2), col(3));
    expect(r.violations).toEqual([]);
    // o = 10/10, 40/20, 30/15; risk = o²/(1+o²).
    expect(r.values.flat().map(shown)).toEqual(['0.50', '0.80', '0.80']);
  });

  it('CV.CHURNRISK as levels, with a typical gap from a cell', async () => {
    const r = await call('CHURNRISK', col(0), col(1), col(2), col(3), [[30]], true);
    expect(r.values.flat()).toHaveLength(3);
    expect(r.values.flat().every((v) => typeof v === 'string' && v !== '')).toBe(true);
  });

  it('CV.VALUEMATRIX splits ranges at their medians (250 and 250)', async () => {
    const r = await call('VALUEMATRIX', column([100, 200, 300, 400]), column([400, 300, 200, 100]));
    expect(r.violations).toEqual([]);
    expect(r.values.flat()).toEqual(['Iron', 'Iron', 'Platinum', 'Platinum']);
  });

  it('CV.VALUEMATRIX with split ranges uses their medians', async () => {
    const r = await call('VALUEMATRIX', column([100, 400]), column([400, 100]), column([0, 500]), column([0, 500]));
    expect(r.values.flat()).toEqual(['Iron', 'Platinum']);
  });

  it('CV.CVTIER lifts value over all_values', async () => {
    const all = column([50, 30, 15, 5, 0, 0, 0, 0, 0, 0]);
    const r = await call('CVTIER', column([50, 5]), all);
    expect(r.calls).toBe(2);
    expect(r.violations).toEqual([]);
    expect(r.values.flat()[0]).toBe(EXAMPLES.CVTIER.result);
  });

  it('CV.RFM spills one row per customer from three ranges', async () => {
    const r = await call('RFM', column([50, 10]), column([1, 5]), column([10, 50]), 'cell');
    expect(r.calls).toBe(1);
    expect(r.values).toHaveLength(2);
    expect(r.values[0]).toEqual([EXAMPLES.RFM.result]);
  });

  it('CV.RFMSEGMENT and CV.STAGE lift ranges', async () => {
    const seg = await call('RFMSEGMENT', [[5, 1]], [[4, 1]], [[5, 1]]);
    expect(seg.values[0][0]).toBe(EXAMPLES.RFMSEGMENT.result);
    expect(seg.values[0]).toHaveLength(2);
    const st = await call('STAGE', column([1, 1]), column([10, 10]), column([0.1, 0.9]));
    expect(st.values.flat()[0]).toBe(EXAMPLES.STAGE.result);
    expect(st.violations).toEqual([]);
  });

  it.skipIf(!HAS_CDNOW)(`CV.BGNBD on CDNOW's 2357 customers gives the published fit, and its spill is a model for CV.PALIVE, CV.EXPPURCHASES and CV.PCLV${WHY_NO_CDNOW}`, async () => {
    const s = cdnowSummary();
    const fit = await call('BGNBD', column(s.x), column(s.t_x), column(s.T));
    expect(fit.violations).toEqual([]);
    // Fader, Hardie and Lee (2005), CDNOW in weeks: r 0.243, alpha 4.414, a 0.793, b 2.426.
    const byLabel = Object.fromEntries(fit.values.map(([k, v]) => [k, v]));
    expect(byLabel.r).toBeCloseTo(0.2426, 3);
    expect(byLabel.alpha).toBeCloseTo(4.414, 2);
    expect(byLabel.a).toBeCloseTo(0.7929, 3);
    expect(byLabel.b).toBeCloseTo(2.426, 2);

    const model = fit.values.map((row) => row.map((v) => (isErrorValue(v) ? null : asArgument(v))));
    const alive = await call('PALIVE', column([2, 2]), column([30.43, 30.43]), column([38.86, 38.86]), model);
    expect(alive.violations).toEqual([]);
    expect(alive.values.flat().map(shown)).toEqual([EXAMPLES.PALIVE.result, EXAMPLES.PALIVE.result]);
    const exp = await call('EXPPURCHASES', 39, 2, 30.43, 38.86, model);
    expect(shown(exp.values[0][0])).toBe(EXAMPLES.EXPPURCHASES.result);
    const pclv = await call('PCLV', 2, 30.43, 38.86, 20, model, 365, 0.3, 0.1);
    expect(shown(pclv.values[0][0])).toBe(EXAMPLES.PCLV.result);
  });

  it('functions.json lets every parameter receive error values (allowErrorForDataTypeAny, all parameters of type any)', () => {
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    expect(metadata.functions.flatMap((f) => f.parameters.filter((p) => p.type !== 'any').map((p) => `${f.id}(${p.name})`))).toEqual([]);
  });

  it('CV.SEGMENT with #N/A in row 2 of ids: #N/A saying which argument and row, instead of a bare #N/A', async () => {
    const r = await call('SEGMENT', [['a'], [{ error: '#N/A' }]], [['2024-01-01'], ['2024-01-02']], [[5], [6]]);
    expect(r.calls).toBe(1);
    expect(r.values).toEqual([[{ error: '#N/A', message: 'CV.SEGMENT: ids holds the error #N/A (row 2 of the range)' }]]);
  });

  it('an error other than #N/A becomes #VALUE! with the reason (Excel would drop the reason of a #DIV/0!)', async () => {
    const r = await call('CVTIER', 5, [[1], [2], [{ error: '#DIV/0!' }]]);
    expect(r.values).toEqual([[{ error: '#VALUE!', message: 'CV.CVTIER: all_values holds the error #DIV/0! (row 3 of the range)' }]]);
  });

  it('a lifted scalar parameter: only the cell whose input is an error shows it, with the argument named', async () => {
    const r = await call('CLV', column([100, { error: '#N/A' }, 200]), 0.8, 0.1);
    expect(r.calls).toBe(3);
    expect(r.values.map((row) => shown(row[0]))).toEqual(['266.67', { error: '#N/A', message: 'CV.CLV: margin holds the error #N/A' }, '533.33']);
  });

  it('an async function (CV.BGNBD) rejects with the same reason', async () => {
    const r = await call('BGNBD', [[1], [2]], [[1], [{ error: '#VALUE!' }]], [[3], [4]]);
    expect(r.values).toEqual([[{ error: '#VALUE!', message: 'CV.BGNBD: t_x holds the error #VALUE! (row 2 of the range)' }]]);
  });

  it('CV.SEGMENT takes three columns with a header and optional arguments omitted', async () => {
    const rows: Scalar[][] = [['Customer', 'Date', 'Amount']];
    const days = ['2024-01-05', '2024-02-10', '2024-03-15', '2024-04-20'];
    for (let c = 0; c < 12; c++) for (let k = 0; k <= c % 4; k++) rows.push([`C${c}`, days[k], 10 + c]);
    const colOf = (j: number) => rows.map((r) => [r[j]]);
    const r = await call('SEGMENT', colOf(0), colOf(1), colOf(2));
    expect(r.violations).toEqual([]);
    expect(r.calls).toBe(1);
    expect(r.values.length).toBe(13);
    expect(r.values.slice(1).map((row) => row[0]).sort()).toEqual(Array.from({ length: 12 }, (_, c) => `C${c}`).sort());
  });
});

describe('errors users can read, as Excel shows them', () => {
  const FHL: Scalar[][] = [[0.2426], [4.4136], [0.7929], [2.4259]];
  const bgnbdRows = (bad: Scalar[]): Scalar[][][] => {
    // Twelve valid customers, a blank row 2, and `bad` (x, t_x, T) in row 4.
    const rows: Scalar[][] = Array.from({ length: 12 }, (_, i) => [i % 3, i % 3 ? 10 : 0, 20]);
    rows[1] = [null, null, null];
    rows[3] = bad;
    return [0, 1, 2].map((j) => rows.map((r) => [r[j]]));
  };
  // [function, arguments, the argument the reason must name, the 1-based row it must name, reason from the add-in (translated)]
  const CASES: [string, Argument[], string, number | undefined, boolean][] = [
    ['CLV', [100, 'abc', 0.1], 'retention', undefined, true],
    ['CLV', [100, 1, 0], 'retention', undefined, true],
    ['CLV', [100, 0.8, -2], 'discount', undefined, true],
    ['CVTIER', [5, [[1], [2]], 'fixed'], 'cut_points', undefined, true],
    ['CVTIER', [5, [['x']]], 'all_values', undefined, true],
    ['RFM', [[[1], [2]], [[1]], [[1], [2]]], 'frequency', undefined, true],
    ['RFMSEGMENT', [6, 1, 1], 'r', undefined, true],
    ['RFMSEGMENT', ['619'], 'r', undefined, true],
    ['VALUEMATRIX', [[[1], [2], ['abc']], [[1], [2], [3]]], 'current', 3, true],
    ['VALUEMATRIX', [10, 10], 'current_split', undefined, true],
    ['STAGE', [1, 10, 1.5], 'churn_risk', undefined, true],
    ['CHURNRISK', [[[4], [2]], [[40], [40]], [[10], [-1]], [[50], [80]]], 'since_last', 2, true],
    ['CHURNRISK', [[[4], [2]], [[40], [40]], [[10], [20]], [[50], [80]], [[1], [2]]], 'typical_gap', undefined, true],
    ['BGNBD', bgnbdRows([2, 30, 20]), 't_x', 4, true],
    ['BGNBD', bgnbdRows([1.5, 3, 20]), 'x', 4, true],
    ['PALIVE', [2, 40, 38.86, FHL], 't_x', undefined, true],
    ['PALIVE', [2, 30, 38.86, [[1, 2]]], 'model', undefined, true],
    ['EXPPURCHASES', [-1, 2, 30, 38.86, FHL], 't', undefined, true],
    ['PCLV', [2, 30.43, 38.86, 20, FHL, 365, 1.5], 'margin', undefined, true],
    ['PCLV', [2, 30.43, 38.86, 20, FHL, 365, 0.3, 0.1, 'year'], 'unit', undefined, true],
    ['SEGMENT', [[['a']], [['2024-01-01']], [['x']]], 'transaction', undefined, true],
    ['SEGMENT', [[['a']], [['2024-01-01']], [[5]], 'soon'], 'as_of', undefined, true],
  ];
  const internal = /\b[a-z]+[A-Z][A-Za-z]*\b/; // fitBgNbd, classicClv, bgNbdProbabilityAlive…

  for (const lang of ['en-US', 'zh-CN'] as const) {
    describe(lang, () => {
      beforeAll(() => {
        (globalThis as { Office?: unknown }).Office = { context: { displayLanguage: lang } };
        return () => {
          delete (globalThis as { Office?: unknown }).Office;
        };
      });
      for (const [id, args, arg, row, translated] of CASES) {
        it(`CV.${id}: ${arg}${row ? `, row ${row}` : ''}`, async () => {
          const r = await call(id, ...args);
          const cell = r.values[0][0];
          expect(isErrorValue(cell), JSON.stringify(cell)).toBe(true);
          const e = cell as { error: string; message?: string };
          expect(['#VALUE!', '#N/A']).toContain(e.error);
          expect(e.message).toMatch(new RegExp(`^CV\\.${id}[:：]`));
          expect(e.message).toContain(id === 'SEGMENT' && arg === 'transaction' ? '' : arg);
          expect(e.message).not.toMatch(internal);
          if (row !== undefined) expect(e.message).toMatch(lang === 'zh-CN' ? new RegExp(`第 ${row} 行`) : new RegExp(`row ${row} of the range`));
          if (lang === 'zh-CN' && translated) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
        });
      }
    });
  }

  it('a reason from the core is shown under the function the user typed, not the core function (English: the core has no translations)', async () => {
    const r = await call('BGNBD', [[1], [2]], [[1], [2]], [[3], [4]]);
    expect(r.values[0][0]).toMatchObject({ error: '#N/A', message: expect.stringMatching(/^CV\.BGNBD: need at least/) });
  });
});
