import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, numberToClipboardText, parseNumberInput } from './index.ts';

const units = fc.constantFrom('rate' as const, 'money' as const, 'count' as const, 'ratio' as const);

describe('number input and formatting: properties', () => {
  it('whatever is typed, the answer is a finite number or a message in both languages — never NaN', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), units, (text, unit) => {
        const out = parseNumberInput(text, unit);
        if (out.ok) expect(Number.isFinite(out.value)).toBe(true);
        else expect(out.message.zh.length > 0 && out.message.en.length > 0).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('a value copied out (to Excel/WPS) reads back as the same value', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.constantFrom('money' as const, 'count' as const, 'ratio' as const), (v, unit) => {
        expect(parseNumberInput(numberToClipboardText(v, unit), unit)).toEqual({ ok: true, value: v === 0 ? 0 : v });
      }),
      { numRuns: 2000 },
    );
  });

  it('a rate copied out reads back equal to 15 significant digits, as a spreadsheet keeps it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }).filter((v) => v === 0 || v > 1e-200), (v) => {
        const back = parseNumberInput(numberToClipboardText(v, 'rate'), 'rate');
        expect(back.ok).toBe(true);
        if (back.ok) expect(Math.abs(back.value - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-14 + 1e-300);
      }),
      { numRuns: 2000 },
    );
  });

  it('formatting never shows NaN or Infinity, in either language', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.constant(null)), units, fc.constantFrom('zh' as const, 'en' as const), (v, unit, lang) => {
        const text = formatNumber(v, unit, lang);
        expect(text).not.toMatch(/NaN|Infinity|undefined/);
        expect(text.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('a shown money or count figure typed back lands within its display rounding', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e10, noNaN: true }), fc.constantFrom('money' as const, 'count' as const), fc.constantFrom('zh' as const, 'en' as const), (v, unit, lang) => {
        const shown = formatNumber(v, unit, lang);
        const back = parseNumberInput(shown, unit);
        expect(back.ok).toBe(true);
        // At most half a unit of the last digit shown: 0.01亿, 0.01万, ¥1 or ¥0.01, one visitor or 0.01.
        const tolerance = lang === 'zh' && v >= 1e8 ? 0.005e8 : lang === 'zh' && v >= 1e4 ? 0.005e4 : 0.5;
        if (back.ok) expect(Math.abs(back.value - v)).toBeLessThanOrEqual(tolerance * (1 + 1e-9));
      }),
      { numRuns: 2000 },
    );
  });
});
