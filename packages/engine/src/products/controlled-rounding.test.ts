import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { controlledRounding, controlledRoundingBuffers, ControlledRoundingUsageError, SNAP } from './controlled-rounding.ts';
import { controlledRoundingReference } from './controlled-rounding-reference.test-data.ts';

/**
 * Each row's floor total and remainder key, as the module comment defines
 * them: a cell within SNAP of a whole fen is whole; the remainder is the
 * row's fractional mass above its floor, compared in millionths of a fen.
 */
function rowRemainders(values: Float64Array, rows: number, columns: number): Array<{ floor: number; key: number; fractional: boolean }> {
  return Array.from({ length: rows }, (_, p) => {
    let floors = 0;
    let mass = 0;
    for (let w = 0; w < columns; w++) {
      const x = values[p * columns + w]!;
      if (Math.abs(x - Math.round(x)) <= SNAP) floors += Math.round(x);
      else {
        floors += Math.floor(x);
        mass += x - Math.floor(x);
      }
    }
    const whole = Math.floor(mass);
    return { floor: floors + whole, key: Math.round((mass - whole) * 1e6), fractional: mass > whole };
  });
}

/** Rows in largest-remainder order (ties: lower index), those that can round either way. */
function remainderOrder(rems: ReturnType<typeof rowRemainders>): number[] {
  return rems
    .map((_, p) => p)
    .filter((p) => rems[p]!.fractional)
    .sort((a, b) => rems[b]!.key - rems[a]!.key || a - b);
}

/** Largest remainder of the real row totals to whole fen, given the grand total. */
function largestRemainder(values: Float64Array, rows: number, columns: number, grand: number): number[] {
  const rems = rowRemainders(values, rows, columns);
  const out = rems.map((r) => r.floor);
  const order = remainderOrder(rems);
  const ups = grand - out.reduce((a, x) => a + x, 0);
  for (let r = 0; r < ups; r++) out[order[r]!]!++;
  return out;
}

/** Checks every promise of controlledRounding on one grid; returns the result. */
function checkRounding(values: Float64Array, rows: number, columns: number) {
  const result = controlledRounding(values, rows, columns);
  const { cells, rowTotals, columnTotals } = result;
  let grand = 0;
  for (let w = 0; w < columns; w++) {
    let real = 0;
    let sum = 0;
    for (let p = 0; p < rows; p++) {
      real += values[p * columns + w]!;
      sum += cells[p * columns + w]!;
    }
    expect(columnTotals[w]).toBe(Math.round(real));
    expect(sum).toBe(columnTotals[w]);
    grand += sum;
  }
  for (let p = 0; p < rows; p++) {
    let sum = 0;
    for (let w = 0; w < columns; w++) {
      const i = p * columns + w;
      const x = values[i]!;
      const c = cells[i]!;
      expect(Number.isInteger(c)).toBe(true);
      // rounded down or up; a whole cell stays as it is
      if (Math.abs(x - Math.round(x)) <= SNAP) expect(c).toBe(Math.round(x));
      else expect(c === Math.floor(x) || c === Math.ceil(x)).toBe(true);
      sum += c;
    }
    expect(rowTotals[p]).toBe(sum);
  }
  // row totals: largest remainder, except the rows listed as forced off it
  const lr = largestRemainder(values, rows, columns, grand);
  const rems = rowRemainders(values, rows, columns);
  const off = new Set(result.rowsOffLargestRemainder);
  for (let p = 0; p < rows; p++) {
    const real = values.subarray(p * columns, (p + 1) * columns).reduce((a, x) => a + x, 0);
    expect(Math.abs(rowTotals[p]! - real)).toBeLessThan(1);
    expect(rowTotals[p] === rems[p]!.floor || (rems[p]!.fractional && rowTotals[p] === rems[p]!.floor + 1)).toBe(true);
    if (off.has(p)) expect(rowTotals[p]).not.toBe(lr[p]);
    else expect(rowTotals[p]).toBe(lr[p]);
  }
  return result;
}

describe('controlled rounding: the issue counter-example and degenerate grids', () => {
  it('Given ¥2.00 over three equal weeks (67, 67, 66 fen) split evenly over two products, When rounded, Then each week keeps its fen and each product gets ¥1.00', () => {
    // real cells 33.5, 33.5, 33 for both products; per-cell ROUND gives 34 + 34 + 33 = 101 per product and 68 per week:
    // wrong both ways. Controlled: in each 67-fen week one product gets 34, the other 33.
    const result = checkRounding(Float64Array.of(33.5, 33.5, 33, 33.5, 33.5, 33), 2, 3);
    expect(Array.from(result.rowTotals)).toEqual([100, 100]);
    expect(Array.from(result.columnTotals)).toEqual([67, 67, 66]);
    expect(result.rowsOffLargestRemainder).toEqual([]);
  });

  it('Given ¥1.00 a week for three weeks over three equal products (33.33… fen each), Then weeks of 100 and products of 100', () => {
    const third = 100 / 3;
    const result = checkRounding(new Float64Array(9).fill(third), 3, 3);
    expect(Array.from(result.rowTotals)).toEqual([100, 100, 100]);
    for (const c of result.cells) expect(c === 33 || c === 34).toBe(true);
  });

  it('Given a grid where largest remainder is infeasible, Then the next rows in largest-remainder order round up, and are listed', () => {
    // products 0 and 1 hold 0.5 fen each in week 0 only, products 2 and 3 in week 1 only: each week has 1 fen to give.
    // Largest remainder (ties → lower index) rounds products 0 and 1 up, but week 0 can round only one of them up;
    // greedy in that order: 0 up, 1 cannot, 2 up → totals [1, 0, 1, 0]
    const result = checkRounding(Float64Array.of(0.5, 0, 0.5, 0, 0, 0.5, 0, 0.5), 4, 2);
    expect(Array.from(result.rowTotals)).toEqual([1, 0, 1, 0]);
    expect(result.rowsOffLargestRemainder).toEqual([1, 2]);
  });

  it('Given 2,000 products at half a fen, the first thousand all in week 0 and the rest in week 1, Then each week rounds up its first 500 (largest remainder asks for the first 1,000)', () => {
    const rows = 2000;
    const values = new Float64Array(rows * 3);
    for (let p = 0; p < rows; p++) values[p * 3 + (p < 1000 ? 0 : 1)] = 0.5;
    const result = checkRounding(values, rows, 3);
    const expected = Array.from({ length: rows }, (_, p) => (p % 1000 < 500 ? 1 : 0));
    expect(Array.from(result.rowTotals)).toEqual(expected);
    expect(result.rowsOffLargestRemainder).toEqual(Array.from({ length: 1000 }, (_, i) => 500 + i));
  });

  it('Given no rows, no columns, or an all-whole grid, Then the grid comes back as it is', () => {
    expect(checkRounding(new Float64Array(0), 0, 5).columnTotals).toEqual(new Float64Array(5));
    expect(checkRounding(new Float64Array(0), 7, 0).rowTotals).toEqual(new Float64Array(7));
    const whole = Float64Array.of(100, 0, 250, 3, 7, 99999999, 12, 0, 1);
    expect(checkRounding(whole, 3, 3).cells).toEqual(whole);
    // float noise of a split is not money: 1e-9 away from a whole fen is that fen
    const noisy = Float64Array.of(100 + 1e-9, 200 - 1e-9, 300, 400);
    expect(Array.from(checkRounding(noisy, 2, 2).cells)).toEqual([100, 200, 300, 400]);
  });

  it('Given the same grid twice, Then the same cells (deterministic)', () => {
    const values = Float64Array.from({ length: 60 }, (_, i) => ((i * 7919) % 1000) / 7 + 0.001 * (i % 3));
    // make each column sum whole by putting the remainder in the last row
    for (let w = 0; w < 6; w++) {
      let s = 0;
      for (let p = 0; p < 9; p++) s += values[p * 6 + w]!;
      values[9 * 6 + w] = Math.ceil(s) + 3 - s;
    }
    expect(controlledRounding(values, 10, 6).cells).toEqual(controlledRounding(values, 10, 6).cells);
  });
});

describe('controlled rounding: misuse', () => {
  it('Then buffers of another size, or a cell count that is not whole, throw ControlledRoundingUsageError', () => {
    expect(() => controlledRounding(Float64Array.of(1, 2), 1, 2, { buffers: controlledRoundingBuffers(3) })).toThrow(ControlledRoundingUsageError);
    expect(() => controlledRoundingBuffers(2.5)).toThrow(ControlledRoundingUsageError);
    expect(() => controlledRoundingBuffers(-1)).toThrow(ControlledRoundingUsageError);
  });

  it('Then a wrong length, a NaN, a column not whole, or an unreachable column total throws ControlledRoundingUsageError', () => {
    expect(() => controlledRounding(new Float64Array(5), 2, 3)).toThrow(ControlledRoundingUsageError);
    expect(() => controlledRounding(Float64Array.of(Number.NaN, 1), 1, 2)).toThrow(ControlledRoundingUsageError);
    expect(() => controlledRounding(Float64Array.of(0.5, 0.25), 2, 1)).toThrow(ControlledRoundingUsageError);
    expect(() => controlledRounding(Float64Array.of(0.5, 0.5), 2, 1, { columnTotals: [3] })).toThrow(ControlledRoundingUsageError);
    expect(() => controlledRounding(Float64Array.of(0.5, 0.5), 2, 1, { columnTotals: [1.5] })).toThrow(ControlledRoundingUsageError);
    expect(() => controlledRounding(Float64Array.of(0.5, 0.5), 2, 1, { columnTotals: [1, 1] })).toThrow(ControlledRoundingUsageError);
    expect(() => controlledRounding(new Float64Array(0), -1, 0)).toThrow(ControlledRoundingUsageError);
  });

  it('Then column totals given by the caller (a week GMV) are used as they are, and must be what the cells sum to', () => {
    const result = controlledRounding(Float64Array.of(0.5, 0.5, 0.5, 0.5), 2, 2, { columnTotals: [1, 1] });
    expect(Array.from(result.columnTotals)).toEqual([1, 1]);
    expect(Array.from(result.rowTotals)).toEqual([1, 1]);
    expect(() => controlledRounding(Float64Array.of(0.5, 0.5, 0.5, 0.5), 2, 2, { columnTotals: [0, 2] })).toThrow(ControlledRoundingUsageError);
    // float noise of the split is fine
    expect(Array.from(controlledRounding(Float64Array.of(0.1 + 0.2, 0.7), 2, 1, { columnTotals: [1] }).cells)).toEqual([0, 1]);
  });
});

/** A products × weeks grid as the product calendar makes one: whole-fen week totals split by weights (some zero). */
const gridOf = (maxRows: number, maxColumns: number) => fc
  .record({ rows: fc.integer({ min: 1, max: maxRows }), columns: fc.integer({ min: 1, max: maxColumns }) })
  .chain(({ rows, columns }) =>
    fc.record({
      rows: fc.constant(rows),
      columns: fc.constant(columns),
      totals: fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: columns, maxLength: columns }),
      weights: fc.array(fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0.01, max: 10, noNaN: true })), { minLength: rows * columns, maxLength: rows * columns }),
    }),
  )
  .map(({ rows, columns, totals, weights }) => {
    const values = new Float64Array(rows * columns);
    for (let w = 0; w < columns; w++) {
      let sum = 0;
      for (let p = 0; p < rows; p++) sum += weights[p * columns + w]!;
      for (let p = 0; p < rows; p++) {
        // a week with no weight at all goes to its first product (the totals must still be met)
        const share = sum > 0 ? weights[p * columns + w]! / sum : p === 0 ? 1 : 0;
        values[p * columns + w] = totals[w]! * share;
      }
    }
    return { rows, columns, values };
  });
const gridArb = gridOf(12, 8);

/** By brute force: the lexicographically largest feasible up-set in largest-remainder order, as row totals. */
function bruteForceRowTotals(values: Float64Array, rows: number, columns: number): number[] | null {
  const fractional: number[] = [];
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]! - Math.round(values[i]!)) > SNAP) fractional.push(i);
  if (fractional.length > 14) return null;
  const colNeed = Array.from({ length: columns }, (_, w) => {
    let s = 0;
    let f = 0;
    for (let p = 0; p < rows; p++) {
      const x = values[p * columns + w]!;
      s += x;
      f += Math.abs(x - Math.round(x)) <= SNAP ? Math.round(x) : Math.floor(x);
    }
    return Math.round(s) - f;
  });
  const feasible: number[][] = [];
  for (let mask = 0; mask < 1 << fractional.length; mask++) {
    const col = new Array<number>(columns).fill(0);
    const row = new Array<number>(rows).fill(0);
    fractional.forEach((i, b) => {
      if (mask & (1 << b)) {
        col[i % columns]!++;
        row[Math.floor(i / columns)]!++;
      }
    });
    if (col.some((c, w) => c !== colNeed[w])) continue;
    // each row must end at ⌊real⌋ or ⌈real⌉
    const totals = row.map((ups, p) => {
      let t = ups;
      for (let w = 0; w < columns; w++) {
        const x = values[p * columns + w]!;
        t += Math.abs(x - Math.round(x)) <= SNAP ? Math.round(x) : Math.floor(x);
      }
      return t;
    });
    const bounds = rowRemainders(values, rows, columns);
    const ok = totals.every((t, p) => t === bounds[p]!.floor || (bounds[p]!.fractional && t === bounds[p]!.floor + 1));
    if (ok) feasible.push(totals);
  }
  if (feasible.length === 0) return null;
  // rank: the up-rows, compared in largest-remainder order
  const rems = rowRemainders(values, rows, columns);
  const order = remainderOrder(rems);
  const key = (t: number[]) => order.map((p) => (t[p]! > rems[p]!.floor ? 1 : 0)).join('');
  feasible.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
  return feasible[0]!;
}

describe('controlled rounding: properties', () => {
  it('Then every column sums to its total, every row to ⌊real⌋ or ⌈real⌉, each cell within a fen, rows by largest remainder unless listed', () => {
    fc.assert(
      fc.property(gridArb, ({ rows, columns, values }) => {
        checkRounding(values, rows, columns);
      }),
      { numRuns: 500 },
    );
  });

  it('Then the row totals are the best choice in largest-remainder order that the weeks allow (brute force on small grids)', () => {
    let tried = 0;
    let compared = 0;
    fc.assert(
      fc.property(gridOf(5, 4), ({ rows, columns, values }) => {
        const best = bruteForceRowTotals(values, rows, columns);
        tried++;
        fc.pre(best !== null);
        compared++;
        expect(Array.from(controlledRounding(values, rows, columns).rowTotals)).toEqual(best);
      }),
      { numRuns: 500 },
    );
    // the brute force must have had real work: most small grids fit its 14 fractional cells
    expect(compared).toBeGreaterThan(tried / 3);
  });

  it('Then half-fen grids, where largest remainder is often infeasible, still sum both ways and take the best feasible rows', () => {
    const halves = fc
      .record({ rows: fc.integer({ min: 1, max: 10 }), columns: fc.integer({ min: 1, max: 6 }) })
      .chain(({ rows, columns }) =>
        fc.record({ rows: fc.constant(rows), columns: fc.constant(columns), halves: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: rows * columns, maxLength: rows * columns }) }),
      );
    fc.assert(
      fc.property(halves, ({ rows, columns, halves: h }) => {
        const values = Float64Array.from(h, (x) => x / 2);
        // make each column whole: add 0.5 to the first row of an odd column
        for (let w = 0; w < columns; w++) {
          let s = 0;
          for (let p = 0; p < rows; p++) s += values[p * columns + w]!;
          if (s % 1 !== 0) values[w]! += 0.5;
        }
        const result = checkRounding(values, rows, columns);
        const best = bruteForceRowTotals(values, rows, columns);
        if (best) expect(Array.from(result.rowTotals)).toEqual(best);
      }),
      { numRuns: 500 },
    );
  });
});

describe('controlled rounding: the column-major layout', () => {
  /** A grid as gridOf makes one, with half-fen cells mixed in (largest remainder often infeasible) and some whole cells. */
  const mixedArb = fc
    .record({ rows: fc.integer({ min: 1, max: 40 }), columns: fc.integer({ min: 1, max: 10 }), seed: fc.integer() })
    .chain(({ rows, columns }) => fc.record({
      rows: fc.constant(rows),
      columns: fc.constant(columns),
      cells: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 9 }).map((h) => h / 2), fc.double({ min: 0, max: 500, noNaN: true })), { minLength: rows * columns, maxLength: rows * columns }),
    }))
    .map(({ rows, columns, cells }) => {
      const values = Float64Array.from(cells);
      // each column whole: its first row takes what the column lacks up to the next fen
      for (let w = 0; w < columns; w++) {
        let s = 0;
        for (let p = 0; p < rows; p++) s += values[p * columns + w]!;
        values[w]! += Math.ceil(s) - s;
      }
      return { rows, columns, values };
    });

  const transpose = (values: Float64Array, rows: number, columns: number) => {
    const out = new Float64Array(values.length);
    for (let p = 0; p < rows; p++) for (let w = 0; w < columns; w++) out[w * rows + p] = values[p * columns + w]!;
    return out;
  };

  /** The outcome of a rounding call: its result, or the message it threw. */
  type Outcome = { cells: number[]; rowTotals: number[]; columnTotals: number[]; off: number[] } | { threw: string };
  const outcome = (f: () => { cells: Float64Array; rowTotals: Float64Array; columnTotals: Float64Array; rowsOffLargestRemainder: number[] }): Outcome => {
    try {
      const r = f();
      return { cells: Array.from(r.cells), rowTotals: Array.from(r.rowTotals), columnTotals: Array.from(r.columnTotals), off: r.rowsOffLargestRemainder };
    } catch (e) {
      return { threw: (e as Error).message };
    }
  };

  it('Then both layouts give the first implementation\'s cells, totals and off-rows, or its error, on random grids', () => {
    let rounded = 0;
    fc.assert(
      fc.property(fc.oneof(mixedArb, gridArb), ({ rows, columns, values }) => {
        const reference = outcome(() => controlledRoundingReference(values, rows, columns));
        expect(outcome(() => controlledRounding(values, rows, columns))).toEqual(reference);
        // with buffers a call on another grid of the same size left full of its figures
        const buffers = controlledRoundingBuffers(values.length);
        const other = Float64Array.from(values, (x, i) => (i % 3 === 0 ? x + 0.25 : x));
        outcome(() => controlledRounding(other, rows, columns, { layout: 'columns', buffers }));
        const byColumn = outcome(() => controlledRounding(transpose(values, rows, columns), rows, columns, { layout: 'columns', buffers }));
        if ('cells' in reference && 'cells' in byColumn) {
          rounded++;
          expect(byColumn.cells).toEqual(Array.from(transpose(Float64Array.from(reference.cells), rows, columns)));
          expect({ ...byColumn, cells: [] }).toEqual({ ...reference, cells: [] });
        } else expect(byColumn).toEqual(reference);
      }),
      { numRuns: 1000 },
    );
    // most grids must round (not throw), or the comparison says little
    expect(rounded).toBeGreaterThan(800);
  });

  it('Given week totals from the caller, Then the column layout rounds a 300 × 52 calendar as the first implementation does', () => {
    const rows = 300;
    const columns = 52;
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const weights = Float64Array.from({ length: rows * columns }, () => (random() < 0.1 ? 0 : random() * 3));
    const totals = Array.from({ length: columns }, () => Math.floor(random() * 5_000_000));
    const values = new Float64Array(rows * columns);
    for (let w = 0; w < columns; w++) {
      let sum = 0;
      for (let p = 0; p < rows; p++) sum += weights[p * columns + w]!;
      for (let p = 0; p < rows; p++) values[p * columns + w] = (totals[w]! * weights[p * columns + w]!) / sum;
    }
    const reference = controlledRoundingReference(values, rows, columns, { columnTotals: totals });
    const byColumn = controlledRounding(transpose(values, rows, columns), rows, columns, { columnTotals: totals, layout: 'columns' });
    // buffers reused after another grid give the same cells, and the result is the buffers' own cells
    const buffers = controlledRoundingBuffers(rows * columns);
    const byColumnValues = transpose(values, rows, columns);
    // another grid first: each week's products in reverse order (the same week totals)
    const reversed = Float64Array.from(byColumnValues, (_, i) => byColumnValues[Math.floor(i / rows) * rows + (rows - 1 - (i % rows))]!);
    controlledRounding(reversed, rows, columns, { columnTotals: totals, layout: 'columns', buffers });
    const reused = controlledRounding(transpose(values, rows, columns), rows, columns, { columnTotals: totals, layout: 'columns', buffers });
    expect(reused.cells).toBe(buffers.cells);
    expect(Array.from(reused.cells)).toEqual(Array.from(byColumn.cells));
    expect(Array.from(byColumn.cells)).toEqual(Array.from(transpose(reference.cells, rows, columns)));
    expect(Array.from(byColumn.rowTotals)).toEqual(Array.from(reference.rowTotals));
  });
});

describe('controlled rounding: product-plan grids against the first implementation, bit for bit', () => {
  /** Each number's 64 bits (so 0 and −0, or two nearby doubles, never compare equal). */
  const bits = (xs: ArrayLike<number>) => Array.from(new BigUint64Array(Float64Array.from(xs).buffer));
  /** Row-major values to the grid evaluator's column-major layout. */
  const byColumn = (values: Float64Array, rows: number, columns: number) => {
    const out = new Float64Array(values.length);
    for (let p = 0; p < rows; p++) for (let w = 0; w < columns; w++) out[w * rows + p] = values[p * columns + w]!;
    return out;
  };
  type Rounded = { cells: Float64Array; rowTotals: Float64Array; columnTotals: Float64Array; rowsOffLargestRemainder: number[] };
  /** The call's result as bits (cells row-major), or the message it threw. */
  const bitsOf = (f: () => Rounded, rows: number, columns: number, layout: 'rows' | 'columns') => {
    try {
      const r = f();
      const cells = layout === 'rows' ? r.cells : byColumn(r.cells, columns, rows);
      return { cells: bits(cells), rowTotals: bits(r.rowTotals), columnTotals: bits(r.columnTotals), off: r.rowsOffLargestRemainder };
    } catch (e) {
      return { threw: (e as Error).message };
    }
  };

  /**
   * A products × weeks revenue grid as the product calendar makes one (row-major), with its
   * week totals: each week's whole fen split by weights. Products are drawn from a few kinds
   * (identical rows: remainders and first-choice keys tie), some weeks off sale (0), some weeks
   * split evenly into whole fen, some weeks with fewer fen than products (most cells under a fen),
   * and now and then a product holding half a fen in one week only (largest remainder infeasible).
   */
  const planGrid = fc
    .record({
      rows: fc.integer({ min: 30, max: 400 }),
      columns: fc.integer({ min: 1, max: 52 }),
      kinds: fc.integer({ min: 1, max: 6 }),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      halves: fc.boolean(),
    })
    .map(({ rows, columns, kinds, seed, halves }) => {
      let s = seed;
      const random = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
      // a kind: a share and a week pattern (off sale, promotion lift); every row is one kind
      const kindWeights = Array.from({ length: kinds }, () => {
        const share = random() ** 2 * 10 + 0.01;
        return Array.from({ length: columns }, (_, w) => (random() < 0.15 ? 0 : share * (w % 8 === 0 ? 1.5 : 1) * (0.5 + random() / 2)));
      });
      const kindOf = Array.from({ length: rows }, () => Math.floor(random() * kinds));
      const weights = new Float64Array(rows * columns);
      for (let p = 0; p < rows; p++) for (let w = 0; w < columns; w++) weights[p * columns + w] = kindWeights[kindOf[p]!]![w]!;
      const group = halves && columns >= 2 ? 2 * Math.floor(rows / 8) : 0;
      weights.fill(0, 0, 2 * group * columns);
      const values = new Float64Array(rows * columns);
      const totals: number[] = [];
      for (let w = 0; w < columns; w++) {
        const style = random();
        let sum = 0;
        for (let p = 0; p < rows; p++) sum += weights[p * columns + w]!;
        if (sum === 0 || style < 0.05) {
          totals.push(0);
          continue; // a week with nothing to split: all cells 0
        }
        if (style < 0.15) {
          // the same whole fen for every product on sale: whole cells
          const each = Math.floor(random() * 5000);
          let total = 0;
          for (let p = 0; p < rows; p++) {
            const on = weights[p * columns + w]! > 0 ? each : 0;
            values[p * columns + w] = on;
            total += on;
          }
          totals.push(total);
          continue;
        }
        // fewer fen than products now and then, else ¥50k–¥500k a week per 1,000 products
        const total = style < 0.3 ? Math.floor(random() * rows) : Math.floor(rows * (5e3 + random() * 4.5e4));
        totals.push(total);
        for (let p = 0; p < rows; p++) values[p * columns + w] = (total * weights[p * columns + w]!) / sum;
      }
      if (halves && columns >= 2) {
        // the first products (off sale all year) get half a fen in week 0 only, as many after them
        // in week 1 only (an even count each, so both weeks stay whole)
        for (let p = 0; p < 2 * group; p++) values[p * columns + (p < group ? 0 : 1)]! += 0.5;
        totals[0]! += group / 2;
        totals[1]! += group / 2;
      }
      return { rows, columns, values, totals };
    });

  it('Then the column layout with reused buffers gives the first implementation\'s cells, totals and off-rows, bit for bit, with and without week totals', () => {
    const buffers = new Map<number, ReturnType<typeof controlledRoundingBuffers>>();
    let rounded = 0;
    let offGrids = 0;
    fc.assert(
      fc.property(planGrid, ({ rows, columns, values, totals }) => {
        const n = values.length;
        // buffers last used by another grid of the same size, as a product plan reuses them edit after edit
        if (!buffers.has(n)) buffers.set(n, controlledRoundingBuffers(n));
        const reused = buffers.get(n)!;
        const columnMajor = byColumn(values, rows, columns);
        for (const columnTotals of [totals, undefined]) {
          const reference = bitsOf(() => controlledRoundingReference(values, rows, columns, { columnTotals }), rows, columns, 'rows');
          expect(bitsOf(() => controlledRounding(columnMajor, rows, columns, { columnTotals, layout: 'columns', buffers: reused }), rows, columns, 'columns')).toEqual(reference);
          expect(bitsOf(() => controlledRounding(values, rows, columns, { columnTotals }), rows, columns, 'rows')).toEqual(reference);
          if (reference.off) {
            rounded++;
            if (reference.off.length > 0) offGrids++;
          }
        }
      }),
      { numRuns: 60, seed: 20261130 },
    );
    // the comparison must have had real work: grids that round, some of them off largest remainder
    expect(rounded).toBeGreaterThan(100);
    expect(offGrids).toBeGreaterThan(5);
  });

  it('Given 2,000 products at half a fen in two weeks of 52 (largest remainder infeasible for half of them) and 2,000 identical products, Then the column layout matches the first implementation bit for bit', () => {
    const rows = 2000;
    const columns = 52;
    const halves = new Float64Array(rows * columns);
    for (let p = 0; p < rows; p++) halves[p * columns + (p < rows / 2 ? 0 : 1)] = 0.5;
    // every product the same: all remainders tie, and every week's first-choice keys tie
    const same = new Float64Array(rows * columns);
    for (let p = 0; p < rows; p++) for (let w = 0; w < columns; w++) same[p * columns + w] = Math.floor((rows * (1000 + 7 * w)) / 3) / rows;
    for (const values of [halves, same]) {
      const buffers = controlledRoundingBuffers(rows * columns);
      const reference = bitsOf(() => controlledRoundingReference(values, rows, columns), rows, columns, 'rows');
      expect(reference.threw).toBeUndefined();
      expect(bitsOf(() => controlledRounding(byColumn(values, rows, columns), rows, columns, { layout: 'columns', buffers }), rows, columns, 'columns')).toEqual(reference);
    }
  });

  it('Then negative cells, −0 and cells a hair from a whole fen round as the first implementation does, bit for bit', () => {
    const edge = [0, -0, 1e-7, -1e-7, 1e-6, -1e-6, 1 - 1e-6, 1 - 1e-7, 1e-6 * (1 + 2 ** -40), -1e-20, -0.25, -0.5, -0.75, -1 + 1e-7, -3.5, 2.5, 7 + 1e-6, 7 - 1e-6, 2 ** 52 + 2, 1e-300];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((rows) => fc.record({ rows: fc.constant(rows), columns: fc.integer({ min: 1, max: 8 }), picks: fc.array(fc.integer({ min: 0, max: edge.length - 1 }), { minLength: rows * 8, maxLength: rows * 8 }) })),
        ({ rows, columns, picks }) => {
          const values = Float64Array.from({ length: rows * columns }, (_, i) => edge[picks[i]!]!);
          // most columns whole: the first row takes the shortfall to the next fen
          for (let w = 0; w < columns; w++) {
            let s = 0;
            for (let p = 0; p < rows; p++) s += values[p * columns + w]!;
            if (picks[w]! % 4 !== 0) values[w]! += Math.ceil(s) - s;
          }
          const reference = bitsOf(() => controlledRoundingReference(values, rows, columns), rows, columns, 'rows');
          expect(bitsOf(() => controlledRounding(byColumn(values, rows, columns), rows, columns, { layout: 'columns' }), rows, columns, 'columns')).toEqual(reference);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
