/**
 * A `users` answer: each user's id whole (an agent pastes it into `history`), channel, name and
 * attributes, escaped ({@link prose}, {@link code}) and cut to their own budgets so that a user
 * fits one section; emails and phone numbers masked when the settings say so.
 *
 * @module
 */
import type { MyBotUser } from "@mybot/core";
import { commandToken } from "./command.ts";
import {
  context,
  type FormatOptions,
  MAX_BLOCKS,
  plural,
  queried,
  reply,
  type SlackReply,
  section,
} from "./format-blocks.ts";
import { maskAttribute } from "./mask.ts";
import { asText, code, oneLine, prose, wholeCode } from "./mrkdwn.ts";

/** Budgets (escaped) of the fields of a user: an id, six attributes and the rest fit a section. */
const MAX_ID_CHARS = 256;
const MAX_CHANNEL_CHARS = 40;
const MAX_NAME_CHARS = 200;
const MAX_ATTRIBUTES = 6;
const MAX_KEY_CHARS = 60;
const MAX_VALUE_CHARS = 200;
/** How much of an id too long to show whole is shown, to tell it apart (escaped). */
const ID_PREVIEW_CHARS = 40;

/**
 * @example
 * ```ts
 * formatUsers(users, "plan", "gold", { mask: true, responseType: "ephemeral", command: "/mybot" });
 * ```
 */
export function formatUsers(
  users: MyBotUser[],
  name: string,
  value: string,
  options: FormatOptions,
): SlackReply {
  const { mask } = options;
  const query = (text: string) => queried(text, mask);
  // The value masked as the rows mask it: by the attribute's name too, not only its look.
  const shownValue = mask ? maskAttribute(name, value) : value;
  const title = `${plural(users.length, "user")} with ${query(name)}=${query(shownValue)}`;
  const blocks: unknown[] = [section(`*${title}*`)];
  const room = MAX_BLOCKS - 2;
  for (const user of users.slice(0, room)) blocks.push(section(userText(user, mask)));
  if (users.length > room) {
    blocks.push(
      context(`${users.length - room} more not shown. Narrow the attribute to see them.`),
    );
  }
  return reply(options.responseType, title, blocks);
}

/**
 * One user as mrkdwn: the id whole, the channel, the name and up to six attributes, masked
 * when `mask` is on, each cut to its budget so that it fits one section.
 *
 * @example
 * ```ts
 * userText({ channelUserId: "919812345678", channel: "whatsapp", name: "Asha", attributes: {} }, true);
 * // "`919812345678` (whatsapp) — Asha"
 * ```
 */
export function userText(user: MyBotUser, mask: boolean): string {
  const fields = user.attributes && typeof user.attributes === "object" ? user.attributes : {};
  const attributes = Object.entries(fields)
    .slice(0, MAX_ATTRIBUTES)
    .map(([k, v]) => {
      const shown = mask ? maskAttribute(k, asText(v)) : asText(v);
      return `${prose(oneLine(k), MAX_KEY_CHARS, mask)}: ${prose(oneLine(shown), MAX_VALUE_CHARS)}`;
    })
    .join(" · ");
  const who = user.name ? prose(oneLine(asText(user.name)), MAX_NAME_CHARS, mask) : "";
  const id = userId(asText(user.channelUserId));
  const channel = prose(oneLine(asText(user.channel)), MAX_CHANNEL_CHARS, mask);
  return `${id} (${channel})${who ? ` — ${who}` : ""}${attributes ? `\n${attributes}` : ""}`;
}

/**
 * A user's id whole (not masked), in a code span, quoted if need be, since an agent pastes it into
 * `history`; when it is too long for that once escaped, its start and a sentence saying so, as a
 * cut id would look whole and find no one.
 *
 * @example
 * ```ts
 * userId("web visitor 42"); // '`"web visitor 42"`'
 * ```
 */
export function userId(id: string): string {
  const whole = id.length <= MAX_ID_CHARS ? wholeCode(commandToken(id), MAX_ID_CHARS) : undefined;
  return whole ?? `${code(id, ID_PREVIEW_CHARS)} (the id is too long to show whole)`;
}
