/**
 * What the app does with a slash command or a button press, whichever transport brought it
 * (HTTP's signed request, or a Socket Mode envelope): the acknowledgement, returned at once, and
 * the lookup, handed to `later`, whose result goes to the payload's `response_url`.
 *
 * @module
 */
import { isMyBotApiError, type MyBotClient } from "@mybot/core";
import { decodeButtonValue, encodeButtonValue, type HistoryTarget } from "./button-value.ts";
import { isOurAction } from "./buttons.ts";
import { type Command, parseCommand, USAGE } from "./command.ts";
import type { SlackBotConfig } from "./config.ts";
import { buttonProblemSentence, errorSentence } from "./error-sentence.ts";
import { type FormatOptions, formatText, formatUsers, type SlackReply } from "./format.ts";
import { formatUserCard } from "./format-card.ts";
import { historyReply } from "./history-reply.ts";
import { code } from "./mrkdwn.ts";
import { lookupRefusal } from "./refusal.ts";
import type { Responder } from "./response-url.ts";
import { QUIET_WINDOW_DAYS, readUserCard } from "./user-card.ts";

export interface Handlers {
  /** The acknowledgement of a slash command: a usage line, a refusal or "Looking up…". */
  command(payload: Record<string, unknown>): Promise<SlackReply>;
  /** A `block_actions` press: nothing to acknowledge with; the page follows via response_url. */
  interaction(payload: Record<string, unknown>): Promise<undefined>;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");
const field = (value: unknown, key: string) =>
  value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;

/**
 * @example
 * ```ts
 * const handlers = createHandlers({ config, client, responder, later: (work) => void work() });
 * const ack = await handlers.command({ text: "history 919812345678", user_id, channel_id, response_url });
 * ```
 */
export function createHandlers(deps: {
  config: SlackBotConfig;
  client: MyBotClient;
  responder: Responder;
  /** Runs work after the acknowledgement, tracked so that `idle()` can wait for it. */
  later: (work: () => Promise<void>) => void;
  now?: () => number;
}): Handlers {
  const { config, client, responder, later } = deps;
  const now = deps.now ?? Date.now;
  const options = (isPublic: boolean): FormatOptions => ({
    mask: config.maskPersonalData,
    responseType: isPublic ? "in_channel" : "ephemeral",
    command: config.command,
  });
  const transcript = (target: HistoryTarget) =>
    historyReply(client, config.signingSecret, target, options(target.public), now());

  /** The lookup's reply; `channelId` is where it was asked, which its buttons are bound to. */
  async function answer(command: Command, channelId: string): Promise<SlackReply | undefined> {
    try {
      if (command.kind === "users") {
        const users = await client.getMatchingUsers({
          attributeName: command.attributeName,
          attributeValue: command.attributeValue,
        });
        return formatUsers(
          users,
          command.attributeName,
          command.attributeValue,
          options(command.public),
        );
      }
      if (command.kind === "history") return await transcript({ ...command, channelId });
      if (command.kind !== "user") return undefined;
      const attribute = config.userCardAttribute;
      const facts = await readUserCard(client, command.channelUserId, { attribute, nowMs: now() });
      if (!facts)
        return formatText(
          `MyBOT knows no user ${code(command.channelUserId, 200)}: no chat history in the last ${QUIET_WINDOW_DAYS} days${attribute ? `, and no user with ${code(attribute, 60)} equal to it` : ""}. Check the id: \`${config.command} users …\` lists them.`,
        );
      const button = {
        channelUserId: command.channelUserId,
        page: 1,
        limit: 20,
        public: command.public,
        channelId,
      };
      const value = await encodeButtonValue(config.signingSecret, button, now());
      return formatUserCard(facts, { attribute, transcript: value }, options(command.public));
    } catch (error) {
      return formatText(errorSentence(error));
    }
  }

  return {
    async command(payload) {
      const command = parseCommand(text(payload.text), now());
      if (command.kind === "help") return formatText(`${config.command} — ${USAGE.all}`);
      if (command.kind === "invalid") return formatText(command.message);
      const refusal = lookupRefusal(
        config,
        command,
        text(payload.user_id),
        text(payload.channel_id),
      );
      if (refusal) return formatText(refusal);
      later(async () => {
        const reply = await answer(command, text(payload.channel_id));
        if (!reply) return;
        // A private answer replaces "Looking up…"; a public one is a new message in the channel.
        await responder.post(text(payload.response_url), {
          ...reply,
          replace_original: reply.response_type === "ephemeral",
        });
      });
      return { response_type: "ephemeral", text: "Looking up…" };
    },

    async interaction(payload) {
      if (payload.type !== "block_actions") return undefined;
      const actions = Array.isArray(payload.actions) ? payload.actions : [];
      const action = actions[0];
      if (!isOurAction(field(action, "action_id"))) return undefined;
      const responseUrl = text(payload.response_url);
      // A sentence for the presser alone, leaving the message where the button was as it is.
      const tell = (sentence: string) =>
        responder.post(responseUrl, { ...formatText(sentence), replace_original: false });
      later(async () => {
        const userId = text(field(payload.user, "id"));
        const channelId = text(field(payload.channel, "id"));
        const refusal = lookupRefusal(config, { kind: "history" }, userId, channelId, "button");
        if (refusal) return void (await tell(refusal));
        // Bound to the channel it was made in: pasted into another channel's message, refused.
        const decoded = await decodeButtonValue(
          config.signingSecret,
          field(action, "value"),
          now(),
          channelId,
        );
        if ("problem" in decoded)
          return void (await tell(buttonProblemSentence(decoded.problem, config.command)));
        // A public value made while `public` was allowed, pressed after an admin turned it off:
        // the page goes to the presser alone, as a new message (replacing the public one would
        // keep it in the channel), and its own buttons are private ones.
        const demoted = decoded.target.public && !config.allowInChannel;
        const target = demoted ? { ...decoded.target, public: false } : decoded.target;
        let reply: SlackReply;
        try {
          reply = await transcript(target);
        } catch (error) {
          return void (await tell(buttonErrorSentence(error)));
        }
        await responder.post(responseUrl, { ...reply, replace_original: !demoted });
      });
      return undefined;
    },
  };
}

/** A failed page after a press: the user gone is said as such, the rest as for a command. */
function buttonErrorSentence(error: unknown): string {
  return isMyBotApiError(error) && error.code === 1002
    ? "MyBOT no longer knows this user (deleted since?), so there is no transcript to show."
    : errorSentence(error);
}
