import { describe, expect, it } from 'vitest';
import { hashCells, ResultCache } from './cache.ts';

/** A producer that waits until released, recording whether it was told to stop. */
function gated() {
  let release: (v: number) => void = () => {};
  const seen: AbortSignal[] = [];
  const produce = (signal: AbortSignal) => {
    seen.push(signal);
    return new Promise<number>((resolve) => (release = resolve));
  };
  return { produce, seen, release: (v: number) => release(v) };
}

describe('ResultCache', () => {
  it('runs the producer once for concurrent callers with one key', async () => {
    const cache = new ResultCache<number>();
    const g = gated();
    const a = cache.get('k', g.produce);
    const b = cache.get('k', g.produce);
    await Promise.resolve();
    g.release(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(cache.computed).toBe(1);
  });

  it('a caller who cancels gets an AbortError at once; the work stops only when no caller waits for it', async () => {
    const cache = new ResultCache<number>();
    const g = gated();
    const [one, two] = [new AbortController(), new AbortController()];
    const a = cache.get('k', g.produce, one.signal);
    const b = cache.get('k', g.produce, two.signal);
    await Promise.resolve();
    one.abort();
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    expect(g.seen[0].aborted).toBe(false);
    two.abort();
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    expect(g.seen[0].aborted).toBe(true);
    // Forgotten: the next call starts afresh.
    const c = cache.get('k', g.produce);
    await Promise.resolve();
    g.release(3);
    expect(await c).toBe(3);
    expect(cache.computed).toBe(2);
  });

  it('a caller without a signal keeps the work going whoever else cancels', async () => {
    const cache = new ResultCache<number>();
    const g = gated();
    const keep = cache.get('k', g.produce);
    const stop = new AbortController();
    const leave = cache.get('k', g.produce, stop.signal);
    await Promise.resolve();
    stop.abort();
    await expect(leave).rejects.toMatchObject({ name: 'AbortError' });
    expect(g.seen[0].aborted).toBe(false);
    g.release(5);
    expect(await keep).toBe(5);
  });

  it('an already aborted signal rejects without starting anything; a cancel after the value is in changes nothing', async () => {
    const cache = new ResultCache<number>();
    const done = new AbortController();
    done.abort();
    await expect(cache.get('k', () => 1, done.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(cache.computed).toBe(0);
    const late = new AbortController();
    const v = await cache.get('k', () => 2, late.signal);
    late.abort();
    expect(v).toBe(2);
    expect(await cache.get('k', () => 9)).toBe(2);
  });
});

describe('ResultCache.peek', () => {
  it('gives a value only once it is in, and never starts work', async () => {
    const cache = new ResultCache<number>();
    expect(cache.peek('k')).toBeUndefined();
    const g = gated();
    const p = cache.get('k', g.produce);
    await Promise.resolve();
    expect(cache.peek('k')).toBeUndefined();
    g.release(4);
    await p;
    expect(await cache.peek('k')).toBe(4);
    expect(cache.computed).toBe(1);
  });
});

describe('hashCells', () => {
  it('tells a number from its text and a row break from none', () => {
    expect(hashCells([[1]])).not.toBe(hashCells([['1']]));
    expect(hashCells([[1, 2]])).not.toBe(hashCells([[1], [2]]));
    expect(hashCells([[1, 'a']])).toBe(hashCells([[1, 'a']]));
  });
});
