import { describe, expect, it } from "vitest";
import { ackFrame, parseIncoming } from "./socket-mode-protocol.ts";

describe("parseIncoming", () => {
  it("reads hello, with the connection count", () => {
    expect(
      parseIncoming(
        '{"type":"hello","num_connections":2,"debug_info":{"host":"applink-1"},"connection_info":{"app_id":"A1"}}',
      ),
    ).toEqual({ kind: "hello", numConnections: 2 });
  });

  it("reads each disconnect reason", () => {
    for (const reason of ["warning", "refresh_requested", "link_disabled"]) {
      expect(parseIncoming(JSON.stringify({ type: "disconnect", reason }))).toEqual({
        kind: "disconnect",
        reason,
      });
    }
    expect(parseIncoming('{"type":"disconnect"}')).toEqual({ kind: "disconnect", reason: "" });
  });

  it("reads a slash-command envelope", () => {
    const frame = {
      envelope_id: "e-1",
      type: "slash_commands",
      payload: { command: "/mybot", text: "help" },
      accepts_response_payload: true,
    };
    expect(parseIncoming(JSON.stringify(frame))).toEqual({
      kind: "envelope",
      envelopeId: "e-1",
      type: "slash_commands",
      payload: { command: "/mybot", text: "help" },
      acceptsResponsePayload: true,
      retryAttempt: 0,
    });
  });

  it("reads a retried envelope's attempt, and treats any envelope id as an ack owed", () => {
    const parsed = parseIncoming(
      '{"envelope_id":"e-2","type":"made_up","payload":[1],"retry_attempt":2,"retry_reason":"timeout"}',
    );
    expect(parsed).toMatchObject({
      kind: "envelope",
      type: "made_up",
      retryAttempt: 2,
      payload: {},
    });
    expect(parsed).toMatchObject({ acceptsResponsePayload: false });
  });

  it("never throws on a bad frame", () => {
    expect(parseIncoming("not json").kind).toBe("invalid");
    expect(parseIncoming("[1,2]").kind).toBe("invalid");
    expect(parseIncoming("null").kind).toBe("invalid");
    expect(parseIncoming('{"type":"pong"}')).toEqual({ kind: "other", type: "pong" });
    expect(parseIncoming('{"envelope_id":""}')).toEqual({ kind: "other", type: "" });
  });
});

describe("ackFrame", () => {
  it("carries the body only when the envelope accepts one", () => {
    const body = { text: "Looking up…" };
    expect(JSON.parse(ackFrame({ envelopeId: "e", acceptsResponsePayload: true }, body))).toEqual({
      envelope_id: "e",
      payload: body,
    });
    expect(JSON.parse(ackFrame({ envelopeId: "e", acceptsResponsePayload: false }, body))).toEqual({
      envelope_id: "e",
    });
    expect(JSON.parse(ackFrame({ envelopeId: "e", acceptsResponsePayload: true }))).toEqual({
      envelope_id: "e",
    });
  });
});
