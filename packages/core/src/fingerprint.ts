/**
 * A stable id for a message the vendor sends without one (shared/mybot-api/README.md: no message
 * ids were seen): a 32-bit FNV-1a hash of the message's content (sender, type, text, and the
 * file's link without its query) and the low 32 bits of its epoch milliseconds. The same content gives the same id in every call, page and process; two
 * different messages at the same instant differ unless their content hashes collide (2^-32).
 * Hashed field by field, without building a string, and hex from a table: it runs for every
 * message of every page (see bench/).
 *
 * @module
 */

const HEX = Array.from({ length: 256 }, (_, i) => (i + 256).toString(16).slice(1));
const hex8 = (n: number) =>
  `${HEX[(n >>> 24) & 255]}${HEX[(n >>> 16) & 255]}${HEX[(n >>> 8) & 255]}${HEX[n & 255]}`;

/**
 * FNV-1a over the text two UTF-16 units at a time (half the multiplications), then a separator.
 *
 * @example
 * ```ts
 * mix(0x811c9dc5, "Hello!"); // a 32-bit hash, to be mixed on with the next field
 * ```
 */
export function mix(hash: number, text: string): number {
  let h = hash;
  const last = text.length - 1;
  let i = 0;
  for (; i < last; i += 2)
    h = Math.imul(h ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i === last) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  // A separator, so that ("ab", "c") and ("a", "bc") differ.
  return Math.imul(h ^ 0x1f, 0x01000193);
}

/**
 * `fp-` and 16 hex digits, from the message's instant and the parts of its content.
 *
 * @example
 * ```ts
 * fingerprint(1785597674250, "bot", "TEXT", "Hello!", ""); // "fp-…"
 * ```
 */
export function fingerprint(
  timestamp: number,
  sender: string,
  type: string,
  text: string,
  file: string,
): string {
  const hash = mix(mix(mix(mix(0x811c9dc5, sender), type), text), file);
  return `fp-${hex8(hash)}${hex8(timestamp % 0x100000000)}`;
}
