/**
 * What the app owes each envelope: one acknowledgement within Slack's 3 seconds, and the work
 * behind it done once. A slash command or a block action goes to the bot's `dispatch`, whose
 * answer is the ack body ("Looking up…", a usage line, a refusal); the lookup itself runs after
 * it, as in HTTP mode. Any other type is acknowledged and ignored.
 *
 * Slack delivers an envelope again when it did not get the ack (a socket dropped in between,
 * a refresh): the same `envelope_id` with `retry_attempt` counted up. The ids of recent
 * envelopes are remembered, so a repeat is acknowledged again with the same body but never run
 * twice, which would post the result twice.
 *
 * @module
 */
import { type EnvelopeType, isEnvelopeType } from "./app.ts";
import { ackFrame, type Envelope } from "./socket-mode-protocol.ts";

/** The bot's door for envelopes of the types app.ts lists (`ENVELOPE_TYPES`). */
export type Dispatch = (type: EnvelopeType, payload: Record<string, unknown>) => Promise<unknown>;

/** Enough for many minutes of heavy use; Slack's retries come within minutes. */
export const REMEMBERED_ENVELOPES = 5000;
/** Past this, the ack goes without a body rather than late: Slack gives 3 s, the wire some. */
export const ACK_DEADLINE_MS = 2500;

const FAILED = "Something went wrong on our side; the command did not run. Try again.";

export interface EnvelopeHandlerOptions {
  dispatch: Dispatch;
  log: (line: string) => void;
  remember?: number;
  ackDeadlineMs?: number;
}

/**
 * @example
 * ```ts
 * const ackFor = createEnvelopeHandler({ dispatch: bot.dispatch, log: console.log });
 * socket.send(await ackFor(envelope));
 * ```
 */
export function createEnvelopeHandler(
  options: EnvelopeHandlerOptions,
): (envelope: Envelope) => Promise<string> {
  const remember = options.remember ?? REMEMBERED_ENVELOPES;
  const deadlineMs = options.ackDeadlineMs ?? ACK_DEADLINE_MS;
  const seen = new Map<string, Promise<string>>();

  async function body(envelope: Envelope): Promise<unknown> {
    const type = envelope.type;
    if (!isEnvelopeType(type)) {
      options.log(`Socket Mode: acknowledged and ignored an envelope of type "${envelope.type}"`);
      return undefined;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), deadlineMs);
    });
    try {
      const answer = await Promise.race([options.dispatch(type, envelope.payload), late]);
      if (answer !== "late") return answer;
      options.log(
        `Socket Mode: ${envelope.type} took over ${deadlineMs} ms; acknowledged without a reply`,
      );
      return undefined;
    } catch (error) {
      options.log(`Socket Mode: ${envelope.type} failed: ${(error as Error)?.message ?? error}`);
      return envelope.type === "slash_commands"
        ? { response_type: "ephemeral", text: FAILED }
        : undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  return (envelope) => {
    const known = seen.get(envelope.envelopeId);
    if (known) {
      options.log(
        `Socket Mode: envelope delivered again (retry ${envelope.retryAttempt}); acknowledged, not run twice`,
      );
      return known;
    }
    const ack = body(envelope).then((answer) => ackFrame(envelope, answer));
    seen.set(envelope.envelopeId, ack);
    // A Map iterates in insertion order: the first key is the oldest.
    if (seen.size > remember) seen.delete(seen.keys().next().value as string);
    return ack;
  };
}
