/**
 * The --out path, checked before any work: its extension decides the
 * format, and the file is opened for writing at once, so a missing or
 * read-only folder fails in a second instead of after the analysis.
 */
import { closeSync, existsSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { UsageError } from './usage-error.ts';

export type OutputFormat = 'xlsx' | 'csv' | 'json';

const DESCRIBED: Record<OutputFormat, string> = { xlsx: '.xlsx (a workbook)', csv: '.csv', json: '.json' };

export function checkOutput(path: string, allowed: readonly OutputFormat[], option = '--out'): OutputFormat {
  const ext = extname(path).slice(1).toLowerCase();
  const format = allowed.find((f) => f === ext);
  if (!format) {
    const list = allowed.map((f) => DESCRIBED[f]);
    const choices = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
    throw new UsageError(`${option} '${path}' must end in ${choices}: the extension sets the format written.`, `${option}“${path}”必须以 ${choices} 结尾：扩展名决定写出的格式。`);
  }
  const folder = dirname(path);
  if (!existsSync(folder)) throw new UsageError(`${option} '${path}': the folder '${folder}' does not exist; create it first.`, `${option}“${path}”：文件夹“${folder}”不存在；请先创建。`);
  if (!statSync(folder).isDirectory()) throw new UsageError(`${option} '${path}': '${folder}' is not a folder.`, `${option}“${path}”：“${folder}”不是文件夹。`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`${option} '${path}' is a folder; give a file name.`, `${option}“${path}”是文件夹；请给出文件名。`);
  assertWritable(path, option);
  return format;
}

/**
 * Opens the file as the write will (a permission check alone says yes to
 * root on a read-only disk) without truncating an existing file, and
 * removes it again if this check created it.
 */
function assertWritable(path: string, option: string): void {
  const existed = existsSync(path);
  try {
    closeSync(openSync(path, existed ? 'r+' : 'wx'));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the disk is read-only' : `the system refused it (${code ?? (error as Error).message})`;
    throw new UsageError(`${option} '${path}' cannot be written: ${why}.`, `${option}“${path}”无法写入：${why}。`);
  }
  if (!existed) unlinkSync(path);
}
