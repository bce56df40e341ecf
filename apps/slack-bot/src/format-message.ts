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
import { clip, escapeMrkdwn, maskPersonalData, slackLink } from "./mrkdwn.ts";

/** The longest rendering of one message: a section (3000) less its line break. */
export const MAX_MESSAGE_CHARS = 2999;
/** Senders, file names and types are short; hostile long ones are cut to these (escaped). */
const MAX_SENDER_CHARS = 80;
const MAX_NAME_CHARS = 300;
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
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function fileLine(
  file: NonNullable<ChatMessage["file"]>,
  type: string,
  clean: (text: string) => string,
  mask: boolean,
): string {
  const name = oneLine(mask ? maskPersonalData(file.name) : file.name) || "file";
  const kind = clip(clean(oneLine(file.mimeType ?? file.uploadType ?? type)), MAX_KIND_CHARS);
  // A URL that masking would change carries personal data: the name only, then.
  const trusted = !mask || maskPersonalData(file.url) === file.url;
  const link = trusted ? slackLink(file.url, clip(name, MAX_NAME_CHARS / 5)) : undefined;
  const shown = link ?? `${clip(escapeMrkdwn(name), MAX_NAME_CHARS)} (link not shown)`;
  return `:paperclip: ${shown} · ${kind}`;
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
  const clean = (text: string) => escapeMrkdwn(options.mask ? maskPersonalData(text) : text);
  const sender = clip(clean(oneLine(message.sender)) || "unknown", MAX_SENDER_CHARS);
  const header = `*${sender}* · ${utcMinute(message.timestamp)}`;
  if (message.type === "AGENT_PARTICIPATION_STATUS") {
    const sentence = clip(clean(oneLine(message.text)), MAX_MESSAGE_CHARS - header.length - 5);
    return sentence ? `${header} · _${sentence}_` : `${header} · _joined_`;
  }
  const file = message.file && fileLine(message.file, message.type, clean, options.mask);
  // What the header and the file line leave, less a line break before each line.
  let room = MAX_MESSAGE_CHARS - header.length - (file ? file.length + 1 : 0) - 1;
  const body: string[] = [];
  const add = (line: string) => {
    body.push(line);
    room -= line.length + 1;
  };
  if (message.options && message.options.length > 0) {
    add("Choices:");
    for (const [i, choice] of message.options.entries()) {
      const line = `•  ${clip(clean(oneLine(choice)), MAX_CHOICE_CHARS)}`;
      const rest = message.options.length - i;
      // Keep room to say how many were left out.
      if (line.length + (rest > 1 ? 20 : 0) >= room) {
        add(`… and ${rest} more`);
        break;
      }
      add(line);
    }
  } else if (message.text !== "" && message.text !== message.file?.name && room > 1) {
    add(clip(clean(message.text), room));
  }
  if (file) body.push(file);
  if (body.length === 0) body.push(`_(no text; ${clip(clean(oneLine(message.type)), 40)})_`);
  return `${header}\n${body.join("\n")}`;
}
