/**
 * The Socket Mode wire format: what Slack sends over the socket, read into one of a few shapes,
 * and the acknowledgement the app sends back. Reading never throws: a frame that is not JSON or
 * not an object comes back as `invalid`, so one bad frame cannot take the connection down.
 *
 *   {"type":"hello","num_connections":1,"debug_info":{…},"connection_info":{"app_id":"A…"}}
 *   {"type":"disconnect","reason":"warning"|"refresh_requested"|"link_disabled",…}
 *   {"envelope_id":"…","type":"slash_commands"|"interactive"|"events_api"|…,"payload":{…},
 *    "accepts_response_payload":true,"retry_attempt":0,"retry_reason":""}
 *
 * @module
 */

/** An envelope: a payload that must be acknowledged by `envelope_id` within 3 seconds. */
export interface Envelope {
  envelopeId: string;
  type: string;
  payload: Record<string, unknown>;
  /** Whether the ack may carry a body (slash commands: the reply shown at once). */
  acceptsResponsePayload: boolean;
  /** 0 on the first delivery; Slack counts up when it delivers an envelope again. */
  retryAttempt: number;
}

export type Incoming =
  | { kind: "hello"; numConnections?: number }
  | { kind: "disconnect"; reason: string }
  | ({ kind: "envelope" } & Envelope)
  | { kind: "other"; type: string }
  | { kind: "invalid"; why: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * @example
 * ```ts
 * parseIncoming('{"type":"disconnect","reason":"refresh_requested"}');
 * // { kind: "disconnect", reason: "refresh_requested" }
 * ```
 */
export function parseIncoming(text: string): Incoming {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { kind: "invalid", why: "a frame that is not JSON" };
  }
  if (!isObject(message)) return { kind: "invalid", why: "a frame that is not a JSON object" };
  const type = typeof message.type === "string" ? message.type : "";
  // An envelope id means an ack is owed, whatever the type says.
  if (typeof message.envelope_id === "string" && message.envelope_id !== "") {
    return {
      kind: "envelope",
      envelopeId: message.envelope_id,
      type,
      payload: isObject(message.payload) ? message.payload : {},
      acceptsResponsePayload: message.accepts_response_payload === true,
      retryAttempt: typeof message.retry_attempt === "number" ? message.retry_attempt : 0,
    };
  }
  if (type === "hello")
    return {
      kind: "hello",
      numConnections:
        typeof message.num_connections === "number" ? message.num_connections : undefined,
    };
  if (type === "disconnect")
    return { kind: "disconnect", reason: typeof message.reason === "string" ? message.reason : "" };
  return { kind: "other", type };
}

/**
 * The acknowledgement frame; the body goes along only when the envelope accepts one.
 *
 * @example
 * ```ts
 * ackFrame(envelope, { response_type: "ephemeral", text: "Looking up…" });
 * // '{"envelope_id":"…","payload":{"response_type":"ephemeral","text":"Looking up…"}}'
 * ```
 */
export function ackFrame(
  envelope: Pick<Envelope, "envelopeId" | "acceptsResponsePayload">,
  body?: unknown,
): string {
  return JSON.stringify(
    envelope.acceptsResponsePayload && body !== undefined && body !== null
      ? { envelope_id: envelope.envelopeId, payload: body }
      : { envelope_id: envelope.envelopeId },
  );
}
