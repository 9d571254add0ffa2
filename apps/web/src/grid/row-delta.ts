import type { GridRow } from './types.ts';

/**
 * What changed between the rows a grid shows and the rows it is given next,
 * as one AG Grid transaction: `update` when the same rows (same ids, same
 * order) come back with some row objects replaced, `add` when the old rows
 * come back unchanged with more after them. Anything else (rows removed,
 * reordered, filtered) is undefined: the grid takes the whole list.
 *
 * Why: handed a new list of 10,000 rows, AG Grid compares every row by id
 * to find the one a price edit changed, a long task on the page's main
 * thread; rows are immutable here, so the changed ones are those that are
 * not the same object, found in one pass of identity checks.
 *
 * @example rowDelta([a, b], [a, b2]) // { update: [b2], add: [] }  (b2.id === b.id)
 * @example rowDelta([a], [a, b])      // { update: [], add: [b] }
 */
export function rowDelta(shown: readonly GridRow[], next: readonly GridRow[]): { update: GridRow[]; add: GridRow[] } | undefined {
  if (next.length < shown.length) return undefined;
  const update: GridRow[] = [];
  for (let i = 0; i < shown.length; i++) {
    const before = shown[i]!;
    const after = next[i]!;
    if (before === after) continue;
    if (before.id !== after.id) return undefined;
    update.push(after);
  }
  const add = next.slice(shown.length);
  // a new row must not take the id of one shown (AG Grid would refuse the transaction)
  if (add.length > 0) {
    const ids = new Set(shown.map((r) => r.id));
    for (const r of add) {
      if (ids.has(r.id)) return undefined;
      ids.add(r.id);
    }
  }
  return { update, add };
}
