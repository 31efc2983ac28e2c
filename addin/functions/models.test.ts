import { existsSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { bgNbdConditionalExpected } from '../../core/index.ts';
import { bgnbd, exppurchases, palive, pclv } from './models.ts';
import { fitCache } from './model-arg.ts';

const DATA = new URL('../../../shared/data/cdnow/cdnow_customers_summary.csv', import.meta.url);
const haveData = existsSync(DATA);
if (!haveData) console.warn(`CDNOW summary not found at ${DATA.pathname}: BG/NBD fit tests skipped`);

/** The CDNOW summary as three column ranges, the way Excel passes them. */
function cdnowRanges(): { x: number[][]; t_x: number[][]; T: number[][] } {
  const lines = readFileSync(DATA, 'utf8').trim().split(/\r?\n/).slice(1);
  const rows = lines.map((l) => l.split(',').map(Number));
  return { x: rows.map((r) => [r[1]]), t_x: rows.map((r) => [r[2]]), T: rows.map((r) => [r[3]]) };
}

// Published parameters (Fader, Hardie & Lee 2005; DOMAIN.md §4) and the
// P(alive) / expectation values in core/models/bg-nbd.ts's examples.
const FHL = [[0.2426], [4.4136], [0.7929], [2.4259]];

beforeEach(() => fitCache.clear());

describe('CV.PALIVE and CV.EXPPURCHASES with given parameters', () => {
  it('reproduces P(alive) = 0.7266 for (2, 30.43, 38.86) and 1 without repeats', async () => {
    expect((await palive(2, 30.43, 38.86, FHL))[0][0]).toBeCloseTo(0.7266, 3);
    expect((await palive(0, 0, 38.86, [[0.2426, 4.4136, 0.7929, 2.4259]]))[0][0]).toBe(1);
  });

  it('reads the labelled spill of CV.BGNBD as a model', async () => {
    const spill = [['r', 0.2426], ['alpha', 4.4136], ['a', 0.7929], ['b', 2.4259], ['log-likelihood', -9582.4]];
    expect((await palive(2, 30.43, 38.86, spill))[0][0]).toBeCloseTo(0.7266, 3);
  });

  it('expects 1.226 purchases in the next 39 weeks for (2, 30.43, 38.86)', async () => {
    expect((await exppurchases(39, 2, 30.43, 38.86, FHL))[0][0]).toBeCloseTo(1.226, 2);
  });

  it('spills over ranges, blank rows blank', async () => {
    const out = await palive([[2], [null], [0]], [[30.43], [null], [0]], [[38.86], [null], [38.86]], FHL);
    expect(out.map((r) => r.length)).toEqual([1, 1, 1]);
    expect(out[1][0]).toBe('');
    expect(out[2][0]).toBe(1);
  });

  it('rejects bad input with Excel errors', async () => {
    await expect(palive(2, 40, 38.86, FHL)).rejects.toMatchObject({ code: '#VALUE!' }); // t_x > T
    await expect(palive(2, 30, 38.86, [[null]])).rejects.toMatchObject({ code: '#N/A' });
    await expect(palive(2, 30, 38.86, [[1, 2]])).rejects.toMatchObject({ code: '#VALUE!' });
    await expect(exppurchases(-1, 2, 30, 38.86, FHL)).rejects.toMatchObject({ code: '#VALUE!' });
  });
});

describe('CV.PCLV', () => {
  const p = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };

  it('without discount is margin × spend × expected purchases over the horizon', async () => {
    // 364 days = 52 weeks exactly; undiscounted, the step sum telescopes to E(52).
    const expected = 0.3 * 20 * bgNbdConditionalExpected(p, 52, 2, 30.43, 38.86);
    expect((await pclv(2, 30.43, 38.86, 20, FHL, 364, 0.3, 0))[0][0]).toBeCloseTo(expected, 9);
  });

  it('discounts: a positive rate gives less, and units change the meaning of t_x and T', async () => {
    const undiscounted = (await pclv(2, 30.43, 38.86, 20, FHL, 364, 0.3, 0))[0][0] as number;
    const discounted = (await pclv(2, 30.43, 38.86, 20, FHL, 364, 0.3, 0.1))[0][0] as number;
    expect(discounted).toBeLessThan(undiscounted);
    expect(discounted).toBeGreaterThan(undiscounted / 1.1);
    const days = (await pclv(2, 30.43, 38.86, 20, FHL, 364, 0.3, 0, 'day'))[0][0] as number;
    expect(days).toBeCloseTo(0.3 * 20 * bgNbdConditionalExpected(p, 364, 2, 30.43, 38.86), 9);
  });

  it('rejects a margin above 1 and an unknown unit', async () => {
    await expect(pclv(2, 30.43, 38.86, 20, FHL, 365, 1.5)).rejects.toMatchObject({ code: '#VALUE!' });
    await expect(pclv(2, 30.43, 38.86, 20, FHL, 365, 0.3, 0.1, 'year')).rejects.toMatchObject({ code: '#VALUE!' });
  });
});

describe.skipIf(!haveData)('CV.BGNBD on CDNOW (2,357 customers, weeks)', () => {
  it('spills the published parameters with labels', async () => {
    const { x, t_x, T } = cdnowRanges();
    const out = await bgnbd(x, t_x, T);
    expect(out.map((r) => r[0])).toEqual(['r', 'alpha', 'a', 'b', 'log-likelihood', 'customers', 'converged']);
    const v = Object.fromEntries(out.map((r) => [r[0], r[1]]));
    expect(v.r).toBeCloseTo(0.2426, 3);
    expect(v.alpha).toBeCloseTo(4.4136, 2);
    expect(v.a).toBeCloseTo(0.7929, 3);
    expect(v.b).toBeCloseTo(2.4259, 2);
    expect(v['log-likelihood']).toBeCloseTo(-9582.43, 1);
    expect(v.customers).toBe(2357);
  });

  it('fits once for a sheet of CV.PALIVE cells over the same data range', async () => {
    const { x, t_x, T } = cdnowRanges();
    const data = x.map((_, i) => [x[i][0], t_x[i][0], T[i][0]]);
    const cells = await Promise.all(Array.from({ length: 50 }, (_, i) => palive(x[i][0], t_x[i][0], T[i][0], data)));
    expect(fitCache.computed).toBe(1);
    expect(cells[0][0][0]).toBeCloseTo(0.7266, 2);
    // The same cells as three separate ranges are the same data: still one fit.
    await bgnbd(x, t_x, T);
    expect(fitCache.computed).toBe(1);
    // Different data is a new fit.
    await bgnbd(x.slice(1), t_x.slice(1), T.slice(1));
    expect(fitCache.computed).toBe(2);
  });

  it('is #N/A with a reason when too few customers to fit', async () => {
    await expect(bgnbd([[1], [2]], [[1], [2]], [[3], [4]])).rejects.toMatchObject({ code: '#N/A', message: expect.stringMatching(/^CV\.BGNBD: need at least/) });
  });
});
