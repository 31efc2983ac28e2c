import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_JS_CDN, OFFICE_JS_PACKAGE, staticHandler } from './serve.ts';

describe('static handler of the dev server', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'cvlens-serve-'));
    writeFileSync(path.join(root, 'taskpane.html'), '<p>pane</p>');
    writeFileSync(path.join(root, 'functions.json'), '{}');
    writeFileSync(path.join(root, 'cdn.html'), `<script src="${OFFICE_JS_CDN}office.js"></script>`);
    server = createServer(staticHandler(root));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('serves files with their content type, and the pane at /', async () => {
    const json = await fetch(`${base}/functions.json`);
    expect(json.headers.get('content-type')).toMatch(/application\/json/);
    expect(await (await fetch(`${base}/`)).text()).toBe('<p>pane</p>');
  });

  it('leaves the CDN script tag alone by default', async () => {
    expect(await (await fetch(`${base}/cdn.html`)).text()).toContain(OFFICE_JS_CDN + 'office.js');
  });

  it('refuses missing files and paths outside the root', async () => {
    expect((await fetch(`${base}/nope.js`)).status).toBe(404);
    expect((await fetch(`${base}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });
});

describe('the dev server with --local-office-js', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'cvlens-serve-'));
    writeFileSync(path.join(root, 'taskpane.html'), `<script src="${OFFICE_JS_CDN}office.js"></script>`);
    server = createServer(staticHandler(root, { localOfficeJs: true }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('points the pane at the local copy and serves office.js from the npm package', async () => {
    expect(await (await fetch(`${base}/taskpane.html`)).text()).toBe('<script src="/office-js/office.js"></script>');
    const js = await fetch(`${base}/office-js/office.js`);
    expect(js.status).toBe(200);
    expect(await js.text()).toBe(readFileSync(path.join(OFFICE_JS_PACKAGE, 'office.js'), 'utf8'));
  });

  it('does not let /office-js/ escape the package folder', async () => {
    expect((await fetch(`${base}/office-js/..%2F..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});
