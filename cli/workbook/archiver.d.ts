/** The part of archiver's API (https://www.archiverjs.com) the workbook uses; archiver ships no types. */
declare module 'archiver' {
  import type { Readable } from 'node:stream';

  interface Archiver extends Readable {
    append(source: Buffer | Uint8Array | string, data: { name: string; date?: Date }): this;
    finalize(): Promise<void>;
  }

  function archiver(format: 'zip', options?: { zlib?: { level?: number }; store?: boolean }): Archiver;
  export default archiver;
}
