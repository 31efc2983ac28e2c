#!/usr/bin/env node
// The cvlens command. It runs the compiled bundle (cli/dist/, built by
// `npm run build:cli`, `npm run build` and `npm install`), which starts in a
// fraction of the time tsx needs to compile the sources. When the bundle is
// missing or older than any source it was built from (an edit, a checkout),
// tsx compiles the sources on the fly instead, so the command never runs
// stale code. CVLENS_FROM_SOURCE=1 asks for the sources regardless.
import { bundleIsFresh } from './bundle-freshness.js';

async function load() {
  if (!process.env.CVLENS_FROM_SOURCE && bundleIsFresh(new URL('./dist/', import.meta.url), new URL('../', import.meta.url))) {
    return import('./dist/cvlens.mjs');
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('./main.ts');
}

const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
