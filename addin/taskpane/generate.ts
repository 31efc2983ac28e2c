/**
 * "Generate": segment the values read from the selection and write the
 * segment sheet. Pure analysis (analyze.ts) + layout (segment-plan.ts) +
 * Excel I/O (excel-io.ts). The analysis, one synchronous call of seconds on
 * a large selection with model choice, runs in a worker (analysis-worker.ts)
 * so that Cancel stops it at once (shared/analyze-in-worker.ts).
 */
import type { Lang } from '../../core/index.ts';
import type { Analysis, AnalysisOptions } from '../shared/analyze.ts';
import { analyzeCancelable } from '../shared/analyze-in-worker.ts';
import { writePlan, type ChunkOptions, type ExcelHost, type WriteReport } from './excel-io.ts';
import { segmentSheetPlan } from './segment-plan.ts';

// vite builds analysis-worker.ts into a file of its own from this `new URL(…, import.meta.url)`.
const startAnalysisWorker = () => new Worker(new URL('../shared/analysis-worker.ts', import.meta.url));

export interface Generated {
  analysis: Analysis;
  write: WriteReport;
}

export async function generateSegmentSheet(
  host: ExcelHost,
  values: readonly (readonly unknown[])[],
  options: AnalysisOptions,
  lang: Lang,
  io: ChunkOptions = {},
): Promise<Generated> {
  const analysis = await analyzeCancelable(values, options, startAnalysisWorker, io.signal);
  const plan = segmentSheetPlan(analysis.result, analysis.rejected, lang, options.tierRule);
  // The analysis is the first fifth of the bar, the writes the rest: the bar moves as soon as the sheet is started.
  const ANALYSIS_SHARE = 0.2;
  io.onProgress?.(ANALYSIS_SHARE);
  const write = await writePlan(host, plan, { ...io, onProgress: io.onProgress && ((f) => io.onProgress?.(ANALYSIS_SHARE + (1 - ANALYSIS_SHARE) * f)) });
  return { analysis, write };
}
