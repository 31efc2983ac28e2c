/**
 * Transactions for the add-in's tests of CV.SEGMENT: three one-column ranges
 * (id, date serial, amount) with a header, for `customers` customers buying
 * 1–8 times over 18 months from 2024-01-01 (serial 45292) — a fixed
 * pseudo-random sequence (Park–Miller), the same on every run. BG/NBD fits
 * and scores these customers.
 */
export function transactions(customers: number): (string | number)[][][] {
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const cols: (string | number)[][][] = [[['Customer']], [['Date']], [['Amount']]];
  for (let c = 0; c < customers; c++) {
    const n = 1 + Math.floor(rnd() * 8);
    for (let k = 0; k < n; k++) {
      cols[0].push([`C${c}`]);
      cols[1].push([45292 + Math.floor(rnd() * 540)]);
      cols[2].push([10 + Math.round(rnd() * 900) / 10]);
    }
  }
  return cols;
}
