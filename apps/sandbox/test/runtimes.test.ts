/**
 * The sandbox as its users start it, in a child process on each runtime: Node (better-sqlite3),
 * Bun (bun:sqlite) and Deno (node:sqlite), each answering @mybot/core over a real socket.
 * Also: data survives a restart, every history shape is served from this runtime's SQLite, and a
 * bad seed or setting, or a port in use, is one clear line and exit code 2. On Node the process
 * is the production build, `dist/main.js`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMyBotClient } from "@mybot/core";
import {
  ASHA_ID,
  botPath,
  builtMain,
  bun,
  DEMO_CREDENTIAL,
  deno,
  mybotEnv,
  type Service,
  startService,
} from "@mybot/test-kit";
import { createAdminClient } from "@mybot/test-kit/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { parseVendorStamp } from "./harness.ts";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const KEY = "2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182-RUNT1ME";
const CREDENTIAL = { ...DEMO_CREDENTIAL, apiKey: KEY };
const baseEnv = {
  ...mybotEnv(CREDENTIAL),
  PORT: "0",
  SANDBOX_ADMIN_TOKEN: "t",
};
const commands: Record<string, [string, string[]]> = {
  // Node runs the build, as `pnpm start` does; Bun and Deno run the sources, as their users do.
  node: [process.execPath, [builtMain(here(".."))]],
  bun: [bun, [here("../src/main.bun.ts")]],
  deno: [deno, ["run", "-A", here("../src/main.deno.ts")]],
};

const services: Service[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop("SIGKILL")));
});

const clientOf = (service: Service) => createMyBotClient({ baseUrl: service.url, ...CREDENTIAL });

type Message = Record<string, unknown>;
type HistoryBody = {
  conversations: Message[];
  messages: Message[];
  pagination: { totalMessages: number; hasNextPage: boolean };
};

/** One history page of the demo bot, as sent. */
async function historyPage(service: Service, user: string, query = ""): Promise<HistoryBody> {
  const res = await fetch(
    `${service.url}${botPath()}/channel-user/${encodeURIComponent(user)}/conversations${query}`,
    { headers: { authorization: `Basic ${KEY}` } },
  );
  expect(res.status).toBe(200);
  return (await res.json()) as HistoryBody;
}

/** A demo user with at least 20 messages (the admin stats would count all users at once). */
async function longHistoryUser(service: Service): Promise<string> {
  const whatsapp = await clientOf(service).getMatchingUsers({
    attributeName: "channel",
    attributeValue: "whatsapp",
  });
  for (const u of whatsapp) {
    const page = await historyPage(service, u.channelUserId, "?page_size=20&page_number=2");
    if ((page.conversations ?? page.messages).length > 0) return u.channelUserId;
  }
  throw new Error("no demo user with 20 messages");
}

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
  it("serves every history shape; the opposite of each part, all at once, from the environment", async () => {
    const service = await start(runtime, {
      SANDBOX_DB: ":memory:",
      SANDBOX_LIST_KEY: "messages",
      SANDBOX_ORDER: "oldest-first",
      SANDBOX_MESSAGE_IDS: "on",
      SANDBOX_PAGE_METADATA: "on",
      SANDBOX_TIMESTAMPS: "number",
    });
    const asha = await historyPage(service, ASHA_ID);
    expect(asha.messages.map((m) => m.id)).toEqual(["m1", "m2"]);
    expect(asha.pagination).toMatchObject({ totalMessages: 2, hasNextPage: false });
    const longest = await longHistoryUser(service);
    const stamps: number[] = [];
    for (let n = 1; ; n++) {
      const page = await historyPage(service, longest, `?page_size=7&page_number=${n}`);
      stamps.push(...page.messages.map((m) => m.timestamp as number));
      if (!page.pagination.hasNextPage) break;
    }
    expect(stamps.length).toBeGreaterThan(7);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });

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
    expect(users.map((u) => u.channelUserId)).toEqual([ASHA_ID]);
    // A change through the admin API must be on disk after a restart.
    const admin = createAdminClient({ baseUrl: first.url, token: "t" });
    expect(
      await admin.putUser("restart-proof", { channel: "web", attributes: { c1: "straberry" } }),
    ).toEqual({ users: 1, messages: 0 });
    await first.stop("SIGTERM");
    expect(first.child.exitCode).toBe(0);

    const second = await start(runtime, { SANDBOX_DB: db });
    expect(second.output()).toContain("existing data");
    const again = clientOf(second);
    const after = await again.getMatchingUsers({
      attributeName: "c1",
      attributeValue: "straberry",
    });
    expect(after.map((u) => u.channelUserId)).toEqual([ASHA_ID, "restart-proof"]);
    // The history over raw HTTP, so that the wire itself is checked: the observed shape by default.
    const asha = await historyPage(second, ASHA_ID);
    expect(Object.keys(asha)).toEqual(["conversations"]);
    expect(asha.conversations.map((m) => m.response)).toEqual([
      "Hello! How can I help you today?",
      "hi",
    ]);
    expect(asha.conversations[0]?.timestamp).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\+0530$/,
    );
    // A long generated history comes back newest first across pages on this runtime's SQLite.
    const longest = await longHistoryUser(second);
    const stamps: number[] = [];
    for (let n = 1; ; n++) {
      const page = await historyPage(second, longest, `?page_size=7&page_number=${n}`);
      if (page.conversations.length === 0) break;
      stamps.push(...page.conversations.map((m) => parseVendorStamp(m.timestamp as string)));
    }
    expect(stamps.length).toBeGreaterThan(7);
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    expect(second.output()).toMatch(
      /GET \/bot-api\/v1\.0\/customer\/:customerId\/bot\/:botKey\/users 200 [\d.]+ms/,
    );
    expect(second.output()).not.toContain(KEY);
    // The access log names routes: no id from a path (a phone number among them) reaches it.
    expect(second.output()).not.toMatch(
      new RegExp(` /\\S*(${DEMO_CREDENTIAL.customerId}|${DEMO_CREDENTIAL.botKey}|${ASHA_ID})`),
    );
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

  it("a port in use is named, and exit code 2", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const taken = (busy.address() as AddressInfo).port;
    try {
      const error = await start("node", { SANDBOX_DB: ":memory:", PORT: String(taken) }).catch(
        (e: Error) => e,
      );
      // The whole output: one line, no stack trace.
      expect((error as Error).message).toMatch(
        new RegExp(`exited with 2:\\nsandbox: port ${taken} \\(PORT\\) is in use\\n$`),
      );
    } finally {
      busy.close();
    }
  });

  it("a bad history shape setting is named", async () => {
    const error = await start("node", { SANDBOX_DB: ":memory:", SANDBOX_ORDER: "latest" }).catch(
      (e: Error) => e,
    );
    expect(String(error)).toContain("exited with 2");
    expect(String(error)).toContain(
      'sandbox: SANDBOX_ORDER: "latest" is not one of newest-first, oldest-first',
    );
  });
});
