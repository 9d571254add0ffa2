/**
 * Characters that a terminal acts on instead of showing, or that change how
 * the text around them is shown: C0 controls but the newline (ESC starts the
 * sequences that clear the screen, move the cursor or recolour text; CR
 * overwrites a line), DEL, C1 controls (U+009B is a one-character CSI for
 * some terminals), bidi embeddings, overrides, isolates and marks (they
 * reorder text, so "exe.txt" can read as "txt.exe"), and the Unicode line
 * and paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text as it may reach a terminal: every unsafe character becomes a visible
 * `\uXXXX` escape, newlines stay. The escape is JSON's own, so `--json`
 * output passed through stays valid JSON with the same values (JSON.stringify
 * already escapes C0 controls; this adds C1 and bidi controls, which it
 * leaves raw).
 * @example terminalSafe('\u001b[2Jplan') // '\\u001b[2Jplan'
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
