/**
 * Text from MyBOT on a terminal. Names, attributes, messages, error details and field names are
 * written by strangers; an ESC, a C1 CSI (U+009B) or a bidi override among them could recolour,
 * retitle or rewrite what a person sees, or hide part of a line. Every such character is shown
 * as a visible escape (`\x1B`, `\u202E`) instead, so that nothing is silently lost either.
 *
 * Each function is one pass of a character-class regex: linear in the length of the text.
 *
 * @module
 */

/** C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same, plus tab and newline: inside a table cell they would break the layout. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const UNSAFE_IN_CELL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves as it is but a terminal would act on (and line separators). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (code: number, digits: number) => code.toString(16).toUpperCase().padStart(digits, "0");

/** Every character the patterns above can match, with its escape: looked up, not rebuilt per match. */
const VISIBLE: Record<string, string> = {};
const JSON_ESCAPE: Record<string, string> = {};
for (const [from, to] of [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x2028, 0x202e],
  [0x2066, 0x2069],
]) {
  for (let code = from as number; code <= (to as number); code++) {
    const c = String.fromCharCode(code);
    VISIBLE[c] = code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
    JSON_ESCAPE[c] = `\\u${hex(code, 4)}`;
  }
}
const visible = (c: string) => VISIBLE[c] as string;

/**
 * Text for a terminal: control characters (but newline and tab) and bidi controls shown as
 * escapes.
 *
 * @example
 * ```ts
 * safeForTerminal("hi\u001b]0;pwned\u0007\n"); // "hi\\x1B]0;pwned\\x07\n"
 * ```
 */
export function safeForTerminal(text: string): string {
  return text.replace(UNSAFE, visible);
}

/**
 * One table cell for a terminal: as {@link safeForTerminal}, and newline and tab shown as
 * escapes too, so that a cell stays on its row.
 *
 * @example
 * ```ts
 * safeCell("Asha\nRao"); // "Asha\\x0ARao"
 * ```
 */
export function safeCell(text: string): string {
  return text.replace(UNSAFE_IN_CELL, visible);
}

/**
 * JSON text with DEL, C1 controls, line separators and bidi controls written as `\uXXXX`
 * escapes: the same JSON value, but nothing a terminal would act on. (JSON.stringify already
 * escapes C0 controls; these characters can only occur inside strings, where `\u` is valid.)
 *
 * @example
 * ```ts
 * jsonForTerminal(JSON.stringify("\u009b31m")); // "\"\\u009B31m\""
 * ```
 */
export function jsonForTerminal(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => JSON_ESCAPE[c] as string);
}
