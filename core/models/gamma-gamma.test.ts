import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { CvError } from '../errors.ts';
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood, SPEND_CORRELATION_WARNING } from './gamma-gamma.ts';

const DATA = new URL('../../../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv', import.meta.url);
const haveData = existsSync(DATA);
const whyMissing = haveData ? '' : ` — skipped: CDNOW data not found at ${DATA.pathname}`;
function cdnow(): { x: number[]; zbar: number[] } {
  const x: number[] = [];
  const zbar: number[] = [];
  for (const line of readFileSync(DATA, 'utf8').trim().split('\n').slice(1)) {
    const c = line.split(',');
    x.push(Number(c[1]));
    zbar.push(Number(c[4]));
  }
  return { x, zbar };
}
const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

// Fader, Hardie & Lee (2005) "RFM and CLV: using iso-value curves", and Fader & Hardie (2013)
// "The Gamma-Gamma model of monetary value": p 6.25, q 3.74, γ 15.44, ρ(x, zbar) = 0.11.
describe.skipIf(!haveData)('fitGammaGamma on CDNOW' + whyMissing, () => {
  it('uses the 946 repeat buyers and reproduces p, q, γ', () => {
    const fit = fitGammaGamma(cdnow());
    expect(fit.model).toBe('gg');
    expect(fit.customers).toBe(946);
    expect(rel(fit.params.p, 6.25)).toBeLessThan(1e-3);
    expect(rel(fit.params.q, 3.74)).toBeLessThan(2e-3);
    expect(rel(fit.params.gamma, 15.44)).toBeLessThan(1e-3);
    expect(fit.correlation).toBeCloseTo(0.11, 2);
    expect(fit.warnings).toEqual([]);
    expect(gammaGammaLogLikelihood(fit.params, cdnow())).toBeCloseTo(fit.logLikelihood, 6);
  });
  it('scales γ with the currency and leaves p, q unchanged', () => {
    const d = cdnow();
    const a = fitGammaGamma(d);
    const b = fitGammaGamma({ x: d.x, zbar: d.zbar.map((v) => v * 100) });
    expect(rel(b.params.gamma / 100, a.params.gamma)).toBeLessThan(1e-5);
    expect(rel(b.params.p, a.params.p)).toBeLessThan(1e-5);
  });
});

describe('gammaGammaExpectedSpend', () => {
  const P = { p: 6.25, q: 3.74, gamma: 15.44 };
  it('is the weighted mean of the population mean and the customer mean (FH 2013, eq. 5)', () => {
    const popMean = (P.p * P.gamma) / (P.q - 1);
    const x = 2;
    const zbar = 22.35;
    const w = (P.p * x) / (P.p * x + P.q - 1);
    expect(gammaGammaExpectedSpend(P, x, zbar)).toBeCloseTo((1 - w) * popMean + w * zbar, 10);
  });
  it('gives the population mean pγ/(q−1) = 35.22 without repeat purchases', () => {
    expect(gammaGammaExpectedSpend(P, 0, 0)).toBeCloseTo(35.22, 2);
  });
  it('tends to the customer mean as x grows', () => {
    expect(rel(gammaGammaExpectedSpend(P, 10000, 50), 50)).toBeLessThan(1e-3);
  });
  it('throws kind "num" when the expectation is infinite', () => {
    expect(() => gammaGammaExpectedSpend({ p: 1, q: 0.5, gamma: 1 }, 0, 0)).toThrow(CvError);
  });
});

describe('fitGammaGamma checks', () => {
  it('warns (without throwing) when frequency and spend are correlated', () => {
    const x: number[] = [];
    const zbar: number[] = [];
    for (let i = 0; i < 300; i++) {
      const k = 1 + (i % 10);
      x.push(k);
      // Spend heterogeneous across customers (so q is identified) and growing with k.
      zbar.push(5 * k * (0.2 + (3 * ((i * 7919) % 101)) / 101));
    }
    const fit = fitGammaGamma({ x, zbar });
    expect(Math.abs(fit.correlation)).toBeGreaterThan(SPEND_CORRELATION_WARNING);
    expect(fit.warnings.join(' ')).toMatch(/correlated/);
  });
  it('needs at least 10 repeat customers with positive spend', () => {
    expect(() => fitGammaGamma({ x: [1, 2, 0, 3], zbar: [5, 6, 0, 7] })).toThrow(/at least 10/);
  });
  it('rejects negative spend and mismatched arrays', () => {
    expect(() => fitGammaGamma({ x: [1], zbar: [-1] })).toThrow(/zbar must be/);
    expect(() => fitGammaGamma({ x: [1, 2], zbar: [1] })).toThrow(/same length/);
  });
});

// mpmath at 60 digits of Fader & Hardie 2013 eqs. 3 and 5 for spend from 1e-3 to 1e9,
// written by core/models/fixtures/generate.py.
const EXTREMES = JSON.parse(readFileSync(new URL('./fixtures/extremes.json', import.meta.url), 'utf8')) as {
  gg: { params: { p: number; q: number; gamma: number }; x: number; zbar: number; logLikelihood: number; expectedSpend: number }[];
};

describe('Gamma-Gamma at extreme spend (mpmath references)', () => {
  it(`neither overflows nor loses accuracy on ${EXTREMES.gg.length} cases`, () => {
    for (const row of EXTREMES.gg) {
      const at = `${JSON.stringify(row.params)}, x ${row.x}, zbar ${row.zbar}`;
      const ll = gammaGammaLogLikelihood(row.params, { x: [row.x], zbar: [row.zbar] });
      // ln Γ(px+q) − ln Γ(q) cancels when px ≪ q: 1e-11 of |LL| leaves room for that.
      expect(Math.abs(ll - row.logLikelihood), `LL at ${at}`).toBeLessThan(1e-11 * Math.max(1, Math.abs(row.logLikelihood)));
      const spend = gammaGammaExpectedSpend(row.params, row.x, row.zbar);
      expect(Math.abs(spend - row.expectedSpend), `E[Z] at ${at}`).toBeLessThan(1e-14 * row.expectedSpend);
    }
  });
});
