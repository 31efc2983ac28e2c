/**
 * Test helper: where the CDNOW files live (beside the repository, in
 * ../shared/data/cdnow) and whether they are there. The files are not ours
 * to redistribute, so tests read them in place and skip when absent.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CDNOW_DIR = fileURLToPath(new URL('../../shared/data/cdnow/', import.meta.url));
export const HAS_CDNOW = existsSync(CDNOW_DIR + 'CDNOW_sample.txt');
if (!HAS_CDNOW) console.warn(`CDNOW data not found in ${CDNOW_DIR}: tests that need it are skipped.`);
