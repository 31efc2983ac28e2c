/**
 * What saying the core's sentences costs: a file whose every row is
 * rejected (each reason built as a message and its English text), and
 * those reasons said again in Chinese, as `--lang zh` prints them.
 */
import { formatReason, readTransactions } from '../core/index.ts';

export async function runMessagesBench(print: (line: string) => void): Promise<void> {
  const rows = 100_000;
  const lines = ['customer,date,amount'];
  for (let i = 0; i < rows; i++) lines.push(i % 2 === 0 ? `c${i},2024-02-30,12` : `c${i},2024-03-05,abc`);
  const text = lines.join('\n');
  readTransactions(text); // warm up
  let t = performance.now();
  const read = readTransactions(text);
  const readMs = performance.now() - t;
  t = performance.now();
  let chars = 0;
  for (const r of read.rejected) chars += formatReason(r, 'zh').length;
  const zhMs = performance.now() - t;
  print(`  read ${rows.toLocaleString('en')} rows, every one rejected     ${readMs.toFixed(0).padStart(6)} ms  (${((readMs * 1000) / rows).toFixed(2)} µs/row)`);
  print(`  say their reasons in Chinese                 ${zhMs.toFixed(0).padStart(6)} ms  (${((zhMs * 1000) / rows).toFixed(2)} µs/row, ${chars.toLocaleString('en')} characters)`);
}
