/**
 * The app's replies, one file per kind: Block Kit pieces within Slack's limits
 * (format-blocks.ts), `users` answers (format-users.ts), transcript pages (format-history.ts);
 * user cards are format-card.ts. Every field from MyBOT or from the command is escaped and cut
 * to its own budget, so a reply is valid whatever the lengths. Emails and phone numbers in names,
 * attributes and messages can be masked; user ids and paging commands are only ever shown whole,
 * in code spans, so that agents can paste them into `history` (one too long once escaped is said
 * to be so, never cut silently).
 *
 * @module
 */
export {
  context,
  type FormatOptions,
  formatText,
  MAX_BLOCKS,
  MAX_SECTION_CHARS,
  plural,
  reply,
  type SlackReply,
  section,
} from "./format-blocks.ts";
export { formatHistory, type PagingButtons, pagingPages } from "./format-history.ts";
export { formatUsers, userId, userText } from "./format-users.ts";
