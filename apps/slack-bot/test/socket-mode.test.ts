/**
 * The Socket Mode client against the fake Slack, in process, with a stub `dispatch`: the
 * protocol and the connection's life (hello, refresh, drops, lost acks, a refused token).
 * test/socket-mode-runtimes.test.ts runs the real app the same way on each runtime.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type SocketModeClient, startSocketMode } from "../src/socket-mode.ts";
import type { Dispatch } from "../src/socket-mode-acks.ts";
import { SocketModeFatalError } from "../src/socket-mode-open.ts";
import { APP_TOKEN, type FakeSlack, startFakeSlack } from "./fake-socket-mode.ts";

let slack: FakeSlack;
let client: SocketModeClient | undefined;
let logs: string[];
let dispatch: ReturnType<typeof vi.fn<Dispatch>>;

const start = (over: Partial<Parameters<typeof startSocketMode>[0]> = {}) => {
  client = startSocketMode({
    appToken: APP_TOKEN,
    apiUrl: slack.apiUrl,
    dispatch,
    log: (line) => logs.push(line),
    backoff: { baseMs: 40, capMs: 400 },
    ...over,
  });
  return client;
};

beforeEach(async () => {
  slack = await startFakeSlack();
  logs = [];
  dispatch = vi.fn<Dispatch>(async (type) =>
    type === "slash_commands" ? { response_type: "ephemeral", text: "Looking up…" } : undefined,
  );
});
afterEach(async () => {
  client?.close();
  client = undefined;
  await slack.close();
});

describe("Socket Mode client", () => {
  it("connects, and acknowledges a slash command with the bot's answer", async () => {
    await start().ready;
    const id = slack.deliver("slash_commands", { text: "help" });
    const ack = await slack.ackOf(id);
    expect(ack.payload).toEqual({ response_type: "ephemeral", text: "Looking up…" });
    expect(ack.ms).toBeLessThan(3000);
    expect(dispatch).toHaveBeenCalledWith("slash_commands", { text: "help" });
    expect(logs.join("\n")).toContain("connected to Slack (1 open)");
  });

  it("acknowledges a block action and an unknown type, dispatching only the first", async () => {
    await start().ready;
    const action = slack.deliver("interactive", { type: "block_actions", actions: [] });
    const unknown = slack.deliver("made_up_type", { anything: 1 });
    expect((await slack.ackOf(action)).payload).toBeUndefined();
    expect((await slack.ackOf(unknown)).payload).toBeUndefined();
    expect(dispatch.mock.calls.map(([type]) => type)).toEqual(["interactive"]);
  });

  it("on a refresh opens the new connection before closing the old, losing nothing", async () => {
    await start().ready;
    slack.disconnect("refresh_requested");
    // Sent on the old socket while the new one is being opened.
    const during = slack.deliver("slash_commands", { text: "during" });
    await slack.connectionsMade(2);
    await slack.openCount(1);
    expect(slack.stats.connections).toBe(2);
    expect(slack.stats.maxOpen).toBe(2);
    expect((await slack.ackOf(during)).retryAttempt).toBe(0);
    const after = slack.deliver("slash_commands", { text: "after" });
    expect((await slack.ackOf(after)).payload?.text).toBe("Looking up…");
    expect(slack.stats.connections).toBe(2);
  });

  it("treats a warning like a refresh, and a second warning from the old socket as nothing new", async () => {
    await start().ready;
    slack.disconnect("warning");
    await slack.connectionsMade(2);
    await slack.openCount(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.stats.connections).toBe(2);
  });

  it("dials again after a dropped socket, after a backoff delay", async () => {
    await start().ready;
    const dropped = Date.now();
    slack.drop();
    await slack.connectionsMade(2);
    expect(Date.now() - dropped).toBeGreaterThanOrEqual(15);
    expect(logs.join("\n")).toContain("the connection dropped; reconnecting");
    const id = slack.deliver("slash_commands", { text: "help" });
    expect((await slack.ackOf(id)).payload?.text).toBe("Looking up…");
  });

  it("backs off further on each drop of a short-lived connection, and starts over after a healthy one", async () => {
    const dropDelays = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const made = slack.stats.connections;
        slack.drop();
        await slack.connectionsMade(made + 1);
      }
      return logs
        .filter((l) => l.includes("dropped; reconnecting in"))
        .map((l) => Number(/in (\d+) ms/.exec(l)?.[1]));
    };
    await start({ healthyAfterMs: 60_000 }).ready;
    const growing = await dropDelays(3);
    expect(growing[0]).toBeLessThanOrEqual(40);
    expect(growing[2]).toBeGreaterThanOrEqual(80);
    client?.close();
    logs = [];
    await start({ healthyAfterMs: 0 }).ready;
    for (const delay of await dropDelays(3)) expect(delay).toBeLessThanOrEqual(40);
  });

  it("runs an envelope whose ack was lost once, and acknowledges its retry", async () => {
    await start().ready;
    const id = slack.deliver("slash_commands", { text: "history 1" }, { ignoreAck: true });
    await vi.waitFor(() => expect(slack.lostAcks).toEqual([id]));
    slack.drop();
    const ack = await slack.ackOf(id);
    expect(ack.retryAttempt).toBe(1);
    expect(ack.payload?.text).toBe("Looking up…");
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(logs.join("\n")).toContain("delivered again (retry 1); acknowledged, not run twice");
  });

  it("stops with a sentence naming SLACK_APP_TOKEN when Slack refuses the token, without retrying", async () => {
    const error = await start({ appToken: "xapp-1-WRONG-secretvalue" }).ready.catch((e) => e);
    expect(error).toBeInstanceOf(SocketModeFatalError);
    expect(error.message).toMatch(/^Slack rejected SLACK_APP_TOKEN \(invalid_auth\)/);
    expect(error.message).not.toContain("secretvalue");
    expect(await client?.done).toBe(error);
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.stats.opens).toBe(1);
  });

  it("stops when Slack disables the link", async () => {
    await start().ready;
    slack.disconnect("link_disabled");
    const error = await client?.done;
    expect(error?.message).toContain("link_disabled");
    await slack.openCount(0);
  });

  it("retries transient failures of apps.connections.open with growing delays", async () => {
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (++calls <= 3) return new Response("busy", { status: 503 });
      return fetch(input, init);
    };
    await start({ fetch: flaky }).ready;
    const waits = logs
      .filter((l) => l.includes("could not connect (apps.connections.open answered HTTP 503)"))
      .map((l) => Number(/again in (\d+) ms/.exec(l)?.[1]));
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(20);
    expect(waits[0]).toBeLessThanOrEqual(40);
    expect(waits[2]).toBeGreaterThanOrEqual(80);
    expect(waits[2]).toBeLessThanOrEqual(160);
  });

  it("never logs the app token or the socket's ticket", async () => {
    await start().ready;
    slack.drop();
    await slack.connectionsMade(2);
    const all = logs.join("\n");
    expect(all).not.toContain(APP_TOKEN);
    expect(all).not.toContain("ticket");
  });
});
