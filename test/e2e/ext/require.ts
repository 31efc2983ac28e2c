import { existsSync } from 'node:fs';
import { CHROMIUM, requireBuild } from './harness.ts';

/** Fails with a clear message when Debian's Chromium is not installed. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium).`);
}

/** Both: a Chromium to run and a built extension to load. */
export function requireChromiumAndBuild(): void {
  requireChromium();
  requireBuild();
}
