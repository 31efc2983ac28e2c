/**
 * The workbook's parts, byte for byte: each part of the salon workbook (a
 * GBK file with Chinese headings, rows that cannot be used, a composite
 * score) is hashed and compared with the hash it had when the writer was
 * last changed on purpose. The writer is tuned for speed (columns written
 * as bytes, texts and numbers looked up once, widths from extremes); this
 * test fails if such a change moves a single cell, format, width or shared
 * string. Only docProps/core.xml, which holds the time of writing, is left
 * out. The model is 'none' so that the hashes depend on the writer and the
 * scoring of the file, not on an optimiser's last digits.
 *
 * After an intended change of the workbook (a new column, another format),
 * print the new hashes with CVLENS_PRINT_GOLDEN=1 and paste them below.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { analyzeTransactions, parseScoreSpec, readTransactions, type Lang, type Transaction } from '../core/index.ts';
import { segmentWorkbook } from './workbook.ts';

const SALON = fileURLToPath(new URL('../test/fixtures/salon/salon.csv', import.meta.url));

async function partHashes(lang: Lang): Promise<Record<string, string>> {
  const rows: Transaction[] = [];
  const read = readTransactions(readFileSync(SALON), { onTransaction: (t) => rows.push(t) });
  const analysis = analyzeTransactions(rows, { model: 'none', score: parseScoreSpec('revenue:0.5,purchaseDays:0.3,sinceLast:0.2') });
  const bytes = await segmentWorkbook({ analysis, lang, rejected: read.rejected, source: { file: 'salon.csv', transactions: read.rowsAccepted, rejected: read.rejected.length, encoding: read.encoding } });
  const zip = await JSZip.loadAsync(bytes);
  const hashes: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) {
    if (name === 'docProps/core.xml' || zip.files[name]!.dir) continue;
    hashes[name] = createHash('sha256').update(await zip.files[name]!.async('uint8array')).digest('hex').slice(0, 16);
  }
  if (process.env.CVLENS_PRINT_GOLDEN) console.log(lang, JSON.stringify(hashes, null, 2));
  return hashes;
}

const GOLDEN: Record<Lang, Record<string, string>> = {
  en: {
    '[Content_Types].xml': '80ded77d063a7c86',
    '_rels/.rels': '1285b20099c64699',
    'docProps/app.xml': '76837f6b1cd5b744',
    'xl/_rels/workbook.xml.rels': '11991ac0f68cbb64',
    'xl/charts/chart1.xml': 'c22301e7b2dd1bc8',
    'xl/charts/chart2.xml': '9ce1bafed24855f7',
    'xl/drawings/_rels/drawing1.xml.rels': 'be788269f4624392',
    'xl/drawings/drawing1.xml': '34eacf8f45bf9415',
    'xl/sharedStrings.xml': 'a708c2009fb7a3bd',
    'xl/styles.xml': '829813d407bcbef9',
    'xl/tables/table1.xml': 'e4886b81ea022bbf',
    'xl/workbook.xml': '2da9cf7210e4ec5f',
    'xl/worksheets/_rels/sheet1.xml.rels': '959a2cb8f146e52e',
    'xl/worksheets/_rels/sheet2.xml.rels': 'c0707b6683dcfd9b',
    'xl/worksheets/sheet1.xml': 'be5e37e3f0ed85dd',
    'xl/worksheets/sheet2.xml': '5733d8d87286285c',
    'xl/worksheets/sheet3.xml': '34699ab8ddc2b3ba',
    'xl/worksheets/sheet4.xml': 'b6fc1a18033719d2',
    'xl/worksheets/sheet5.xml': '572842c40d4ae0d2',
  },
  zh: {
    '[Content_Types].xml': '80ded77d063a7c86',
    '_rels/.rels': '1285b20099c64699',
    'docProps/app.xml': '76837f6b1cd5b744',
    'xl/_rels/workbook.xml.rels': '11991ac0f68cbb64',
    'xl/charts/chart1.xml': 'f0e1e41b9c069fae',
    'xl/charts/chart2.xml': '9889348b1424da32',
    'xl/drawings/_rels/drawing1.xml.rels': 'be788269f4624392',
    'xl/drawings/drawing1.xml': '477f732f42d71ab7',
    'xl/sharedStrings.xml': '7d62613a7de63155',
    'xl/styles.xml': '829813d407bcbef9',
    'xl/tables/table1.xml': '29a37344e9d7b714',
    'xl/workbook.xml': 'f8fad7997dd1f65f',
    'xl/worksheets/_rels/sheet1.xml.rels': '959a2cb8f146e52e',
    'xl/worksheets/_rels/sheet2.xml.rels': 'c0707b6683dcfd9b',
    'xl/worksheets/sheet1.xml': '43fee7608d4e3784',
    'xl/worksheets/sheet2.xml': 'a6b98991ca1a9a49',
    'xl/worksheets/sheet3.xml': '296a7a62977af247',
    'xl/worksheets/sheet4.xml': '21df1b44763451c0',
    'xl/worksheets/sheet5.xml': '84627b63430d4ace',
  },
};

describe('the salon workbook, part by part', () => {
  it.each(['en', 'zh'] as const)('is byte for byte the workbook written before the writer was tuned (%s)', async (lang) => {
    expect(await partHashes(lang)).toEqual(GOLDEN[lang]);
  });
});
