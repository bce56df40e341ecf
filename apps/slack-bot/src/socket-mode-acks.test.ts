import { describe, expect, it, vi } from "vitest";
import { createEnvelopeHandler, type Dispatch } from "./socket-mode-acks.ts";
import type { Envelope } from "./socket-mode-protocol.ts";

const envelope = (over: Partial<Envelope> = {}): Envelope => ({
  envelopeId: "e-1",
  type: "slash_commands",
  payload: { text: "help" },
  acceptsResponsePayload: true,
  retryAttempt: 0,
  ...over,
});

function setup(dispatch: Dispatch, extra: { remember?: number; ackDeadlineMs?: number } = {}) {
  const logs: string[] = [];
  const spy = vi.fn(dispatch);
  const ackFor = createEnvelopeHandler({ dispatch: spy, log: (l) => logs.push(l), ...extra });
  return { ackFor, spy, logs };
}

describe("createEnvelopeHandler", () => {
  it("acknowledges a slash command with dispatch's answer as the body", async () => {
    const { ackFor, spy } = setup(async () => ({ text: "Looking up…" }));
    expect(JSON.parse(await ackFor(envelope()))).toEqual({
      envelope_id: "e-1",
      payload: { text: "Looking up…" },
    });
    expect(spy).toHaveBeenCalledWith("slash_commands", { text: "help" });
  });

  it("dispatches block actions as interactive, acknowledging without a body when none is accepted", async () => {
    const { ackFor, spy } = setup(async () => undefined);
    const ack = await ackFor(
      envelope({
        type: "interactive",
        payload: { type: "block_actions" },
        acceptsResponsePayload: false,
      }),
    );
    expect(JSON.parse(ack)).toEqual({ envelope_id: "e-1" });
    expect(spy).toHaveBeenCalledWith("interactive", { type: "block_actions" });
  });

  it("acknowledges and ignores an unknown type, without dispatching it", async () => {
    const { ackFor, spy, logs } = setup(async () => ({ text: "no" }));
    for (const type of ["events_api", "made_up", ""]) {
      expect(JSON.parse(await ackFor(envelope({ envelopeId: type || "x", type })))).toEqual({
        envelope_id: type || "x",
      });
    }
    expect(spy).not.toHaveBeenCalled();
    expect(logs.join("\n")).toContain('ignored an envelope of type "made_up"');
  });

  it("runs a repeated envelope once and acknowledges each delivery the same way", async () => {
    const { ackFor, spy, logs } = setup(async () => ({ text: "Looking up…" }));
    const first = await ackFor(envelope());
    const again = await ackFor(envelope({ retryAttempt: 1 }));
    expect(again).toBe(first);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(logs.join("\n")).toContain("delivered again (retry 1)");
  });

  it("forgets the oldest ids past its memory, and only those", async () => {
    const { ackFor, spy } = setup(async () => undefined, { remember: 2 });
    for (const id of ["a", "b", "c", "b", "c"]) await ackFor(envelope({ envelopeId: id }));
    expect(spy).toHaveBeenCalledTimes(3);
    await ackFor(envelope({ envelopeId: "a" }));
    expect(spy).toHaveBeenCalledTimes(4);
  });

  it("acknowledges in time without a body when dispatch is slow", async () => {
    const { ackFor, logs } = setup(() => new Promise(() => {}), { ackDeadlineMs: 30 });
    const started = Date.now();
    expect(JSON.parse(await ackFor(envelope()))).toEqual({ envelope_id: "e-1" });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(logs.join("\n")).toContain("took over 30 ms");
  });

  it("acknowledges a failed slash command with a sentence, never the error", async () => {
    const { ackFor, logs } = setup(async () => {
      throw new Error("boom at app.ts:12");
    });
    const ack = JSON.parse(await ackFor(envelope()));
    expect(ack.payload.text).toMatch(/^Something went wrong on our side/);
    expect(JSON.stringify(ack)).not.toContain("boom");
    expect(logs.join("\n")).toContain("slash_commands failed: boom");
  });
});
