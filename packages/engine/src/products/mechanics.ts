/**
 * Promotion mechanics → the effective unit price of the typical basket
 * (DOMAIN.md §3 and §5: "what the typical basket pays ÷ units in it").
 *
 * The engine writes formulas, so each mechanic is a formula builder over the
 * list-price cell; `effectiveUnitPrice` is its TypeScript twin for evaluators
 * that do not parse formulas, and the tests hold the two equal through real
 * HyperFormula.
 *
 * Only FORMULA_FUNCTIONS are used (IF, MIN, MAX, ROUND, INT). INT is only ever
 * given a value ≥ 0: HyperFormula's INT truncates toward zero (INT(-2.5) is
 * -2 there, -3 in Excel and LibreOffice), so a ceiling is written as
 * INT(x) + IF(x > INT(x), 1, 0) rather than -INT(-x).
 */

/**
 * A promotion mechanic, in the shape of plan v4's `Mechanic` (@shopplan/schema
 * products.ts): kept structural here so these pure pieces need no plan type.
 */
export type Mechanic =
  | { kind: 'bogo' }
  | { kind: 'secondHalf' }
  | { kind: 'multiBuy'; items: number; total: number }
  | { kind: 'spendSave'; tiers: ReadonlyArray<{ spend: number; save: number }>; repeat?: boolean; basketUnits?: number }
  | { kind: 'coupon'; threshold: number; value: number; basketUnits?: number }
  | { kind: 'priceCut'; price: number }
  | { kind: 'group'; price: number; groupSize: number };

/** The cells a mechanic's formula reads. */
export interface MechanicRefs {
  /** A reference (or any formula expression) giving the product's list price in yuan, e.g. `Products!$D7`. */
  listPrice: string;
}

/**
 * Misuse of the mechanic builders: a parameter that no plan v4 document can
 * hold (not a finite number, a fractional or zero unit count, no tiers). The
 * schema's validation turns a planner's bad mechanic into a PlanIssue before
 * the engine is reached, so this is a bug in the caller.
 */
export class MechanicUsageError extends Error {
  override name = 'MechanicUsageError';
}

// Threshold comparisons are made on the basket rounded to the fen, and unit
// counts on ratios rounded to 9 decimals: 3 × ¥0.1 is 0.30000000000000004 in a
// double and 0.3 / 0.1 is 2.9999999999999996, and neither may flip a tier.
const BASKET_DIGITS = 2;
const RATIO_DIGITS = 9;

/**
 * The formula expression (no leading `=`) of a mechanic's effective unit price
 * for the typical basket, over the list-price reference. Prefix `=` for a
 * cell; wrap it in `priceEndingFormula` for the promotional price.
 *
 * The typical basket, mechanic by mechanic:
 * - bogo: 2 units for 1 price → list ÷ 2;
 * - secondHalf (第二件半价): 2 units for 1.5 prices → list × 0.75;
 * - multiBuy (N件X元): N units for X → X ÷ N, never above list;
 * - spendSave (满减): `basketUnits` units, or else the fewest units whose value
 *   reaches the lowest tier; the discount is the best tier the basket reaches
 *   (for tiers that rise together, the highest tier met); with `repeat` (每满)
 *   a tier's saving counts once per full multiple of its spend;
 * - coupon (券): as one 满减 tier of `threshold` / `value` (threshold 0 = 无门槛,
 *   a basket of one unit unless `basketUnits`); a coupon larger than the basket
 *   makes it free, never negative;
 * - priceCut (限时直降) and group (拼团): the price each unit is sold at, never
 *   above list (a group buyer buys one unit; the group size moves no price).
 * A list price ≤ 0 gives 0 for the basket mechanics instead of #DIV/0!.
 * Throws MechanicUsageError for parameters no valid plan holds.
 * @example mechanicFormula({ kind: 'priceCut', price: 59 }, { listPrice: 'B2' }) // 'MIN(B2,59)'
 */
export function mechanicFormula(mechanic: Mechanic, refs: MechanicRefs): string {
  const list = `(${refs.listPrice})`;
  switch (mechanic.kind) {
    case 'bogo':
      return `${list}/2`;
    case 'secondHalf':
      return `${list}*0.75`;
    case 'multiBuy':
      return `MIN(${list},${literal(positive(mechanic.total, 'multiBuy total'))}/${literal(wholeCount(mechanic.items, 'multiBuy items'))})`;
    case 'priceCut':
    case 'group':
      return `MIN(${list},${literal(nonNegative(mechanic.price, `${mechanic.kind} price`))})`;
    case 'spendSave':
    case 'coupon': {
      const { tiers, repeat, basketUnits } = basketRule(mechanic);
      const units =
        basketUnits !== undefined
          ? literal(basketUnits)
          : `MAX(1,${ceilFormula(`ROUND(${literal(Math.min(...tiers.map((t) => t.spend)))}/${list},${RATIO_DIGITS})`)})`;
      const basket = `ROUND(${units}*${list},${BASKET_DIGITS})`;
      const savings = tiers.map(({ spend, save }) =>
        repeat && spend > 0
          ? `INT(ROUND(${basket}/${literal(spend)},${RATIO_DIGITS}))*${literal(save)}`
          : `IF(${basket}>=${literal(spend)},${literal(save)},0)`,
      );
      const discount = savings.length === 1 ? savings[0]! : `MAX(${savings.join(',')})`;
      // MIN with the list price: units × price ÷ units can come back a bit above the price in binary (3 × 0.09 ÷ 3)
      return `IF(${list}>0,MIN(${list},MAX(0,${units}*${list}-${discount})/${units}),0)`;
    }
  }
}

/**
 * The effective unit price of a mechanic for the typical basket, computed in
 * TypeScript exactly as `mechanicFormula` is evaluated by HyperFormula (same
 * rounding steps), for evaluators that do not parse formulas.
 * @example effectiveUnitPrice({ kind: 'secondHalf' }, 100) // 75
 */
export function effectiveUnitPrice(mechanic: Mechanic, listPrice: number): number {
  switch (mechanic.kind) {
    case 'bogo':
      return listPrice / 2;
    case 'secondHalf':
      return listPrice * 0.75;
    case 'multiBuy':
      return Math.min(listPrice, positive(mechanic.total, 'multiBuy total') / wholeCount(mechanic.items, 'multiBuy items'));
    case 'priceCut':
    case 'group':
      return Math.min(listPrice, nonNegative(mechanic.price, `${mechanic.kind} price`));
    case 'spendSave':
    case 'coupon': {
      const { tiers, repeat, basketUnits } = basketRule(mechanic);
      if (!(listPrice > 0)) return 0;
      const units = basketUnits ?? Math.max(1, ceilPositive(spreadsheetRound(Math.min(...tiers.map((t) => t.spend)) / listPrice, RATIO_DIGITS)));
      const basket = spreadsheetRound(units * listPrice, BASKET_DIGITS);
      let discount = -Infinity;
      for (const { spend, save } of tiers) {
        const saving = repeat && spend > 0 ? Math.trunc(spreadsheetRound(basket / spend, RATIO_DIGITS)) * save : basket >= spend ? save : 0;
        discount = Math.max(discount, saving);
      }
      return Math.min(listPrice, Math.max(0, units * listPrice - discount) / units);
    }
  }
}

/** The tiers, repeat flag and fixed basket of a 满减 or coupon, checked. */
function basketRule(mechanic: Extract<Mechanic, { kind: 'spendSave' | 'coupon' }>): {
  tiers: ReadonlyArray<{ spend: number; save: number }>;
  repeat: boolean;
  basketUnits: number | undefined;
} {
  const tiers = mechanic.kind === 'coupon' ? [{ spend: mechanic.threshold, save: mechanic.value }] : mechanic.tiers;
  if (tiers.length === 0) throw new MechanicUsageError('a 满减 mechanic needs at least one tier');
  for (const t of tiers) {
    nonNegative(t.spend, `${mechanic.kind} threshold`);
    nonNegative(t.save, `${mechanic.kind} saving`);
  }
  const basketUnits = mechanic.basketUnits === undefined ? undefined : wholeCount(mechanic.basketUnits, `${mechanic.kind} basketUnits`);
  return { tiers, repeat: mechanic.kind === 'spendSave' && mechanic.repeat === true, basketUnits };
}

/**
 * ROUND as HyperFormula computes it (half away from zero on the scaled
 * double), so the TypeScript twins give the formulas' numbers to the bit.
 */
export function spreadsheetRound(x: number, digits: number): number {
  const scale = 10 ** digits;
  return x < 0 ? -Math.round(-x * scale) / scale : Math.round(x * scale) / scale;
}

/** ⌈x⌉ for x ≥ 0 written with INT on a non-negative argument only (see the module comment). */
function ceilFormula(x: string): string {
  return `(INT(${x})+IF(${x}>INT(${x}),1,0))`;
}

function ceilPositive(x: number): number {
  const whole = Math.trunc(x);
  return whole + (x > whole ? 1 : 0);
}

/**
 * A number as formula text. JavaScript writes very small or large numbers in
 * exponent form, which is valid in Excel, LibreOffice and HyperFormula alike,
 * but money and counts never need it; refuse what is not finite.
 */
export function literal(x: number): string {
  if (!Number.isFinite(x)) throw new MechanicUsageError(`a formula constant must be a finite number, not ${x}`);
  return String(x);
}

function positive(x: number, what: string): number {
  if (!(Number.isFinite(x) && x > 0)) throw new MechanicUsageError(`${what} must be a positive number, not ${x}`);
  return x;
}

function nonNegative(x: number, what: string): number {
  if (!(Number.isFinite(x) && x >= 0)) throw new MechanicUsageError(`${what} must be a number ≥ 0, not ${x}`);
  return x;
}

function wholeCount(x: number, what: string): number {
  if (!(Number.isInteger(x) && x >= 1)) throw new MechanicUsageError(`${what} must be a whole number ≥ 1, not ${x}`);
  return x;
}
