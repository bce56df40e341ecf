/**
 * Which messages of one read are new. A read starts at the user's cursor, inclusive, so the
 * messages at the cursor come back; they are recognised by id. The ids may be content
 * fingerprints rather than the vendor's (the live vendor sends none): the same message has the
 * same one in every read, but @mybot/core numbers identical messages at one instant only within
 * a page (`fp-…`, `fp-…-2`), so where a page boundary falls between them both arrive as `fp-…`.
 * The cursor therefore keeps the messages at its timestamp as a multiset of keys with the page
 * numbering removed, and a read admits the n-th repeat of a key only when fewer than n were
 * applied before. Messages behind the cursor were counted by an earlier read.
 *
 * @module
 */
import type { ChatMessage } from "@mybot/core";
import type { UserState } from "./state.ts";

/** A fingerprint with the page-local repeat number `-N` that @mybot/core appends. */
const NUMBERED_FINGERPRINT = /^(fp-[0-9a-f]{16})-\d+$/;

/**
 * The key a message is remembered by at the cursor: its id, without the page-local number of a
 * repeated fingerprint.
 *
 * @example
 * ```ts
 * boundaryKey("fp-0123456789abcdef-2"); // "fp-0123456789abcdef"
 * boundaryKey("vendor-id-7"); // "vendor-id-7"
 * ```
 */
export function boundaryKey(id: string): string {
  return NUMBERED_FINGERPRINT.exec(id)?.[1] ?? id;
}

/** One read from a user's cursor. */
export interface CursorRead {
  /** True when the message is new; then the cursor moves over it (it must be counted). */
  admit(message: ChatMessage): boolean;
}

/**
 * Starts a read from the user's cursor. Feed it the read's messages oldest first, each once:
 * one read is one walk of @mybot/core's iterator, whatever the pages.
 *
 * @example
 * ```ts
 * const read = readFromCursor(user);
 * for await (const message of client.iterateChatHistory(id, { startDate: user.cursor ?? undefined }))
 *   if (read.admit(message)) count(message);
 * ```
 */
export function readFromCursor(user: UserState): CursorRead {
  const start = user.cursor;
  const applied = new Map<string, number>();
  for (const key of user.idsAtCursor) applied.set(key, (applied.get(key) ?? 0) + 1);
  const seen = new Map<string, number>();
  return {
    admit(message) {
      const key = boundaryKey(message.id);
      if (start !== null && message.timestamp <= start) {
        if (message.timestamp < start) return false;
        const repeat = (seen.get(key) ?? 0) + 1;
        seen.set(key, repeat);
        if (repeat <= (applied.get(key) ?? 0)) return false;
      }
      if (user.cursor === null || message.timestamp > user.cursor) {
        user.cursor = message.timestamp;
        user.idsAtCursor = [key];
      } else if (message.timestamp === user.cursor) user.idsAtCursor.push(key);
      // Older than the cursor but newer than where this read began (a server whose order
      // wobbles): new, and counted; the cursor stays at the newest.
      return true;
    },
  };
}
