import { describe, expect, it, vi } from 'vitest';
import { createProgress } from './progress.ts';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (s: string) => chunks.push(s) } as unknown as NodeJS.WriteStream };
}

describe('createProgress', () => {
  it('stays quiet for work that ends within the delay', () => {
    const { chunks, stream } = fakeStream(false);
    const p = createProgress(stream, 1000);
    p.update('Reading', 0.5);
    p.done();
    expect(chunks).toEqual([]);
  });

  it('prints lines after the delay when stderr is not a terminal', () => {
    vi.useFakeTimers();
    try {
      const { chunks, stream } = fakeStream(false);
      const p = createProgress(stream, 1000);
      vi.advanceTimersByTime(1500);
      p.update('Reading', 0.42);
      p.update('Reading', 0.43); // throttled: within 200 ms of the last line
      vi.advanceTimersByTime(300);
      p.update('Reading', 1);
      p.done();
      expect(chunks).toEqual(['Reading 42%\n', 'Reading 100%\n']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('redraws one line on a terminal and clears it when done', () => {
    vi.useFakeTimers();
    try {
      const { chunks, stream } = fakeStream(true);
      const p = createProgress(stream, 0);
      vi.advanceTimersByTime(10);
      p.update('Reading', 0.5);
      p.done();
      expect(chunks).toEqual(['\rReading 50%   ', '\r\x1b[K']);
    } finally {
      vi.useRealTimers();
    }
  });
});
