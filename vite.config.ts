/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// One config for the test runner. The two products have build configs of their
// own (addin/build.ts, extension/build.ts) because each needs several bundles
// with different formats; both call vite's build API.
export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'cli/**/*.test.ts',
      'addin/**/*.test.{ts,tsx}',
      'extension/**/*.test.{ts,tsx}',
      'test/**/*.test.{ts,tsx}',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser end-to-end suites start their own Chromium; two cores cannot
    // run many of them at once.
    maxWorkers: 2,
  },
});
