/**
 * Test helper: where the CDNOW files live (beside the repository, in
 * ../shared/data/cdnow) and whether they are there. The files are not ours
 * to redistribute, so tests read them in place and skip when absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CDNOW_DIR = fileURLToPath(new URL('../../shared/data/cdnow/', import.meta.url));
export const HAS_CDNOW = existsSync(CDNOW_DIR + 'CDNOW_sample.txt');
if (!HAS_CDNOW) console.warn(`CDNOW data not found in ${CDNOW_DIR}: tests that need it are skipped.`);

/**
 * The published 39-week calibration summary (cdnow_customers_summary.csv:
 * ID, frequency, recency, T in weeks) as the models' parallel arrays.
 */
export function cdnowSummary(): { x: number[]; t_x: number[]; T: number[] } {
  const x: number[] = [];
  const t_x: number[] = [];
  const T: number[] = [];
  for (const line of readFileSync(CDNOW_DIR + 'cdnow_customers_summary.csv', 'utf8').trim().split('\n').slice(1)) {
    const [, f, r, age] = line.split(',');
    x.push(Number(f));
    t_x.push(Number(r));
    T.push(Number(age));
  }
  return { x, t_x, T };
}

/** Appended to a test name that is skipped for want of the data. */
export const WHY_NO_CDNOW = HAS_CDNOW ? '' : ` — skipped: CDNOW data not found in ${CDNOW_DIR}`;
