/**
 * Uniform-grid templates: one formula per measure, written once, for every
 * cell of a products × weeks sheet.
 *
 * A template is a small typed expression tree built with the functions below
 * (a typed builder, not text: a typo is a compile error, not a runtime
 * surprise). Each leaf is a reference RELATIVE to the cell being computed:
 *
 * | builder                | means, for the cell of product r in week w       | A1 expansion (r = sheet row) |
 * |------------------------|--------------------------------------------------|------------------------------|
 * | `measure('units')`     | the same product and week of another measure     | `Units!C5`                   |
 * | `prev('stock', first)` | the previous week of a measure (or expression); `first` in week 0 | `Stock!B5` (week 0: `first`) |
 * | `productInput('price')`| the product's input column (Products-like sheet) | `Products!$D5`               |
 * | `cellInput('stage')`   | the same product and week of an input grid (a products × weeks sheet of values) | `Stage!C5` |
 * | `weekInput('gmv')`     | the week's input column (Weeks-like sheet)       | `Weeks!$E$3`                 |
 * | `scalar('plan_gmv')`   | a workbook name holding one number               | `plan_gmv`                   |
 * | `rowTotal('units')`    | SUM of the product's weeks of a measure          | `Units!$BB5` (a SUM cell)    |
 * | `weekTotal('weight')`  | SUM of the week's products of a measure          | `Weight!C$10002` (a SUM cell)|
 *
 * Operators: `add sub mul div pow neg`, comparisons `lt le gt ge eq ne`, and
 * the functions `IF AND OR MIN MAX ROUND ROUNDUP ROUNDDOWN INT ABS`
 * (`iff and or min max round roundUp roundDown int abs`). Every one of them is
 * evaluated alike by HyperFormula, Excel, WPS and LibreOffice, with the
 * exceptions a template must stay clear of, listed where they bite:
 * - INT of a negative number: Excel and LibreOffice floor (−2.5 → −3),
 *   HyperFormula 3.5 truncates (→ −2). Use INT on values ≥ 0 only.
 * - ROUND/ROUNDUP/ROUNDDOWN: HyperFormula scales by 10^digits in binary
 *   (ROUND(1.005, 2) = 1 since 1.005 × 100 = 100.49999999999999; ROUND(2.675, 2)
 *   = 2.68 since 2.675 × 100 happens to be exactly 267.5), while Excel and
 *   LibreOffice round the decimal the number displays as (1.01). The fast
 *   evaluator matches HyperFormula bit for bit (grid tests); an xlsx opened
 *   in LibreOffice can differ by a fen on such ties.
 * - `pow` with a zero base and an exponent ≤ 0 (0^0, 0^−1): Excel says #NUM!
 *   or #DIV/0!, HyperFormula and LibreOffice 1 or #NUM!. Keep bases > 0.
 * - Comparisons are of numbers only (a comparison of a TRUE with a number is
 *   ordered by type in Excel), so the type check refuses a boolean operand.
 *
 * Types: each expression is a `number` or a `boolean` (comparisons, AND, OR,
 * an IF of two booleans). Arithmetic and function arguments need numbers;
 * IF's condition and AND/OR's arguments accept either. A measure whose
 * template is boolean is written as `IF(…,1,0)`, so every cell of a grid is a
 * number (a SUM over a row of TRUE/FALSE would otherwise count nothing).
 */

/** An expression of a grid template; build it with the functions of this module. */
export type GridExpr =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'measure'; readonly measure: string }
  | { readonly kind: 'prev'; readonly of: GridExpr; readonly first: GridExpr }
  | { readonly kind: 'productInput'; readonly input: string }
  | { readonly kind: 'cellInput'; readonly input: string }
  | { readonly kind: 'weekInput'; readonly input: string }
  | { readonly kind: 'scalar'; readonly name: string }
  | { readonly kind: 'rowTotal'; readonly measure: string }
  | { readonly kind: 'weekTotal'; readonly measure: string }
  | { readonly kind: 'neg'; readonly arg: GridExpr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: GridExpr; readonly right: GridExpr }
  | { readonly kind: 'if'; readonly condition: GridExpr; readonly then: GridExpr; readonly otherwise: GridExpr }
  | { readonly kind: 'call'; readonly fn: 'AND' | 'OR' | 'MIN' | 'MAX'; readonly args: readonly GridExpr[] }
  | { readonly kind: 'round'; readonly fn: 'ROUND' | 'ROUNDUP' | 'ROUNDDOWN'; readonly arg: GridExpr; readonly digits: number }
  | { readonly kind: 'unaryFn'; readonly fn: 'INT' | 'ABS'; readonly arg: GridExpr };

/** The binary operators of a template: arithmetic, then comparisons. */
export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '<' | '<=' | '>' | '>=' | '=' | '<>';

/** Anything a builder accepts as an operand: an expression, or a plain number for a constant. */
export type GridOperand = GridExpr | number;

/**
 * Thrown when a template is malformed: an unknown measure or input, a
 * boolean where a number is needed, a circular reference between measures,
 * a non-finite constant. These are programming errors of whoever writes
 * the model (a planner never writes templates), so they throw.
 */
export class GridTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GridTemplateError';
  }
}

const operand = (x: GridOperand): GridExpr => (typeof x === 'number' ? num(x) : x);

/**
 * A constant. Must be finite.
 * @example num(0.5)
 */
export function num(value: number): GridExpr {
  if (!Number.isFinite(value)) throw new GridTemplateError(`a template constant must be finite, got ${value}`);
  return { kind: 'number', value };
}

/**
 * The same product and week of another measure (or of this one's earlier
 * ones; a measure may not read itself in the same cell).
 * @example measure('units')
 */
export function measure(name: string): GridExpr {
  return { kind: 'measure', measure: name };
}

/**
 * The previous week of a measure, which may be the measure itself (a
 * recurrence such as opening stock = last week's closing stock), or of any
 * expression (its measures, week inputs and week totals taken one week
 * earlier). In the first week there is no previous week and `first` is
 * used instead. A name is short for `measure(name)`.
 * @example prev('closing', productInput('stock'))
 * @example prev(weekInput('cumulativeShare'), 0) // last week's cumulative share
 */
export function prev(of: string | GridExpr, first: GridOperand): GridExpr {
  return { kind: 'prev', of: typeof of === 'string' ? measure(of) : of, first: operand(first) };
}

/**
 * The product's value of an input column (a Products-like sheet: one row per product).
 * @example productInput('price')
 */
export function productInput(input: string): GridExpr {
  return { kind: 'productInput', input };
}

/**
 * The same product and week of an input grid: a products × weeks sheet of
 * values laid out as a measure sheet (product id in column A, weeks from
 * column B), for facts a formula does not compute (a lifecycle stage's
 * weight, a price after the promotion mechanics, a rounding choice). An edit
 * of one product's row counts as that product's input (editScope).
 * @example cellInput('stageWeight')
 */
export function cellInput(input: string): GridExpr {
  return { kind: 'cellInput', input };
}

/**
 * The week's value of an input column (a Weeks-like sheet: one row per week).
 * @example weekInput('gmv')
 */
export function weekInput(input: string): GridExpr {
  return { kind: 'weekInput', input };
}

/**
 * A workbook name holding one number (a NameSpec of the workbook).
 * @example scalar('plan_gmv')
 */
export function scalar(name: string): GridExpr {
  return { kind: 'scalar', name };
}

/**
 * The sum of a measure over the product's weeks (its row total).
 * @example div(measure('units'), rowTotal('units')) // the week's part of the product's units
 */
export function rowTotal(name: string): GridExpr {
  return { kind: 'rowTotal', measure: name };
}

/**
 * The sum of a measure over the week's products (its column total): a normaliser.
 * @example div(measure('weight'), weekTotal('weight'))
 */
export function weekTotal(name: string): GridExpr {
  return { kind: 'weekTotal', measure: name };
}

const binary = (op: BinaryOp) => (left: GridOperand, right: GridOperand): GridExpr => ({ kind: 'binary', op, left: operand(left), right: operand(right) });

/** `left + right`. @example add(measure('opening'), measure('order')) */
export const add = binary('+');
/** `left - right`. @example sub(measure('need'), measure('opening')) */
export const sub = binary('-');
/** `left * right`. @example mul(weekInput('gmv'), measure('part')) */
export const mul = binary('*');
/** `left / right`; a zero divisor gives #DIV/0!. @example div(measure('revenue'), productInput('price')) */
export const div = binary('/');
/** `left ^ right`; keep the base > 0 (see the module comment). @example pow(measure('priceRatio'), sub(1, productInput('elasticity'))) */
export const pow = binary('^');
/** `left < right` (a boolean). @example lt(measure('closing'), 0) */
export const lt = binary('<');
/** `left <= right`. */
export const le = binary('<=');
/** `left > right`. @example gt(measure('need'), measure('opening')) */
export const gt = binary('>');
/** `left >= right`. */
export const ge = binary('>=');
/** `left = right`, exact (HyperFormula here runs without epsilon, as the engine configures it). */
export const eq = binary('=');
/** `left <> right`, exact. */
export const ne = binary('<>');

/** `-arg`. @example neg(measure('order')) */
export function neg(arg: GridOperand): GridExpr {
  return { kind: 'neg', arg: operand(arg) };
}

/**
 * `IF(condition, then, otherwise)`: only the chosen branch counts, so an
 * error (#DIV/0!) in the other one does not reach the cell.
 * @example iff(gt(measure('need'), measure('opening')), measure('shortfall'), 0)
 */
export function iff(condition: GridOperand, then: GridOperand, otherwise: GridOperand): GridExpr {
  return { kind: 'if', condition: operand(condition), then: operand(then), otherwise: operand(otherwise) };
}

/** `AND(a, b, …)` of booleans or numbers (non-zero is true). @example and(gt(measure('a'), 0), lt(measure('b'), 1)) */
export function and(...args: GridOperand[]): GridExpr {
  if (args.length === 0) throw new GridTemplateError('AND needs at least one argument');
  return { kind: 'call', fn: 'AND', args: args.map(operand) };
}

/** `OR(a, b, …)`. @example or(eq(measure('status'), 0), lt(measure('stock'), 0)) */
export function or(...args: GridOperand[]): GridExpr {
  if (args.length === 0) throw new GridTemplateError('OR needs at least one argument');
  return { kind: 'call', fn: 'OR', args: args.map(operand) };
}

/** `MIN(a, b, …)` of numbers. @example min(measure('need'), productInput('moq')) */
export function min(...args: GridOperand[]): GridExpr {
  if (args.length === 0) throw new GridTemplateError('MIN needs at least one argument');
  return { kind: 'call', fn: 'MIN', args: args.map(operand) };
}

/** `MAX(a, b, …)` of numbers. @example max(productInput('moq'), roundUp(measure('shortfall'), 0)) */
export function max(...args: GridOperand[]): GridExpr {
  if (args.length === 0) throw new GridTemplateError('MAX needs at least one argument');
  return { kind: 'call', fn: 'MAX', args: args.map(operand) };
}

const roundFn = (fn: 'ROUND' | 'ROUNDUP' | 'ROUNDDOWN') => (arg: GridOperand, digits: number): GridExpr => {
  if (!Number.isInteger(digits) || Math.abs(digits) > 15) throw new GridTemplateError(`${fn} digits must be an integer constant within ±15, got ${digits}`);
  return { kind: 'round', fn, arg: operand(arg), digits };
};

/** `ROUND(arg, digits)`, half away from zero, as HyperFormula computes it (see the module comment). @example round(measure('revenue'), 2) */
export const round = roundFn('ROUND');
/** `ROUNDUP(arg, digits)`: away from zero; `roundUp(x, 0)` is the ceiling of an x ≥ 0. @example roundUp(sub(measure('need'), measure('opening')), 0) */
export const roundUp = roundFn('ROUNDUP');
/** `ROUNDDOWN(arg, digits)`: toward zero. @example roundDown(measure('price'), 0) */
export const roundDown = roundFn('ROUNDDOWN');

/** `INT(arg)`; use on values ≥ 0 only (see the module comment). @example int(measure('units')) */
export function int(arg: GridOperand): GridExpr {
  return { kind: 'unaryFn', fn: 'INT', arg: operand(arg) };
}

/** `ABS(arg)`. @example abs(sub(measure('a'), measure('b'))) */
export function abs(arg: GridOperand): GridExpr {
  return { kind: 'unaryFn', fn: 'ABS', arg: operand(arg) };
}

/** The value type of an expression. */
export type GridType = 'number' | 'boolean';

const COMPARISONS: ReadonlySet<BinaryOp> = new Set(['<', '<=', '>', '>=', '=', '<>']);

/** Whether a binary operator compares (gives a boolean) rather than computes. */
export function isComparison(op: BinaryOp): boolean {
  return COMPARISONS.has(op);
}

/**
 * The type of an expression, checking that numbers are given where numbers
 * are needed. Throws GridTemplateError naming the offending part.
 * @example typeOf(gt(measure('a'), 0)) // 'boolean'
 */
export function typeOf(expr: GridExpr): GridType {
  const needNumber = (e: GridExpr, where: string) => {
    if (typeOf(e) !== 'number') throw new GridTemplateError(`${where} needs a number, got a boolean (wrap it in iff(…, 1, 0))`);
  };
  switch (expr.kind) {
    case 'number':
    case 'measure':
    case 'productInput':
    case 'cellInput':
    case 'weekInput':
    case 'scalar':
    case 'rowTotal':
    case 'weekTotal':
      return 'number';
    case 'prev':
      needNumber(expr.of, 'prev');
      needNumber(expr.first, 'the first-week value of prev');
      return 'number';
    case 'neg':
      needNumber(expr.arg, 'negation');
      return 'number';
    case 'binary':
      needNumber(expr.left, `the left side of ${expr.op}`);
      needNumber(expr.right, `the right side of ${expr.op}`);
      return isComparison(expr.op) ? 'boolean' : 'number';
    case 'if': {
      typeOf(expr.condition);
      const a = typeOf(expr.then);
      const b = typeOf(expr.otherwise);
      if (a !== b) throw new GridTemplateError('IF needs both branches of one type (both numbers or both booleans)');
      return a;
    }
    case 'call':
      if (expr.fn === 'AND' || expr.fn === 'OR') {
        for (const a of expr.args) typeOf(a);
        return 'boolean';
      }
      for (const a of expr.args) needNumber(a, expr.fn);
      return 'number';
    case 'round':
    case 'unaryFn':
      needNumber(expr.arg, expr.fn);
      return 'number';
  }
}

/** Calls `visit` on every sub-expression, the expression itself first. */
export function walk(expr: GridExpr, visit: (e: GridExpr) => void): void {
  visit(expr);
  switch (expr.kind) {
    case 'prev':
      walk(expr.of, visit);
      walk(expr.first, visit);
      return;
    case 'neg':
    case 'round':
    case 'unaryFn':
      walk(expr.arg, visit);
      return;
    case 'binary':
      walk(expr.left, visit);
      walk(expr.right, visit);
      return;
    case 'if':
      walk(expr.condition, visit);
      walk(expr.then, visit);
      walk(expr.otherwise, visit);
      return;
    case 'call':
      for (const a of expr.args) walk(a, visit);
      return;
    default:
      return;
  }
}
