/**
 * `mybot sandbox` run from a shell that holds the real MyBOT credential: the sandbox's database
 * must not keep it (the sandbox registers the MYBOT_* credential of its environment as a key).
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_CREDENTIAL } from "@mybot/sandbox";
import { describe, expect, it } from "vitest";
import { main } from "../src/main.ts";
import { runSandbox } from "../src/sandbox.ts";

describe("mybot sandbox", () => {
  it("never stores the shell's MYBOT_API_KEY", async () => {
    const realKey = "real-live-key-6f1c0a52-7a43-4d55-9c2e-1b8f3e0d2a71";
    const dir = mkdtempSync(join(tmpdir(), "mybot-sandbox-"));
    const controller = new AbortController();
    let stdout = "";
    const code = await runSandbox(
      { port: "0", db: join(dir, "sandbox.db") },
      {
        stdout: {
          write: (t: string) => {
            stdout += t;
            // Started: stop it, as Ctrl-C would.
            if (t.startsWith("demo credential")) controller.abort();
          },
        },
        stderr: { write: () => true },
        env: {
          MYBOT_API_KEY: realKey,
          MYBOT_CUSTOMER_ID: "10294",
          MYBOT_BOT_KEY: "1a1c9bfa5e0f41ed",
          SANDBOX_LOG: "off",
        },
        cwd: dir,
        signal: controller.signal,
      },
    );
    expect(code).toBe(0);
    expect(stdout).toContain("MyBOT sandbox listening on");
    const files = readdirSync(dir);
    expect(files).toContain("sandbox.db");
    for (const file of files)
      expect(readFileSync(join(dir, file)).includes(Buffer.from(realKey))).toBe(false);
    expect(stdout).not.toContain(realKey);
  });

  it("prints the demo key on a terminal, even when the shell's key is that same public key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mybot-sandbox-"));
    const controller = new AbortController();
    let stdout = "";
    const code = await main(["sandbox", "--port", "0", "--db", join(dir, "sandbox.db")], {
      stdout: {
        isTTY: true,
        write: (t: string) => {
          stdout += t;
          if (t.startsWith("demo credential")) controller.abort();
        },
      },
      stderr: { isTTY: true, write: () => true },
      env: { MYBOT_API_KEY: DEMO_CREDENTIAL.apiKey, SANDBOX_LOG: "off" },
      cwd: dir,
      signal: controller.signal,
    });
    expect(code).toBe(0);
    expect(stdout).toContain(`MYBOT_API_KEY=${DEMO_CREDENTIAL.apiKey}\n`);
    expect(stdout).not.toContain("<redacted>");
  });
});
