/**
 * Two-way controlled rounding of a products × weeks money grid to whole fen
 * (DOMAIN.md §5, issue 12): every week's cells sum to the week's total, every
 * product's cells to the product's total, and each cell is its real value
 * rounded down or up. Rounding each cell (ROUND) cannot do both at once:
 * ¥2.00 over three equal weeks is 67, 67 and 66 fen; split evenly over two
 * products, the cells are 33.5, 33.5 and 33 fen, and ROUND makes each product
 * 101 fen and each of the first two weeks 68.
 *
 * How (all in fen, exact integer arithmetic on doubles):
 * 1. Cells within SNAP of a whole fen are whole; the rest are split into
 *    floor + a fractional part g ∈ (0, 1). Each week then needs k_w of its
 *    fractional cells rounded up, each product between ⌊s_p⌋ and ⌈s_p⌉ of its
 *    own (s_p = its fractional mass). Such a 0/1 choice always exists: the
 *    real grid is a fractional solution of a bipartite flow whose bounds are
 *    whole, and flow polytopes have whole vertices (Cox's controlled rounding).
 * 2. The products that round up are chosen by largest remainder of their real
 *    totals (remainders compared in millionths of a fen; ties: the lower
 *    index) — as far as the weeks allow. Largest remainder alone is not
 *    always feasible: if products 0 and 1 hold ¥0.005
 *    each in week A only, and products 2 and 3 likewise in week B, largest
 *    remainder rounds 0 and 1 up, yet week A has only one fen to give. The
 *    products that can round up together are the bases of a matroid, so
 *    taking them greedily in largest-remainder order gives the one choice
 *    closest to it (lexicographically largest); when largest remainder is
 *    feasible, that is exactly it.
 * 3. A first choice is made week by week, each week rounding up the cells of
 *    the products furthest behind their targets; augmenting paths in the
 *    bipartite graph then repair any product outside its bounds and make the
 *    greedy exchanges of step 2. The result depends only on the input.
 */

/** Misuse: a grid whose shape does not match, a value that is not finite, or week totals that are not whole fen / not reachable by rounding the cells. */
export class ControlledRoundingUsageError extends Error {
  override name = 'ControlledRoundingUsageError';
}

/** The rounded grid: whole-fen cells, laid out like the input, with the totals they sum to. */
export interface ControlledRounding {
  /** rows × columns whole fen, in the input's layout (row-major: cell (p, w) at p × columns + w; see ControlledRoundingOptions.layout). */
  cells: Float64Array;
  /** Each row's (product's) total in whole fen: its real total rounded down or up. */
  rowTotals: Float64Array;
  /** Each column's (week's) total in whole fen. */
  columnTotals: Float64Array;
  /**
   * Rows whose total is not the largest-remainder rounding of their real
   * total because the column totals did not allow it (ascending; usually
   * empty).
   */
  rowsOffLargestRemainder: number[];
}

/** Options of controlledRounding. */
export interface ControlledRoundingOptions {
  /**
   * The columns' totals in whole fen, when the caller holds them (a week's
   * GMV): the real cells must sum to them up to float noise
   * (COLUMN_SUM_TOLERANCE). Absent, each column's real sum rounded to the
   * fen, which must then lie as close to a whole fen.
   */
  columnTotals?: ArrayLike<number>;
  /**
   * How `values` (and the returned cells) are laid out: 'rows' (default),
   * cell (p, w) at p × columns + w; 'columns', at w × rows + p, the grid
   * evaluator's layout, so its real revenue is rounded without a copy. The
   * result is the same in either layout, cell for cell.
   */
  layout?: 'rows' | 'columns';
  /**
   * Working arrays to reuse from one call to the next (controlledRoundingBuffers
   * of the grid's cell count), so a caller rounding the same grid again and
   * again (every edit of a product plan) allocates nothing per call. With a
   * 'columns' grid the result's cells are `buffers.cells`, overwritten by the
   * next call that uses them.
   */
  buffers?: ControlledRoundingBuffers;
}

/** Working arrays of controlledRounding for a grid of a given cell count (see ControlledRoundingOptions.buffers). */
export interface ControlledRoundingBuffers {
  readonly cells: Float64Array;
  readonly frac: Float64Array;
  readonly up: Uint8Array;
}

/**
 * Working arrays for rounding grids of `cells` cells, to pass as
 * ControlledRoundingOptions.buffers. Throws ControlledRoundingUsageError for
 * a count that is not a whole number ≥ 0.
 * @example const buffers = controlledRoundingBuffers(10_000 * 52);
 */
export function controlledRoundingBuffers(cells: number): ControlledRoundingBuffers {
  if (!(Number.isInteger(cells) && cells >= 0)) throw new ControlledRoundingUsageError(`a grid has a whole number ≥ 0 of cells, not ${cells}`);
  return { cells: new Float64Array(cells), frac: new Float64Array(cells), up: new Uint8Array(cells) };
}

/** A cell within this many fen of a whole fen is taken as whole (float noise of a split, not money). */
export const SNAP = 1e-6;

/**
 * How far a column's real sum may be from its total (given, or the nearest
 * whole fen): this fraction of the column's absolute sum, at least 1e-6 fen.
 */
export const COLUMN_SUM_TOLERANCE = 1e-9;

/**
 * Rounds a real rows × columns grid of fen (a Float64Array, row-major unless
 * options.layout says 'columns') to whole
 * fen so that every column sums to its total and every row to its total, each
 * cell its real value rounded down or up (a whole cell stays), row totals by
 * largest remainder as far as the columns allow (see the module comment).
 * Throws ControlledRoundingUsageError for a misshapen grid, a value that is
 * not finite, or column totals that are not whole / not reachable.
 *
 * The work is done column by column (a column is a week: its cells are
 * consecutive in the 'columns' layout); a row-major grid is transposed in
 * and out around it.
 * @example controlledRounding(Float64Array.of(33.5, 33.5, 33, 33.5, 33.5, 33), 2, 3).cells // [34, 33, 33, 33, 34, 33]: weeks 67, 67, 66; products 100 each
 */
export function controlledRounding(values: Float64Array, rows: number, columns: number, options: ControlledRoundingOptions = {}): ControlledRounding {
  if (!(Number.isInteger(rows) && rows >= 0 && Number.isInteger(columns) && columns >= 0)) {
    throw new ControlledRoundingUsageError(`rows and columns must be whole numbers ≥ 0, not ${rows} × ${columns}`);
  }
  if (values.length !== rows * columns) throw new ControlledRoundingUsageError(`a ${rows} × ${columns} grid has ${rows * columns} values, not ${values.length}`);
  const buffers = options.buffers;
  if (buffers && (buffers.cells.length !== values.length || buffers.frac.length !== values.length || buffers.up.length !== values.length)) {
    throw new ControlledRoundingUsageError(`buffers for ${buffers.cells.length} cells cannot round a grid of ${values.length}`);
  }
  if (options.layout === 'columns') return roundColumnMajor(values, rows, columns, options);
  const byColumn = transpose(values, rows, columns);
  const result = roundColumnMajor(byColumn, rows, columns, options);
  result.cells = transpose(result.cells, columns, rows);
  return result;
}

/** A rows × columns grid in the other layout (row-major in, column-major out; or, with the sizes swapped, back). */
function transpose(values: Float64Array, rows: number, columns: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let p = 0, i = 0; p < rows; p++) for (let w = 0; w < columns; w++, i++) out[w * rows + p] = values[i]!;
  return out;
}

/** controlledRounding on a column-major grid (cell (p, w) at w × rows + p); cells come back column-major. */
function roundColumnMajor(values: Float64Array, rows: number, columns: number, options: ControlledRoundingOptions): ControlledRounding {
  const n = values.length;
  // the floor of each cell (or the whole cell); a cell rounded up gets its fen when chosen (or moved)
  const cells = options.buffers?.cells ?? new Float64Array(n);
  const frac = options.buffers?.frac ?? new Float64Array(n); // g ∈ (0, 1), or 0 for a whole cell
  // one pass, column by column, gathers what the columns and rows need (each sum in the order
  // it always had: a column's over the rows top to bottom, a row's over the columns left to right)
  const columnSum = new Float64Array(columns);
  const columnAbs = new Float64Array(columns);
  const columnFloors = new Float64Array(columns);
  const columnFractional = new Int32Array(columns);
  const rowMass = new Float64Array(rows); // s_p, the row's fractional mass
  const fractionalCells = new Int32Array(rows);
  const rowFloors = new Float64Array(rows); // the row's cells before any is rounded up, summed week by week
  for (let w = 0, i = 0; w < columns; w++) {
    let sum = 0;
    let abs = 0;
    let floors = 0;
    let fractional = 0;
    for (let p = 0; p < rows; p++, i++) {
      const x = values[i]!;
      if (x >= 0 && x < Infinity) {
        // Money is ≥ 0: here floor and g = x − floor are exact, x is within
        // SNAP of a whole fen when g or 1 − g is (the nearest fen is floor
        // below g = ½, floor + 1 above), and |x| is x: the same cells and
        // sums as Math.round and Math.abs give, with one Math call per cell.
        sum += x;
        abs += x;
        const floor = Math.floor(x);
        const g = x - floor;
        if (g <= SNAP) {
          cells[i] = floor + 0; // −0 is 0 fen: cells are final unless rounded up
          frac[i] = 0; // a reused buffer holds last call's
          floors += floor;
          rowFloors[p]! += floor;
        } else if (1 - g <= SNAP) {
          cells[i] = floor + 1;
          frac[i] = 0;
          floors += floor + 1;
          rowFloors[p]! += floor + 1;
        } else {
          cells[i] = floor;
          frac[i] = g;
          floors += floor;
          rowFloors[p]! += floor;
          fractional++;
          rowMass[p]! += g;
          fractionalCells[p]!++;
        }
        continue;
      }
      // a negative cell (x − floor may round in (−1, 0)), or one that is not a number of fen
      if (!(x - x === 0)) throw new ControlledRoundingUsageError(`cell ${p}, ${w} is ${x}, not a finite number of fen`);
      sum += x;
      abs += Math.abs(x);
      const whole = Math.round(x);
      if (Math.abs(x - whole) <= SNAP) {
        cells[i] = whole + 0;
        frac[i] = 0;
        floors += whole;
        rowFloors[p]! += whole;
      } else {
        const floor = Math.floor(x);
        const g = x - floor;
        cells[i] = floor;
        frac[i] = g;
        floors += floor;
        rowFloors[p]! += floor;
        fractional++;
        rowMass[p]! += g;
        fractionalCells[p]!++;
      }
    }
    columnSum[w] = sum;
    columnAbs[w] = abs;
    columnFloors[w] = floors;
    columnFractional[w] = fractional;
  }

  // the week totals and how many fractional cells each week rounds up
  const columnTotals = new Float64Array(columns);
  const need = new Int32Array(columns);
  if (options.columnTotals && options.columnTotals.length !== columns) throw new ControlledRoundingUsageError(`${columns} column totals needed, not ${options.columnTotals.length}`);
  for (let w = 0; w < columns; w++) {
    const sum = columnSum[w]!;
    const floors = columnFloors[w]!;
    const fractional = columnFractional[w]!;
    let total: number;
    if (options.columnTotals) {
      total = options.columnTotals[w]!;
      if (!Number.isInteger(total)) throw new ControlledRoundingUsageError(`column ${w}'s total ${total} is not a whole number of fen`);
      // the cells must split the total (up to float noise), or no rounding of them need exist
      if (Math.abs(sum - total) > Math.max(1e-6, COLUMN_SUM_TOLERANCE * columnAbs[w]!)) {
        throw new ControlledRoundingUsageError(`column ${w}'s cells sum to ${sum} fen, not to its total ${total}`);
      }
    } else {
      total = Math.round(sum);
      if (Math.abs(sum - total) > Math.max(1e-6, COLUMN_SUM_TOLERANCE * columnAbs[w]!)) {
        throw new ControlledRoundingUsageError(`column ${w} sums to ${sum} fen, not a whole number of fen; pass columnTotals`);
      }
    }
    const k = total - floors;
    if (k < 0 || k > fractional) {
      throw new ControlledRoundingUsageError(`column ${w}'s total ${total} fen cannot be reached by rounding its cells down or up (they give ${floors} to ${floors + fractional})`);
    }
    columnTotals[w] = total;
    need[w] = k;
  }

  // each row's bounds ⌊s_p⌋..⌈s_p⌉ and its largest-remainder target
  const lower = new Int32Array(rows);
  const upper = new Int32Array(rows);
  const remainder = new Float64Array(rows);
  let floorSum = 0;
  for (let p = 0; p < rows; p++) {
    // No snapping here: a mass of 2.9999999 may end at 2 or 3 (both within a
    // fen of the real total), which keeps the bounds exactly those of the
    // flow argument, so a rounding always exists; largest remainder makes it 3.
    const s = rowMass[p]!;
    lower[p] = Math.floor(s);
    upper[p] = s > lower[p]! ? lower[p]! + 1 : lower[p]!;
    // keyed in millionths of a fen: equal shares summed in another order stay a tie
    remainder[p] = Math.round((s - lower[p]!) / SNAP);
    floorSum += lower[p]!;
  }
  let ups = 0;
  for (let w = 0; w < columns; w++) ups += need[w]!;
  const upRows = ups - floorSum; // rows that round up
  // the largest-remainder order of the rows that can round either way
  const order = largestRemainderOrder(remainder, lower, upper, rows);
  if (upRows < 0 || upRows > order.length) {
    throw new ControlledRoundingUsageError(`the column totals ask ${ups} fen of rounding up, but the rows allow ${floorSum} to ${floorSum + order.length}`);
  }
  const target = Int32Array.from(lower);
  for (let r = 0; r < upRows; r++) target[order[r]!]!++;

  const count = new Int32Array(rows);
  const up = options.buffers?.up.fill(0) ?? new Uint8Array(n);
  initialChoice(frac, cells, up, rows, columns, need, target, fractionalCells, rowMass, count);

  const paths = new AugmentingPaths(frac, cells, up, count, rows, columns);
  // repair: no row above its upper or below its lower bound
  for (let p = 0; p < rows; p++) {
    while (count[p]! > upper[p]!) {
      if (!paths.move(p, 'lose', (q) => count[q]! < upper[q]!)) throw new Error('controlled rounding: no repair path; cannot happen when the columns sum to their totals (a bug)');
    }
  }
  paths.forgetDead();
  for (let p = 0; p < rows; p++) {
    while (count[p]! < lower[p]!) {
      if (!paths.move(p, 'gain', (q) => count[q]! > lower[q]!)) throw new Error('controlled rounding: no repair path; cannot happen when the columns sum to their totals (a bug)');
    }
  }
  // greedy in largest-remainder order: lock each row up if some later, unlocked up row can give way
  // (locking only turns donors away, so columns learnt dead stay dead until a move)
  paths.forgetDead();
  const locked = new Uint8Array(rows);
  let lockedUp = 0;
  for (let r = 0; r < order.length; r++) {
    const p = order[r]!;
    if (lockedUp === upRows) break;
    if (count[p] === upper[p] || paths.move(p, 'gain', (q) => q !== p && locked[q] === 0 && upper[q]! > lower[q]! && count[q] === upper[q])) {
      locked[p] = 1;
      lockedUp++;
    }
  }

  // Each row's total: its cells summed over the weeks in order, as a row-major
  // sum would. While every sum of whole fen in the grid stays below 2^53 (the
  // cells' sizes, each at most a fen above its real value, add up to less than
  // 2^52) every such sum is exact in any order, so it is the row's floors plus
  // the fen it rounded up; past that, the cells are summed again.
  const rowTotals = new Float64Array(rows);
  let size = n;
  for (let w = 0; w < columns; w++) size += columnAbs[w]!;
  if (size < 2 ** 52) {
    for (let p = 0; p < rows; p++) rowTotals[p] = rowFloors[p]! + count[p]!;
  } else {
    for (let w = 0, i = 0; w < columns; w++) {
      for (let p = 0; p < rows; p++, i++) rowTotals[p]! += cells[i]!;
    }
  }
  const rowsOffLargestRemainder: number[] = [];
  for (let p = 0; p < rows; p++) if (count[p] !== target[p]) rowsOffLargestRemainder.push(p);
  return { cells, rowTotals, columnTotals, rowsOffLargestRemainder };
}

/**
 * The rows that can round either way (upper > lower), remainder descending,
 * ties to the lower index. Remainders are whole millionths in 0..1e6, so the
 * key 1e6 − remainder fits 20 bits: two stable counting passes of 10 bits
 * each (least significant first) over the rows in index order sort them with
 * ties left in index order, in a few linear passes instead of a comparator
 * sort.
 */
function largestRemainderOrder(remainder: Float64Array, lower: Int32Array, upper: Int32Array, rows: number): Int32Array {
  const DIGIT = 10;
  const MASK = (1 << DIGIT) - 1;
  const key = new Int32Array(rows);
  const rowsIn = new Int32Array(rows);
  let n = 0;
  for (let p = 0; p < rows; p++) {
    if (upper[p]! > lower[p]!) {
      key[n] = 1e6 - remainder[p]!;
      rowsIn[n++] = p;
    }
  }
  const byLow = new Int32Array(n); // positions into rowsIn/key, by the key's low digit
  const order = new Int32Array(n);
  const start = new Int32Array(MASK + 2);
  for (let j = 0; j < n; j++) start[(key[j]! & MASK) + 1]!++;
  for (let d = 0; d <= MASK; d++) start[d + 1]! += start[d]!;
  for (let j = 0; j < n; j++) byLow[start[key[j]! & MASK]!++] = j;
  start.fill(0);
  for (let j = 0; j < n; j++) start[(key[j]! >> DIGIT) + 1]!++;
  for (let d = 0; d <= MASK; d++) start[d + 1]! += start[d]!;
  for (let t = 0; t < n; t++) {
    const j = byLow[t]!;
    order[start[key[j]! >> DIGIT]!++] = rowsIn[j]!;
  }
  return order;
}

/**
 * The first 0/1 choice, week by week: each week rounds up its `need` cells
 * from the rows furthest behind their targets (a row that must take every
 * remaining cell first, a row already at its target last; ties to the lower
 * index). Column sums are exact; rows are usually on target already.
 * Marks the cells rounded up in `up` (all 0 on entry), adds their fen to
 * `cells` and sets `taken` to each row's count of them.
 */
function initialChoice(
  frac: Float64Array,
  cells: Float64Array,
  up: Uint8Array,
  rows: number,
  columns: number,
  need: Int32Array,
  target: Int32Array,
  fractionalCells: Int32Array,
  rowMass: Float64Array,
  taken: Int32Array,
): void {
  // each row's state side by side, read and written together cell after cell: how many more
  // cells it wants rounded up (its target less those taken), its mass and fractional cells left
  const state = new Float64Array(rows * 3);
  for (let p = 0, s = 0; p < rows; p++, s += 3) {
    state[s] = target[p]!;
    state[s + 1] = rowMass[p]!;
    state[s + 2] = fractionalCells[p]!;
  }
  const key = new Float64Array(rows); // the candidates' keys, beside them in `candidates`
  const candidates = new Int32Array(rows);
  const select = new TopSelection(rows);
  const FORCED = 1e6;
  for (let w = 0; w < columns; w++) {
    let m = 0;
    const column = w * rows;
    // the range of the keys that are not forced either way: the selection's buckets span it
    let low = Infinity;
    let high = -Infinity;
    for (let p = 0; p < rows; p++) {
      const g = frac[column + p]!;
      if (g === 0) continue;
      const s = 3 * p;
      const wanted = state[s]!;
      const left = state[s + 1]!;
      const cells = state[s + 2]!;
      // how far the row is behind if it counts on its mass after this week
      const behind = wanted - (left - g);
      let k: number;
      if (wanted <= 0) k = behind - FORCED;
      else if (wanted >= cells) k = behind + FORCED;
      else {
        k = behind;
        if (k < low) low = k;
        if (k > high) high = k;
      }
      key[m] = k;
      candidates[m++] = p;
      // the week is spent whichever way the cell goes
      state[s + 1] = left - g;
      state[s + 2] = cells - 1;
    }
    const k = need[w]!;
    if (k === 0) continue;
    const chosen = k === m ? m : select.top(candidates, key, m, k, low, high);
    for (let j = 0; j < chosen; j++) {
      const p = candidates[j]!;
      up[column + p] = 1;
      cells[column + p]!++;
      state[3 * p]!--;
    }
  }
  for (let p = 0; p < rows; p++) taken[p] = target[p]! - state[3 * p]!;
}

/**
 * Picks the k best of n candidates (key descending, then index ascending):
 * the same set a sort would, without sorting. The keys are counted into
 * buckets by value (a monotone map: a better key never lands in a lower
 * bucket), the buckets above the one that holds the k-th best are taken
 * whole, and only that one bucket's few candidates are compared exactly
 * (selectTop). Keys outside [low, high] (the forced rows) get a bucket of
 * their own at either end.
 */
class TopSelection {
  private static readonly BUCKETS = 2048;
  private readonly bucketOf: Uint16Array;
  private readonly counts = new Int32Array(TopSelection.BUCKETS + 2);
  private readonly tieIdx: Int32Array;
  private readonly tieKey: Float64Array;

  constructor(rows: number) {
    this.bucketOf = new Uint16Array(rows);
    this.tieIdx = new Int32Array(rows);
    this.tieKey = new Float64Array(rows);
  }

  /**
   * Moves the k best of idx[0..n) (key[j] is idx[j]'s) to idx[0..k), in no
   * particular order, and returns k. Needs 0 < k < n; low..high is the range
   * of the keys to spread over the buckets (any range gives the same set; a
   * tight one leaves few keys to compare one by one).
   */
  top(idx: Int32Array, key: Float64Array, n: number, k: number, low: number, high: number): number {
    const { bucketOf, counts, tieIdx, tieKey } = this;
    const top = TopSelection.BUCKETS + 1;
    // bucket 0: below low; 1..BUCKETS: [low, high] in equal widths; top: above high
    let scale = high > low ? (TopSelection.BUCKETS - 1) / (high - low) : 0;
    if (!(scale < Infinity)) scale = 0; // a range too narrow to divide: one bucket
    counts.fill(0);
    for (let j = 0; j < n; j++) {
      const x = key[j]!;
      const b = x < low ? 0 : x > high ? top : 1 + (((x - low) * scale) | 0);
      bucketOf[j] = b;
      counts[b]!++;
    }
    // the bucket that holds the k-th best, and how many of it are taken
    let boundary = top;
    let above = 0;
    while (above + counts[boundary]! < k) above += counts[boundary--]!;
    const fromBoundary = k - above;
    // a boundary bucket taken whole is simply one more bucket above the line
    const line = fromBoundary === counts[boundary] ? boundary - 1 : boundary;
    // the chosen go to the front of idx (written at or behind the read position);
    // without a branch on the about half of the candidates that are chosen, in no order
    let chosen = 0;
    let ties = 0;
    for (let j = 0; j < n; j++) {
      const b = bucketOf[j]!;
      const p = idx[j]!;
      idx[chosen] = p;
      chosen += (line - b) >>> 31; // 1 when b > line
      if (b === line && line === boundary) {
        tieIdx[ties] = p;
        tieKey[ties++] = key[j]!;
      }
    }
    if (line === boundary) {
      selectTop(tieIdx, ties, fromBoundary, tieKey);
      for (let j = 0; j < fromBoundary; j++) idx[chosen++] = tieIdx[j]!;
    }
    return chosen;
  }
}

/**
 * Moves the k best candidates (key descending, then index ascending) of
 * idx[0..n) to idx[0..k), in place (quickselect). key[j] is idx[j]'s key and
 * moves with it, so the comparisons read neighbouring memory, not a row's
 * entry in a products-long array; the set chosen is the same either way (the
 * order is strict).
 */
function selectTop(idx: Int32Array, n: number, k: number, key: Float64Array): void {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi && k > lo && k <= hi) {
    const mid = (lo + hi) >>> 1;
    const pivot = idx[mid]!;
    const pivotKey = key[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      // idx[i] better than the pivot: a higher key, or the same key and a lower index
      for (let ki = key[i]!; ki > pivotKey || (ki === pivotKey && idx[i]! < pivot); ki = key[++i]!);
      for (let kj = key[j]!; pivotKey > kj || (pivotKey === kj && pivot < idx[j]!); kj = key[--j]!);
      if (i <= j) {
        const t = idx[i]!;
        idx[i] = idx[j]!;
        idx[j] = t;
        const tk = key[i]!;
        key[i] = key[j]!;
        key[j] = tk;
        i++;
        j--;
      }
    }
    // idx[lo..j] ≥ pivot side, idx[i..hi] ≤ pivot side
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Breadth-first augmenting paths in the bipartite graph of rows and columns
 * over the fractional cells. A row that gains takes a column's fen from a row
 * that has it there; that row, unless it may lose, gains elsewhere in turn.
 */
class AugmentingPaths {
  private readonly parentRow: Int32Array;
  private readonly parentColumn: Int32Array;
  private readonly seenRow: Int32Array;
  private readonly seenColumn: Int32Array;
  private readonly queue: Int32Array;
  /**
   * Columns whose whole reach holds no row `accept`ing, learnt from failed
   * searches. Valid while the choice and the accepting rows stay as they are:
   * the caller clears it after every move, and may keep it only while its
   * accept test can only turn rows away (the greedy's locking does).
   */
  private readonly dead: Uint8Array;
  private stamp = 0;

  constructor(
    private readonly frac: Float64Array,
    private readonly cells: Float64Array,
    private readonly up: Uint8Array,
    private readonly count: Int32Array,
    private readonly rows: number,
    private readonly columns: number,
  ) {
    this.parentRow = new Int32Array(rows);
    this.parentColumn = new Int32Array(rows);
    this.seenRow = new Int32Array(rows);
    this.seenColumn = new Int32Array(columns);
    this.queue = new Int32Array(rows);
    this.dead = new Uint8Array(columns);
  }

  /** Forgets the columns learnt dead (after a move, or when `accept` changes). */
  forgetDead(): void {
    this.dead.fill(0);
  }

  /**
   * Moves one fen into row `start` ('gain') or out of it ('lose') along the
   * shortest path to a row that `accept`s the opposite change; the rows in
   * between keep their counts. Returns false when no such path exists.
   */
  move(start: number, direction: 'gain' | 'lose', accept: (row: number) => boolean): boolean {
    const { frac, up, rows, columns } = this;
    const stamp = ++this.stamp;
    // in 'gain', a row steps through columns where it has no fen yet, to rows that have one there
    const from = direction === 'gain' ? 0 : 1;
    this.seenRow[start] = stamp;
    let head = 0;
    let tail = 0;
    this.queue[tail++] = start;
    while (head < tail) {
      const r = this.queue[head++]!;
      for (let w = 0; w < columns; w++) {
        const i = w * rows + r;
        if (frac[i] === 0 || up[i] !== from || this.seenColumn[w] === stamp || this.dead[w] === 1) continue;
        this.seenColumn[w] = stamp;
        for (let q = 0; q < rows; q++) {
          const j = w * rows + q;
          if (frac[j] === 0 || up[j] === from || this.seenRow[q] === stamp) continue;
          this.seenRow[q] = stamp;
          this.parentRow[q] = r;
          this.parentColumn[q] = w;
          if (accept(q)) {
            this.flip(start, q, from);
            this.forgetDead();
            return true;
          }
          this.queue[tail++] = q;
        }
      }
    }
    // everything this search reached leads nowhere: later searches skip it
    for (let w = 0; w < columns; w++) if (this.seenColumn[w] === stamp) this.dead[w] = 1;
    return false;
  }

  private flip(start: number, end: number, from: number): void {
    const { up, cells, rows, count } = this;
    const delta = from === 0 ? 1 : -1;
    let q = end;
    while (q !== start) {
      const r = this.parentRow[q]!;
      const w = this.parentColumn[q]!;
      up[w * rows + r] = 1 - from;
      cells[w * rows + r]! += delta;
      up[w * rows + q] = from;
      cells[w * rows + q]! -= delta;
      q = r;
    }
    count[start]! += delta;
    count[end]! -= delta;
  }
}
