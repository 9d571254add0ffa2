import { normalizeNumberText } from './normalize.ts';
import type { BilingualMessage, NumberUnit, ParseOutcome } from './types.ts';

/** Scale words planners type after a number, and what they multiply by. */
const SCALES: ReadonlyArray<readonly [string, number]> = [
  // Longest first so 千万 is not read as 千 + 万.
  ['千万', 1e7],
  ['百万', 1e6],
  ['亿', 1e8],
  ['万', 1e4],
  ['千', 1e3],
  ['w', 1e4], // 1.2w: the usual shorthand for 万 in Chinese shops
  ['k', 1e3],
  ['m', 1e6],
];

const UNIT_HINT: Record<NumberUnit, BilingualMessage> = {
  rate: { zh: '请输入百分比，如 2.5%', en: 'enter a percentage such as 2.5%' },
  money: { zh: '请输入金额，如 ¥160 或 1.2万', en: 'enter an amount such as ¥160 or 1,200' },
  count: { zh: '请输入数量，如 1,200 或 1.2万', en: 'enter a number such as 1,200' },
  ratio: { zh: '请输入数值，如 3.5', en: 'enter a number such as 3.5' },
};

function fail(zh: string, en: string, unit: NumberUnit): ParseOutcome {
  const hint = UNIT_HINT[unit];
  return { ok: false, message: { zh: `${zh}：${hint.zh}`, en: `${en}: ${hint.en}` } };
}

/** Plain digits with optional thousands groups of three and a decimal part. */
const PLAIN = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d*)?$|^\.\d+$/;
const EXPONENT = /^(?:\d+(?:\.\d*)?|\.\d+)e[+-]?\d+$/;

/**
 * Reads what a planner typed or pasted into a cell of the given unit.
 *
 * Accepted: `2.5%` (0.025 in a rate cell; a bare `2.5` in a rate cell also
 * means 2.5%, as in Excel's percent-formatted cells), `‰`, `1,200`, `¥160`,
 * `￥160`, `160元`, `1.2万` (12000), `3亿`, `1.2w`, `1.5k`, `3.5x`/`3.5倍` for a ratio, full-width digits,
 * surrounding spaces, a leading sign and accounting negatives `(1,200)`.
 * Rejected with a zh+en message: empty text, words, `NaN`, `Infinity`,
 * Excel error values, a `%` outside a rate cell, `¥` outside a money cell,
 * a scale word in a rate cell, and anything too large to be finite.
 * Range checks (a CVR over 100%) are the plan's validation, not this parser's.
 *
 * @example parseNumberInput('2.5%', 'rate') // { ok: true, value: 0.025 }
 * @example parseNumberInput('1.2万', 'count') // { ok: true, value: 12000 }
 * @example parseNumberInput('abc', 'money') // { ok: false, message: { zh: '…', en: '…' } }
 */
export function parseNumberInput(text: string, unit: NumberUnit): ParseOutcome {
  const original = String(text ?? '');
  let s = normalizeNumberText(original);
  if (s === '') return fail('不能为空', 'empty entry', unit);
  const shown = original.trim().length > 24 ? `${original.trim().slice(0, 24)}…` : original.trim();
  if (s.startsWith('#')) return fail(`“${shown}”是表格错误值，不是数字`, `"${shown}" is a spreadsheet error, not a number`, unit);

  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) negative = !negative;
    s = s.slice(1).trim();
  }

  let currency = false;
  if (s.startsWith('¥') || s.toUpperCase().startsWith('CNY') || s.toUpperCase().startsWith('RMB')) {
    currency = true;
    s = s.replace(/^(?:¥|cny|rmb)/i, '').trim();
    // ¥-160 is also how some sheets write a negative amount.
    if (s.startsWith('-')) {
      negative = !negative;
      s = s.slice(1).trim();
    }
  }
  if (s.endsWith('元')) {
    currency = true;
    s = s.slice(0, -1).trim();
  }

  // ROI is often written 3.5x or 3.5倍.
  let times = false;
  if (/(?:x|倍)$/i.test(s)) {
    times = true;
    s = s.slice(0, -1).trim();
  }

  let percent = 1;
  if (s.endsWith('%')) {
    percent = 100;
    s = s.slice(0, -1).trim();
  } else if (s.endsWith('‰')) {
    percent = 1000;
    s = s.slice(0, -1).trim();
  }

  let scale = 1;
  const lower = s.toLowerCase();
  for (const [word, factor] of SCALES) {
    if (lower.endsWith(word)) {
      scale = factor;
      s = s.slice(0, -word.length).trim();
      break;
    }
  }
  // 1.2万元 is read as 1.2万 with the currency word after the scale.
  if (s.endsWith('元')) {
    currency = true;
    s = s.slice(0, -1).trim();
  }

  const digits = s.toLowerCase();
  if (!PLAIN.test(digits) && !EXPONENT.test(digits)) {
    return fail(`“${shown}”不是数字`, `"${shown}" is not a number`, unit);
  }
  if (times && unit !== 'ratio') return fail(`“${shown}”是倍数，此处不是比值`, `"${shown}" is a multiple, this cell is not a ratio`, unit);
  if (currency && unit !== 'money') return fail(`“${shown}”是金额，此处不是金额`, `"${shown}" is an amount, this cell is not money`, unit);
  if (percent !== 1 && unit !== 'rate') return fail(`“${shown}”是百分比，此处不是比率`, `"${shown}" is a percentage, this cell is not a rate`, unit);
  if (scale !== 1 && (unit === 'rate' || unit === 'ratio')) return fail(`“${shown}”带有数量单位，此处是比率`, `"${shown}" has a scale word, this cell is a rate`, unit);

  let value = Number(digits.replace(/,/g, ''));
  // A bare number in a rate cell is a percentage, as planners read rates.
  if (unit === 'rate') value = percent === 1000 ? value / 1000 : value / 100;
  else value *= scale;
  if (unit === 'rate' || scale !== 1) value = tidy(value);
  if (negative) value = -value;
  if (!Number.isFinite(value)) return fail(`“${shown}”超出可计算范围`, `"${shown}" is too large`, unit);
  return { ok: true, value: value === 0 ? 0 : value };
}

/**
 * Dividing a decimal by 100 leaves binary noise (2.51 / 100 = 0.025099999…,
 * 1.1 × 10000 = 11000.000000000002);
 * 15 significant digits is what a spreadsheet keeps, so round to that.
 */
function tidy(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(15));
}
