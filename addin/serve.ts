/**
 * Serves dist/addin on https://localhost:3000/ for sideloading, with the
 * Office dev certificates (`npx office-addin-dev-certs install` puts them in
 * ~/.office-addin-dev-certs/). No dependencies: node:https + a static handler.
 *
 *   npm run build:addin && npx tsx addin/serve.ts [--port 3000] [--root dist/addin] [--local-office-js]
 *
 * Office requires the pane to load office.js from Microsoft's CDN, and the
 * build does. For development without that CDN (an offline laptop, a
 * browser opening the pane outside Office), --local-office-js serves the
 * copy in the @microsoft/office-js package at /office-js/ and points the
 * served pages at it; the built files are not changed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
};

export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
/** Where the npm package keeps office.js and its host files. */
export const OFFICE_JS_PACKAGE = fileURLToPath(new URL('../node_modules/@microsoft/office-js/dist/', import.meta.url));

export interface StaticOptions {
  /** Serve office.js from the npm package at /office-js/ instead of the CDN. */
  localOfficeJs?: boolean;
}

/** A request handler serving files under `root` (GET/HEAD only, no directory escape). */
export function staticHandler(root: string, options: StaticOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    let rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'taskpane.html';
    let base = path.resolve(root);
    if (options.localOfficeJs && rel.startsWith('office-js/')) {
      base = path.resolve(OFFICE_JS_PACKAGE);
      rel = rel.slice('office-js/'.length);
    }
    const file = path.resolve(base, rel);
    // Office loads the pages cross-origin in some hosts.
    res.setHeader('Access-Control-Allow-Origin', '*');
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    let body: Buffer | string = readFileSync(file);
    if (options.localOfficeJs && file.endsWith('.html')) body = body.toString('utf8').replaceAll(OFFICE_JS_CDN, '/office-js/');
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const port = Number(arg('--port', '3000'));
  const root = arg('--root', path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/addin'));
  const certs = path.join(homedir(), '.office-addin-dev-certs');
  const key = path.join(certs, 'localhost.key');
  const cert = path.join(certs, 'localhost.crt');
  if (!existsSync(key) || !existsSync(cert)) {
    console.error(`No dev certificates in ${certs}. Run: npx office-addin-dev-certs install`);
    process.exit(1);
  }
  if (!existsSync(path.join(root, 'manifest.xml'))) {
    console.error(`${root} has no build. Run: npm run build:addin`);
    process.exit(1);
  }
  const localOfficeJs = process.argv.includes('--local-office-js');
  createServer({ key: readFileSync(key), cert: readFileSync(cert) }, staticHandler(root, { localOfficeJs })).listen(port, () => {
    console.log(`cvlens add-in on https://localhost:${port}/ (from ${root}); manifest: ${path.join(root, 'manifest.xml')}`);
  });
}
