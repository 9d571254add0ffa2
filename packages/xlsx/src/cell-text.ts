/**
 * OOXML stores characters that XML cannot carry as `_xHHHH_` (ECMA-376
 * §22.4.2.4, "ST_Xstring"): a carriage return as `_x000D_`, a control
 * character as `_x0001_`. Readers (Excel, WPS, LibreOffice, ExcelJS) decode
 * that syntax in every text cell, so plan text that merely looks like an
 * escape (`_x0022_`, `_x003D_SUM(1)`) must itself be escaped, or it comes
 * back as `"` or `=SUM(1)`. The escape for a literal `_x` is `_x005F_x`.
 * ExcelJS decodes when reading but does not encode when writing, so the
 * export encodes every text it writes.
 */

/** Characters XML 1.0 cannot hold in text, or that an XML parser rewrites (CR becomes LF). */
// eslint-disable-next-line no-control-regex
const NOT_XML_TEXT = /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const hex4 = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0');

/**
 * Encodes plan text for a cell so that every spreadsheet program reads back
 * exactly this text: a literal `_xHHHH_` is escaped as `_x005F_xHHHH_`, and
 * characters XML cannot carry (CR, other control characters, lone
 * surrogates) are written as `_xHHHH_`. Tab and line feed stay as they are.
 * @example encodeCellText('_x0022_') // '_x005F_x0022_'
 * @example encodeCellText('p\r1') // 'p_x000D_1'
 */
export function encodeCellText(text: string): string {
  return text
    .replace(/_x(?=[0-9A-Fa-f]{4}_)/g, '_x005F_x')
    .replace(NOT_XML_TEXT, (ch) => `_x${hex4(ch.charCodeAt(0))}_`);
}

/**
 * True when a cell's text is the text that was written there, allowing for
 * what a LibreOffice save does to line breaks: it keeps a lone CR and every
 * `_xHHHH_` escape, but turns CR LF into LF. Used to recognise a product id in
 * column A after such a save; never to change plan text.
 * @example sameCellText('line\nbreak', 'line\r\nbreak') // true
 */
export function sameCellText(found: string, written: string): boolean {
  return found === written || found.replace(/\r\n/g, '\n') === written.replace(/\r\n/g, '\n');
}
