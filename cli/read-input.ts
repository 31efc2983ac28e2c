/**
 * Reads a FILE argument as bytes, turning file-system failures into one
 * sentence the user can act on.
 */
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './usage-error.ts';

export function readInputFile(path: string | undefined): Uint8Array {
  if (!path) throw new UsageError('missing FILE: give the path of a CSV file of transactions.');
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`'${path}' is a folder, not a file.`);
    return readFileSync(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new UsageError(`cannot read '${path}': no such file.`);
    if (code === 'EACCES') throw new UsageError(`cannot read '${path}': permission denied.`);
    throw new UsageError(`cannot read '${path}': ${(error as Error).message}.`);
  }
}
