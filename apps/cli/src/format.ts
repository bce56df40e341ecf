/**
 * Output formats of `users` and `history`: a table for people, JSON, NDJSON and CSV for tools.
 *
 * @module
 */
import type { ChatMessage, MyBotUser } from "@mybot/core";
import { UsageError } from "./config.ts";
import { displayText, isoTime, toMessageRecord } from "./message-record.ts";
import { jsonForTerminal, safeCell } from "./terminal-text.ts";

export const FORMATS = ["table", "json", "ndjson", "csv"] as const;
export type Format = (typeof FORMATS)[number];

export function checkFormat(value: string | undefined, fallback: Format): Format {
  if (value === undefined) return fallback;
  if (!(FORMATS as readonly string[]).includes(value))
    throw new UsageError(`--format "${value}": use one of ${FORMATS.join(", ")}`);
  return value as Format;
}

/**
 * The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection):
 * `=`, `+`, `-`, `@`, tab and carriage return.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. A cell that begins like a formula gets a `'` in front (OWASP's advice for CSV
 * injection), so that a spreadsheet shows `=HYPERLINK(…)` from a chat as text instead of running
 * it. Every cell, whoever wrote it: a negative number such as `-5` becomes `'-5` too, which is
 * simpler and safer than guessing which text is a number. Then RFC 4180: quoted when it holds a
 * comma, quote or line break, quotes doubled.
 *
 * @example
 * ```ts
 * csvField("=1+1"); // "'=1+1"
 * csvField('say "hi", then'); // "\"say \"\"hi\"\", then\""
 * ```
 */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  // split/join: twice as fast as replaceAll on a cell of quotes (bench/run.ts).
  return /[",\r\n]/.test(text) ? `"${text.split('"').join('""')}"` : text;
}

const MAX_CELL = 60;

/** A cell at most {@link MAX_CELL} long, cut between characters, never inside a surrogate pair. */
function clip(cell: string): string {
  if (cell.length <= MAX_CELL) return cell;
  let end = MAX_CELL - 1;
  const last = cell.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${cell.slice(0, end)}…`;
}

/** Rows as aligned columns; every cell made safe for a terminal first. */
function table(rows: string[][]): string {
  // Cut before escaping too, so that a 1 MB name costs a 61-character cell, not a 6 MB one.
  const cells = rows.map((r) =>
    r.map((cell) => clip(safeCell(cell.length > MAX_CELL ? cell.slice(0, MAX_CELL + 1) : cell))),
  );
  // A loop, not Math.max(...column): spreading a column of 200,000 users overflows the stack.
  const widths = (cells[0] ?? []).map((_, i) =>
    cells.reduce((width, r) => Math.max(width, (r[i] ?? "").length), 0),
  );
  return cells
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * The users of a listing in a format. JSON and NDJSON have DEL, C1 and bidi controls escaped (the
 * same values, nothing a terminal acts on); the table shows every control character as an
 * escape; CSV keeps cells exactly, but for the formula guard of {@link csvField}.
 *
 * @example
 * ```ts
 * io.stdout.write(`${formatUsers(users, "csv")}\n`);
 * ```
 */
export function formatUsers(users: MyBotUser[], format: Format): string {
  if (format === "json") return jsonForTerminal(JSON.stringify(users, null, 2));
  if (format === "ndjson") return users.map((u) => jsonForTerminal(JSON.stringify(u))).join("\n");
  const keys = [...new Set(users.flatMap((u) => Object.keys(u.attributes)))].sort();
  if (format === "csv") {
    const header = ["channelUserId", "channel", "name", ...keys];
    return [
      header,
      ...users.map((u) => [
        u.channelUserId,
        u.channel,
        u.name ?? "",
        // Own keys only: a user without `valueOf` must not get Object.prototype's.
        ...keys.map((k) => (Object.hasOwn(u.attributes, k) ? u.attributes[k] : "")),
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
      if (format === "ndjson") write(`${jsonForTerminal(JSON.stringify(toMessageRecord(m)))}\n`);
      else if (format === "json")
        write(`${first ? "[\n  " : ",\n  "}${jsonForTerminal(JSON.stringify(toMessageRecord(m)))}`);
      else if (format === "csv")
        write(
          `${first ? `${MESSAGE_CSV_HEADER}\n` : ""}${[m.id, m.timestamp, isoTime(m.timestamp), m.sender, m.type, m.text, m.file?.url].map(csvField).join(",")}\n`,
        );
      else
        write(
          `${isoTime(m.timestamp).slice(0, 19).replace("T", " ")}Z  ${safeCell(m.sender).padEnd(5)}  ${safeCell(displayText(m))}\n`,
        );
      first = false;
    },
    end() {
      if (format === "json") write(first ? "[]\n" : "\n]\n");
      else if (format === "table" && first) write("no messages\n");
    },
  };
}
