/**
 * The Socket Mode client's edge cases, in process against the fake Slack: sockets closing at
 * awkward moments during a reconnection, a send that throws, and frames over the size limit,
 * with `ws` limiting them and with a client that takes no limit (as the runtimes' own do).
 */

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WebSocket as Ws } from "ws";
import type { SocketConstructor } from "../src/socket-mode-websocket.ts";
import { MAX_FRAME_BYTES, webSocketConstructor } from "../src/socket-mode-websocket.ts";
import { useClientTest } from "./socket-mode-client.ts";

const t = useClientTest();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const delays = () =>
  t.logs
    .filter((l) => l.includes("dropped; reconnecting in"))
    .map((l) => Number(/in (\d+) ms/.exec(l)?.[1]));

let unhandled: unknown[];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

describe("Socket Mode client, reconnection edges", () => {
  it("a refresh whose old socket closes while the new one is dialled neither backs off nor logs a drop", async () => {
    // random 0.99: the first delay is 40 ms, the second 80 ms, so a wasted step shows.
    const backoff = { baseMs: 40, capMs: 400, random: () => 0.99 };
    await t.start({ healthyAfterMs: 60_000, backoff }).ready;
    const release = t.slack.holdOpens();
    t.slack.disconnect("refresh_requested");
    await vi.waitFor(() => expect(t.slack.heldOpens()).toBe(1));
    t.slack.drop();
    await t.slack.openCount(0);
    await sleep(150);
    release();
    await t.slack.connectionsMade(2);
    await vi.waitFor(() => expect(t.logs).toContain("Socket Mode: connected to Slack (1 open)"));
    expect(t.logs.join("\n")).not.toContain("dropped");
    t.slack.drop();
    await t.slack.connectionsMade(3);
    expect(delays()).toEqual([40]);
  });

  it("a socket that closes right after hello is not made current: the client dials again", async () => {
    let made = 0;
    class ClosingAfterHello extends Ws {
      constructor(url: string) {
        super(url);
        // Registered before the client's listener: the socket is closing when hello reaches it.
        if (++made === 1) this.on("message", () => this.terminate());
      }
    }
    const client = t.start({ WebSocket: ClosingAfterHello as unknown as SocketConstructor });
    await t.slack.connectionsMade(2, 3000);
    await client.ready;
    expect(t.logs.join("\n")).toContain(
      "the new connection closed right after hello; trying again",
    );
    const id = t.slack.deliver("slash_commands", { text: "help" });
    expect((await t.slack.ackOf(id)).payload?.text).toBe("Looking up…");
  });

  it("a send that throws is logged, never an unhandled rejection", async () => {
    class ThrowingSend extends Ws {
      override send(): void {
        throw new Error("the socket is closing");
      }
    }
    await t.start({ WebSocket: ThrowingSend as unknown as SocketConstructor }).ready;
    t.slack.deliver("slash_commands", { text: "help" });
    await vi.waitFor(() =>
      expect(t.logs).toContain("Socket Mode: could not send an ack (the socket is closing)"),
    );
    await sleep(50);
    expect(unhandled).toEqual([]);
  });
});

describe("Socket Mode client, frames over the size limit", () => {
  const oversized = JSON.stringify({
    envelope_id: "big",
    type: "slash_commands",
    payload: { text: "x".repeat(MAX_FRAME_BYTES) },
  });

  it("closes the connection and dials again where the client takes no limit (the runtimes' own)", async () => {
    class Unlimited extends Ws {
      constructor(url: string) {
        super(url, { maxPayload: 0 });
      }
    }
    await t.start({ WebSocket: Unlimited as unknown as SocketConstructor }).ready;
    t.slack.sendRaw(oversized);
    await t.slack.connectionsMade(2);
    expect(t.logs.join("\n")).toMatch(/a frame of \d+ bytes is over the limit; closing/);
    expect(t.logs.join("\n")).toContain("the connection dropped; reconnecting");
    expect(t.dispatch).not.toHaveBeenCalled();
  });

  it("ends the same way with ws (Node 20), which refuses the frame itself", async () => {
    // An empty global: the ws client, with its maxPayload, whatever runtime runs the test.
    await t.start({ WebSocket: await webSocketConstructor({}) }).ready;
    t.slack.sendRaw(oversized);
    await t.slack.connectionsMade(2);
    expect(t.logs.join("\n")).toContain("the connection dropped; reconnecting");
    expect(t.dispatch).not.toHaveBeenCalled();
  });
});
