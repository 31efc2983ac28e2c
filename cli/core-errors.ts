/**
 * The core's error type and message formatter, for cli/main.ts to load only
 * when a command fails: a dynamic import of core/index.ts itself would load
 * the whole core, where this loads two modules (see cli/build.ts).
 */
export { CvError, formatMessage } from '../core/index.ts';
