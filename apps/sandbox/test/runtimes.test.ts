/**
 * The sandbox as its users start it, in a child process on each runtime: Node (better-sqlite3),
 * Bun (bun:sqlite) and Deno (node:sqlite), each answering @mybot/core over a real socket.
 * Also: data survives a restart, and a bad seed is one clear line and exit code 2.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMyBotClient } from "@mybot/core";
import { bun, deno, type Service, startService } from "@mybot/test-kit";
import { afterEach, describe, expect, it } from "vitest";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const KEY = "2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182-RUNT1ME";
const baseEnv = {
  MYBOT_API_KEY: KEY,
  MYBOT_CUSTOMER_ID: "10294",
  MYBOT_BOT_KEY: "1a1c9bfa5e0f41ed",
  PORT: "0",
  SANDBOX_ADMIN_TOKEN: "t",
};
const commands: Record<string, [string, string[]]> = {
  node: [process.execPath, ["--import", "tsx", here("../src/main.node.ts")]],
  bun: [bun, [here("../src/main.bun.ts")]],
  deno: [deno, ["run", "-A", here("../src/main.deno.ts")]],
};

const services: Service[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop("SIGKILL")));
});

const clientOf = (service: Service) =>
  createMyBotClient({
    baseUrl: service.url,
    apiKey: KEY,
    customerId: "10294",
    botKey: "1a1c9bfa5e0f41ed",
  });

/** Starts the sandbox and resolves once it prints the start-up line. */
async function start(runtime: string, env: Record<string, string>): Promise<Service> {
  const [command, args] = commands[runtime] as [string, string[]];
  const service = await startService(
    command,
    args,
    { ...baseEnv, ...env },
    /listening on (http:\/\/\S+)/,
    { cwd: here("..") },
  );
  services.push(service);
  return service;
}

describe.each(["node", "bun", "deno"])("the sandbox on %s", (runtime) => {
  it("serves both endpoints from a SQLite file that survives a restart", async () => {
    const db = join(mkdtempSync(join(tmpdir(), `mybot-${runtime}-`)), "sandbox.db");
    const first = await start(runtime, { SANDBOX_DB: db });
    const health = await (await fetch(`${first.url}/healthz`)).json();
    expect(health.driver).toBe(
      { node: "better-sqlite3", bun: "bun:sqlite", deno: "node:sqlite" }[runtime],
    );
    const users = await clientOf(first).getMatchingUsers({
      attributeName: "c1",
      attributeValue: "straberry",
    });
    expect(users.map((u) => u.channelUserId)).toEqual(["919812345678"]);
    // A change through the admin API must be on disk after a restart.
    const put = await fetch(
      `${first.url}/__admin/customers/10294/bots/1a1c9bfa5e0f41ed/users/restart-proof`,
      {
        method: "PUT",
        headers: { authorization: "Bearer t", "content-type": "application/json" },
        body: JSON.stringify({ channel: "web", attributes: { c1: "straberry" } }),
      },
    );
    expect(put.status).toBe(200);
    await first.stop("SIGTERM");
    expect(first.child.exitCode).toBe(0);

    const second = await start(runtime, { SANDBOX_DB: db });
    expect(second.output()).toContain("existing data");
    const again = clientOf(second);
    const after = await again.getMatchingUsers({
      attributeName: "c1",
      attributeValue: "straberry",
    });
    expect(after.map((u) => u.channelUserId)).toEqual(["919812345678", "restart-proof"]);
    const page = await again.getChatHistory("919812345678");
    expect(page.messages.map((m) => m.id)).toEqual(["m1", "m2"]);
    // A long generated history comes back oldest first across pages on this runtime's SQLite.
    const whatsapp = await again.getMatchingUsers({
      attributeName: "channel",
      attributeValue: "whatsapp",
    });
    let longest = "";
    for (const u of whatsapp) {
      const probe = await again.getChatHistory(u.channelUserId, { pageSize: 1 });
      if (probe.pagination.totalMessages >= 20) {
        longest = u.channelUserId;
        break;
      }
    }
    const stamps: number[] = [];
    for await (const m of again.iterateChatHistory(longest, { pageSize: 7 }))
      stamps.push(m.timestamp);
    expect(stamps.length).toBeGreaterThan(7);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(second.output()).toMatch(
      /GET \/bot-api\/v1\.0\/customer\/10294\/bot\/1a1c9bfa5e0f41ed\/users 200 [\d.]+ms/,
    );
    expect(second.output()).not.toContain(KEY);
  });
});

describe("start-up mistakes", () => {
  it("a seed with an unknown field is one clear line and exit code 2", async () => {
    const seed = join(mkdtempSync(join(tmpdir(), "mybot-seed-")), "seed.json");
    writeFileSync(
      seed,
      JSON.stringify({ customers: [{ customerId: "1", bots: [{ botKey: "b", bot_name: "x" }] }] }),
    );
    const error = await start("node", { SANDBOX_DB: ":memory:", SANDBOX_SEED: seed }).catch(
      (e: Error) => e,
    );
    expect(String(error)).toContain("exited with 2");
    expect(String(error)).toContain(
      "sandbox: seed: $.customers[0].bots[0].bot_name: unknown field",
    );
    expect(String(error)).not.toMatch(/\n\s+at \S+ \(/);
  });

  it("a bad PORT is named", async () => {
    const error = await start("node", { SANDBOX_DB: ":memory:", PORT: "eighty" }).catch(
      (e: Error) => e,
    );
    expect(String(error)).toContain('sandbox: PORT: "eighty" is not a port number');
  });
});
