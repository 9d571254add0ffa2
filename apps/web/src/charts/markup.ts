/**
 * ECharts renders tooltips as HTML. Everything a plan carries (scenario,
 * channel and product names, file names) can hold markup, so tooltip text is
 * put together here only: interpolated values are escaped unless they are
 * markup this module made itself.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Text made safe to place in HTML (element content or a quoted attribute).
 * @example escapeHtml('<img src=x>') // '&lt;img src=x&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

/** Markup made by `html`: interpolating it into another `html` template keeps it as markup. */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/**
 * A tooltip fragment: the template's own text is markup, every interpolated
 * value is escaped (numbers and strings alike) unless it is a `Markup` or an
 * array of them.
 * @example html`<b>${scenario.name}</b><br/>${html`<span>${'a<b'}</span>`}`.value // '<b>…</b><br/><span>a&lt;b</span>'
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += piece(v) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

function piece(v: unknown): string {
  if (v instanceof Markup) return v.value;
  if (Array.isArray(v)) return v.map(piece).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

/** Markup pieces joined by a line break. */
export function htmlLines(parts: readonly Markup[]): Markup {
  return new Markup(parts.map((p) => p.value).join('<br/>'));
}
