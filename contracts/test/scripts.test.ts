/**
 * The live replay and the broker steps, run as users run them: they skip with a clear line when
 * unconfigured, pass against a provider that keeps the contract, and fail against one that does
 * not. The "live" account here is the sandbox; the broker is a local stand-in that records calls.
 */
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startTestSandbox } from "@mybot/test-kit/sandbox";
import { describe, expect, it } from "vitest";
import { pactFiles } from "./pact-files.ts";

const run = promisify(execFile);
const script = (name: string) => fileURLToPath(new URL(`../scripts/${name}`, import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
const clean = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith("MYBOT_") && !k.startsWith("PACT_")),
) as Record<string, string>;

async function runScript(name: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout } = await run(tsx, [script(name), ...args], { env: { ...clean, ...env } });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout + e.stderr };
  }
}

describe("pnpm test:contracts:live", () => {
  it("skips and says so without credentials", async () => {
    const { code, stdout } = await runScript("replay-live.ts", [], {});
    expect(code).toBe(0);
    expect(stdout).toContain("live contract replay skipped: set MYBOT_BASE_URL");
  });

  it("passes against an account that keeps the contract, and fails against one that does not", async () => {
    const credential = {
      customerId: "777",
      botKey: "abcdefabcdefabcd",
      apiKey: "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b-LIVE001",
    };
    const good = await startTestSandbox({ credential });
    const bad = await startTestSandbox({
      credential,
      env: { SANDBOX_FAULTS: JSON.stringify([{ endpoint: "users", type: "status", status: 503 }]) },
    });
    try {
      const ok = await runScript("replay-live.ts", [], good.env);
      expect(ok.stdout).toMatch(/live contract replay: [1-9]\d* passed, 0 failed/);
      expect(ok.code).toBe(0);
      const ko = await runScript("replay-live.ts", [], bad.env);
      expect(ko.stdout).toContain(
        "not ok a request for the users on plan diamond, which nobody has: status 503, expected 200",
      );
      expect(ko.code).toBe(1);
    } finally {
      await Promise.all([good.close(), bad.close()]);
    }
  });
});

describe("pact broker steps", () => {
  it("skip and say so without PACT_BROKER_BASE_URL", async () => {
    for (const step of ["publish", "can-i-deploy"]) {
      const { code, stdout } = await runScript("broker.ts", [step], {});
      expect(code).toBe(0);
      expect(stdout).toContain(`pact broker ${step} skipped: PACT_BROKER_BASE_URL is not set`);
    }
  });

  it("publish every pact and ask can-i-deploy through the broker's HTTP API", async () => {
    const calls: { method: string; url: string; auth: string; body: string }[] = [];
    let deployable = true;
    const broker = createServer(async (req: IncomingMessage, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      calls.push({
        method: req.method ?? "",
        url: req.url ?? "",
        auth: req.headers.authorization ?? "",
        body,
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          req.url?.startsWith("/can-i-deploy")
            ? { summary: { deployable, reason: "all verified" } }
            : {},
        ),
      );
    });
    await new Promise<void>((r) => broker.listen(0, "127.0.0.1", r));
    const env = {
      PACT_BROKER_BASE_URL: `http://127.0.0.1:${(broker.address() as AddressInfo).port}`,
      PACT_BROKER_TOKEN: "broker-token",
      PACT_CONSUMER_VERSION: "1.2.3",
      PACT_CONSUMER_BRANCH: "main",
    };
    try {
      const published = await runScript("broker.ts", ["publish"], env);
      expect(published.code).toBe(0);
      const publishes = calls.filter((c) => c.url === "/contracts/publish");
      expect(publishes).toHaveLength(pactFiles().length);
      expect(publishes.every((c) => c.auth === "Bearer broker-token")).toBe(true);
      const payload = JSON.parse(
        publishes.find((c) => c.body.includes('"pacticipantName":"mybot-core"'))?.body ?? "{}",
      );
      expect(payload).toMatchObject({
        pacticipantName: "mybot-core",
        pacticipantVersionNumber: "1.2.3",
        branch: "main",
      });
      expect(
        JSON.parse(Buffer.from(payload.contracts[0].content, "base64").toString()).consumer.name,
      ).toBe("mybot-core");

      expect((await runScript("broker.ts", ["can-i-deploy"], env)).code).toBe(0);
      const asked = calls.filter((c) => c.url.startsWith("/can-i-deploy")).map((c) => c.url);
      expect(asked).toContain(
        "/can-i-deploy?pacticipant=mybot-core&version=1.2.3&environment=production",
      );
      expect(asked).toContain(
        "/can-i-deploy?pacticipant=mybot-slack-bot&version=1.2.3&environment=production",
      );
      deployable = false;
      const refused = await runScript("broker.ts", ["can-i-deploy"], env);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain("mybot-core 1.2.3 to production: NOT deployable");
    } finally {
      broker.close();
    }
  });
});
