/**
 * "Generate": segment the values read from the selection and write the
 * segment sheet. Pure analysis (analyze.ts) + layout (segment-plan.ts) +
 * Excel I/O (excel-io.ts).
 */
import type { Lang } from '../../core/index.ts';
import { analyze, type Analysis, type AnalysisOptions } from '../shared/analyze.ts';
import { writePlan, type ChunkOptions, type ExcelHost, type WriteReport } from './excel-io.ts';
import { segmentSheetPlan } from './segment-plan.ts';

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
  const analysis = analyze(values, options);
  const plan = segmentSheetPlan(analysis.result, analysis.rejected, lang, options.tierRule);
  // The analysis is the first fifth of the bar, the writes the rest: the bar moves as soon as the sheet is started.
  const ANALYSIS_SHARE = 0.2;
  io.onProgress?.(ANALYSIS_SHARE);
  const write = await writePlan(host, plan, { ...io, onProgress: io.onProgress && ((f) => io.onProgress?.(ANALYSIS_SHARE + (1 - ANALYSIS_SHARE) * f)) });
  return { analysis, write };
}
