import { CvError } from '../errors.ts';

/** A seeded source of uniform random numbers. */
export interface Rng {
  /** Uniform on [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
}

/**
 * xoshiro128** (Blackman & Vigna 2018), a small fast generator with a
 * 2^128 − 1 period, seeded through splitmix32 so that nearby seeds give
 * unrelated streams. Same seed, same sequence, on every platform (only
 * 32-bit integer arithmetic).
 *
 * Allowed input: any finite number (its low 32 bits of the integer part and
 * of the fraction are both used). Throws CvError('createRng', 'value') for
 * NaN or ±Infinity.
 *
 * @example
 * const rng = createRng(42);
 * rng.next(); // the same value on every run
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new CvError('createRng', 'value', `seed must be a finite number, got ${seed}`);
  let state = (Math.floor(seed) ^ Math.floor((seed - Math.floor(seed)) * 2 ** 32)) | 0;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  return {
    nextUint32,
    next: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992,
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
