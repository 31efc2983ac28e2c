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
  const write = await writePlan(host, plan, io);
  return { analysis, write };
}
