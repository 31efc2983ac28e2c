/**
 * The import worker: parses, scores and stores a file off the page's thread,
 * posting progress. It writes IndexedDB itself (workers share the extension
 * origin's databases), so rows never travel back through the page.
 */
import { CustomerStore } from '../store/customer-store.ts';
import { storeCompaniesOf } from '../store/company-store.ts';
import { buildImport, previewImport } from './import-job.ts';
import type { WorkerReply, WorkerRequest } from './import-protocol.ts';

const post = (reply: WorkerReply) => (self as unknown as Worker).postMessage(reply);

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'preview') {
      post({ type: 'preview', preview: previewImport(new Uint8Array(request.bytes), request.encoding) });
      return;
    }
    const { rows, meta } = buildImport(new Uint8Array(request.bytes), request.settings, (phase, fraction) => post({ type: 'progress', phase, fraction }));
    const store = await CustomerStore.open();
    try {
      await store.replaceAll(rows, meta, (written) => post({ type: 'progress', phase: 'write', fraction: written / Math.max(1, rows.length) }));
    } finally {
      store.close();
    }
    await storeCompaniesOf(rows, meta.tierMethod);
    post({ type: 'done', meta });
  } catch (e) {
    post({ type: 'error', message: String((e as Error)?.message ?? e) });
  }
};
