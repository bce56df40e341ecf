/**
 * White space as JavaScript's `/\s/` knows it, in one list for the scans that avoid a regex call
 * per character: the tokenizer asks {@link isSpace} of each character, `oneLine` splits on each of
 * {@link WHITE_SPACE}.
 *
 * @module
 */

/** Every character `/\s/` matches, the space first. */
export const WHITE_SPACE =
  " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/** One flag per UTF-16 code unit: a lookup as fast for CJK text as for ASCII. */
const TABLE = new Uint8Array(0x10000);
for (const space of WHITE_SPACE) TABLE[space.charCodeAt(0)] = 1;

/**
 * Whether a UTF-16 code unit (from `charCodeAt`) is white space, as `/\s/` would say.
 *
 * @example
 * ```ts
 * isSpace(" ".charCodeAt(0)); // true
 * ```
 */
export function isSpace(c: number): boolean {
  return TABLE[c] === 1;
}
