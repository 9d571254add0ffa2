import { describe, expect, it } from 'vitest';
import { rowDelta } from './row-delta.ts';
import type { GridRow } from './types.ts';

const row = (id: string, value: number): GridRow => ({ id, cells: { v: { value } } });

describe('rowDelta', () => {
  const a = row('a', 1);
  const b = row('b', 2);
  const c = row('c', 3);

  it('Given the same rows with one replaced, When compared, Then only that row is an update', () => {
    const b2 = row('b', 20);
    expect(rowDelta([a, b, c], [a, b2, c])).toEqual({ update: [b2], add: [] });
    expect(rowDelta([a, b, c], [a, b, c])).toEqual({ update: [], add: [] });
  });

  it('Given more rows after the same ones, When compared, Then the new ones are added (and a replaced one updated)', () => {
    const a2 = row('a', 10);
    expect(rowDelta([a], [a2, b, c])).toEqual({ update: [a2], add: [b, c] });
  });

  it('Given rows removed, reordered or an added id already shown, When compared, Then there is no transaction: the grid takes the whole list', () => {
    expect(rowDelta([a, b, c], [a, c])).toBeUndefined();
    expect(rowDelta([a, b], [b, a])).toBeUndefined();
    expect(rowDelta([a, b], [a, b, row('a', 5)])).toBeUndefined();
    expect(rowDelta([a], [a, c, row('c', 4)])).toBeUndefined();
  });
});
