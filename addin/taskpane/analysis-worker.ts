/** The analysis behind Generate (analyze.ts: core's reader, model fit, segmentation) in a worker: see generate.ts. */
import { analyze } from '../shared/analyze.ts';
import type { AnalysisRequest } from './generate.ts';
import { serveInWorker } from './worker-task.ts';

serveInWorker((request: AnalysisRequest) => analyze(request.values, request.options));
