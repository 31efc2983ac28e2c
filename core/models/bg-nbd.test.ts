import { describe, expect, it } from 'vitest';
import { cdnowSummary, HAS_CDNOW, WHY_NO_CDNOW } from '../../test/cdnow.ts';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import { formatMessage } from '../i18n/messages.ts';
import { logGamma } from '../math/log-gamma.ts';
import { readFileSync } from 'node:fs';
import { createRng } from '../simulate/prng.ts';
import { sampleBeta, sampleExponential, sampleGamma } from '../simulate/samplers.ts';
import { groupRepeatData } from './customer-data.ts';
import {
  bgNbdProbabilityNoPurchase,
  bgNbdConditionalExpected,
  bgNbdExpected,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityOfCount,
  fitBgNbd,
  type BgNbdParams,
} from './bg-nbd.ts';

const haveData = HAS_CDNOW;
const whyMissing = WHY_NO_CDNOW;
const cdnow = cdnowSummary;

// Fader, Hardie & Lee (2005), "Counting your customers the easy way", section 5 (4-digit values
// as printed by Python lifetimes on the same file).
const FHL = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
// The 3-digit values of the paper, used by R BTYD's documentation examples.
const BTYD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe.skipIf(!haveData)('fitBgNbd on CDNOW (2,357 customers, weeks)' + whyMissing, () => {
  it('reproduces the published parameters and log-likelihood', () => {
    const fit = fitBgNbd(cdnow());
    expect(fit.model).toBe('bgnbd');
    expect(fit.customers).toBe(2357);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(rel(fit.params[k], FHL[k]), k).toBeLessThan(1e-3);
    }
    expect(Math.abs(fit.logLikelihood - -9582.43)).toBeLessThan(0.05);
    expect(fit.seconds).toBeGreaterThan(0);
  });
  it('gives the same log-likelihood from bgNbdLogLikelihood at the published point', () => {
    expect(Math.abs(bgNbdLogLikelihood(FHL, cdnow()) - -9582.43)).toBeLessThan(0.05);
  });
  it('is unchanged (α scaled by 7) when the data are in days instead of weeks', () => {
    const w = cdnow();
    const days = { x: w.x, t_x: w.t_x.map((v) => v * 7), T: w.T.map((v) => v * 7) };
    const fw = fitBgNbd(w);
    const fd = fitBgNbd(days);
    expect(rel(fd.params.alpha / 7, fw.params.alpha)).toBeLessThan(1e-4);
    expect(rel(fd.params.r, fw.params.r)).toBeLessThan(1e-4);
    expect(rel(fd.params.b, fw.params.b)).toBeLessThan(1e-4);
    // LL is a density of the x purchase times: in days it shifts by the Jacobian −Σ x ln 7.
    const purchases = w.x.reduce((s, v) => s + v, 0);
    expect(fd.logLikelihood - fw.logLikelihood).toBeCloseTo(-purchases * Math.log(7), 3);
  });
});

describe('BG/NBD predictions', () => {
  it('gives E[Y(39) | x 2, t_x 30.43, T 38.86] = 1.226 and P(alive) 0.7266 (FHL 2005, section 5)', () => {
    expect(bgNbdConditionalExpected(FHL, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
    expect(bgNbdProbabilityAlive(FHL, 2, 30.43, 38.86)).toBeCloseTo(0.7266, 4);
  });
  it('gives E[Y(52) | 26, 30.857143, 31] = 25.7566 with P(alive) 0.96885 (lifetimes on CDNOW)', () => {
    expect(rel(bgNbdConditionalExpected(FHL, 52, 26, 30.857143, 31), 25.7566)).toBeLessThan(1e-4);
    expect(Math.abs(bgNbdProbabilityAlive(FHL, 26, 30.857143, 31) - 0.96885)).toBeLessThan(1e-5);
  });
  it('matches R BTYD bgnbd.pmf: P(X(39)=0), P(X(2)=10) and P(X(30)=11..20)', () => {
    expect(bgNbdProbabilityOfCount(BTYD, 39, 0)).toBeCloseTo(0.5737864, 6);
    expect(rel(bgNbdProbabilityOfCount(BTYD, 2, 10), 1.07869e-7)).toBeLessThan(1e-4);
    const pmf = [
      0.0019995214, 0.001517024, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902, 0.0004361913, 0.0003467171,
      0.0002769613, 0.000222226,
    ];
    pmf.forEach((want, i) => expect(rel(bgNbdProbabilityOfCount(BTYD, 30, 11 + i), want)).toBeLessThan(1e-5));
  });
  it('has a PMF that sums to 1 and whose mean is E[X(t)]', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const p = bgNbdProbabilityOfCount(FHL, 39, n);
      total += p;
      mean += n * p;
    }
    expect(total).toBeCloseTo(1, 8);
    expect(mean).toBeCloseTo(bgNbdExpected(FHL, 39), 6);
  });
  it('agrees with the unconditional expectation for a brand-new customer (x = 0, T → 0)', () => {
    expect(bgNbdConditionalExpected(FHL, 39, 0, 0, 1e-12)).toBeCloseTo(bgNbdExpected(FHL, 39), 8);
  });
  it('gives P(alive) 0, not NaN, for x 1000, t_x 10, T 100', () => {
    expect(bgNbdProbabilityAlive(FHL, 1000, 10, 100)).toBe(0);
    expect(bgNbdConditionalExpected(FHL, 52, 1000, 10, 100)).toBe(0);
  });
  it('keeps E[Y] finite and near (r+x)/(α+T)·t for a very active living customer', () => {
    const e = bgNbdConditionalExpected(FHL, 1, 1000, 100, 100);
    expect(Number.isFinite(e)).toBe(true);
    expect(rel(e, (FHL.r + 1000) / (FHL.alpha + 100))).toBeLessThan(0.01);
  });
  it('handles a = 1 (the removable singularity)', () => {
    const at = bgNbdConditionalExpected({ ...FHL, a: 1 }, 39, 2, 30, 38);
    const near = bgNbdConditionalExpected({ ...FHL, a: 1.001 }, 39, 2, 30, 38);
    expect(rel(at, near)).toBeLessThan(1e-3);
  });
  it('is zero over a zero horizon and grows with the horizon', () => {
    expect(bgNbdConditionalExpected(FHL, 0, 3, 20, 30)).toBe(0);
    expect(bgNbdConditionalExpected(FHL, 10, 3, 20, 30)).toBeLessThan(bgNbdConditionalExpected(FHL, 20, 3, 20, 30));
  });
});

describe('BG/NBD input checks', () => {
  it('rejects invalid rows and parameters with a CvError naming the function', () => {
    expect(() => bgNbdProbabilityAlive(FHL, 1.5, 1, 2)).toThrow(/^bgNbdProbabilityAlive: x must be a whole number/);
    expect(() => bgNbdProbabilityAlive(FHL, 1, 3, 2)).toThrow(CvError);
    expect(() => bgNbdProbabilityAlive({ ...FHL, a: -1 }, 1, 1, 2)).toThrow(/parameter a/);
    expect(() => fitBgNbd({ x: [1], t_x: [1, 2], T: [3] })).toThrow(/same length/);
  });
  it('refuses to fit with too few repeat customers (kind "data")', () => {
    const n = 50;
    const data = { x: Array(n).fill(0), t_x: Array(n).fill(0), T: Array(n).fill(10) };
    data.x[0] = 2;
    data.t_x[0] = 5;
    try {
      fitBgNbd(data);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CvError);
      expect((e as CvError).kind).toBe('data');
    }
  });
  it('returns a boundary fit with notes when no drop-out is visible', () => {
    // Every customer buys at a constant rate up to T: no sign of dropout (a → 0 or b → ∞) and one
    // rate for all (r → ∞). The NBD limit then has rate x/T = 10/50 per period for everyone.
    const x: number[] = [];
    const t_x: number[] = [];
    const T: number[] = [];
    for (let i = 0; i < 200; i++) {
      x.push(10);
      t_x.push(50);
      T.push(50);
    }
    const fit = fitBgNbd({ x, t_x, T });
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeLessThan(1e-3);
    expect(fit.params.r / fit.params.alpha).toBeCloseTo(0.2, 3);
    expect(fit.notes?.join(' ')).toMatch(/no drop-out is visible/);
    expect(fit.notes?.join(' ')).toMatch(/purchase rates look the same/);
    // The same notes as messages, said in Chinese for a Chinese workbook or terminal.
    expect(fit.noteMessages?.map((m) => formatMessage(m, 'en'))).toEqual(fit.notes);
    const zh = fit.noteMessages?.map((m) => formatMessage(m, 'zh')).join(' ');
    expect(zh).toContain('数据中看不到客户流失');
    expect(zh).toMatch(/每位活跃客户的购买率看起来相同（每周期 0\.2\d* 次）/);
  });
});

describe('bgNbdLogLikelihood with ln(α+T), ln(α+t_x) taken once per distinct time', () => {
  /** The first implementation: both logarithms per group, in the same order of operations. */
  function reference(params: { r: number; alpha: number; a: number; b: number }, data: { x: number[]; t_x: number[]; T: number[] }): number {
    const g = groupRepeatData('reference', data);
    const [r, alpha, a, b] = [params.r, params.alpha, params.a, params.b].map((v) => Math.exp(Math.log(v)));
    const lnAlpha = Math.log(alpha);
    let ll = 0;
    for (let i = 0; i < g.x.length; i++) {
      const x = g.x[i];
      const c12 = logGamma(r + x) - logGamma(r) + r * lnAlpha + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
      const rx = r + x;
      const A3 = -rx * Math.log(alpha + g.T[i]);
      let lse = A3;
      if (x > 0) {
        const A4 = Math.log(a) - Math.log(b + x - 1) - rx * Math.log(alpha + g.t_x[i]);
        lse = A4 > A3 ? A4 + Math.log1p(Math.exp(A3 - A4)) : A3 + Math.log1p(Math.exp(A4 - A3));
      }
      ll += g.weight[i] * (c12 + lse);
    }
    return -(-ll / g.customers) * g.customers;
  }

  it('gives exactly the log-likelihood of the per-group logarithms (property)', () => {
    // Few distinct T and t_x, as in real data (customers acquired on a few days, weekly units).
    const customer = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 12 })).map(([x, t, T]) => ({
      x,
      t_x: x === 0 ? 0 : Math.min(t, T) / 7,
      T: T / 7,
    }));
    const params = fc.record({
      r: fc.double({ min: 0.05, max: 5, noNaN: true }),
      alpha: fc.double({ min: 0.1, max: 20, noNaN: true }),
      a: fc.double({ min: 0.05, max: 5, noNaN: true }),
      b: fc.double({ min: 0.05, max: 5, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 40 }), params, (rows, p) => {
        const data = { x: rows.map((c) => c.x), t_x: rows.map((c) => c.t_x), T: rows.map((c) => c.T) };
        expect(Object.is(bgNbdLogLikelihood(p, data), reference(p, data))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

// mpmath at 60 digits of FHL 2005 eqs. 9 and 10 and of P(no purchase), written by
// core/models/fixtures/generate.py.
const EXTREMES = JSON.parse(readFileSync(new URL('./fixtures/extremes.json', import.meta.url), 'utf8')) as {
  bgnbd: {
    params: { r: number; alpha: number; a: number; b: number };
    t: number;
    x: number;
    t_x: number;
    T: number;
    expected: number;
    conditional: number;
    noPurchase: number;
  }[];
  bgnbdCount: { params: BgNbdParams; t: number; n: number; p: number }[];
};

describe('BG/NBD at extreme parameters (mpmath references)', () => {
  it('keeps E[X(52)] = 0.695433 and E[X(52) | 0, 0, 25.857] = 0.558436 at a = 30,789 (were 0)', () => {
    const p = { r: 1.359, alpha: 37.185, a: 30789, b: 3.25e-5 };
    expect(bgNbdExpected(p, 52)).toBeCloseTo(0.695433, 6);
    expect(bgNbdConditionalExpected(p, 52, 0, 0, 25.857)).toBeCloseTo(0.558436, 6);
  });
  for (const row of EXTREMES.bgnbd) {
    const { params: p, t, x, t_x, T } = row;
    it(`matches mpmath at ${JSON.stringify(p)}, t ${t}, (${x}, ${t_x}, ${T})`, () => {
      expect(rel(bgNbdExpected(p, t), row.expected), 'E[X(t)]').toBeLessThan(1e-10);
      expect(rel(bgNbdConditionalExpected(p, t, x, t_x, T), row.conditional), 'E[X | data]').toBeLessThan(1e-10);
      expect(rel(bgNbdProbabilityNoPurchase(p, t, x, t_x, T), row.noPurchase), 'P(no purchase)').toBeLessThan(1e-12);
    });
  }
});

describe('bgNbdProbabilityOfCount in the far tail (mpmath references)', () => {
  it('keeps its relative accuracy where 1 − P(N < n) is rounding noise in double precision', () => {
    for (const row of EXTREMES.bgnbdCount) {
      expect(rel(bgNbdProbabilityOfCount(row.params, row.t, row.n), row.p), `n = ${row.n}`).toBeLessThan(1e-10);
    }
  });
});

describe('bgNbdProbabilityNoPurchase', () => {
  it('agrees with a simulation of the BG/NBD story (x = 0 and x = 1 in the calibration period)', () => {
    // Customers drawn from the model itself; for those with x = 1 the risk depends on t_x, so the
    // observed share without purchase in (T, T+t] is compared with the mean predicted risk.
    const p = { r: 0.6, alpha: 4, a: 0.8, b: 2.5 };
    const [T, t, n] = [20, 15, 60_000];
    const rng = createRng(20261202);
    const sums = [
      { count: 0, none: 0, predicted: 0 },
      { count: 0, none: 0, predicted: 0 },
    ];
    for (let i = 0; i < n; i++) {
      const lambda = sampleGamma(rng, p.r, p.alpha);
      const drop = sampleBeta(rng, p.a, p.b);
      let now = 0;
      let x = 0;
      let t_x = 0;
      let later = 0;
      for (;;) {
        now += sampleExponential(rng, lambda);
        if (now > T + t) break;
        if (now <= T) {
          x++;
          t_x = now;
        } else later++;
        if (rng.next() < drop) break;
      }
      if (x > 1) continue;
      const s = sums[x];
      s.count++;
      if (later === 0) s.none++;
      s.predicted += bgNbdProbabilityNoPurchase(p, t, x, t_x, T);
    }
    for (const s of sums) {
      const share = s.none / s.count;
      const se = Math.sqrt((share * (1 - share)) / s.count);
      expect(Math.abs(share - s.predicted / s.count)).toBeLessThan(4 * se);
    }
  });
  it('is 1 at t = 0, decreases in t and rejects bad input', () => {
    const p = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
    expect(bgNbdProbabilityNoPurchase(p, 0, 2, 30.43, 38.86)).toBe(1);
    expect(bgNbdProbabilityNoPurchase(p, 10, 2, 30.43, 38.86)).toBeGreaterThan(bgNbdProbabilityNoPurchase(p, 20, 2, 30.43, 38.86));
    expect(() => bgNbdProbabilityNoPurchase(p, -1, 2, 30.43, 38.86)).toThrow(CvError);
    expect(() => bgNbdProbabilityNoPurchase(p, 1, 2, 40, 38.86)).toThrow(CvError);
  });
});
