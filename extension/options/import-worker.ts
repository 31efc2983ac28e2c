/**
 * The import worker: parses, scores and stores a file off the page's thread,
 * posting progress. It writes IndexedDB itself (workers share the extension
 * origin's databases), so rows never travel back through the page. Errors
 * go back as their message only: an ImportError is already worded for the
 * user, and core's CvError keeps its reason without the function name.
 */
import { CvError } from '../../core/index.ts';
import { CustomerStore } from '../store/customer-store.ts';
import { storeCompanies } from '../store/company-store.ts';
import { companyRecords } from '../store/company-records.ts';
import type { StoredCompany } from '../store/stored-company.ts';
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
    // The save phase starts here (laying the rows out in chunks is part of it), not at the first chunk written.
    post({ type: 'progress', phase: 'write', fraction: 0 });
    const store = await CustomerStore.open();
    try {
      let companies: StoredCompany[] = [];
      const shown = await store.writeImport(rows, meta, {
        mode: request.settings.mode,
        // Every import's rows come from stored(), whose keys are customerIndexKeys of the fields.
        keysDerived: true,
        onProgress: (fraction) => post({ type: 'progress', phase: 'write', fraction }),
        // Companies sum every customer shown now (after a merge, the merged set), worked out while the browser writes the customers.
        whileWriting: (all) => void (companies = companyRecords(all, meta.tierMethod)),
      });
      await storeCompanies(companies);
      post({ type: 'done', meta: (await store.meta()) ?? { ...meta, customers: shown } });
    } finally {
      store.close();
    }
  } catch (e) {
    post({ type: 'error', message: e instanceof CvError ? e.reason : String((e as Error)?.message ?? e) });
  }
};
