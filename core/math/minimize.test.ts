import { describe, expect, it } from 'vitest';
import { bfgs, nelderMead, numericalGradient } from './minimize.ts';

const rosenbrock = (x: Float64Array): number => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;

describe('numericalGradient', () => {
  it('matches the analytic gradient of a quadratic', () => {
    const g = numericalGradient((x) => 3 * x[0] ** 2 + x[0] * x[1], Float64Array.of(2, 5));
    expect(g[0]).toBeCloseTo(17, 6);
    expect(g[1]).toBeCloseTo(2, 6);
  });
});

describe('bfgs', () => {
  it('finds the Rosenbrock minimum (1, 1) from (−1.2, 1)', () => {
    const res = bfgs(rosenbrock, [-1.2, 1]);
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 5);
    expect(res.x[1]).toBeCloseTo(1, 5);
  });
  it('uses an analytic gradient when told so', () => {
    let calls = 0;
    const f = (x: Float64Array, g?: Float64Array): number => {
      calls++;
      if (g) {
        g[0] = 2 * (x[0] - 3);
        g[1] = 20 * (x[1] + 1);
      }
      return (x[0] - 3) ** 2 + 10 * (x[1] + 1) ** 2;
    };
    const res = bfgs(f, [0, 0], { analyticGradient: true });
    expect(res.x[0]).toBeCloseTo(3, 8);
    expect(res.x[1]).toBeCloseTo(-1, 8);
    expect(calls).toBe(res.evaluations);
  });
  it('backs off from regions where f is not finite', () => {
    // ln-barrier: f = x − 2 ln x has its minimum at 2 and is NaN for x ≤ 0.
    const res = bfgs((x) => (x[0] > 0 ? x[0] - 2 * Math.log(x[0]) : NaN), [0.1]);
    expect(res.x[0]).toBeCloseTo(2, 6);
  });
  it('reports non-convergence instead of throwing when f is not finite at the start', () => {
    const res = bfgs(() => NaN, [0]);
    expect(res.converged).toBe(false);
  });
});

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum', () => {
    const res = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5000, valueTolerance: 1e-16 });
    expect(res.x[0]).toBeCloseTo(1, 3);
    expect(res.x[1]).toBeCloseTo(1, 3);
  });
});
