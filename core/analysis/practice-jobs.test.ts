import { describe, expect, it } from 'vitest';
import { runFitJob, type CandidateResult, type SpendResult } from './fit-jobs.ts';
import { practiceJob } from './practice-jobs.ts';

describe('the fit worker’s practice jobs', () => {
  it('run every step the real Pareto/NBD job runs (calibration fit, judgement, churn risk, refit), none of them failing', () => {
    const r = runFitJob(practiceJob('candidate')) as CandidateResult;
    expect(r.calibration && 'fit' in r.calibration).toBe(true);
    expect(r.judged?.logLoss).toBeGreaterThan(0);
    expect(r.churnRisk?.length).toBeGreaterThan(100);
    expect(r.all && 'fit' in r.all && r.all.fit.converged).toBe(true);
    // Made-up, but like CDNOW (r 0.55, s 0.61 drawn): a fit far from them would practise other code paths.
    if (r.all && 'fit' in r.all) {
      expect(r.all.fit.params.r).toBeGreaterThan(0.3);
      expect(r.all.fit.params.r).toBeLessThan(1);
    }
  });

  it('fit Gamma-Gamma on made-up repeat buyers near the spend they were drawn from (p 6.25, q 3.74)', () => {
    const r = runFitJob(practiceJob('spend')) as SpendResult;
    expect('fit' in r).toBe(true);
    if ('fit' in r) {
      expect(r.fit.params.p).toBeGreaterThan(3);
      expect(r.fit.params.p).toBeLessThan(12);
    }
  });

  it('are the same every time (a fixed seed)', () => {
    expect(practiceJob('spend')).toEqual(practiceJob('spend'));
  });
});
