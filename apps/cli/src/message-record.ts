/**
 * How the CLI writes one chat message for tools (`history --format json|ndjson`, `export`): the
 * core's normalised {@link ChatMessage} with an ISO `time` beside the epoch-ms `timestamp`, in a
 * fixed key order, and the vendor's message as sent under `raw`. `raw` is kept because the vendor
 * does not publish its body (shared/mybot-api/README.md): a field the toolkit does not read yet
 * must still reach the file, not be lost on the way.
 *
 * @module
 */
import type { ChatFile, ChatMessage } from "@mybot/core";

/** One message as the CLI writes it. */
export interface MessageRecord {
  id: string;
  /** UTC epoch milliseconds. */
  timestamp: number;
  /** The same instant as ISO 8601 in UTC, for people and spreadsheets. */
  time: string;
  sender: string;
  /** The vendor's `message_type` (`TEXT` when it sent none). */
  type: string;
  text: string;
  /** Only on `OPTIONS` messages. */
  options?: string[];
  /** Only on messages that carry a file. */
  file?: ChatFile;
  /** The message exactly as the vendor sent it. */
  raw: Record<string, unknown>;
}

/**
 * UTC ISO 8601 of an epoch-ms timestamp.
 *
 * @example
 * ```ts
 * isoTime(0); // "1970-01-01T00:00:00.000Z"
 * ```
 */
export function isoTime(timestamp: number): string {
  return new Date(timestamp).toISOString();
}

/**
 * The record of a message; `options` and `file` only when the message has them.
 *
 * @example
 * ```ts
 * JSON.stringify(toMessageRecord(message)); // {"id":"fp-…","timestamp":…,"time":"2026-…Z",…,"raw":{…}}
 * ```
 */
export function toMessageRecord(m: ChatMessage): MessageRecord {
  return {
    id: m.id,
    timestamp: m.timestamp,
    time: isoTime(m.timestamp),
    sender: m.sender,
    type: m.type,
    text: m.text,
    ...(m.options ? { options: m.options } : {}),
    ...(m.file ? { file: m.file } : {}),
    // Last, so that the readable fields come first on a line.
    raw: m.raw,
  };
}

/**
 * Whitespace runs as one space. The pattern leaves a lone space alone (`/\s+/g` would replace
 * each by itself), so that ordinary text costs no replacement at all.
 */
const oneLine = (text: string) => text.replace(/\s{2,}|[^\S ]/g, " ").trim();

/**
 * The text of a message for a table line, by its type: a file as its name and URL, an agent
 * joining as a bracketed line, the choices of an `OPTIONS` message as a list, any other type
 * that is not `TEXT` tagged with it.
 *
 * @example
 * ```ts
 * displayText({ type: "FILE_RECEIVED", text: "invoice.pdf", file: { name: "invoice.pdf", url: "https://x/i.pdf" } } as ChatMessage);
 * // "[file] invoice.pdf <https://x/i.pdf>"
 * ```
 */
export function displayText(m: ChatMessage): string {
  if (m.file) return `[file] ${oneLine(m.file.name)} <${m.file.url}>`;
  if (m.type === "AGENT_PARTICIPATION_STATUS") return `(${oneLine(m.text)})`;
  if (m.options) return `[options] ${m.options.map(oneLine).join(" | ")}`;
  if (m.type !== "TEXT") return `[${m.type}] ${oneLine(m.text)}`;
  return oneLine(m.text);
}
