/**
 * Who may look what up: one allow-list (`SLACK_ALLOWED_USERS`, `…_CHANNELS`) for every lookup,
 * typed or pressed, since users, cards and transcripts all show personal data; and `public`
 * only where an admin allowed it.
 *
 * @module
 */
import type { SlackBotConfig } from "./config.ts";

const WHY = {
  history: "Chat history is personal data: only allow-listed people and channels can read it.",
  users:
    "User lookups show personal data (ids, names, attributes): only allow-listed people and channels can run them.",
  user: "A user card shows personal data (ids, names, attributes, activity): only allow-listed people and channels can open one.",
} as const;

/**
 * The sentence refusing this lookup, or undefined when it may run.
 *
 * @example
 * ```ts
 * lookupRefusal(config, { kind: "history" }, "U0STRANGER", "C0RANDOM"); // "Chat history is personal data: …"
 * ```
 */
export function lookupRefusal(
  config: Pick<SlackBotConfig, "allowedUsers" | "allowedChannels" | "allowInChannel">,
  command: { kind: keyof typeof WHY; public?: boolean },
  userId: string,
  channelId: string,
  via: "command" | "button" = "command",
): string | undefined {
  if (!config.allowedUsers.has(userId) && !config.allowedChannels.has(channelId)) {
    const what =
      via === "button" ? `${WHY.history} This button is not for you.` : WHY[command.kind];
    return `${what} Ask an admin to add you to \`SLACK_ALLOWED_USERS\` (or this channel to \`SLACK_ALLOWED_CHANNELS\`).`;
  }
  if (command.public && !config.allowInChannel)
    return "Replies are private here: an admin can allow `public` with `SLACK_ALLOW_IN_CHANNEL`.";
  return undefined;
}
