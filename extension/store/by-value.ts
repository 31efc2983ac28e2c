/** Highest value first; customers without a value last; then by id, for a stable order. */
export function byValue(a: { id: string; value?: number }, b: { id: string; value?: number }): number {
  const va = a.value ?? -Infinity;
  const vb = b.value ?? -Infinity;
  return va !== vb ? vb - va : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
