/**
 * A dedicated Web Worker for tests in Node, which has none: the part of the
 * Worker API that addin/shared/worker-task.ts uses (postMessage, onmessage,
 * onerror, terminate) over a worker thread, so that the add-in's own worker
 * entry runs on a thread of its own and `terminate()` really stops it
 * mid-computation. Installed as the global `Worker`; vitest builds a
 * `?worker&inline` import into a constructor that calls
 * `new Worker('/path/from/repo/root.ts?worker_file&type=module')`, and that
 * path is the entry run.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker as NodeWorker } from 'node:worker_threads';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BOOT = fileURLToPath(new URL('./thread-worker-boot.mjs', import.meta.url));

export class ThreadWorker {
  /** Every worker started since the last `reset()`, oldest first. */
  static started: ThreadWorker[] = [];

  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  /** The entry file run. */
  readonly entry: string;
  /** Replies the entry posted (not counting the thread's own notes). */
  replies = 0;
  terminated = false;
  /** Resolves when the entry has been handed its first message: the work has begun. */
  readonly received: Promise<void>;
  /** Resolves when the thread has ended, with its exit code. */
  readonly exited: Promise<number>;
  private readonly thread: NodeWorker;

  constructor(url: string | URL) {
    const pathname = String(url).replace(/[?#].*$/, '');
    this.entry = path.join(repo, pathname.startsWith('file:') ? path.relative(repo, fileURLToPath(pathname)) : pathname);
    this.thread = new NodeWorker(BOOT, { workerData: { entry: this.entry } });
    let onReceived: () => void = () => {};
    this.received = new Promise((resolve) => (onReceived = resolve));
    this.exited = new Promise((resolve) => this.thread.once('exit', resolve));
    this.thread.on('message', (m: { received?: true; reply?: unknown }) => {
      if (m.received) return onReceived();
      this.replies++;
      this.onmessage?.({ data: m.reply } as MessageEvent);
    });
    this.thread.on('error', (e: Error) => this.onerror?.({ message: e.message } as ErrorEvent));
    ThreadWorker.started.push(this);
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.thread.postMessage(message, transfer as never[]);
  }

  terminate(): void {
    this.terminated = true;
    void this.thread.terminate();
  }

  /** Installs ThreadWorker as the global Worker; returns the function that removes it. */
  static install(): () => void {
    const g = globalThis as { Worker?: unknown };
    const before = g.Worker;
    g.Worker = ThreadWorker;
    ThreadWorker.started = [];
    return () => {
      g.Worker = before;
      if (before === undefined) delete g.Worker;
    };
  }
}
