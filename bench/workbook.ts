/**
 * The command line's segment workbook on the CDNOW master file (23,570
 * customers): wall and CPU time of writing the .xlsx once the analysis is
 * done: the sheets written as SpreadsheetML text row by row and deflated
 * on libuv's thread pool as they are written (cli/workbook/*.ts), on the
 * main thread alone and with a worker thread writing half the customer
 * rows. CPU time counts every thread, so it includes the compression and
 * the worker's rows done off the main thread. Only the first workbook of
 * the process runs cold, as the command's does; \`npm run bench -- cli\`
 * times the command itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
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
  // The main thread alone, then with a worker thread writing half the customer rows (cli/workbook/row-worker.ts), by turns.
  const ways = [
    { name: 'one thread', rowWorkerFrom: Infinity },
    { name: 'row worker', rowWorkerFrom: 0 },
  ];
  for (const lang of ['en', 'zh', 'en', 'zh'] as const) {
    for (const way of ways) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const bytes = await segmentWorkbook({ analysis: result, lang, rejected: [], source: { file: 'CDNOW_master.txt' } }, { rowWorkerFrom: way.rowWorkerFrom });
      const wall = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpu);
      print(
        `  workbook (${lang}, ${way.name}) of ${n.toLocaleString('en')} customers: ${wall.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, ` +
          `${(bytes.length / 2 ** 20).toFixed(1)} MB`,
      );
    }
  }
  print(`  load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} CPUs`);
}
