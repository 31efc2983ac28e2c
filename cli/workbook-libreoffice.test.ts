/**
 * The workbook in another spreadsheet program than the one that wrote it:
 * LibreOffice (headless) must load it without complaint, keep its three
 * charts when it saves the file again, and print it to a PDF whose first
 * page (the tier summary with its charts) renders to an image. Needs
 * `soffice` (Debian: libreoffice-calc-nogui, installed by .ci/run) and, for
 * the image, `pdftoppm` (poppler-utils); skipped with a message without them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

const HAS_SOFFICE = onPath('soffice');
const HAS_PDFTOPPM = onPath('pdftoppm');
if (!HAS_SOFFICE) console.warn('workbook-libreoffice.test.ts skipped: no soffice on PATH (apt-get install libreoffice-calc-nogui).');

// LibreOffice's first start builds a profile (about 20 s alone on the 2-core build machine); a loaded machine needs room.
const BUDGET_MS = 240_000;

function soffice(profile: string, args: string[]): { code: number; stderr: string } {
  const run = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args], { encoding: 'utf8', timeout: BUDGET_MS });
  return { code: run.status ?? -1, stderr: run.stderr ?? '' };
}

describe.skipIf(!HAS_SOFFICE)('the segment workbook in LibreOffice', { timeout: BUDGET_MS }, () => {
  it('loads, keeps its charts when saved again, and prints a summary page that renders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvlens-lo-'));
    const demo = join(dir, 'demo.csv');
    const book = join(dir, 'segments.xlsx');
    expect(runCli(['demo', '--out', demo, '--customers', '300', '--seed', '3']).code).toBe(0);
    const run = runCli(['segment', demo, '--calibration-end', '2026-01-31', '--out', book]);
    expect(run.code, run.stderr).toBe(0);
    const profile = join(dir, 'profile');

    const resaved = join(dir, 'resaved');
    const save = soffice(profile, ['--convert-to', 'xlsx', '--outdir', resaved, book]);
    expect(save.code, save.stderr).toBe(0);
    expect(save.stderr).not.toMatch(/error/i);
    const zip = await JSZip.loadAsync(readFileSync(join(resaved, 'segments.xlsx')));
    // LibreOffice writes back the charts as it understood them: each of its kind, over the same cells.
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).sort();
    expect(charts).toHaveLength(3);
    const understood = await Promise.all(charts.map(async (f) => (await zip.file(f)!.async('string')).replace(/&apos;|'/g, '')));
    const expected: [string, string[]][] = [
      // Sheet names unquoted: LibreOffice quotes only the names that need it.
      ['<c:barChart>', ['Tier summary!$A$5:$A$8', 'Tier summary!$D$5:$D$8', 'Tier summary!$F$5:$F$8']],
      ['<c:scatterChart>', ['Tier summary!$B$']],
      ['<c:lineChart>', ['Holdout!$A$4:$A$11', 'Holdout!$C$4:$C$11', 'Holdout!$D$4:$D$11']],
    ];
    expected.forEach(([kind, refs], i) => {
      expect(understood[i]).toContain(kind);
      for (const ref of refs) expect(understood[i]).toContain(`<c:f>${ref}`);
    });
    const sheets = await zip.file('xl/workbook.xml')!.async('string');
    for (const name of ['Tier summary', 'Customers', 'Model', 'Holdout', 'Read me']) expect(sheets).toContain(`name="${name}"`);

    const pdfDir = join(dir, 'pdf');
    const print = soffice(profile, ['--convert-to', 'pdf', '--outdir', pdfDir, book]);
    expect(print.code, print.stderr).toBe(0);
    const pdf = join(pdfDir, 'segments.pdf');
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    if (!HAS_PDFTOPPM) {
      console.warn('workbook-libreoffice.test.ts: no pdftoppm (poppler-utils); the PDF was not rendered to an image.');
      return;
    }
    const png = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(dir, 'page')]);
    expect(png.status).toBe(0);
    const page = readdirSync(dir).find((f) => /^page-\d+\.png$/.test(f));
    expect(page).toBeDefined();
    // A page with two charts and tables is far from blank: a blank A4 page at 60 dpi is under 5 kB.
    expect(existsSync(join(dir, page!)) && statSync(join(dir, page!)).size).toBeGreaterThan(20_000);
  });
});
