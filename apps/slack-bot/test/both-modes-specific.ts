/**
 * The cases only one transport has, for both-modes.test.ts to run inside each runtime's block
 * against the app it already started: HTTP's signature check, and Socket Mode's connection life
 * (unknown envelope types, refresh, drops, lost acks) and its refusal of a rejected app token.
 *
 * @module
 */
import { startService } from "@mybot/test-kit";
import { expect, it } from "vitest";
import { signRequest } from "../src/signature.ts";
import { SIGNING_SECRET, slashPayload, type startCapture } from "./harness.ts";
import { APP_DIR, type Runtime } from "./runtimes.ts";
import { type RunningApp, SOCKET_READY, socketEnv } from "./transports.ts";

type Capture = Awaited<ReturnType<typeof startCapture>>;

/** @example httpOnly(() => ({ running, capture })); */
export function httpOnly(get: () => { running: RunningApp; capture: Capture }) {
  it("rejects forged, expired and future-dated signatures with 401, posting nothing", async () => {
    const { running, capture } = get();
    for (const [secret, nowMs] of [
      ["forged", Date.now()],
      [undefined, Date.now() - 400_000],
      [undefined, Date.now() + 400_000],
    ] as const) {
      const { payload, hookPath } = slashPayload("users c1=straberry", {
        captureHost: capture.host,
      });
      const body = new URLSearchParams(payload as Record<string, string>).toString();
      const headers = await signRequest(secret ?? SIGNING_SECRET, body, nowMs);
      const response = await fetch(`${running.app.url}/slack/events`, {
        method: "POST",
        headers,
        body,
      });
      expect(response.status).toBe(401);
      await new Promise((r) => setTimeout(r, 50));
      expect(capture.posts.find((p) => p.path === hookPath)).toBeUndefined();
    }
  });
}

/** @example socketOnly(() => ({ running, capture, runtime, env })); */
export function socketOnly(
  get: () => {
    running: RunningApp;
    capture: Capture;
    runtime: Runtime;
    env: Record<string, string>;
  },
) {
  const setup = () => {
    const { running, capture, runtime, env } = get();
    const slack = running.slack;
    if (!slack) throw new Error("a Socket Mode app without its fake Slack");
    const slash = (text: string, options: { ignoreAck?: boolean } = {}) => {
      const { payload, hookPath } = slashPayload(text, { captureHost: capture.host });
      return { id: slack.deliver("slash_commands", payload, options), hookPath };
    };
    return { running, capture, runtime, env, slack, slash };
  };

  it("acknowledges an envelope of an unknown type and does nothing with it", async () => {
    const { slack } = setup();
    const id = slack.deliver("events_api", { event: { type: "app_mention" } });
    expect(await slack.ackOf(id)).toMatchObject({ payload: undefined });
    expect(slack.badFrames).toEqual([]);
  });

  it("reconnects on a refresh, opening the new socket first, and loses nothing", async () => {
    const { slack, slash, capture } = setup();
    const before = slack.stats.connections;
    slack.disconnect("refresh_requested");
    const during = slash("users c1=straberry");
    await slack.connectionsMade(before + 1);
    await slack.openCount(1);
    expect(slack.stats.maxOpen).toBe(2);
    expect((await slack.ackOf(during.id)).payload?.text).toBe("Looking up…");
    const after = slash("history 919812345678");
    expect((await capture.postTo(after.hookPath)).text).toBe(
      "Chat history of 919812345678: all 2 messages",
    );
  });

  it("reconnects after a dropped socket", async () => {
    const { slack, slash, capture, running } = setup();
    const before = slack.stats.connections;
    slack.drop();
    await slack.connectionsMade(before + 1);
    const { hookPath } = slash("users c1=straberry");
    expect((await capture.postTo(hookPath)).text).toBe("1 user with c1=straberry");
    expect(running.app.output()).toContain("the connection dropped; reconnecting");
    expect(running.app.output()).not.toContain("listening on");
  });

  it("acknowledges again an envelope whose ack was lost, posting its result once", async () => {
    const { slack, slash, capture } = setup();
    const { id, hookPath } = slash("users c1=straberry", { ignoreAck: true });
    await capture.postTo(hookPath);
    expect(slack.lostAcks).toContain(id);
    slack.drop();
    const ack = await slack.ackOf(id);
    expect(ack.retryAttempt).toBe(1);
    expect(ack.payload?.text).toBe("Looking up…");
    await new Promise((r) => setTimeout(r, 400));
    expect(capture.posts.filter((p) => p.path === hookPath)).toHaveLength(1);
  });

  it("refuses to start with a token Slack rejects: one line naming SLACK_APP_TOKEN, exit code 2", async () => {
    const { slack, runtime, env } = setup();
    const rejected = slack.stats.rejected;
    const error = await startService(
      runtime.command,
      runtime.args,
      { ...env, ...socketEnv(slack, "xapp-1-REVOKED-0000-secretpart") },
      SOCKET_READY,
      { cwd: APP_DIR },
    ).catch((e: Error) => e);
    const message = String(error);
    expect(message).toContain("exited with 2");
    expect(message).toContain("slack-bot: Slack rejected SLACK_APP_TOKEN (invalid_auth)");
    expect(message).not.toContain("secretpart");
    expect(message).not.toMatch(/\n\s+at /);
    expect(slack.stats.rejected).toBe(rejected + 1);
  });
}
