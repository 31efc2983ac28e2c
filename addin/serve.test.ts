import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticHandler } from './serve.ts';

describe('static handler of the dev server', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'cvlens-serve-'));
    writeFileSync(path.join(root, 'taskpane.html'), '<p>pane</p>');
    writeFileSync(path.join(root, 'functions.json'), '{}');
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

  it('refuses missing files and paths outside the root', async () => {
    expect((await fetch(`${base}/nope.js`)).status).toBe(404);
    expect((await fetch(`${base}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });
});
