/** The rows a reader could not use, each with its line (or sheet row) and reason, as a report table. */
import { formatReason } from '../i18n/messages.ts';
import type { Lang, RejectedRow } from '../types.ts';
import type { ReportTable } from './report-table.ts';
import { word } from './report-words.ts';

/**
 * `where` names what the number counts: a line of a text file, or a row of a
 * worksheet (an xlsx input or an Excel selection).
 * @example rejectedTable([{ line: 3, reason: 'no date' }], 'en').rows[0].cells // [3, 'no date']
 */
export function rejectedTable(rejected: readonly RejectedRow[], lang: Lang, where: 'line' | 'sheetRow' = 'line'): ReportTable {
  return {
    id: 'Rejected',
    title: word('rejectedTitle', lang),
    headers: [word(where, lang), word('reason', lang)],
    formats: ['integer', 'text'],
    // Each reason in the report's language where the reader gave it as messages.
    rows: rejected.map((r) => ({ cells: [r.line, formatReason(r, lang)] })),
  };
}
