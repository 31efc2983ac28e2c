/**
 * The CSV import's parse, off the pane's thread: decoding, delimiter and
 * header detection, papaparse and the column kinds (csv-import.ts) run here,
 * so the pane stays responsive and Cancel can end the parse at once by
 * terminating this worker (papaparse's own abort is only reachable between
 * rows of a synchronous parse, which would block the Cancel click itself).
 */
import { CvError } from '../../core/index.ts';
import { csvImportPlan } from './csv-import.ts';
import type { CsvWorkerReply, CsvWorkerRequest } from './csv-parse.ts';

const post = (reply: CsvWorkerReply) => (self as unknown as { postMessage(m: CsvWorkerReply): void }).postMessage(reply);

self.addEventListener('message', (event: MessageEvent<CsvWorkerRequest>) => {
  const { fileName, bytes } = event.data;
  try {
    const result = csvImportPlan(fileName, new Uint8Array(bytes), (fraction) => post({ type: 'progress', fraction }));
    post({ type: 'done', result });
  } catch (e) {
    post(
      e instanceof CvError
        ? { type: 'error', cvError: { fn: e.fn, kind: e.kind, reason: e.reason } }
        : { type: 'error', message: e instanceof Error ? e.message : String(e) },
    );
  }
});
