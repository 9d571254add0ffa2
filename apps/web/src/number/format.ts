import type { NumberLang, NumberUnit } from './types.ts';

/** Options of `formatNumber`. */
export interface FormatOptions {
  /** Fixed number of decimals; by default each unit picks a sensible one. */
  decimals?: number;
  /**
   * Large money and counts as 万/亿 in zh and K/M/B in en. Default: on in zh
   * (how Chinese planners read figures), off in en; `true` in en compacts
   * from a million, `'short'` (chart labels and axes) from ten thousand.
   */
  compact?: boolean | 'short';
  /** Prefix positive values with `+` (for differences between scenarios). */
  signed?: boolean;
}

/** The placeholder for a figure that does not apply or cannot be computed. */
export const EMPTY_FIGURE = '—';

/**
 * `toFixed` that stays readable: from 1e21 JavaScript switches to exponent
 * form on its own, so such absurd figures are written as `1.000e+21`.
 */
function fixedText(value: number, decimals: number): string {
  return Math.abs(value) >= 1e21 ? value.toExponential(3) : value.toFixed(decimals);
}

/** Thousands separators on the integer part of a plain decimal string (exponent forms pass through). */
function group(fixed: string): string {
  // a loop, not a look-ahead regex: a repaint of the product calendar formats ~2,000 cells, and the regex took 10–13 ms of it
  if (fixed.includes('e') || fixed.includes('E')) return fixed;
  const dot = fixed.indexOf('.');
  const int = dot < 0 ? fixed : fixed.slice(0, dot);
  const signed = int.startsWith('-') || int.startsWith('+');
  const digits = signed ? int.slice(1) : int;
  if (digits.length <= 3) return fixed;
  const head = digits.length % 3 || 3;
  let grouped = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return `${signed ? int[0] : ''}${grouped}${dot < 0 ? '' : fixed.slice(dot)}`;
}

/** Rounds to at most `max` decimals and drops trailing zeros (2.50 → 2.5). */
function trimmed(value: number, max: number): string {
  const fixed = fixedText(value, max);
  return fixed.includes('.') && !/e/i.test(fixed) ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** Decimals for an amount shown in full: cents only where they matter. */
function fullDecimals(abs: number, unit: NumberUnit): number | 'trim2' {
  if (unit === 'money') return abs < 1000 ? 2 : 0;
  return abs < 100 ? 'trim2' : 0;
}

function compactParts(abs: number, lang: NumberLang, short: boolean): { scaled: number; suffix: string } | undefined {
  const steps: ReadonlyArray<readonly [number, string]> =
    lang === 'zh' ? [[1e8, '亿'], [1e4, '万']] : [[1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  // In a table en compacts only from a million: 12,500 reads better than 12.5K there.
  const floor = lang === 'zh' || short ? 1e4 : 1e6;
  if (abs < floor) return undefined;
  for (let i = 0; i < steps.length; i++) {
    const [size, suffix] = steps[i]!;
    if (abs >= size) {
      const scaled = abs / size;
      // 99,999,999 rounds to 10000万: move up to 1亿 instead.
      const bigger = steps[i - 1];
      if (bigger && Number(scaled.toFixed(2)) * size >= bigger[0]) return { scaled: abs / bigger[0], suffix: bigger[1] };
      return { scaled, suffix };
    }
  }
  return undefined;
}

/**
 * A figure as planners read it: `¥` for money, `%` for rates, thousands
 * separators, 万/亿 for large money and counts in zh (`300万`), ROI with two
 * decimals, and `—` for null, NaN or an infinite value (never "NaN").
 *
 * @example formatNumber(3000000, 'money', 'zh') // '¥300万'
 * @example formatNumber(3000000, 'money', 'en') // '¥3,000,000'
 * @example formatNumber(0.025, 'rate', 'en') // '2.5%'
 * @example formatNumber(3.70819, 'ratio', 'zh') // '3.71'
 * @example formatNumber(null, 'count', 'en') // '—'
 */
export function formatNumber(value: number | null, unit: NumberUnit, lang: NumberLang, opts: FormatOptions = {}): string {
  if (value === null || !Number.isFinite(value)) return EMPTY_FIGURE;
  // A rate near the float limit overflows when shown ×100: no such figure is meaningful.
  if (unit === 'rate' && !Number.isFinite(value * 100)) return EMPTY_FIGURE;
  const negative = value < 0 && Math.abs(value) > 0;
  const abs = Math.abs(value);
  let body: string;
  if (unit === 'rate') {
    const pct = abs * 100;
    if (opts.decimals !== undefined) body = group(fixedText(pct, opts.decimals));
    else {
      // A tiny non-zero rate (0.004%) must not read as 0%.
      let shownPct = trimmed(pct, 2);
      if (pct > 0 && Number(shownPct) === 0) shownPct = trimmed(pct, 4);
      body = group(shownPct);
    }
    body += '%';
  } else if (unit === 'ratio') {
    body = group(fixedText(abs, opts.decimals ?? 2));
  } else {
    const compact = opts.compact ?? lang === 'zh';
    const parts = compact ? compactParts(abs, lang, compact === 'short') : undefined;
    if (parts) body = group(opts.decimals !== undefined ? fixedText(parts.scaled, opts.decimals) : trimmed(parts.scaled, 2)) + parts.suffix;
    else {
      const d = opts.decimals ?? fullDecimals(abs, unit);
      body = group(d === 'trim2' ? trimmed(abs, 2) : fixedText(abs, d));
    }
    if (unit === 'money') body = `¥${body}`;
  }
  // -0.001 shown as ¥0.00 must not carry a minus sign.
  const zero = /^[¥]?[0.,]*[%万亿KMB]?$/.test(body);
  if (negative && !zero) return `-${body}`;
  if (opts.signed && !zero && value > 0) return `+${body}`;
  return body;
}

/**
 * The full-precision form of a value for copying to Excel/WPS: rates as
 * `2.5%` (Excel reads it back as 0.025), everything else a plain number with
 * no grouping, so the spreadsheet receives exactly what the plan holds.
 * @example numberToClipboardText(0.025, 'rate') // '2.5%'
 * @example numberToClipboardText(1096224.1169, 'money') // '1096224.1169'
 */
export function numberToClipboardText(value: number | null, unit: NumberUnit): string {
  if (value === null || !Number.isFinite(value)) return '';
  // Rates go through ×100, which needs the spreadsheet's 15 digits to drop binary noise.
  const v = unit === 'rate' ? Number((value * 100).toPrecision(15)) : value;
  const plain = plainDecimal(v);
  return unit === 'rate' ? `${plain}%` : plain;
}

/**
 * A number as text a spreadsheet reads back exactly: JavaScript's shortest
 * round-trip form, which uses an exponent only for very small or large
 * values (`5e-324`, `1e+21`); Excel, WPS and `parseNumberInput` all read it.
 */
function plainDecimal(v: number): string {
  return String(v);
}
