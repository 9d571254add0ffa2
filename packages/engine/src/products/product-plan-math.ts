/**
 * The pure product maths the product plan needs: a mechanic's effective
 * price, the shop's price ending, the service-level z and a two-way
 * controlled rounding. Stand-ins written to the shared design so the
 * product plan runs end to end; the s3-prodmath branch owns the reviewed
 * versions (products/{mechanics,price-ending,controlled-rounding,
 * safety-stock}.ts) and replaces these when it lands.
 */

/** A promotion mechanic of plan v4 (design of issue 12). */
export type Mechanic =
  | { kind: 'bogo' }
  | { kind: 'secondHalf' }
  | { kind: 'multiBuy'; items: number; total: number }
  | { kind: 'spendSave'; tiers: ReadonlyArray<{ spend: number; save: number }>; repeat?: boolean | undefined; basketUnits?: number | undefined }
  | { kind: 'coupon'; threshold: number; value: number; basketUnits?: number | undefined }
  | { kind: 'priceCut'; price: number }
  | { kind: 'group'; price: number; groupSize: number };

/**
 * Units in the typical basket of a threshold mechanic: as given, else the
 * fewest units that reach the threshold (at least one).
 */
function basketUnits(price: number, threshold: number, given: number | undefined): number {
  if (given !== undefined) return given;
  if (!(price > 0) || threshold <= price) return 1;
  return Math.ceil(threshold / price - 1e-9);
}

/**
 * What one unit costs the shopper in the typical basket (yuan, unrounded).
 * 满300减40 on one ¥329 item: (329 − 40) / 1 = 289; second item half price
 * on ¥100: (100 + 50) / 2 = 75.
 * @example effectiveUnitPrice({ kind: 'secondHalf' }, 100) // 75
 */
export function effectiveUnitPrice(mechanic: Mechanic, listPrice: number): number {
  switch (mechanic.kind) {
    case 'bogo':
      return listPrice / 2;
    case 'secondHalf':
      return (listPrice * 1.5) / 2;
    case 'multiBuy':
      return mechanic.total / mechanic.items;
    case 'priceCut':
      return mechanic.price;
    case 'group':
      return mechanic.price;
    case 'coupon': {
      const k = basketUnits(listPrice, mechanic.threshold, mechanic.basketUnits);
      const basket = k * listPrice;
      return basket >= mechanic.threshold ? Math.max(0, basket - mechanic.value) / k : listPrice;
    }
    case 'spendSave': {
      const first = Math.min(...mechanic.tiers.map((t) => t.spend));
      const k = basketUnits(listPrice, first, mechanic.basketUnits);
      const basket = k * listPrice;
      let save = 0;
      for (const t of mechanic.tiers) {
        if (basket < t.spend) continue;
        const s = mechanic.repeat ? Math.floor(basket / t.spend + 1e-9) * t.save : t.save;
        if (s > save) save = s;
      }
      return Math.max(0, basket - save) / k;
    }
  }
}

/**
 * Rounds a promo price DOWN to the shop's ending rule: from ¥10 up, to the
 * yuan whose last digit is the ending (75 → 69 for 9); under ¥10, to the
 * jiao whose digit is the ending (7.63 → 6.9 for 9). A price already
 * ending right stays; null keeps the price, floored to the fen.
 * @example roundToEnding(75, 9) // 69
 */
export function roundToEnding(price: number, ending: 9 | 8 | 5 | null): number {
  const fen = Math.floor(price * 100 + 1e-6);
  if (ending === null) return fen / 100;
  const unit = price >= 10 ? 100 : 10; // yuan or jiao, in fen
  const units = Math.floor(fen / unit);
  let k = units - ((units - ending) % 10 + 10) % 10;
  // nothing at or below ends right (a price under ¥1 for …9): keep the price floored to the fen
  if (k <= 0) return fen / 100;
  return (k * unit) / 100;
}

/**
 * The standard normal quantile (Acklam's rational approximation, relative
 * error below 1.2e-9): the safety-stock z of a service level.
 * @example serviceLevelZ(0.95) // 1.6449
 */
export function serviceLevelZ(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -serviceLevelZ(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

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
