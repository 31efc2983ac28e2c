import { describe, expect, it } from 'vitest';
import { duckdbMemoryFor, openDuckdb, queryRows } from './duckdb-engine.ts';

describe('duckdbMemoryFor', () => {
  it.skipIf(process.env.CVLENS_DUCKDB_MEMORY !== undefined)('gives DuckDB twice a CSV, from 128 MB to 500 MB', () => {
    // 1,005,320 simulated rows are a 70,447,916-byte file; 10,026,014 rows 711,279,487 bytes.
    expect([1e6, 70_447_916, 711_279_487].map(duckdbMemoryFor)).toEqual(['128MB', '141MB', '500MB']);
  });

  it('is the limit DuckDB then runs with', async () => {
    const db = await openDuckdb({ memoryLimit: duckdbMemoryFor(70_447_916) });
    try {
      const [row] = await queryRows(db, "SELECT current_setting('memory_limit') AS limit");
      // DuckDB shows its limit in binary units: 141 MB (10^6 bytes) are 134.5 MiB.
      expect(String(row!.limit)).toMatch(/^134\.\d MiB$/);
    } finally {
      db.close();
    }
  });
});
