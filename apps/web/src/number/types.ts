/**
 * How a figure is entered and shown: a rate (a fraction shown as %), money
 * (yuan, shown with ¥), a count (visitors, orders) or a ratio (ROI).
 */
export type NumberUnit = 'rate' | 'money' | 'count' | 'ratio';

/** The interface languages; the same union as `Lang` in @shopplan/schema. */
export type NumberLang = 'zh' | 'en';

/** A message for the planner in both interface languages. */
export interface BilingualMessage {
  zh: string;
  en: string;
}

/** What `parseNumberInput` returns: the value, or why the text is not one. */
export type ParseOutcome =
  | { ok: true; value: number }
  | { ok: false; message: BilingualMessage };
