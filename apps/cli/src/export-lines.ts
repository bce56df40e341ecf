/**
 * The lines of `mybot export`'s NDJSON: a user, a message, a user MyBOT no longer knows, a user
 * whose id cannot be sent. Each is one JSON object and a newline.
 *
 * @module
 */
import type { ChatMessage } from "@mybot/core";
import { isoTime } from "./message-record.ts";

/** The vendor's code for an unknown bot, customer or user (its `INVALID_BOT_OR_CUSTOMER_ID`). */
export const INVALID_BOT_OR_CUSTOMER_ID = 1002;

/**
 * The line that opens a user's records: the user as listed, or only the id of one who left the
 * cohort since the export started (they keep their place).
 *
 * @example
 * ```ts
 * exportUserLine({ channelUserId: "919812345678", channel: "web" }); // {"type":"user","channelUserId":…}\n
 * ```
 */
export function exportUserLine(user: { channelUserId: string }): string {
  return `${JSON.stringify({ type: "user", ...user })}\n`;
}

/**
 * One `message` line of the export.
 *
 * @example
 * ```ts
 * exportMessageLine("919812345678", message); // {"type":"message","channelUserId":"919812345678","id":…}\n
 * ```
 */
export function exportMessageLine(channelUserId: string, m: ChatMessage): string {
  // toMessageRecord's fields in its order, `type` renamed, built in one object: two object rests
  // and a spread per message were a tenth of the export's own CPU (export-lines.test.ts holds the
  // line to the record).
  const line: Record<string, unknown> = {
    type: "message",
    channelUserId,
    id: m.id,
    timestamp: m.timestamp,
    time: isoTime(m.timestamp),
    sender: m.sender,
    messageType: m.type,
    text: m.text,
  };
  if (m.options) line.options = m.options;
  if (m.file) line.file = m.file;
  line.raw = m.raw;
  return `${JSON.stringify(line)}\n`;
}

/**
 * The line for a user MyBOT no longer knows (their history answered 1002, and a new listing of
 * the cohort no longer holds them): the export records them and goes on. Messages of theirs read
 * before (if any) stay above it.
 *
 * @example
 * ```ts
 * exportMissingLine("919812345678"); // {"type":"missing","channelUserId":"919812345678","code":1002,"error":"INVALID_BOT_OR_CUSTOMER_ID"}\n
 * ```
 */
export function exportMissingLine(channelUserId: string, errorName = "INVALID_BOT_OR_CUSTOMER_ID") {
  return `${JSON.stringify({ type: "missing", channelUserId, code: INVALID_BOT_OR_CUSTOMER_ID, error: errorName })}\n`;
}

/**
 * The line for a listed user whose id the client refuses to send (empty, `.`, `..`, a control
 * character): their history cannot be asked for, by this export or any other.
 *
 * @example
 * ```ts
 * exportSkippedLine("..", 'channelUserId must not be "." or ".."'); // {"type":"skipped","channelUserId":"..","reason":"…"}\n
 * ```
 */
export function exportSkippedLine(channelUserId: string, reason: string): string {
  return `${JSON.stringify({ type: "skipped", channelUserId, reason })}\n`;
}
