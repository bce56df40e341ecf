/**
 * The `sender` label of a message. @mybot/core passes the vendor's `sender` through (`user`,
 * `bot`, `agent`, any other value as sent, `unknown` when missing), but a label must stay a small
 * fixed set, so other values are folded here, in one place. The only thing known of the live
 * vendor (shared/mybot-api/README.md) is that `bot` marks the bot's messages and that a
 * production integration treated every other value as the end user's; `agent` is the live agent
 * (the core normalises its common spellings to it). So: `bot` is the bot, `agent` the agent, and
 * everything else, `unknown` included, counts as the user.
 *
 * @module
 */
import type { Sender } from "./state.ts";

/**
 * The label a message's sender counts under.
 *
 * @example
 * ```ts
 * metricSender("bot"); // "bot"
 * metricSender("agent"); // "agent"
 * metricSender("visitor_42"); // "user": whatever is not the bot or an agent is the end user
 * ```
 */
export function metricSender(sender: string): Sender {
  return sender === "bot" || sender === "agent" ? sender : "user";
}
