/**
 * One chat message as a person reads it in a transcript: who and when first, then what they
 * said. @mybot/core has already made the text readable (an agent joining is a sentence without
 * its HTML, an upload is its file name, the choices of an `OPTIONS` message are a list), so this
 * file only lays it out in mrkdwn: an agent joining is one short system line, a file a link
 * with its name and type, choices a bulleted list. Everything from MyBOT is escaped (and masked
 * when asked); only the layout's own `*`, `_` and links are markup. A message always fits one
 * section: the free text is what gets cut, never a link.
 *
 * @module
 */
import type { ChatMessage } from "@mybot/core";
import { maskPersonalData } from "./mask.ts";
import { asText, clip, oneLine, prose, slackLink } from "./mrkdwn.ts";

/** The longest rendering of one message: a section (3000) less its line break. */
export const MAX_MESSAGE_CHARS = 2999;
/** Senders, file names and types are short; hostile long ones are cut to these (escaped). */
const MAX_SENDER_CHARS = 80;
const MAX_NAME_CHARS = 300;
const MAX_LABEL_CHARS = 60;
const MAX_KIND_CHARS = 100;
const MAX_CHOICE_CHARS = 200;

/**
 * When a message was sent, to the minute, in UTC like every time the app shows.
 *
 * @example
 * ```ts
 * utcMinute(Date.UTC(2024, 0, 1, 9, 5)); // "2024-01-01 09:05 UTC"
 * ```
 */
export function utcMinute(ms: number): string {
  const date = new Date(ms);
  // A lying server's timestamp must not throw the whole transcript away.
  if (Number.isNaN(date.getTime())) return "unknown time";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function fileLine(file: NonNullable<ChatMessage["file"]>, type: string, mask: boolean): string {
  const name = oneLine(asText(file.name)) || "file";
  const url = asText(file.url);
  const kind = prose(
    oneLine(asText(file.mimeType ?? file.uploadType ?? type)),
    MAX_KIND_CHARS,
    mask,
  );
  // A URL that masking would change carries personal data: the name only, then.
  const trusted = !mask || maskPersonalData(url) === url;
  const label = mask ? maskPersonalData(name) : name;
  const link = trusted ? slackLink(url, clip(label, MAX_LABEL_CHARS)) : undefined;
  const shown = link ?? `${prose(name, MAX_NAME_CHARS, mask)} (link not shown)`;
  return `:paperclip: ${shown} · ${kind || "file"}`;
}

/**
 * The mrkdwn lines of one message, at most {@link MAX_MESSAGE_CHARS}, without a trailing newline.
 *
 * @example
 * ```ts
 * renderMessage({ id: "1", timestamp: Date.UTC(2024, 0, 1, 9), sender: "user", type: "TEXT", text: "hi", raw: {} }, { mask: false });
 * // "*user* · 2024-01-01 09:00 UTC\nhi"
 * ```
 */
export function renderMessage(message: ChatMessage, options: { mask: boolean }): string {
  const { mask } = options;
  const sender = prose(oneLine(asText(message.sender)), MAX_SENDER_CHARS, mask) || "unknown";
  const header = `*${sender}* · ${utcMinute(message.timestamp)}`;
  const said = asText(message.text);
  if (message.type === "AGENT_PARTICIPATION_STATUS") {
    const sentence = prose(oneLine(said), MAX_MESSAGE_CHARS - header.length - 5, mask);
    return sentence ? `${header} · _${sentence}_` : `${header} · _joined_`;
  }
  const file = message.file && fileLine(message.file, asText(message.type), mask);
  // What the header and the file line leave, less a line break before each line.
  let room = MAX_MESSAGE_CHARS - header.length - (file ? file.length + 1 : 0) - 1;
  const body: string[] = [];
  const add = (line: string) => {
    body.push(line);
    room -= line.length + 1;
  };
  const choices = Array.isArray(message.options) ? message.options : [];
  if (choices.length > 0) {
    add("Choices:");
    for (const [i, choice] of choices.entries()) {
      const line = `•  ${prose(oneLine(asText(choice)), MAX_CHOICE_CHARS, mask) || "(empty)"}`;
      const rest = choices.length - i;
      // Keep room to say how many were left out.
      if (line.length + (rest > 1 ? 20 : 0) >= room) {
        add(`… and ${rest} more`);
        break;
      }
      add(line);
    }
  } else if (said.trim() !== "" && said !== message.file?.name && room > 1) {
    add(prose(said, room, mask));
  }
  if (file) body.push(file);
  if (body.length === 0)
    body.push(`_(no text; ${prose(oneLine(asText(message.type)), 40, mask) || "unknown"})_`);
  return `${header}\n${body.join("\n")}`;
}
