/**
 * Entry of functions.js: associates each id of functions.json with its
 * implementation in Excel's custom-functions runtime. Loaded by the shared
 * runtime page (taskpane.html) so functions and pane share one JS context.
 */
import { FUNCTIONS } from './index.ts';

interface Associator {
  associate(id: string, fn: (...args: unknown[]) => unknown): void;
}

const runtime = (globalThis as { CustomFunctions?: Associator }).CustomFunctions;
if (runtime) {
  for (const [id, fn] of Object.entries(FUNCTIONS)) runtime.associate(id, fn as (...args: unknown[]) => unknown);
}
