import { formatMessage } from '../i18n/messages.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalEvidence, DecimalVote } from './detect-decimal.ts';
import { scanAmount } from './parse-amount.ts';

/** The evidence by definition: read the text with each mark and compare. */
function byScanning(t: string): string {
  const point = scanAmount(t, '.');
  const comma = scanAmount(t, ',');
  if (Number.isNaN(point)) return Number.isNaN(comma) ? 'none' : 'comma';
  if (Number.isNaN(comma)) return 'point';
  return Object.is(point, comma) ? 'same' : 'ambiguous';
}

describe('decimalEvidence', () => {
  it.each([
    ['12.5', 'point'], ['1,234.50', 'point'], ['.5', 'point'], ['1e3', 'point'], ['1,234,567', 'point'], ["1'234.50", 'point'],
    ['12,5', 'comma'], ['5,25', 'comma'], ['1.234,50', 'comma'], ['1.234.567', 'comma'], ['0,500', 'comma'], ['-3,00', 'comma'],
    ['1,234', 'ambiguous'], ['1.500', 'ambiguous'], ['€ 2.000', 'ambiguous'],
    ['12', 'same'], ['-7', 'same'], ['1 234', 'same'], ['$12', 'same'],
    ['', 'none'], ['abc', 'none'], ['1.2.3,4,5', 'none'],
  ] as const)('%j says %s', (text, evidence) => {
    expect(decimalEvidence(text)).toBe(evidence);
  });

  it('classifies plain digit-mark-digit text exactly as reading it with both marks does (property)', () => {
    const simple = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{0,5}$/), fc.constantFrom('.', ','), fc.stringMatching(/^[0-9]{1,5}$/))
      .map(([minus, whole, mark, frac]) => `${minus ? '-' : ''}${whole}${mark}${frac}`);
    fc.assert(fc.property(simple, (t) => decimalEvidence(t) === byScanning(t)), { numRuns: 3000 });
  });
});

function vote(values: readonly string[]): ReturnType<DecimalVote['decide']> & { stoppedAt: number } {
  const v = new DecimalVote();
  let stoppedAt = 0;
  for (let i = 0; i < values.length; i++) {
    if (!v.add(values[i], i + 2)) {
      stoppedAt = i + 2;
      break;
    }
  }
  return { ...v.decide(), stoppedAt };
}

describe('DecimalVote', () => {
  it('chooses the comma when some value needs it and none needs a point', () => {
    expect(vote(['1.234,50', '5,25', '1.000', '12'])).toEqual({ decimal: ',', stoppedAt: 0 });
  });

  it('keeps the point, without a warning, when the values need it or say nothing', () => {
    expect(vote(['12', '7'])).toEqual({ decimal: '.', stoppedAt: 0 });
    expect(vote(['1,234', '12.50', '5,25'])).toEqual({ decimal: '.', stoppedAt: 3 });
  });

  it('keeps the point for a mix of marks: the first point-only value settles it and the vote stops', () => {
    expect(vote(['5,25', '12.5', '7,10'])).toEqual({ decimal: '.', stoppedAt: 3 });
  });

  it('never lets values readable both ways decide: the point is kept with a warning naming --decimal', () => {
    const d = vote(['1,234', '12', '2,500']);
    expect(d.decimal).toBe('.');
    expect(d.warning && formatMessage(d.warning, 'en')).toBe(
      "amounts such as '1,234' (line 2) read as different numbers with a decimal point or a decimal comma (1234 or 1.234); " +
        'they were read with a decimal point (read the file with --decimal , if the comma is the decimal mark).',
    );
    const w = vote(['1.500', '12']).warning;
    expect(w && formatMessage(w, 'en')).toMatch(/'1\.500' .*\(1\.5 or 1500\)/);
  });
});
