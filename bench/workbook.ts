/**
 * The command line's segment workbook on the CDNOW master file (23,570
 * customers): wall and CPU time of writing the .xlsx once the analysis is
 * done: the sheets written as SpreadsheetML text row by row and deflated
 * on libuv's thread pool as they are written (cli/workbook/*.ts). CPU time
 * counts every thread, so it includes the compression done off the main
 * thread.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAnalysis, readTransactions } from '../core/index.ts';
import { segmentWorkbook } from '../cli/workbook.ts';

const CDNOW = fileURLToPath(new URL('../../shared/data/cdnow/CDNOW_master.txt', import.meta.url));

export async function runWorkbookBench(print: (line: string) => void): Promise<void> {
  if (!existsSync(CDNOW)) {
    print(`  skipped: ${CDNOW} not found`);
    return;
  }
  const analysis = createAnalysis({ model: 'bgnbd' });
  readTransactions(readFileSync(CDNOW), { onTransaction: analysis.add });
  const result = analysis.finish();
  // Not segment.customers: that would build every row object before the clock starts, and the workbook reads the rows itself.
  const n = result.segment.totals.customers;
  for (const lang of ['en', 'zh'] as const) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const bytes = await segmentWorkbook({ analysis: result, lang, rejected: [], source: { file: 'CDNOW_master.txt' } });
    const wall = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    print(
      `  workbook (${lang}) of ${n.toLocaleString('en')} customers: ${wall.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, ` +
        `${(bytes.length / 2 ** 20).toFixed(1)} MB`,
    );
  }
}
