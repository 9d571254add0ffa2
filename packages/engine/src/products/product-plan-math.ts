/**
 * The roundings of the product plan's money: product totals by largest
 * remainder, and the two-way controlled rounding of the products × weeks
 * revenue. A stand-in until s3-prodmath's controlled-rounding.ts lands
 * (the design gives it that branch); the product plan only needs
 * `roundTwoWay`'s contract.
 */

/**
 * Largest-remainder rounding of real parts (in fen) to whole fen summing to
 * `total`: floors, then one fen each to the largest fractions (earlier
 * first on ties).
 */
export function largestRemainder(real: ArrayLike<number>, total: number): Float64Array {
  const n = real.length;
  const out = new Float64Array(n);
  const frac = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const f = Math.floor(real[i]! + 1e-9);
    out[i] = f;
    frac[i] = real[i]! - f;
    sum += f;
  }
  let left = total - sum;
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => frac[y]! - frac[x]! || x - y);
    for (const i of order) {
      if (left <= 0) break;
      out[i]! += 1;
      left--;
    }
  }
  return out;
}

/**
 * Two-way controlled rounding of a rows × columns table of non-negative
 * reals (fen) to whole fen, each cell its floor or ceiling, so that row r
 * sums to rowTotals[r] and column c to colTotals[c] (whole numbers, each
 * the real sum rounded up or down, both summing to the same grand total). A greedy pass gives each column's missing fen to the rows that
 * still miss the most relative to their cells left; augmenting paths fix
 * what the greedy pass leaves (a transport problem always has a solution
 * when the margins are the real sums rounded so: Bacharach 1966).
 * Returns null when no rounding meets both margins (margins that are not
 * the real sums rounded).
 */
export function roundTwoWay(real: Float64Array, rows: number, cols: number, rowTotals: ArrayLike<number>, colTotals: ArrayLike<number>): Float64Array | null {
  const out = new Float64Array(rows * cols);
  const rowNeed = new Float64Array(rows);
  const colNeed = new Float64Array(cols);
  for (let r = 0; r < rows; r++) rowNeed[r] = rowTotals[r]!;
  for (let c = 0; c < cols; c++) colNeed[c] = colTotals[c]!;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const x = real[base + c]!;
      const f = Math.floor(x + 1e-9);
      out[base + c] = f;
      rowNeed[r]! -= f;
      colNeed[c]! -= f;
    }
  }
  // a cell may take one more fen when its real value has a fraction
  const canRise = (i: number) => real[i]! - out[i]! > 1e-9;
  // greedy: for each column, the rows with fen still to place, largest fraction first
  for (let c = 0; c < cols; c++) {
    if (colNeed[c]! <= 0) continue;
    const candidates: number[] = [];
    for (let r = 0; r < rows; r++) if (rowNeed[r]! > 0 && canRise(r * cols + c)) candidates.push(r);
    candidates.sort((x, y) => (real[y * cols + c]! - out[y * cols + c]!) - (real[x * cols + c]! - out[x * cols + c]!) || x - y);
    for (const r of candidates) {
      if (colNeed[c]! <= 0) break;
      out[r * cols + c]! += 1;
      rowNeed[r]! -= 1;
      colNeed[c]! -= 1;
    }
  }
  // repair: move a fen along an alternating path from a row still short to a column still short
  for (;;) {
    let shortRow = -1;
    for (let r = 0; r < rows; r++) if (rowNeed[r]! > 0) { shortRow = r; break; }
    if (shortRow < 0) break;
    // BFS over rows; edges: row r → column c if cell (r,c) can rise; column c → row r' if cell (r',c) was raised (can fall back)
    const rowFrom = new Int32Array(rows).fill(-2);
    const colFrom = new Int32Array(cols).fill(-1);
    rowFrom[shortRow] = -1;
    const queue = [shortRow];
    let endCol = -1;
    for (let qi = 0; qi < queue.length && endCol < 0; qi++) {
      const r = queue[qi]!;
      for (let c = 0; c < cols; c++) {
        if (colFrom[c] !== -1) continue;
        const i = r * cols + c;
        if (!canRise(i)) continue;
        colFrom[c] = r;
        if (colNeed[c]! > 0) { endCol = c; break; }
        for (let r2 = 0; r2 < rows; r2++) {
          const j = r2 * cols + c;
          if (rowFrom[r2] === -2 && out[j]! > Math.floor(real[j]! + 1e-9)) {
            rowFrom[r2] = c;
            queue.push(r2);
          }
        }
      }
    }
    if (endCol < 0) return null;
    // walk back: raise (r, c), lower (r, previous column) ...
    let c = endCol;
    for (;;) {
      const r = colFrom[c]!;
      out[r * cols + c]! += 1;
      const back = rowFrom[r]!;
      if (back === -1) break;
      out[r * cols + back]! -= 1;
      c = back;
    }
    rowNeed[shortRow]! -= 1;
    colNeed[endCol]! -= 1;
  }
  for (let c = 0; c < cols; c++) if (colNeed[c] !== 0) return null;
  return out;
}
