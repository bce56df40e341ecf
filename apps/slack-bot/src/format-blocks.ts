/**
 * Block Kit pieces within Slack's limits (https://api.slack.com/reference/block-kit/blocks):
 * at most 50 blocks a message, 3000 characters a section or context text, never an empty text.
 * Every reply of the app is built from these, so a reply is valid whatever the lengths.
 *
 * @module
 */
import { clip, oneLine, prose } from "./mrkdwn.ts";

export const MAX_BLOCKS = 50;
export const MAX_SECTION_CHARS = 3000;
/** The budget (escaped) of a value from the command shown in a reply's title. */
const MAX_QUERY_CHARS = 200;

/** A Slack message body for `response_url`. */
export interface SlackReply {
  response_type: "ephemeral" | "in_channel";
  replace_original?: boolean;
  text: string;
  blocks?: unknown[];
}

/** Options for rendering. */
export interface FormatOptions {
  mask: boolean;
  responseType: "ephemeral" | "in_channel";
  command: string;
}

/**
 * A text object Slack accepts: never empty or blank (Slack rejects those), never too long; and
 * `verbatim`, so that Slack does not turn data into links or mentions on its own.
 */
function mrkdwn(text: string) {
  const cut = clip(text, MAX_SECTION_CHARS);
  return { type: "mrkdwn", text: cut.trim() ? cut : "(empty)", verbatim: true };
}

/**
 * A value from the command (a user id, an attribute's name or value) as a title shows it: on one
 * line, escaped as prose, cut to its budget, and masked when asked.
 *
 * @example
 * ```ts
 * queried("919812345678"); // "919812345678"
 * ```
 */
export const queried = (text: string, mask = false) => prose(oneLine(text), MAX_QUERY_CHARS, mask);

/**
 * A section block of mrkdwn, cut to fit.
 *
 * @example
 * ```ts
 * section("*Title*"); // { type: "section", text: { type: "mrkdwn", text: "*Title*", verbatim: true } }
 * ```
 */
export const section = (text: string) => ({ type: "section", text: mrkdwn(text) });

/**
 * A context block of one mrkdwn text, cut to fit.
 *
 * @example
 * ```ts
 * context("2 more not shown.");
 * ```
 */
export const context = (text: string) => ({ type: "context", elements: [mrkdwn(text)] });

/**
 * A reply with its notification text cut to fit.
 *
 * @example
 * ```ts
 * reply("ephemeral", "1 user", [section("*1 user*")]);
 * ```
 */
export const reply = (
  responseType: SlackReply["response_type"],
  text: string,
  blocks: unknown[],
): SlackReply => ({
  response_type: responseType,
  text: clip(text, MAX_SECTION_CHARS),
  blocks,
});

/**
 * A count and its noun.
 *
 * @example
 * ```ts
 * plural(1, "user"); // "1 user"
 * ```
 */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * A plain sentence reply: usage lines and errors.
 *
 * @example
 * ```ts
 * formatText("MyBOT is slow to answer right now; try again in a minute.");
 * ```
 */
export function formatText(
  text: string,
  responseType: "ephemeral" | "in_channel" = "ephemeral",
): SlackReply {
  return reply(responseType, text, [section(text)]);
}
