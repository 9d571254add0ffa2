import type { BilingualMessage } from '../number/index.ts';
import { formatNumber, type NumberUnit } from '../number/index.ts';
import { cellNumber, numericUnit, type GridView } from './cells.ts';
import type { RangeRect } from './range.ts';

/** Above this many cells the status bar names the size only: summing half a million cells on every drag step would stall the page. */
const SUM_LIMIT = 50_000;

/**
 * The status bar's figures for a selection, as Excel shows them: count,
 * sum and average of the numbers in it (in their unit when all share one).
 * @example summarizeRange(view, { top: 0, left: 1, bottom: 2, right: 1 }).en // 'Count 3 · Sum ¥450 · Average ¥150'
 */
export function summarizeRange(view: GridView, rect: RangeRect): BilingualMessage {
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  const size = { zh: `${rows} 行 × ${cols} 列`, en: `${rows} × ${cols}` };
  if (rows * cols > SUM_LIMIT) return size;
  let count = 0;
  let sum = 0;
  let unit: NumberUnit | undefined | null = null; // null: none seen yet; undefined: mixed
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row = view.rowAt(r);
    if (!row) continue;
    for (let c = rect.left; c <= rect.right; c++) {
      const column = view.columnAt(c);
      const cell = column ? row.cells[column.id] : undefined;
      const v = cellNumber(cell);
      if (!column || v === undefined) continue;
      const u = numericUnit(column, cell);
      if (u === undefined) continue;
      unit = unit === null ? u : unit === u ? unit : undefined;
      count++;
      sum += v;
    }
  }
  if (count === 0) return size;
  // Adding a rate to an amount means nothing: with mixed units, count only.
  if (unit === undefined || unit === null) return { zh: `计数 ${count}`, en: `Count ${count}` };
  const shownUnit: NumberUnit = unit;
  const avg = sum / count;
  // A sum of rates means nothing; show the average only.
  const sumText = (l: 'zh' | 'en') => (shownUnit === 'rate' ? '' : l === 'zh' ? ` · 求和 ${formatNumber(sum, shownUnit, l)}` : ` · Sum ${formatNumber(sum, shownUnit, l)}`);
  return {
    zh: `计数 ${count}${sumText('zh')} · 平均 ${formatNumber(avg, shownUnit, 'zh')}`,
    en: `Count ${count}${sumText('en')} · Average ${formatNumber(avg, shownUnit, 'en')}`,
  };
}
