/**
 * Text from MyBOT on a terminal. Names, attributes, messages, error details and field names are
 * written by strangers; an ESC, a C1 CSI (U+009B) or a bidi override among them could recolour,
 * retitle or rewrite what a person sees, or hide part of a line. Every such character is shown
 * as a visible escape (`\x1B`, `\u202E`) instead, so that nothing is silently lost either.
 *
 * Each function is two passes over the text's code units: linear in its length.
 *
 * @module
 */

const hex = (code: number, digits: number) => code.toString(16).toUpperCase().padStart(digits, "0");
const visibleEscape = (code: number) =>
  code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
const jsonEscape = (code: number) => `\\u${hex(code, 4)}`;

/** No unit from here on has an escape (the last is U+2069). */
const ESCAPED_BELOW = 0x206a;

/** Escapes indexed by UTF-16 code unit (undefined: kept as it is), for the ranges given. */
function escapeTable(ranges: [number, number][], escapeOf: (code: number) => string) {
  // Dense: a lookup in a holey array takes V8's slow path, five times slower here.
  const table: (string | undefined)[] = new Array(ESCAPED_BELOW).fill(undefined);
  for (const [from, to] of ranges)
    for (let code = from; code <= to; code++) table[code] = escapeOf(code);
  return table;
}

const BIDI: [number, number][] = [
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];
/** C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and isolates. */
const UNSAFE = escapeTable([[0x00, 0x08], [0x0b, 0x1f], [0x7f, 0x9f], ...BIDI], visibleEscape);
/** The same, plus tab and newline: inside a table cell they would break the layout. */
const UNSAFE_IN_CELL = escapeTable([[0x00, 0x1f], [0x7f, 0x9f], ...BIDI], visibleEscape);
/**
 * What JSON.stringify leaves as it is but a terminal would act on (and line separators). A regex
 * here, not the table walk: JSON text is up to six times its strings (`\u0001`) and these units
 * are rare in it, so the engine's scan beats a walk over every unit.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const JSON_ESCAPES = escapeTable([[0x7f, 0x9f], [0x2028, 0x2029], ...BIDI], jsonEscape);

/** The extra length that escaping `text` with `table` adds: 0 when nothing needs it. */
function growth(text: string, table: (string | undefined)[]): number {
  let extra = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < ESCAPED_BELOW) {
      const replacement = table[code];
      if (replacement !== undefined) extra += replacement.length - 1;
    }
  }
  return extra;
}

/**
 * Every code unit that has an escape in `table` replaced by it, written into a buffer of the
 * exact size: a megabyte of nothing but controls grows fourfold, and this is twice as fast on it
 * as a regex replace calling back once per match. Lone surrogates are kept as they are.
 */
function escapeUnits(text: string, table: (string | undefined)[]): string {
  const extra = growth(text, table);
  if (extra === 0) return text;
  const out = new Uint16Array(text.length + extra);
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const replacement = code < ESCAPED_BELOW ? table[code] : undefined;
    if (replacement === undefined) out[j++] = code;
    else for (let k = 0; k < replacement.length; k++) out[j++] = replacement.charCodeAt(k);
  }
  let result = "";
  for (let i = 0; i < out.length; i += 8192)
    result += String.fromCharCode.apply(null, out.subarray(i, i + 8192) as unknown as number[]);
  return result;
}

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
  return escapeUnits(text, UNSAFE);
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
  return escapeUnits(text, UNSAFE_IN_CELL);
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
  return json.replace(UNSAFE_IN_JSON, (c) => JSON_ESCAPES[c.charCodeAt(0)] as string);
}
