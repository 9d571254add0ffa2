import { describe, expect, it } from 'vitest';
import { formatNumber, numberToClipboardText, parseNumberInput } from './index.ts';

describe('formatNumber', () => {
  it('shows money with ¥ and 万/亿 in zh, separators in en', () => {
    expect(formatNumber(3000000, 'money', 'zh')).toBe('¥300万');
    expect(formatNumber(1096224.1169, 'money', 'zh')).toBe('¥109.62万');
    expect(formatNumber(350000000, 'money', 'zh')).toBe('¥3.5亿');
    expect(formatNumber(99999999, 'money', 'zh')).toBe('¥1亿');
    expect(formatNumber(9999.4, 'money', 'zh')).toBe('¥9,999');
    expect(formatNumber(999.5, 'money', 'zh')).toBe('¥999.50');
    expect(formatNumber(3000000, 'money', 'en')).toBe('¥3,000,000');
    expect(formatNumber(809013.4, 'money', 'en')).toBe('¥809,013');
    expect(formatNumber(1.2, 'money', 'en')).toBe('¥1.20');
    expect(formatNumber(1.2, 'money', 'zh')).toBe('¥1.20');
    expect(formatNumber(-1200, 'money', 'en')).toBe('-¥1,200');
  });

  it('shows rates as percentages without noise', () => {
    expect(formatNumber(0.025, 'rate', 'en')).toBe('2.5%');
    expect(formatNumber(0.2, 'rate', 'zh')).toBe('20%');
    expect(formatNumber(0.015, 'rate', 'zh')).toBe('1.5%');
    expect(formatNumber(0.00004, 'rate', 'en')).toBe('0.004%');
    expect(formatNumber(0.025, 'rate', 'en', { decimals: 2 })).toBe('2.50%');
  });

  it('shows counts whole when large, 万 in zh', () => {
    expect(formatNumber(274056.03, 'count', 'en')).toBe('274,056');
    expect(formatNumber(274056.03, 'count', 'zh')).toBe('27.41万');
    expect(formatNumber(6851.4, 'count', 'zh')).toBe('6,851');
    expect(formatNumber(12.5, 'count', 'en')).toBe('12.5');
    expect(formatNumber(10962241.17, 'count', 'en', { compact: true })).toBe('10.96M');
    expect(formatNumber(10962241.17, 'count', 'zh', { compact: false })).toBe('10,962,241');
    expect(formatNumber(27405.6, 'count', 'en', { compact: true })).toBe('27,406');
    expect(formatNumber(27405.6, 'count', 'en', { compact: 'short' })).toBe('27.41K');
    expect(formatNumber(640000, 'money', 'en', { compact: 'short' })).toBe('¥640K');
    expect(formatNumber(9999, 'count', 'en', { compact: 'short' })).toBe('9,999');
  });

  it('shows ROI with two decimals', () => {
    expect(formatNumber(3.70819, 'ratio', 'en')).toBe('3.71');
    expect(formatNumber(0.7, 'ratio', 'zh')).toBe('0.70');
  });

  it('shows — for null, NaN and infinite values, never "NaN"', () => {
    for (const v of [null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      for (const unit of ['rate', 'money', 'count', 'ratio'] as const) {
        expect(formatNumber(v, unit, 'zh')).toBe('—');
        expect(formatNumber(v, unit, 'en')).toBe('—');
      }
    }
  });

  it('drops the sign of a value that rounds to zero and can sign differences', () => {
    expect(formatNumber(-0.001, 'money', 'en')).toBe('¥0.00');
    expect(formatNumber(1200, 'money', 'en', { signed: true })).toBe('+¥1,200');
    expect(formatNumber(-0.05, 'rate', 'en', { signed: true })).toBe('-5%');
  });
});

describe('numberToClipboardText', () => {
  it('writes full precision that reads back to the same value', () => {
    for (const [v, unit] of [[0.025, 'rate'], [0.0251, 'rate'], [1096224.1169, 'money'], [548112.0584652862, 'count'], [3.33, 'ratio'], [1e-7, 'money']] as const) {
      const text = numberToClipboardText(v, unit);
      const back = parseNumberInput(text, unit);
      expect(back).toEqual({ ok: true, value: v });
    }
    expect(numberToClipboardText(0.025, 'rate')).toBe('2.5%');
    expect(numberToClipboardText(null, 'money')).toBe('');
  });
});
