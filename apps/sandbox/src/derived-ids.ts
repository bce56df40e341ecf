/**
 * Values the sandbox derives instead of drawing at random, so that loading the same seed twice
 * (or generating the same data twice) gives the same bytes: the `user_id` of a user's messages
 * and the id of a seed message that has none.
 *
 * @module
 */

/** 32-bit FNV-1a of `text`, started from `basis`: four bases give 128 bits for a UUID. */
function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche, so that inputs differing in their last character differ in every digit.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hex8 = (n: number) => n.toString(16).padStart(8, "0");

/**
 * 32 hex digits hashed from `text`.
 *
 * @example
 * ```ts
 * hashHex("hello").length; // 32
 * ```
 */
export function hashHex(text: string): string {
  return (
    hex8(fnv1a(text, 0x811c9dc5)) +
    hex8(fnv1a(text, 0x050c5d1f)) +
    hex8(fnv1a(text, 0x1b873593)) +
    hex8(fnv1a(text, 0x9e3779b9))
  );
}

/**
 * The `user_id` the sandbox gives a user's messages when the seed gives none: UUID-shaped (version
 * 4 layout), like the vendor's web-widget session ids, and stable for the bot and channel user.
 *
 * @example
 * ```ts
 * sessionUserId("10294", "1a1c9bfa5e0f41ed", "919812345678"); // "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx"
 * ```
 */
export function sessionUserId(customerId: string, botKey: string, channelUserId: string): string {
  const h = hashHex(`${customerId}\u0000${botKey}\u0000${channelUserId}`);
  const variant = ((Number.parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
