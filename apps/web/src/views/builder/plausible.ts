import { inRange, parseAssumptionPath, type Lang, type LocalizedText } from '@shopplan/schema';
import { formatNumber, type NumberUnit } from '../../number/index.ts';

/**
 * A figure as a planner reads it: the page's usual format, except that a
 * tiny non-zero value (a CPC of ¥0.0000012) keeps two significant digits
 * instead of rounding to ¥0.00.
 * @example plannerNumber(0.0000012, 'money', 'en') // '¥0.0000012'
 */
export function plannerNumber(value: number, unit: NumberUnit, lang: Lang): string {
  const usual = formatNumber(value, unit, lang, { compact: false });
  if (value === 0 || !Number.isFinite(value) || /[1-9]/.test(usual)) return usual;
  const shown = unit === 'rate' ? `${Number((value * 100).toPrecision(2))}%` : String(Number(value.toPrecision(2)));
  return unit === 'money' ? `¥${shown}` : shown;
}

/**
 * Says so when an answer (goal seek's value of an assumption) lies outside
 * the plausible range the schema's field registry gives for that field,
 * with the change from the plan's base value. Undefined when the answer is
 * plausible or the path has no plausible range.
 * @example implausibleAnswer('channels.search.cvr', 0.025, 0.68, 'en') // 'conversion rate 68% is outside the plausible 0.05%–30% (base 2.5%, +65.5 pts)'
 */
export function implausibleAnswer(path: string, base: number | undefined, answer: number, lang: Lang): string | undefined {
  const field = parseAssumptionPath(path)?.field;
  if (!field?.plausible || inRange(field.plausible, answer)) return undefined;
  const unit = field.unit;
  const range = `${plannerNumber(field.plausible.min, unit, lang)}–${field.plausible.max === undefined ? '∞' : plannerNumber(field.plausible.max, unit, lang)}`;
  let change = '';
  if (base !== undefined) {
    const diff = answer - base;
    const sign = diff >= 0 ? '+' : '−';
    const delta = unit === 'rate'
      ? `${sign}${Number((Math.abs(diff) * 100).toFixed(2))} ${lang === 'zh' ? '个百分点' : 'pts'}`
      : base !== 0 ? `${sign}${plannerNumber(Math.abs(diff / base), 'rate', lang)}` : `${sign}${plannerNumber(Math.abs(diff), unit, lang)}`;
    change = lang === 'zh' ? `（基准 ${plannerNumber(base, unit, lang)}，变化 ${delta}）` : ` (base ${plannerNumber(base, unit, lang)}, ${delta})`;
  }
  const label: LocalizedText = field.label;
  return lang === 'zh'
    ? `${label.zh} ${plannerNumber(answer, unit, lang)} 超出合理范围 ${range}${change}`
    : `${label.en} ${plannerNumber(answer, unit, lang)} is outside the plausible ${range}${change}`;
}
