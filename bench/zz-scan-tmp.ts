import { build } from 'vite';
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const out: any = await build({ configFile: false, root: '/work/main', logLevel: 'warn', build: { write: false, minify: true, lib: { entry: '/tmp/exp/scan-entry.ts', formats: ['iife'], name: 'x', fileName: () => 'e.js' } } });
const code = (Array.isArray(out) ? out[0] : out).output[0].code;
const html = readFileSync('/tmp/exp/sf.html', 'utf8');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new','--no-sandbox','--disable-gpu'] });
const p = await b.newPage();
const url = 'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent';
await p.route(url, r => r.fulfill({ body: html, contentType: 'text/html' }));
for (const mode of ['full', 'link', 'full', 'link', 'full', 'link']) {
  await p.goto(url);
  await p.addScriptTag({ content: code });
  console.log(JSON.stringify(await p.evaluate((m) => [(globalThis as any).scanTest(m), (globalThis as any).scanTest(m)], mode)));
}
await b.close();
