/**
 * Number input and locale formatting for the web app's cells and charts:
 * what a planner types (`2.5%`, `1,200`, `¥160`, `1.2万`) becomes a value or a
 * zh+en message; values are shown with ¥, %, separators and 万/亿.
 */
export { parseNumberInput } from './parse.ts';
export { formatNumber, numberToClipboardText, EMPTY_FIGURE } from './format.ts';
export type { FormatOptions } from './format.ts';
export { normalizeNumberText } from './normalize.ts';
export type { NumberUnit, NumberLang, BilingualMessage, ParseOutcome } from './types.ts';
