/**
 * The shop's ending rule for promotional prices (DOMAIN.md §3: promotional
 * prices end in 9, 8 or 5), as a formula and as its TypeScript twin.
 *
 * A price is rounded DOWN to the nearest price that ends in the digit, on the
 * coarsest grid that keeps it ≥ ¥10 / ≥ ¥1 / ≥ ¥0:
 * - yuan digit when that gives ≥ ¥10: 75 → 69, 79.5 → 79, 19 → 19;
 * - else the jiao digit: 7.5 → 6.9, 12 → 11.9 (the yuan grid would give 9,
 *   a quarter off; a shop writes ¥11.9), 10 → 9.9;
 * - else the fen digit: 0.5 → 0.49;
 * - a price below the digit's first fen step (under ¥0.09 for …9) stays,
 *   rounded down to the fen.
 * Rounding down, never up: the ending rule must not undo a promised discount.
 * Work is in whole fen so 6.9 − 0.9 never lands on 5.999…; the rounding is
 * monotone (a lower price never ends higher) and never negative.
 */

import { literal } from './mechanics.ts';

/** A shop's price ending: the last digit of its promotional prices, or null for none (round down to the fen). */
export type PriceEnding = 9 | 8 | 5 | null;

/** Misuse: an ending other than 9, 8, 5 or null. */
export class PriceEndingUsageError extends Error {
  override name = 'PriceEndingUsageError';
}

function checkEnding(ending: PriceEnding): void {
  if (ending !== null && ending !== 9 && ending !== 8 && ending !== 5) throw new PriceEndingUsageError(`a price ending is 9, 8, 5 or null, not ${String(ending)}`);
}

// the price in whole fen, a hair of float noise forgiven (x × 100 of 0.29 is 28.999999999999996)
const FEN_DIGITS = 6;

/**
 * The formula expression (no leading `=`) of a price rounded down to the
 * ending rule, over a price reference (a cell, or an expression such as a
 * `mechanicFormula`; it is repeated in the text, so a cell is shorter).
 * @example priceEndingFormula(9, 'C2') // IF(fen>=1900, …)/100; 75 → 69
 */
export function priceEndingFormula(ending: PriceEnding, priceRef: string): string {
  checkEnding(ending);
  const fen = `INT(MAX(0,ROUND((${priceRef})*100,${FEN_DIGITS})))`;
  if (ending === null) return `${fen}/100`;
  const d = ending;
  const grid = (step: number, digit: number) => `(${literal(step)}*INT((${fen}-${literal(digit)})/${literal(step)})+${literal(digit)})`;
  return (
    `IF(${fen}>=${literal(1000 + 100 * d)},${grid(1000, 100 * d)},` +
    `IF(${fen}>=${literal(10 * d)},${grid(100, 10 * d)},` +
    `IF(${fen}>=${literal(d)},${grid(10, d)},${fen})))/100`
  );
}

/**
 * A price rounded down to the ending rule, computed as `priceEndingFormula`
 * is evaluated (TypeScript twin).
 * @example endPrice(75, 9) // 69; endPrice(7.5, 9) // 6.9; endPrice(12, 8) // 11.8
 */
export function endPrice(price: number, ending: PriceEnding): number {
  checkEnding(ending);
  const scaled = Math.max(0, price * 100);
  const fen = Math.trunc(Math.round(scaled * 10 ** FEN_DIGITS) / 10 ** FEN_DIGITS);
  if (ending === null) return fen / 100;
  const d = ending;
  const grid = (step: number, digit: number) => step * Math.trunc((fen - digit) / step) + digit;
  const ended = fen >= 1000 + 100 * d ? grid(1000, 100 * d) : fen >= 10 * d ? grid(100, 10 * d) : fen >= d ? grid(10, d) : fen;
  return ended / 100;
}
