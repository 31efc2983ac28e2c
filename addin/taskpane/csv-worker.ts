/** The CSV import's parse (csv-import.ts) in a worker: see csv-parse.ts. */
import { csvImportPlan } from './csv-import.ts';
import type { CsvWorkerRequest } from './csv-parse.ts';
import { serveInWorker } from '../shared/worker-task.ts';

serveInWorker((request: CsvWorkerRequest, progress) => csvImportPlan(request.fileName, new Uint8Array(request.bytes), progress));
