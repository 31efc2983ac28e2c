import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
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

describe('nelderMead on a noisy objective', () => {
  // A bowl with 1e-8 relative noise on top, a hash of the bits of x (the same at the same point,
  // different at the next double), like a likelihood far out on a ridge that has lost digits to
  // cancellation: the simplex shrinks onto one point whose neighbouring doubles' values never
  // agree within 1e-13 (the Pareto/NBD fit's fallback did this 2,000 times at 1e-12 noise).
  const bits = new Uint32Array(4);
  const noisy = (x: Float64Array): number => {
    const bowl = 1 + (x[0] - 1) ** 2 + (x[1] + 2) ** 2;
    bits.set(new Uint32Array(Float64Array.of(x[0], x[1]).buffer));
    let h = 2166136261;
    for (const w of bits) h = Math.imul(h ^ w, 16777619) >>> 0;
    return bowl * (1 + 1e-8 * (h / 2 ** 32 - 0.5));
  };
  it('shrinks its simplex to the iteration budget without pointTolerance', () => {
    const res = nelderMead(noisy, [0, 0], { valueTolerance: 1e-13, maxIterations: 2000 });
    expect(res.converged).toBe(false);
    expect(res.iterations).toBe(2000);
    expect(res.evaluations).toBeGreaterThan(5000);
  });
  it('stops once the simplex has collapsed onto the minimum with pointTolerance', () => {
    const res = nelderMead(noisy, [0, 0], { valueTolerance: 1e-13, maxIterations: 2000, pointTolerance: 1e-10 });
    expect(res.converged).toBe(true);
    expect(res.reason).toMatch(/collapsed/);
    expect(res.evaluations).toBeLessThan(300);
    // As close as 1e-8 noise on a unit bowl lets anything get: √1e-8.
    expect(Math.abs(res.x[0] - 1)).toBeLessThan(1e-4);
    expect(Math.abs(res.x[1] + 2)).toBeLessThan(1e-4);
  });
});

describe('bfgs stopWhen', () => {
  it('ends the search at the first accepted point where it holds, with stopped', () => {
    const seen: number[] = [];
    const res = bfgs(
      (x) => (x[0] - 5) ** 2,
      [0],
      {
        stopWhen: (x) => {
          seen.push(x[0]);
          return x[0] > 2;
        },
      },
    );
    expect(res.stopped).toBe(true);
    expect(res.converged).toBe(false);
    expect(res.x[0]).toBeGreaterThan(2);
    expect(seen.filter((v) => v > 2)).toHaveLength(1);
  });
});

describe('bounds and budgets', () => {
  it('stops BFGS on the bound when the minimum lies outside the box, with a converged projected gradient', () => {
    const res = bfgs((x) => (x[0] - 5) ** 2 + (x[1] + 1) ** 2, [0, 0], { lower: [-10, -10], upper: [2, 10] });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBe(2);
    expect(res.x[1]).toBeCloseTo(-1, 6);
  });
  it('keeps every Nelder–Mead vertex inside the box', () => {
    const seen: number[] = [];
    const res = nelderMead(
      (x) => {
        seen.push(x[0]);
        return (x[0] + 3) ** 2 + x[1] ** 2;
      },
      [1, 1],
      { lower: [0, -5], upper: [5, 5], maxIterations: 500 },
    );
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
    expect(res.x[0]).toBeCloseTo(0, 6);
  });
  it('never evaluates f more often than maxEvaluations, and says so', () => {
    let calls = 0;
    const res = bfgs(
      (x) => {
        calls++;
        return rosenbrock(x);
      },
      [-1.2, 1],
      { maxEvaluations: 25 },
    );
    expect(calls).toBeLessThanOrEqual(25);
    expect(res.evaluations).toBe(calls);
    expect(res.outOfBudget).toBe(true);
    expect(res.converged).toBe(false);
    expect(Number.isFinite(res.value)).toBe(true);
  });
  it('stops at maxSeconds, checked between evaluations', () => {
    // Each evaluation busy-waits 5 ms, so 0.05 s leaves room for at most 11 of them.
    let calls = 0;
    const slow = (x: Float64Array): number => {
      calls++;
      const until = performance.now() + 5;
      while (performance.now() < until);
      return rosenbrock(x);
    };
    const res = nelderMead(slow, [-1.2, 1], { maxSeconds: 0.05, maxIterations: 10_000 });
    expect(res.outOfBudget).toBe(true);
    expect(calls).toBeLessThanOrEqual(11);
  });
  it('treats a CvError thrown by f as +∞ and backs off', () => {
    // A special function that gives up beyond x = 3 must not end the search.
    const f = (x: Float64Array): number => {
      if (x[0] > 3) throw new CvError('series', 'num', 'did not converge');
      return (x[0] - 2) ** 2;
    };
    expect(bfgs(f, [0]).x[0]).toBeCloseTo(2, 6);
    expect(nelderMead(f, [0], { scale: 5 }).x[0]).toBeCloseTo(2, 4);
  });
  it('still lets other exceptions through', () => {
    expect(() =>
      bfgs(() => {
        throw new RangeError('bug');
      }, [0]),
    ).toThrow(RangeError);
  });
});
