/**
 * CV.SEGMENT is cancelable (issue 11, item 6), called as Excel calls it: the
 * generated functions.json declares it so, Excel's invocation object comes
 * after the declared parameters, and a cancel from Excel terminates the
 * worker the analysis runs in, mid-analysis, with nothing written to the
 * cells. The worker is the add-in's own entry (addin/shared/analysis-worker.ts)
 * on a thread of its own (thread-worker.ts), as Node has no Web Worker.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateMetadata, type Metadata } from '../../../addin/build/metadata.ts';
import { FUNCTION_FILES, FUNCTIONS, PARAMETERS } from '../../../addin/functions/index.ts';
import { segmentCache } from '../../../addin/functions/segment.ts';
import { callAsExcel, functionMeta, type Argument, type CallOptions, type ExcelCall } from './excel-calls.ts';
import { transactions } from '../synthetic-transactions.ts';
import { ThreadWorker } from './thread-worker.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let metadata: Metadata;
beforeAll(async () => {
  metadata = await generateMetadata(FUNCTION_FILES.map((f) => path.join(repo, 'addin/functions', f)));
});
let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
  segmentCache.clear();
});

function segment(args: Argument[], options: CallOptions = {}): Promise<ExcelCall> {
  return callAsExcel(functionMeta(metadata, 'SEGMENT'), FUNCTIONS.SEGMENT, args, metadata, options);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the `n`-th worker (1-based) has been handed its request. */
async function workerAtWork(n = 1): Promise<ThreadWorker> {
  while (ThreadWorker.started.length < n) await delay(5);
  const w = ThreadWorker.started[n - 1];
  await w.received;
  return w;
}

describe('functions.json', () => {
  it('declares CV.SEGMENT cancelable, and Excel\'s invocation object is not one of its parameters', () => {
    const meta = functionMeta(metadata, 'SEGMENT');
    expect(meta.options).toEqual({ cancelable: true });
    expect(meta.parameters.map((p) => p.name)).toEqual(PARAMETERS.SEGMENT);
    expect(meta.parameters.map((p) => p.name)).not.toContain('invocation');
  });
});

describe('CV.SEGMENT cancelled by Excel', () => {
  it('terminates the analysis worker mid-analysis of 4,000 customers; the promise of the call settles and no cell is written', async () => {
    uninstall = ThreadWorker.install();
    const data = transactions(4000);
    // Cancelled a quarter second into the analysis (model choice over 4,000 customers takes seconds).
    const r = await segment(data, { cancel: workerAtWork().then(() => delay(250)) });
    expect(r.calls).toBe(1);
    expect(r.values).toEqual([]);
    expect(r.canceled).toMatchObject({ told: true, settled: 'rejected' });
    expect(r.canceled?.dropped).toMatchObject({ code: '#N/A', message: 'CV.SEGMENT: the calculation was cancelled' });
    const [worker] = ThreadWorker.started;
    expect(worker.entry).toBe(path.join(repo, 'addin/shared/analysis-worker.ts'));
    // The worker never answered: it was stopped before the analysis ended.
    expect(worker.replies).toBe(0);
    expect(worker.terminated).toBe(true);
    await worker.exited;
  }, 60_000);

  // BG/NBD over 3,000 customers: about a second of analysis, cancelled as soon as it starts.
  const BGNBD: Argument[] = [undefined, undefined, undefined, undefined, undefined, 'bgnbd'];

  it('a cancelled call leaves nothing behind: the same formula entered again analyses afresh', async () => {
    uninstall = ThreadWorker.install();
    const args = [...transactions(3000), ...BGNBD];
    const cancelled = await segment(args, { cancel: workerAtWork().then(() => undefined) });
    expect(cancelled.canceled?.settled).toBe('rejected');
    const again = await segment(args);
    expect(again.values).toHaveLength(3001);
    expect(segmentCache.computed).toBe(2);
    expect(ThreadWorker.started.map((w) => w.replies)).toEqual([0, 1]);
  }, 60_000);

  it('cancelling one of two cells over the same ranges does not stop the analysis the other waits for', async () => {
    uninstall = ThreadWorker.install();
    const args = [...transactions(3000), ...BGNBD];
    const [first, second] = await Promise.all([segment(args, { cancel: workerAtWork().then(() => undefined) }), segment(args)]);
    expect(first.values).toEqual([]);
    expect(first.canceled?.settled).toBe('rejected');
    expect(second.canceled).toBeUndefined();
    expect(second.values).toHaveLength(3001);
    // One analysis for both cells, run to its end.
    expect(ThreadWorker.started).toHaveLength(1);
    expect(ThreadWorker.started[0].replies).toBe(1);
  }, 60_000);
});

describe("CV.SEGMENT in Excel's formula value preview", () => {
  it('does not start seconds of analysis for a preview; once the formula is entered, the preview shows the table', async () => {
    uninstall = ThreadWorker.install();
    const args = [...transactions(300), undefined, undefined, undefined, undefined, undefined, 'bgnbd'];
    const preview = await segment(args, { valuePreview: true });
    expect(preview.values).toEqual([['CV.SEGMENT: the table is computed when the formula is entered']]);
    expect(ThreadWorker.started).toHaveLength(0);
    expect(segmentCache.computed).toBe(0);
    const entered = await segment(args);
    expect(entered.values).toHaveLength(301);
    expect((await segment(args, { valuePreview: true })).values).toEqual(entered.values);
    expect(ThreadWorker.started).toHaveLength(1);
  }, 60_000);
});

describe('CV.SEGMENT not cancelled', () => {
  it('gives through the worker the same cells as the analysis on the calling thread (a JavaScript-only runtime without workers)', async () => {
    const data = transactions(300);
    const args: Argument[] = [...data, undefined, 'week', 0.3, undefined, undefined, 'bgnbd'];
    const inThread = await segment(args);
    expect(inThread.violations).toEqual([]);
    expect(inThread.values).toHaveLength(301);
    expect(inThread.values[0][29]).toBe('Model: BG/NBD');

    segmentCache.clear();
    uninstall = ThreadWorker.install();
    const viaWorker = await segment(args);
    expect(ThreadWorker.started).toHaveLength(1);
    expect(ThreadWorker.started[0].replies).toBe(1);
    expect(viaWorker.violations).toEqual([]);
    expect(viaWorker.values).toEqual(inThread.values);
  }, 60_000);
});
