import { describe, expect, it } from 'vitest';
import { parseNumberInput } from './index.ts';

function value(text: string, unit: Parameters<typeof parseNumberInput>[1]): number | undefined {
  const out = parseNumberInput(text, unit);
  return out.ok ? out.value : undefined;
}

describe('parseNumberInput: what planners type', () => {
  it('reads percentages in a rate cell, and a bare number there as a percentage', () => {
    expect(value('2.5%', 'rate')).toBe(0.025);
    expect(value('2.5', 'rate')).toBe(0.025);
    expect(value(' 2.51 % ', 'rate')).toBe(0.0251);
    expect(value('150%', 'rate')).toBe(1.5); // range is the plan's validation, not the parser's
    expect(value('5‰', 'rate')).toBe(0.005);
    expect(value('0', 'rate')).toBe(0);
  });

  it('reads thousands separators, currency and Chinese scale words', () => {
    expect(value('1,200', 'count')).toBe(1200);
    expect(value('1,234,567.5', 'money')).toBe(1234567.5);
    expect(value('¥160', 'money')).toBe(160);
    expect(value('￥160', 'money')).toBe(160);
    expect(value('160元', 'money')).toBe(160);
    expect(value('1.2万', 'count')).toBe(12000);
    expect(value('1.1万', 'money')).toBe(11000);
    expect(value('¥1.2万元', 'money')).toBe(12000);
    expect(value('3亿', 'money')).toBe(300000000);
    expect(value('1.2w', 'count')).toBe(12000);
    expect(value('1.5k', 'money')).toBe(1500);
    expect(value('2千万', 'money')).toBe(20000000);
  });

  it('reads full-width digits and signs as typed with a Chinese IME', () => {
    expect(value('１２００', 'count')).toBe(1200);
    expect(value('２．５％', 'rate')).toBe(0.025);
    expect(value('￥１，２００', 'money')).toBe(1200);
    expect(value('\u3000160\u3000', 'money')).toBe(160);
  });

  it('reads signs, accounting negatives and exponents', () => {
    expect(value('-1,200', 'money')).toBe(-1200);
    expect(value('¥-160', 'money')).toBe(-160);
    expect(value('(1,200)', 'money')).toBe(-1200);
    expect(value('+3.5', 'ratio')).toBe(3.5);
    expect(value('1e3', 'count')).toBe(1000);
    expect(value('.5', 'ratio')).toBe(0.5);
    expect(value('3.5x', 'ratio')).toBe(3.5);
    expect(value('3.5倍', 'ratio')).toBe(3.5);
    expect(value('\ufeff1,200\u200b', 'count')).toBe(1200);
    expect(value('(¥1,200.00)', 'money')).toBe(-1200);
    expect(value('¥ 1,200.00 ', 'money')).toBe(1200);
    expect(Object.is(value('-0', 'count'), 0)).toBe(true);
  });

  it.each([
    ['', 'money'],
    ['   ', 'count'],
    ['abc', 'money'],
    ['NaN', 'count'],
    ['Infinity', 'money'],
    ['-Infinity', 'count'],
    ['1e400', 'money'],
    ['#DIV/0!', 'rate'],
    ['1,2', 'count'],
    ['12,34,567', 'count'],
    ['1.2.3', 'count'],
    ['2.5%', 'money'],
    ['¥160', 'rate'],
    ['1.2万', 'rate'],
    ['2.5%%', 'rate'],
    ['3 apples', 'count'],
    ['3x', 'money'],
    ['x', 'ratio'],
  ] as const)('rejects %j in a %s cell with a message in both languages', (text, unit) => {
    const out = parseNumberInput(text, unit);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(out.message.en).toMatch(/[a-z]/);
    }
  });

  it('names the unit expected in the message', () => {
    const out = parseNumberInput('abc', 'rate');
    expect(out).toEqual({ ok: false, message: { zh: '“abc”不是数字：请输入百分比，如 2.5%', en: '"abc" is not a number: enter a percentage such as 2.5%' } });
  });

  it('never returns NaN or an infinite value', () => {
    for (const text of ['NaN', 'nan', 'Infinity', '1e999', '¥', '%', '万', '-', '.', ',', '()']) {
      for (const unit of ['rate', 'money', 'count', 'ratio'] as const) {
        const out = parseNumberInput(text, unit);
        if (out.ok) expect(Number.isFinite(out.value)).toBe(true);
        else expect(out.message.en.length).toBeGreaterThan(0);
      }
    }
  });
});
