/**
 * How the Socket Mode client stops or keeps trying, in process against the fake Slack: a token
 * Slack refuses and `link_disabled` stop it with a sentence; a busy apps.connections.open is
 * retried; nothing secret reaches the log.
 */
import { describe, expect, it } from "vitest";
import { SocketModeFatalError } from "../src/socket-mode-open.ts";
import { APP_TOKEN } from "./fake-socket-mode.ts";
import { useClientTest } from "./socket-mode-client.ts";

const t = useClientTest();

describe("Socket Mode client, stopping and retrying", () => {
  it("stops with a sentence naming SLACK_APP_TOKEN when Slack refuses the token, without retrying", async () => {
    const error = await t.start({ appToken: "xapp-1-WRONG-secretvalue" }).ready.catch((e) => e);
    expect(error).toBeInstanceOf(SocketModeFatalError);
    expect(error.message).toMatch(/^Slack rejected SLACK_APP_TOKEN \(invalid_auth\)/);
    expect(error.message).not.toContain("secretvalue");
    expect(await t.client?.done).toBe(error);
    await new Promise((r) => setTimeout(r, 200));
    expect(t.slack.stats.opens).toBe(1);
  });

  it("stops when Slack disables the link", async () => {
    await t.start().ready;
    t.slack.disconnect("link_disabled");
    const error = await t.client?.done;
    expect(error?.message).toContain("link_disabled");
    await t.slack.openCount(0);
  });

  it("retries transient failures of apps.connections.open with growing delays", async () => {
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (++calls <= 3) return new Response("busy", { status: 503 });
      return fetch(input, init);
    };
    await t.start({ fetch: flaky }).ready;
    const waits = t.logs
      .filter((l) => l.includes("could not connect (apps.connections.open answered HTTP 503)"))
      .map((l) => Number(/again in (\d+) ms/.exec(l)?.[1]));
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(20);
    expect(waits[0]).toBeLessThanOrEqual(40);
    expect(waits[2]).toBeGreaterThanOrEqual(80);
    expect(waits[2]).toBeLessThanOrEqual(160);
  });

  it("never logs the app token or the socket's ticket", async () => {
    await t.start().ready;
    t.slack.drop();
    await t.slack.connectionsMade(2);
    const all = t.logs.join("\n");
    expect(all).not.toContain(APP_TOKEN);
    expect(all).not.toContain("ticket");
  });
});
