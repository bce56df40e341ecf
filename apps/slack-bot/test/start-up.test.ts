/**
 * Start-up mistakes on Node 20, the app started as its users start it (the build, dist/main.js):
 * each is one line on stderr naming the variable (or the port in use), exit code 2, and never the
 * secret's value. The other runtimes
 * share src/main.ts, where these are decided; test/both-modes.test.ts runs the rest on each.
 */
import { type AddressInfo, createServer } from "node:net";
import { startService } from "@mybot/test-kit";
import { describe, expect, it } from "vitest";
import { botEnv } from "./harness.ts";
import { APP_DIR, HOST_NODE } from "./runtimes.ts";

// The app stops at its configuration: nothing listens at these.
const env = botEnv("http://127.0.0.1:9", "127.0.0.1:9");
const start = (over: Record<string, string>) =>
  startService(HOST_NODE.command, HOST_NODE.args, { ...env, ...over }, /listening on (\S+)/, {
    cwd: APP_DIR,
  }).catch((e: Error) => e);

describe("start-up", () => {
  it("refuses to start without a signing secret, naming it, with exit code 2", async () => {
    const error = await start({ SLACK_SIGNING_SECRET: "" });
    expect(String(error)).toContain("exited with 2");
    expect(String(error)).toContain("slack-bot: SLACK_SIGNING_SECRET is required");
  });

  it("refuses an app token that is not one (xapp-), naming SLACK_APP_TOKEN, without echoing it", async () => {
    const error = await start({ SLACK_APP_TOKEN: "xoxb-1-secretpart" });
    expect(String(error)).toContain("exited with 2");
    expect(String(error)).toContain("slack-bot: SLACK_APP_TOKEN must be an app-level token");
    expect(String(error)).not.toContain("secretpart");
  });

  it("a port in use is one line naming PORT, and exit code 2", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const taken = (busy.address() as AddressInfo).port;
    try {
      const error = await start({ PORT: String(taken) });
      expect(String(error)).toContain("exited with 2");
      expect(String(error)).toContain(`slack-bot: port ${taken} (PORT) is in use`);
      expect(String(error)).not.toMatch(/\n\s+at \S+ \(/);
    } finally {
      busy.close();
    }
  });
});
