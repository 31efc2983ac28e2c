import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bgNbdConditionalExpected, bgNbdProbabilityAlive, bgNbdProbabilityNoPurchase } from './bg-nbd.ts';
import { paretoNbdConditionalExpected, paretoNbdProbabilityAlive, paretoNbdProbabilityNoPurchase } from './pareto-nbd.ts';

// Property: for any valid parameters and history, predictions are finite numbers in range —
// never NaN, never Infinity, never an exception (requirement of the numerics).
const positive = fc.double({ min: 0.01, max: 100, noNaN: true });
const history = fc
  .tuple(fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0.01, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([x, T, f]) => ({ x, T, t_x: x === 0 ? 0 : f * T }));
const horizon = fc.double({ min: 0, max: 1000, noNaN: true });

describe('numerical stability over the valid input space', () => {
  it('BG/NBD: P(alive) in [0, 1], E[Y(t)] finite and ≥ 0', () => {
    fc.assert(
      fc.property(positive, positive, positive, positive, history, horizon, (r, alpha, a, b, h, t) => {
        const p = { r, alpha, a, b };
        const alive = bgNbdProbabilityAlive(p, h.x, h.t_x, h.T);
        const e = bgNbdConditionalExpected(p, t, h.x, h.t_x, h.T);
        return alive >= 0 && alive <= 1 && Number.isFinite(e) && e >= 0;
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
  it('Pareto/NBD: P(alive) in [0, 1], E[Y(t)] finite and ≥ 0, whichever of α, β is larger', () => {
    fc.assert(
      fc.property(positive, positive, positive, positive, history, horizon, (r, alpha, s, beta, h, t) => {
        const p = { r, alpha, s, beta };
        const alive = paretoNbdProbabilityAlive(p, h.x, h.t_x, h.T);
        const e = paretoNbdConditionalExpected(p, t, h.x, h.t_x, h.T);
        return alive >= 0 && alive <= 1 && Number.isFinite(e) && e >= 0;
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
  it('BG/NBD: E[Y(t)] does not decrease with t', () => {
    fc.assert(
      fc.property(positive, positive, positive, positive, history, horizon, (r, alpha, a, b, h, t) => {
        const p = { r, alpha, a, b };
        return bgNbdConditionalExpected(p, t + 1, h.x, h.t_x, h.T) >= bgNbdConditionalExpected(p, t, h.x, h.t_x, h.T) * (1 - 1e-9);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
  it('P(no purchase) lies in [0, 1] and does not increase with t, for both models', () => {
    fc.assert(
      fc.property(positive, positive, positive, positive, history, horizon, (r, alpha, v, w, h, t) => {
        const bg = { r, alpha, a: v, b: w };
        const pn = { r, alpha, s: v, beta: w };
        for (const f of [
          (u: number) => bgNbdProbabilityNoPurchase(bg, u, h.x, h.t_x, h.T),
          (u: number) => paretoNbdProbabilityNoPurchase(pn, u, h.x, h.t_x, h.T),
        ]) {
          const now = f(t);
          if (!(now >= 0 && now <= 1 && f(t + 1) <= now * (1 + 1e-12) + 1e-15)) return false;
        }
        return true;
      }),
      { numRuns: 1000, seed: 11 },
    );
  });
});
