/**
 * The same signed-request suite on Node 20, Node 24, Bun and Deno: the app started as its users
 * start it, over real HTTP, against the sandbox, with response_url captured locally. Socket Mode
 * runs the same commands on the same runtimes in socket-mode-runtimes.test.ts.
 */
import { fileURLToPath } from "node:url";
import { bun, deno, node24, type Service, startService } from "@mybot/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botEnv, slashCommand, startCapture, startMyBot } from "./harness.ts";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const commands: Record<string, [string, string[]]> = {
  node: [process.execPath, ["--import", "tsx", here("../src/main.node.ts")]],
  "node 24": [node24, ["--import", "tsx", here("../src/main.node.ts")]],
  bun: [bun, [here("../src/main.bun.ts")]],
  deno: [deno, ["run", "-A", here("../src/main.deno.ts")]],
};

let mybot: Awaited<ReturnType<typeof startMyBot>>;
let capture: Awaited<ReturnType<typeof startCapture>>;
beforeAll(async () => {
  [mybot, capture] = await Promise.all([startMyBot(), startCapture()]);
});
afterAll(async () => {
  await Promise.all([mybot.close(), capture.close()]);
});

describe.each(Object.keys(commands))("the Slack app on %s", (runtime) => {
  let app: Service;
  beforeAll(async () => {
    const [command, args] = commands[runtime] as [string, string[]];
    app = await startService(
      command,
      args,
      { ...botEnv(mybot.url, capture.host), PORT: "0" },
      /listening on (http:\/\/[\d.:]+)/,
      {
        cwd: here(".."),
      },
    );
  });
  afterAll(() => app?.stop());

  const send = async (text: string, options: { secret?: string; nowMs?: number } = {}) => {
    const { request, hookPath } = await slashCommand(`${app.url}/slack/events`, text, {
      captureHost: capture.host,
      ...options,
    });
    return { response: await fetch(request), hookPath };
  };

  it("acknowledges a signed users command and posts the users", async () => {
    const { response, hookPath } = await send("users c1=straberry");
    expect(response.status).toBe(200);
    expect((await response.json()).text).toBe("Looking up…");
    expect((await capture.postTo(hookPath)).text).toBe("1 user with c1=straberry");
  });

  it("posts a transcript for history", async () => {
    const { hookPath } = await send("history 919812345678");
    expect((await capture.postTo(hookPath)).text).toBe(
      "Chat history of 919812345678: all 2 messages",
    );
  });

  it("answers a mistake with a usage line", async () => {
    const { response } = await send("history 919812345678 limit 999");
    expect((await response.json()).text).toContain("limit must be a whole number from 1 to 100");
  });

  it("acknowledges within 3 s while MyBOT fails, then posts the error sentence", async () => {
    mybot.sandbox.faults.set([{ endpoint: "all", type: "status", status: 500 }]);
    try {
      const started = Date.now();
      const { response, hookPath } = await send("users c1=straberry");
      expect(Date.now() - started).toBeLessThan(3000);
      expect((await response.json()).text).toBe("Looking up…");
      expect((await capture.postTo(hookPath)).text).toBe(
        "MyBOT is down or unreachable right now; try again in a few minutes.",
      );
    } finally {
      mybot.sandbox.faults.clear();
    }
  });

  it("rejects forged, expired and future-dated signatures", async () => {
    for (const options of [
      { secret: "forged" },
      { nowMs: Date.now() - 400_000 },
      { nowMs: Date.now() + 400_000 },
    ]) {
      expect((await send("users c1=straberry", options)).response.status).toBe(401);
    }
  });
});

describe("start-up", () => {
  it("refuses to start without a signing secret, naming it, with exit code 2", async () => {
    const [command, args] = commands.node as [string, string[]];
    const error = await startService(
      command,
      args,
      { ...botEnv(mybot.url, capture.host), SLACK_SIGNING_SECRET: "" },
      /listening on (\S+)/,
      {
        cwd: here(".."),
      },
    ).catch((e: Error) => e);
    expect(String(error)).toContain("exited with 2");
    expect(String(error)).toContain("slack-bot: SLACK_SIGNING_SECRET is required");
  });

  it("refuses an app token that is not one (xapp-), naming SLACK_APP_TOKEN, without echoing it", async () => {
    const [command, args] = commands.node as [string, string[]];
    const error = await startService(
      command,
      args,
      { ...botEnv(mybot.url, capture.host), SLACK_APP_TOKEN: "xoxb-1-secretpart" },
      /listening on (\S+)/,
      { cwd: here("..") },
    ).catch((e: Error) => e);
    expect(String(error)).toContain("exited with 2");
    expect(String(error)).toContain("slack-bot: SLACK_APP_TOKEN must be an app-level token");
    expect(String(error)).not.toContain("secretpart");
  });
});
