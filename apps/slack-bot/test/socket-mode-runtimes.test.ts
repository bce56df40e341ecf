/**
 * Socket Mode end to end on Node 20, Node 24, Bun and Deno: the app started as its users start
 * it, with only `SLACK_APP_TOKEN` (no signing secret, no port), dialling the fake Slack
 * (fake-socket-mode.ts), looking up in the sandbox, posting to a local response_url capture.
 */
import { fileURLToPath } from "node:url";
import { bun, deno, node24, type Service, startService } from "@mybot/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonsOf } from "./block-kit.ts";
import { APP_TOKEN, type FakeSlack, startFakeSlack } from "./fake-socket-mode.ts";
import { botEnv, startCapture, startMyBot } from "./harness.ts";
import { blockActionPayload, slashPayload } from "./socket-mode-payloads.ts";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const commands: Record<string, [string, string[]]> = {
  "node 20": [process.execPath, ["--import", "tsx", here("../src/main.node.ts")]],
  "node 24": [node24, ["--import", "tsx", here("../src/main.node.ts")]],
  bun: [bun, [here("../src/main.bun.ts")]],
  deno: [deno, ["run", "-A", here("../src/main.deno.ts")]],
};
const READY = /Socket Mode: connected through (\S+)/;

let mybot: Awaited<ReturnType<typeof startMyBot>>;
let capture: Awaited<ReturnType<typeof startCapture>>;
beforeAll(async () => {
  [mybot, capture] = await Promise.all([startMyBot(), startCapture()]);
  const start = Date.now() - 3_600_000;
  await mybot.putUser(
    "socket-user",
    Array.from({ length: 5 }, (_, i) => ({
      timestamp: start + i * 1000,
      sender: i % 2 ? "bot" : "user",
      response: `line ${i}`,
    })),
  );
});
afterAll(async () => {
  await Promise.all([mybot.close(), capture.close()]);
});

const env = (slack: FakeSlack, token = APP_TOKEN) => ({
  ...botEnv(mybot.url, capture.host),
  SLACK_SIGNING_SECRET: "",
  SLACK_APP_TOKEN: token,
  SLACK_API_URL: slack.apiUrl,
});
const postsTo = (path: string) => capture.posts.filter((p) => p.path === path).length;
const settle = () => new Promise((r) => setTimeout(r, 400));

describe.each(Object.keys(commands))("Socket Mode on %s", (runtime) => {
  const [command, args] = commands[runtime] as [string, string[]];
  let slack: FakeSlack;
  let app: Service;
  beforeAll(async () => {
    slack = await startFakeSlack();
    app = await startService(command, args, env(slack), READY, { cwd: here("..") });
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.close();
  });

  async function slash(text: string, options: { ignoreAck?: boolean } = {}) {
    const { payload, hookPath } = slashPayload(text, { captureHost: capture.host });
    return { id: slack.deliver("slash_commands", payload, options), hookPath };
  }

  it("acknowledges a command with Looking up…, then posts the result to response_url", async () => {
    const { id, hookPath } = await slash("users c1=straberry");
    const ack = await slack.ackOf(id);
    expect(ack.payload).toMatchObject({ response_type: "ephemeral", text: "Looking up…" });
    expect(ack.ms).toBeLessThan(3000);
    expect((await capture.postTo(hookPath)).text).toBe("1 user with c1=straberry");
    expect(app.output()).not.toContain("listening on");
  });

  it("pages with a button: the press is acknowledged and the page replaced in place", async () => {
    const { hookPath } = await slash("history socket-user limit 2");
    const page = await capture.postTo(hookPath);
    const older = buttonsOf(page).find((b) => b.id === "mybot_older");
    expect(older).toBeDefined();
    const press = blockActionPayload(
      { actionId: "mybot_older", value: older?.value as string },
      { captureHost: capture.host },
    );
    const id = slack.deliver("interactive", press.payload);
    expect((await slack.ackOf(id)).payload).toBeUndefined();
    const replaced = await capture.postTo(press.hookPath);
    expect(replaced.replace_original).toBe(true);
    expect(replaced.text).not.toBe(page.text);
    expect(JSON.stringify(replaced.blocks)).toContain("line 2");
  });

  it("acknowledges an envelope of an unknown type and does nothing with it", async () => {
    const id = slack.deliver("events_api", { event: { type: "app_mention" } });
    expect(await slack.ackOf(id)).toMatchObject({ payload: undefined });
    expect(slack.badFrames).toEqual([]);
  });

  it("reconnects on a refresh, opening the new socket first, and loses nothing", async () => {
    const before = slack.stats.connections;
    slack.disconnect("refresh_requested");
    const during = await slash("users c1=straberry");
    await slack.connectionsMade(before + 1);
    await slack.openCount(1);
    expect(slack.stats.maxOpen).toBe(2);
    expect((await slack.ackOf(during.id)).payload?.text).toBe("Looking up…");
    const after = await slash("history 919812345678");
    expect((await capture.postTo(after.hookPath)).text).toBe(
      "Chat history of 919812345678: all 2 messages",
    );
  });

  it("reconnects after a dropped socket", async () => {
    const before = slack.stats.connections;
    slack.drop();
    await slack.connectionsMade(before + 1);
    const { hookPath } = await slash("users c1=straberry");
    expect((await capture.postTo(hookPath)).text).toBe("1 user with c1=straberry");
    expect(app.output()).toContain("the connection dropped; reconnecting");
  });

  it("acknowledges again an envelope whose ack was lost, posting its result once", async () => {
    const { id, hookPath } = await slash("users c1=straberry", { ignoreAck: true });
    await capture.postTo(hookPath);
    expect(slack.lostAcks).toContain(id);
    slack.drop();
    const ack = await slack.ackOf(id);
    expect(ack.retryAttempt).toBe(1);
    expect(ack.payload?.text).toBe("Looking up…");
    await settle();
    expect(postsTo(hookPath)).toBe(1);
  });

  it("refuses to start with a token Slack rejects: one line naming SLACK_APP_TOKEN, exit code 2", async () => {
    const opens = slack.stats.rejected;
    const error = await startService(
      command,
      args,
      env(slack, "xapp-1-REVOKED-0000-secretpart"),
      READY,
      { cwd: here("..") },
    ).catch((e: Error) => e);
    const message = String(error);
    expect(message).toContain("exited with 2");
    expect(message).toContain("slack-bot: Slack rejected SLACK_APP_TOKEN (invalid_auth)");
    expect(message).not.toContain("secretpart");
    expect(message).not.toMatch(/\n\s+at /);
    expect(slack.stats.rejected).toBe(opens + 1);
  });
});
