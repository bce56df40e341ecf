/**
 * The text transforms against 1 MB of hostile text, for `pnpm bench`: each must stay linear, so
 * that a few hostile messages cannot stall other commands' 3-second acknowledgement. Prints the
 * worst shape's time per transform (median of 3) against the goal, < 50 ms; asserts nothing.
 */
import type { ChatMessage } from "@mybot/core";
import { formatHistoryCommand, parseCommand, tokenize } from "../src/command.ts";
import { formatUsers } from "../src/format.ts";
import { renderMessage } from "../src/format-message.ts";
import { maskAttribute, maskPersonalData } from "../src/mask.ts";
import { clip, escapeCode, escapeMrkdwn, oneLine, prose } from "../src/mrkdwn.ts";

const MB = 1 << 20;
const fill = (piece: string) => piece.repeat(Math.ceil(MB / piece.length)).slice(0, MB);

/** Shapes that made regexes or scans backtrack, copy or allocate per character. */
export const SHAPES: Record<string, string> = {
  "no @": fill("a"),
  "all @": fill("@"),
  "a.a.a.…": fill("a."),
  "a@a@…": fill("a@"),
  "local part, @ at the end": `${"a".repeat(MB - 1)}@`,
  "@ then a.a.a. domain": `x@${fill("a.").slice(2)}`,
  "digit run": fill("1"),
  "digits and spaces": fill("1 "),
  "7 digits then spaces": `1234567${" ".repeat(MB - 7)}`,
  "digit and ( runs": fill(`1${"(".repeat(99)}`),
  "<<<<": fill("<"),
  "&&&&": fill("&"),
  "*_~ runs": fill("*_~"),
  backticks: fill("`"),
  "quotes and backslashes": fill('\\"'),
  "one open quote": `"${"a".repeat(MB - 1)}`,
  backslashes: `${"\\".repeat(MB - 2)} x`,
  whitespace: fill(" \n"),
  "words on lines": fill("a\n"),
  "@here pings": fill("@here "),
  emoji: fill("😀"),
};

const message = (fields: Partial<ChatMessage>): ChatMessage => ({
  id: "m",
  timestamp: 0,
  sender: "user",
  type: "TEXT",
  text: "hi",
  raw: {},
  ...fields,
});
const masked = { mask: true, responseType: "ephemeral", command: "/mybot" } as const;

/** Each transform as the app runs it on one piece of text. */
export const TRANSFORMS: Record<string, (text: string) => unknown> = {
  "mask (maskPersonalData)": maskPersonalData,
  "mask an attribute (maskAttribute)": (t) => maskAttribute("email", t) + maskAttribute("phone", t),
  "escape prose (escapeMrkdwn)": escapeMrkdwn,
  "escape code (escapeCode)": escapeCode,
  "one line (oneLine)": oneLine,
  "clip to a section (clip)": (t) => clip(t, 3000),
  "mask + escape + clip (prose)": (t) => prose(t, 3000, true),
  "tokenise (tokenize)": tokenize,
  "parse a command (parseCommand)": (t) => parseCommand(`history u since ${t}`, 0),
  "quote an id (formatHistoryCommand)": (t) =>
    formatHistoryCommand({ channelUserId: t, page: 1, limit: 20 }),
  "a message's text (renderMessage)": (t) => renderMessage(message({ text: t }), masked),
  "a sender (renderMessage)": (t) => renderMessage(message({ sender: t }), masked),
  "a choice (renderMessage)": (t) =>
    renderMessage(message({ type: "OPTIONS", options: [t, "b"] }), masked),
  "a file name (renderMessage)": (t) =>
    renderMessage(message({ file: { url: "https://f.example/x", name: t } }), masked),
  "an attribute (formatUsers)": (t) =>
    formatUsers(
      [{ channelUserId: "u", channel: "web", attributes: { note: t } }],
      "a",
      "b",
      masked,
    ),
  "a user id (formatUsers)": (t) =>
    formatUsers([{ channelUserId: t, channel: "web", attributes: {} }], "a", "b", masked),
};

function median(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1] as number;
}

/** Prints one line per transform: its slowest shape and time, against the goal. */
export function benchTransforms(log: (line: string) => void = console.log): void {
  log(
    `Text transforms (${process.version}): 1 MB of each of ${Object.keys(SHAPES).length} hostile shapes`,
  );
  for (const [name, transform] of Object.entries(TRANSFORMS)) {
    let worst = { shape: "", ms: 0 };
    for (const [shape, text] of Object.entries(SHAPES)) {
      const ms = median(() => transform(text));
      if (ms >= worst.ms) worst = { shape, ms };
    }
    const verdict = worst.ms < 50 ? "ok" : "OVER";
    log(
      `  ${name.padEnd(38)} worst ${worst.ms.toFixed(1).padStart(6)} ms (${worst.shape}) goal < 50 ms: ${verdict}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) benchTransforms();
