/**
 * A user card as a reply: who (when the configured attribute found them, masked as the privacy
 * settings say), when they last wrote and how much over the week, and a Show transcript button.
 *
 * @module
 */
import { ACTION_IDS, actionsBlock } from "./buttons.ts";
import {
  context,
  type FormatOptions,
  plural,
  reply,
  type SlackReply,
  section,
  userId,
  userText,
} from "./format.ts";
import { utcMinute } from "./format-message.ts";
import { code, oneLine, prose } from "./mrkdwn.ts";
import type { UserCardFacts } from "./user-card.ts";

/**
 * @example
 * ```ts
 * formatUserCard(facts, { attribute: "phone", transcript: value }, { mask: true, responseType: "ephemeral", command: "/mybot" });
 * ```
 */
export function formatUserCard(
  facts: UserCardFacts,
  card: { attribute?: string | undefined; transcript?: string | undefined },
  options: FormatOptions,
): SlackReply {
  const title = `User ${userId(facts.channelUserId)}`;
  const blocks: unknown[] = [section(`*${title}*`)];
  if (facts.user) blocks.push(section(userText(facts.user, options.mask)));
  else if (!card.attribute)
    blocks.push(
      context(
        "Name and attributes are not looked up: an admin can set `SLACK_USER_CARD_ATTRIBUTE` (say, `phone`) to find users by their id.",
      ),
    );
  else
    blocks.push(
      context(
        facts.matches > 1
          ? `${plural(facts.matches, "user")} have ${code(card.attribute, 60)} equal to this id, none with it as their id: not shown.`
          : `No user has ${code(card.attribute, 60)} equal to this id.`,
      ),
    );
  const week = `${facts.week.count}${facts.week.more ? "+" : ""}`;
  blocks.push(
    context(
      facts.lastMessageAt === undefined
        ? facts.quietDays !== undefined
          ? `No messages in the last ${facts.quietDays} days: \`${options.command} history\` with the id reads older ones.`
          : "No chat history."
        : `Last message ${utcMinute(facts.lastMessageAt)} · ${week} message${week === "1" ? "" : "s"} in the last 7 days`,
    ),
  );
  const actions = actionsBlock([
    facts.lastMessageAt !== undefined && card.transcript
      ? { actionId: ACTION_IDS.transcript, text: "Show transcript", value: card.transcript }
      : undefined,
  ]);
  if (actions) blocks.push(actions);
  // The notification shows no code span: the id escaped as prose instead.
  return reply(options.responseType, `User ${prose(oneLine(facts.channelUserId), 200)}`, blocks);
}
