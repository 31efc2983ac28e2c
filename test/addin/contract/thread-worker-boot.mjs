// The inside of a ThreadWorker (thread-worker.ts): a worker thread made to look like a
// dedicated Web Worker's global scope (self.addEventListener('message'), self.postMessage),
// then the worker's TypeScript entry loaded through tsx.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const listeners = [];
globalThis.self = globalThis;
globalThis.addEventListener = (type, listener) => {
  if (type === 'message') listeners.push(listener);
};
globalThis.postMessage = (message) => parentPort.postMessage({ reply: message });

await tsImport(workerData.entry, import.meta.url);
// Messages posted before this point wait in the port: it starts with its first listener.
parentPort.on('message', (data) => {
  parentPort.postMessage({ received: true });
  for (const listener of listeners) listener({ data });
});
