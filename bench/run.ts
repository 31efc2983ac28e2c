/**
 * `npm run bench`: throughput figures for every part of cvlens, printed as
 * aligned lines a reader can compare between machines and commits. Each
 * product contributes a module; a module that is missing or fails is
 * reported, and the others still run.
 */
import { cpus, totalmem } from 'node:os';

type Bench = (print: (line: string) => void) => Promise<void>;

const suites: { name: string; load: () => Promise<Bench> }[] = [
  { name: 'core: read + summarise + score', load: async () => (await import('./pipeline.ts')).runPipelineBench },
  { name: 'core: probabilistic models', load: async () => (await import('./models.ts')).runModelBench },
  { name: 'excel add-in: segment sheet', load: async () => (await import('./addin.ts')).runAddinBench },
  { name: 'browser extension', load: async () => (await import('./extension.ts')).runExtensionBench },
];

const only = process.argv.slice(2);
const print = (line: string) => process.stdout.write(line + '\n');

print(`cvlens benchmarks — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
let failed = 0;
for (const suite of suites) {
  if (only.length > 0 && !only.some((o) => suite.name.includes(o))) continue;
  print(`\n## ${suite.name}`);
  try {
    await (await suite.load())(print);
  } catch (error) {
    failed++;
    print(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
