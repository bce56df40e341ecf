/**
 * Output formats of `users` and `history`: a table for people, JSON, NDJSON and CSV for tools.
 *
 * @module
 */
import type { ChatMessage, MyBotUser } from "@mybot/core";
import { UsageError } from "./config.ts";
import { displayText, isoTime, toMessageRecord } from "./message-record.ts";

export const FORMATS = ["table", "json", "ndjson", "csv"] as const;
export type Format = (typeof FORMATS)[number];

export function checkFormat(value: string | undefined, fallback: Format): Format {
  if (value === undefined) return fallback;
  if (!(FORMATS as readonly string[]).includes(value))
    throw new UsageError(`--format "${value}": use one of ${FORMATS.join(", ")}`);
  return value as Format;
}

/** RFC 4180: quote fields with a comma, quote or line break; double the quotes. */
export function csvField(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, i) => Math.min(60, Math.max(...rows.map((r) => (r[i] ?? "").length)))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) =>
          (cell.length > 60 ? `${cell.slice(0, 59)}…` : cell).padEnd(widths[i] ?? 0),
        )
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function formatUsers(users: MyBotUser[], format: Format): string {
  if (format === "json") return JSON.stringify(users, null, 2);
  if (format === "ndjson") return users.map((u) => JSON.stringify(u)).join("\n");
  const keys = [...new Set(users.flatMap((u) => Object.keys(u.attributes)))].sort();
  if (format === "csv") {
    const header = ["channelUserId", "channel", "name", ...keys];
    return [
      header,
      ...users.map((u) => [
        u.channelUserId,
        u.channel,
        u.name ?? "",
        ...keys.map((k) => u.attributes[k] ?? ""),
      ]),
    ]
      .map((r) => r.map(csvField).join(","))
      .join("\n");
  }
  if (users.length === 0) return "no users match";
  return table([
    ["USER", "CHANNEL", "NAME", "ATTRIBUTES"],
    ...users.map((u) => [
      u.channelUserId,
      u.channel,
      u.name ?? "",
      Object.entries(u.attributes)
        .map(([k, v]) => `${k}=${v}`)
        .join(" "),
    ]),
  ]);
}

/** The CSV columns of `history --format csv`; `file_url` is empty for messages without a file. */
export const MESSAGE_CSV_HEADER = "id,timestamp,time,sender,type,text,file_url";

/**
 * Writes messages as they arrive, so that `history` of any length streams. JSON and NDJSON carry
 * the whole {@link toMessageRecord} record; CSV and the table the readable part.
 *
 * @example
 * ```ts
 * const writer = messageWriter("ndjson", (text) => process.stdout.write(text));
 * for await (const m of client.iterateChatHistory(id)) writer.message(m);
 * writer.end();
 * ```
 */
export function messageWriter(format: Format, write: (text: string) => void) {
  let first = true;
  return {
    message(m: ChatMessage) {
      if (format === "ndjson") write(`${JSON.stringify(toMessageRecord(m))}\n`);
      else if (format === "json")
        write(`${first ? "[\n  " : ",\n  "}${JSON.stringify(toMessageRecord(m))}`);
      else if (format === "csv")
        write(
          `${first ? `${MESSAGE_CSV_HEADER}\n` : ""}${[m.id, m.timestamp, isoTime(m.timestamp), m.sender, m.type, m.text, m.file?.url].map(csvField).join(",")}\n`,
        );
      else
        write(
          `${isoTime(m.timestamp).slice(0, 19).replace("T", " ")}Z  ${m.sender.padEnd(5)}  ${displayText(m)}\n`,
        );
      first = false;
    },
    end() {
      if (format === "json") write(first ? "[]\n" : "\n]\n");
      else if (format === "table" && first) write("no messages\n");
    },
  };
}
