/**
 * The Socket Mode client against the fake Slack, in process, with a stub `dispatch`: the
 * protocol and the connection's life (hello, refresh, drops, lost acks). Stopping is in
 * socket-mode-stops.test.ts, the reconnection's edge cases in socket-mode-edges.test.ts;
 * test/both-modes.test.ts runs the real app on each runtime.
 */
import { describe, expect, it, vi } from "vitest";
import { useClientTest } from "./socket-mode-client.ts";

const t = useClientTest();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Socket Mode client", () => {
  it("connects, and acknowledges a slash command with the bot's answer", async () => {
    await t.start().ready;
    const id = t.slack.deliver("slash_commands", { text: "help" });
    const ack = await t.slack.ackOf(id);
    expect(ack.payload).toEqual({ response_type: "ephemeral", text: "Looking up…" });
    expect(ack.ms).toBeLessThan(3000);
    expect(t.dispatch).toHaveBeenCalledWith("slash_commands", { text: "help" });
    expect(t.logs.join("\n")).toContain("connected to Slack (1 open)");
  });

  it("acknowledges a block action and an unknown type, dispatching only the first", async () => {
    await t.start().ready;
    const action = t.slack.deliver("interactive", { type: "block_actions", actions: [] });
    const unknown = t.slack.deliver("made_up_type", { anything: 1 });
    expect((await t.slack.ackOf(action)).payload).toBeUndefined();
    expect((await t.slack.ackOf(unknown)).payload).toBeUndefined();
    expect(t.dispatch.mock.calls.map(([type]) => type)).toEqual(["interactive"]);
  });

  it("on a refresh opens the new connection before closing the old, losing nothing", async () => {
    await t.start().ready;
    t.slack.disconnect("refresh_requested");
    // Sent on the old socket while the new one is being opened.
    const during = t.slack.deliver("slash_commands", { text: "during" });
    await t.slack.connectionsMade(2);
    await t.slack.openCount(1);
    expect(t.slack.stats.connections).toBe(2);
    expect(t.slack.stats.maxOpen).toBe(2);
    expect((await t.slack.ackOf(during)).retryAttempt).toBe(0);
    const after = t.slack.deliver("slash_commands", { text: "after" });
    expect((await t.slack.ackOf(after)).payload?.text).toBe("Looking up…");
    expect(t.slack.stats.connections).toBe(2);
  });

  it("treats a warning like a refresh, and a second warning from the old socket as nothing new", async () => {
    // A slow answer keeps the old socket open once the new one is current: it retires after its ack.
    let answer = () => {};
    t.dispatch.mockImplementationOnce(
      () => new Promise((resolve) => (answer = () => resolve({ text: "slow" }))),
    );
    await t.start().ready;
    const slow = t.slack.deliver("slash_commands", { text: "slow" });
    await vi.waitFor(() => expect(t.dispatch).toHaveBeenCalledTimes(1));
    t.slack.disconnect("warning");
    await vi.waitFor(() => expect(t.logs).toContain("Socket Mode: connected to Slack (2 open)"));
    t.slack.disconnect("warning", "oldest");
    await sleep(200);
    expect(t.slack.stats.connections).toBe(2);
    expect(t.logs.filter((l) => l.includes("asked for a new connection (warning)"))).toHaveLength(
      1,
    );
    answer();
    expect((await t.slack.ackOf(slow)).payload?.text).toBe("slow");
    await t.slack.openCount(1);
    expect(t.slack.stats.connections).toBe(2);
  });

  it("dials again after a dropped socket, after a backoff delay", async () => {
    await t.start().ready;
    const dropped = Date.now();
    t.slack.drop();
    await t.slack.connectionsMade(2);
    expect(Date.now() - dropped).toBeGreaterThanOrEqual(15);
    expect(t.logs.join("\n")).toContain("the connection dropped; reconnecting");
    const id = t.slack.deliver("slash_commands", { text: "help" });
    expect((await t.slack.ackOf(id)).payload?.text).toBe("Looking up…");
  });

  it("backs off further on each drop of a short-lived connection, and starts over after a healthy one", async () => {
    const dropDelays = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const made = t.slack.stats.connections;
        t.slack.drop();
        await t.slack.connectionsMade(made + 1);
      }
      return t.logs
        .filter((l) => l.includes("dropped; reconnecting in"))
        .map((l) => Number(/in (\d+) ms/.exec(l)?.[1]));
    };
    await t.start({ healthyAfterMs: 60_000 }).ready;
    const growing = await dropDelays(3);
    expect(growing[0]).toBeLessThanOrEqual(40);
    expect(growing[2]).toBeGreaterThanOrEqual(80);
    t.client?.close();
    t.logs = [];
    await t.start({ healthyAfterMs: 0 }).ready;
    for (const delay of await dropDelays(3)) expect(delay).toBeLessThanOrEqual(40);
  });

  it("runs an envelope whose ack was lost once, and acknowledges its retry", async () => {
    await t.start().ready;
    const id = t.slack.deliver("slash_commands", { text: "history 1" }, { ignoreAck: true });
    await vi.waitFor(() => expect(t.slack.lostAcks).toEqual([id]));
    t.slack.drop();
    const ack = await t.slack.ackOf(id);
    expect(ack.retryAttempt).toBe(1);
    expect(ack.payload?.text).toBe("Looking up…");
    expect(t.dispatch).toHaveBeenCalledTimes(1);
    expect(t.logs.join("\n")).toContain("delivered again (retry 1); acknowledged, not run twice");
  });
});
