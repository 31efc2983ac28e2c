/**
 * How far a mistyped option is from the real ones, to suggest the one meant
 * ("--horizn: did you mean --horizon?").
 */

/**
 * Optimal string alignment distance (Damerau 1964; Levenshtein 1966 with
 * adjacent transpositions): insertions, deletions, substitutions and swaps
 * of two neighbouring characters each cost 1, because those are the slips
 * people make when typing.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate a typed word most likely meant: the only candidate it is a
 * prefix of, else the nearest within a third of its length (at least 1, at
 * most 3 edits), so that unrelated words get no suggestion. Ties keep the
 * first candidate.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(w));
  if (w !== '' && prefixed.length === 1) return prefixed[0];
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
