/** The analysis behind Generate and CV.SEGMENT in a worker: see analyze-in-worker.ts. */
import { analyze } from './analyze.ts';
import type { AnalysisRequest } from './analyze-in-worker.ts';
import { serveInWorker } from './worker-task.ts';

serveInWorker((request: AnalysisRequest) => analyze(request.values, request.options));
