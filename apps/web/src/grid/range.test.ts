import { describe, expect, it } from 'vitest';
import { clampPos, extendRange, isMultiCell, rangeRect, rectContains, rectSize, singleCell, unionRect } from './range.ts';

const bounds = { rowCount: 10, colCount: 5 };

describe('range maths', () => {
  it('normalises a range dragged in any direction', () => {
    expect(rangeRect({ anchor: { row: 3, col: 2 }, focus: { row: 1, col: 4 } })).toEqual({ top: 1, left: 2, bottom: 3, right: 4 });
    expect(rectSize({ top: 1, left: 2, bottom: 3, right: 4 })).toEqual({ rows: 3, cols: 3 });
  });

  it('Shift+arrows move the free corner and keep the anchor, inside the grid', () => {
    let r = singleCell({ row: 0, col: 0 });
    r = extendRange(r, 1, 0, bounds);
    r = extendRange(r, 0, 1, bounds);
    expect(r).toEqual({ anchor: { row: 0, col: 0 }, focus: { row: 1, col: 1 } });
    expect(extendRange(r, -5, -5, bounds).focus).toEqual({ row: 0, col: 0 });
    expect(extendRange(r, 1, 0, bounds, true).focus).toEqual({ row: 9, col: 1 });
    expect(isMultiCell(r)).toBe(true);
    expect(isMultiCell(singleCell({ row: 2, col: 2 }))).toBe(false);
  });

  it('contains, clamps and unites', () => {
    const rect = { top: 1, left: 1, bottom: 2, right: 3 };
    expect(rectContains(rect, 2, 3)).toBe(true);
    expect(rectContains(rect, 3, 3)).toBe(false);
    expect(clampPos({ row: 42, col: -1 }, bounds)).toEqual({ row: 9, col: 0 });
    expect(unionRect(rect, { top: 0, left: 2, bottom: 1, right: 4 })).toEqual({ top: 0, left: 1, bottom: 2, right: 4 });
  });
});
