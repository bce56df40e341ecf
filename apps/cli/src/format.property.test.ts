/**
 * The CSV and table formatters fed hostile strings: CSV always parses back (RFC 4180) to the
 * cells it was given, a formula-like cell with its documented `'` in front, and no cell starts
 * like a formula; a table never carries a control character. Messages with a file or options
 * exercise `file_url` and the table's `[file]` and `[options]` text.
 */
import type { ChatMessage, MyBotUser } from "@mybot/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FORMULA_START, formatUsers, MESSAGE_CSV_HEADER } from "./format.ts";
import { safeCell } from "./terminal-text.ts";
import { written } from "./test-helpers.ts";

const RUNS = { numRuns: 10_000 };

/** A strict RFC 4180 reader (records end with LF): a bare quote or CR outside quotes is an error. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else {
        quoted = false;
        const next = text[i + 1];
        if (next !== undefined && next !== "," && next !== "\n")
          throw new Error(`text after a closing quote at ${i}`);
      }
    } else if (c === '"' && atStart) quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
      atStart = true;
      continue;
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atStart = true;
      continue;
    } else if (c === '"' || c === "\r") throw new Error(`a bare ${JSON.stringify(c)} at ${i}`);
    else cell += c;
    atStart = false;
  }
  if (quoted) throw new Error("an unclosed quote");
  row.push(cell);
  rows.push(row);
  return rows;
}

/** The cell as the CSV must give it back: the text, with `'` in front when it starts like a formula. */
const guarded = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

/** Arbitrary unicode, and strings made of the characters that break CSV and terminals. */
const hostile = fc.oneof(
  fc.string({ unit: "binary", maxLength: 24 }),
  fc.string({
    unit: fc.constantFrom(
      "=",
      "+",
      "-",
      "@",
      "\t",
      "\r",
      "\n",
      '"',
      ",",
      "'",
      ";",
      " ",
      "a",
      "1",
      "\u0000",
      "\u001b",
      "\u0007",
      "\u007f",
      "\u0085",
      "\u009b",
      "\u202e",
      "\u2066",
      "\u2028",
    ),
    maxLength: 24,
  }),
);
const users = fc.array(
  fc.record({
    channelUserId: hostile,
    channel: hostile,
    name: fc.option(hostile, { nil: undefined }),
    attributes: fc.dictionary(hostile, hostile, { maxKeys: 3 }),
  }),
  { maxLength: 4 },
) as fc.Arbitrary<MyBotUser[]>;
/** Half the messages carry a file, half a list of options: `file_url`, `[file]`, `[options]`. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.option(arbitrary, { nil: undefined, freq: 2 });
const messages = fc.array(
  fc.record({
    id: hostile,
    timestamp: fc.integer({ min: -8.64e15, max: 8.64e15 }),
    sender: hostile,
    type: hostile,
    text: hostile,
    file: sometimes(fc.record({ url: hostile, name: hostile, mimeType: sometimes(hostile) })),
    options: sometimes(fc.array(hostile, { maxLength: 3 })),
  }),
  { minLength: 1, maxLength: 4 },
);
type Generated = {
  id: string;
  timestamp: number;
  sender: string;
  type: string;
  text: string;
  file: { url: string; name: string; mimeType: string | undefined } | undefined;
  options: string[] | undefined;
};
/** A message as the core gives it: `file` and `options` absent, not undefined, when it has none. */
const asMessage = ({ file, options, ...m }: Generated) =>
  ({
    ...m,
    ...(file ? { file } : {}),
    ...(options ? { options } : {}),
    raw: {},
  }) as ChatMessage;
/** How a table line's text starts, by the rules of `displayText`; undefined for plain text. */
const tagOf = (m: Generated) => {
  if (m.file) return "[file] ";
  if (m.type === "AGENT_PARTICIPATION_STATUS") return "(";
  return m.options ? "[options] " : undefined;
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters a table must never carry.
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("CSV of hostile strings", () => {
  it("users: parses back to every cell, guarded, none starting like a formula", () => {
    fc.assert(
      fc.property(users, (list) => {
        const rows = parseCsv(formatUsers(list, "csv"));
        // Attribute columns in the order of their names, as documented.
        const keys = [...new Set(list.flatMap((u) => Object.keys(u.attributes)))].sort();
        expect(rows).toHaveLength(list.length + 1);
        expect(rows[0]).toEqual(["channelUserId", "channel", "name", ...keys.map(guarded)]);
        list.forEach((u, i) => {
          expect(rows[i + 1]).toEqual(
            [
              u.channelUserId,
              u.channel,
              u.name ?? "",
              ...keys.map((k) =>
                Object.hasOwn(u.attributes, k) ? (u.attributes[k] as string) : "",
              ),
            ].map(guarded),
          );
        });
        for (const cell of rows.flat()) expect(cell).not.toMatch(FORMULA_START);
      }),
      RUNS,
    );
  });

  it("history: parses back to every cell, guarded, none starting like a formula", () => {
    fc.assert(
      fc.property(messages, (list) => {
        const rows = parseCsv(written("csv", list.map(asMessage)));
        expect(rows.at(-1)).toEqual([""]); // the last line ends with a newline
        expect(rows[0]?.join(",")).toBe(MESSAGE_CSV_HEADER);
        list.forEach((m, i) => {
          const row = rows[i + 1] as string[];
          expect([row[0], row[1], row[3], row[4], row[5], row[6]]).toEqual(
            [m.id, String(m.timestamp), m.sender, m.type, m.text, m.file?.url ?? ""].map(guarded),
          );
        });
        for (const cell of rows.flat()) expect(cell).not.toMatch(FORMULA_START);
      }),
      RUNS,
    );
  });
});

describe("tables of hostile strings", () => {
  it("users: no control character reaches the terminal, one line per user", () => {
    fc.assert(
      fc.property(users, (list) => {
        const table = formatUsers(list, "table");
        expect(table).not.toMatch(FORBIDDEN);
        expect(table.split("\n")).toHaveLength(list.length === 0 ? 1 : list.length + 1);
      }),
      RUNS,
    );
  });

  it("history: no control character reaches the terminal, one line per message", () => {
    fc.assert(
      fc.property(messages, (list) => {
        const table = written("table", list.map(asMessage));
        expect(table).not.toMatch(FORBIDDEN);
        const lines = table.split("\n");
        expect(lines).toHaveLength(list.length + 1);
        // The text follows `YYYY-MM-DD HH:MM:SSZ  ` and the sender padded to 5, then 2 spaces.
        list.forEach((m, i) => {
          const tag = tagOf(m);
          const at = 22 + Math.max(5, safeCell(m.sender).length) + 2;
          if (tag) expect(lines[i]?.slice(at, at + tag.length)).toBe(tag);
        });
      }),
      RUNS,
    );
  });
});
