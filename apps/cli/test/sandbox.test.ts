/**
 * `mybot sandbox` run from a shell that holds the real MyBOT credential: the sandbox's database
 * must not keep it (the sandbox registers the MYBOT_* credential of its environment as a key).
 * And a CLI installed without its optional SQLite driver: one sentence saying how to add it.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DEMO_CREDENTIAL } from "@mybot/test-kit";
import { describe, expect, it } from "vitest";
import { UsageError } from "../src/config.ts";
import { main } from "../src/main.ts";
import { runSandbox, SANDBOX_MISSING } from "../src/sandbox.ts";

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
          MYBOT_CUSTOMER_ID: DEMO_CREDENTIAL.customerId,
          MYBOT_BOT_KEY: DEMO_CREDENTIAL.botKey,
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

  it("a port in use is one line naming it, and exit code 2", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const taken = String((busy.address() as AddressInfo).port);
    try {
      for (const [argv, env, name] of [
        [["--port", taken], {}, "--port"],
        [[], { PORT: taken }, "PORT"],
      ] as const) {
        let stdout = "";
        let stderr = "";
        const code = await main(["sandbox", ...argv, "--db", ":memory:"], {
          stdout: { write: (t: string) => (stdout += t) },
          stderr: { write: (t: string) => (stderr += t) },
          env: { ...env, SANDBOX_LOG: "off" },
          cwd: mkdtempSync(join(tmpdir(), "mybot-sandbox-")),
        });
        expect({ code, stdout, stderr }).toEqual({
          code: 2,
          stdout: "",
          stderr: `mybot: port ${taken} (${name}) is in use\n`,
        });
      }
    } finally {
      busy.close();
    }
  });
});

describe("mybot sandbox without better-sqlite3 installed", () => {
  const io = {
    stdout: { write: () => true },
    stderr: { write: () => true },
    env: {},
    cwd: tmpdir(),
  };
  /**
   * The error Node itself gives a module outside the workspace that imports `specifier` (in a
   * child process: vitest's loader words it otherwise), as a loader that fails with it.
   */
  const importingFromOutside = async (specifier: string) => {
    const probe = join(mkdtempSync(join(tmpdir(), "mybot-no-sandbox-")), "probe.mjs");
    writeFileSync(
      probe,
      `await import(${JSON.stringify(specifier)}).catch((e) => console.log(JSON.stringify({ code: e.code, message: e.message })));\n`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, [probe]);
    const { code, message } = JSON.parse(stdout) as { code: string; message: string };
    return () => Promise.reject(Object.assign(new Error(message), { code }));
  };

  it("says in one sentence how to add it", async () => {
    const load = await importingFromOutside("better-sqlite3");
    const error = await runSandbox({ port: "0" }, io, load).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(SANDBOX_MISSING);
    expect(SANDBOX_MISSING).toContain("npm i better-sqlite3");
  });

  it("says so too when the driver is found missing as the sandbox opens its database", async () => {
    const failing = await importingFromOutside("better-sqlite3");
    const sandbox = await import("@mybot/sandbox");
    const load = async () => ({ ...sandbox, startSandbox: () => failing() }) as typeof sandbox;
    const error = await runSandbox({ port: "0" }, io, load).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(SANDBOX_MISSING);
  });

  it("any other missing package is not mistaken for it", async () => {
    const load = await importingFromOutside("better-sqlite3-plugin");
    const error = await runSandbox({ port: "0" }, io, load).catch((e: Error) => e);
    expect(error).not.toBeInstanceOf(UsageError);
    expect((error as NodeJS.ErrnoException).code).toBe("ERR_MODULE_NOT_FOUND");
  });

  it("a bad port is refused before anything is loaded", async () => {
    const load = () => Promise.reject(new Error("loaded"));
    await expect(runSandbox({ port: "eighty" }, io, load)).rejects.toThrow(
      new UsageError('--port "eighty" is not a port number'),
    );
    await expect(runSandbox({}, { ...io, env: { PORT: "70000" } }, load)).rejects.toThrow(
      new UsageError('PORT "70000" is not a port number'),
    );
  });

  it("the CLI holds no copy of the demo key: the sandbox it loads gives it", () => {
    const src = new URL("../src/", import.meta.url);
    for (const file of readdirSync(src, { recursive: true }))
      if (String(file).endsWith(".ts"))
        expect(readFileSync(new URL(String(file), src), "utf8"), String(file)).not.toContain(
          DEMO_CREDENTIAL.apiKey,
        );
  });
});
