import { describe, expect, it } from 'vitest';
import { cdnowSummary, HAS_CDNOW, WHY_NO_CDNOW } from '../../test/cdnow.ts';
import { CvError } from '../errors.ts';
import { fitBgNbd } from './bg-nbd.ts';
import { groupedOnce, groupRepeatData } from './customer-data.ts';
import { fitMbgNbd } from './mbg-nbd.ts';
import { fitParetoNbd } from './pareto-nbd.ts';

describe('groupRepeatData', () => {
  it('groups identical rows, t_x of one-time buyers set to 0, and says which group each row went to', () => {
    const data = { x: [0, 2, 0, 2, 1], t_x: [0, 5, 3, 5, 4], T: [10, 10, 10, 10, 10] };
    const g = groupRepeatData('test', data, { rowGroups: true });
    expect(Array.from(g.weight)).toEqual([2, 2, 1]);
    expect(Array.from(g.rowGroup as Int32Array)).toEqual([0, 1, 0, 1, 2]);
    // Every row's group holds that row's (x, T), and its t_x unless x = 0.
    (g.rowGroup as Int32Array).forEach((k, i) => {
      expect([g.x[k], g.T[k], g.t_x[k]]).toEqual([data.x[i], data.T[i], data.x[i] === 0 ? 0 : data.t_x[i]]);
    });
    expect(groupRepeatData('test', data).rowGroup).toBeUndefined();
  });

  it('gives each distinct triple one group, in order of first appearance, however many there are (the table grows past its first size)', () => {
    // 5,000 distinct triples, each seen 1 to 3 times, shuffled: compared with a grouping by string keys.
    let seed = 3;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const x: number[] = [];
    const t_x: number[] = [];
    const T: number[] = [];
    for (let k = 0; k < 12_000; k++) {
      const j = Math.floor(rnd() * 5000);
      const xi = j % 7;
      const Ti = 1 + (j % 97) + Math.floor(j / 679) / 7;
      x.push(xi);
      t_x.push(xi === 0 ? 0 : Ti * ((j % 5) / 5));
      T.push(Ti);
    }
    const g = groupRepeatData('test', { x, t_x, T }, { rowGroups: true });
    const seen = new Map<string, number>();
    const expected: number[] = [];
    for (let i = 0; i < x.length; i++) {
      const key = `${x[i]}|${t_x[i]}|${T[i]}`;
      if (!seen.has(key)) seen.set(key, seen.size);
      expected.push(seen.get(key)!);
    }
    expect(g.x.length).toBe(seen.size);
    expect(Array.from(g.rowGroup!)).toEqual(expected);
    const weights = new Array<number>(seen.size).fill(0);
    for (const e of expected) weights[e]++;
    expect(Array.from(g.weight)).toEqual(weights);
    for (let i = 0; i < x.length; i++) {
      const k = expected[i];
      expect([g.x[k], g.t_x[k], g.T[k]]).toEqual([x[i], t_x[i], T[i]]);
    }
  });

  it('puts −0 and 0 in one group, as equal numbers', () => {
    const g = groupRepeatData('test', { x: [1, 1, 0], t_x: [0, -0, 0], T: [5, 5, 5] });
    expect(Array.from(g.weight)).toEqual([2, 1]);
    // Each group keeps its first row's numbers as they came, −0 included.
    const h = groupRepeatData('test', { x: [1, 1], t_x: [-0, 0], T: [5, 5] });
    expect([Object.is(h.t_x[0], -0), Array.from(h.weight)]).toEqual([true, [2]]);
  });

  it('is not repeated for data already grouped, and still validates raw rows', () => {
    const g = groupRepeatData('test', { x: [0, 1], t_x: [0, 1], T: [2, 2] });
    expect(groupedOnce('fit', g)).toBe(g);
    expect(() => groupedOnce('fit', { x: [1], t_x: [3], T: [2] })).toThrow(CvError);
  });

  it('refuses a grouped data set too small to fit is still refused for want of data', () => {
    const tiny = groupRepeatData('test', { x: [1, 0, 0], t_x: [1, 0, 0], T: [2, 2, 2] });
    expect(() => fitBgNbd(tiny)).toThrow(expect.objectContaining({ kind: 'data' }));
  });
});

// The model choice fits three models on one grouped data set: each must give exactly the fit it gives on the rows.
describe.skipIf(!HAS_CDNOW)(`a fit on grouped data is the fit on the rows (CDNOW, 2,357 customers, weeks)${WHY_NO_CDNOW}`, () => {
  const rows = HAS_CDNOW ? cdnowSummary() : { x: [], t_x: [], T: [] };
  const g = groupRepeatData('test', rows);
  const same = <P>(a: { params: P; logLikelihood: number; iterations: number }, b: { params: P; logLikelihood: number; iterations: number }) =>
    expect([a.params, a.logLikelihood, a.iterations]).toEqual([b.params, b.logLikelihood, b.iterations]);
  it('BG/NBD', () => same(fitBgNbd(g), fitBgNbd(rows)));
  it('MBG/NBD', () => same(fitMbgNbd(g), fitMbgNbd(rows)));
  it('Pareto/NBD', () => same(fitParetoNbd(g), fitParetoNbd(rows)));
});
