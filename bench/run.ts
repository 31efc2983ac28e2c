/**
 * `npm run bench`: throughput figures for every part of cvlens, printed as
 * aligned lines a reader can compare between machines and commits. Each
 * product contributes a module; a module that is missing or fails is
 * reported, and the others still run.
 */
import { cpus, totalmem } from 'node:os';

type Bench = (print: (line: string) => void) => Promise<void>;

// Each suite is loaded by path so that one product's bench can be absent
// or broken without stopping the others.
const suites: { name: string; file: string; fn: string }[] = [
  { name: 'core: read + summarise + score', file: './pipeline.ts', fn: 'runPipelineBench' },
  { name: 'core: probabilistic models', file: './models.ts', fn: 'runModelBench' },
  { name: 'core: model fits on flat data (the limits of the model)', file: './fit-flat.ts', fn: 'runFlatFitBench' },
  { name: 'core: scores checked against what customers did next', file: './scores.ts', fn: 'runScoresBench' },
  { name: 'core: rejected-row reasons, in English and Chinese', file: './messages.ts', fn: 'runMessagesBench' },
  { name: 'core: BG/NBD fit vs a Python/scipy baseline', file: './python-baseline.ts', fn: 'runPythonBaselineBench' },
  { name: 'command line: segment workbook', file: './workbook.ts', fn: 'runWorkbookBench' },
  { name: 'command line: start-up and CDNOW → workbook', file: './cli.ts', fn: 'runCliBench' },
  { name: 'sql: the summary step in embedded DuckDB', file: './sql.ts', fn: 'runSqlBench' },
  { name: 'excel add-in: segment sheet', file: './addin.ts', fn: 'runAddinBench' },
  { name: 'browser extension: list-view badges', file: './extension-list.ts', fn: 'runExtensionListBench' },
  { name: 'browser extension: imports, lookups, bundles', file: './extension.ts', fn: 'runExtensionBench' },
  { name: 'browser extension: company aggregates at import', file: './extension-companies.ts', fn: 'runExtensionCompaniesBench' },
];

async function load(file: string, fn: string): Promise<Bench> {
  const mod = (await import(new URL(file, import.meta.url).href)) as Record<string, Bench | undefined>;
  const bench = mod[fn];
  if (typeof bench !== 'function') throw new Error(`${file} does not export ${fn}`);
  return bench;
}

const only = process.argv.slice(2);
const print = (line: string) => process.stdout.write(line + '\n');

print(`cvlens benchmarks — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
let failed = 0;
for (const suite of suites) {
  if (only.length > 0 && !only.some((o) => suite.name.includes(o) || suite.file.includes(o))) continue;
  print(`\n## ${suite.name}`);
  try {
    await (await load(suite.file, suite.fn))(print);
  } catch (error) {
    failed++;
    print(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
