import { describe, expect, it } from 'vitest';
import type { ExcludedCustomer } from '../types.ts';
import { describeExcluded } from './describe-excluded.ts';

const ex = (id: string, rows: number, returnAmount: number, firstLine: number): ExcludedCustomer => ({ id, reason: '', rows, returnAmount, firstLine });

describe('describeExcluded', () => {
  it('says nothing when nobody was left out', () => {
    expect(describeExcluded([])).toBe('');
  });

  it('names each customer with its first line, rows and returns', () => {
    expect(describeExcluded([ex('B', 1, 1.5, 4), ex('C', 2, 12, 3)])).toBe(
      '2 customers with only returns were left out (no purchase to score): B (line 4, \u22121.50), C (line 3, 2 rows, \u221212.00).',
    );
  });

  it('names the first few and counts the rest', () => {
    const many = ['a', 'b', 'c', 'd'].map((id, i) => ex(id, 1, 1, i + 2));
    expect(describeExcluded(many, 2)).toBe(
      '4 customers with only returns were left out (no purchase to score): a (line 2, \u22121.00), b (line 3, \u22121.00) and 2 more.',
    );
    expect(describeExcluded(many.slice(0, 1), 0)).toBe('1 customer with only returns was left out (no purchase to score).');
  });
});
