/**
 * Folds what a Chinese keyboard, WPS or Excel may put into a cell onto plain
 * ASCII: full-width digits and signs (IME in full-width mode), the
 * full-width yen sign, non-breaking and ideographic spaces, and the
 * thousands separators some locales use. Kept apart so parsing sees one form.
 */
export function normalizeNumberText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    // U+FF01..U+FF5E are the full-width forms of U+0021..U+007E.
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (ch === '\uffe5') out += '¥'; // ￥ full-width yen
    else if (ch === '\u3000' || ch === '\u00a0' || ch === '\u2009' || ch === '\u202f') out += ' ';
    else if (ch === '\u2212' || ch === '\u2013') out += '-'; // minus sign, en dash from Word/WPS
    else if (ch === '\u200b' || ch === '\u200c' || ch === '\u200d' || ch === '\ufeff') continue; // zero-width and BOM from web pages
    else out += ch;
  }
  return out.trim();
}
