/**
 * vite's `?worker&inline` import: the module bundled as a worker script and
 * embedded in the importing bundle; the default export starts it from a Blob
 * URL (a data: URL where Blob URLs fail). As in vite/client's types, declared
 * here alone so as not to pull vite/client's other globals into the program.
 */
declare module '*?worker&inline' {
  const InlineWorker: new (options?: { name?: string }) => Worker;
  export default InlineWorker;
}
