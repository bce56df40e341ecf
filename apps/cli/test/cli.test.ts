/**
 * The CLI as users run it, against the sandbox: formats, configuration from flags, environment
 * and .env, exit codes by error kind, and an export that resumes after an interruption without
 * losing or duplicating a record.
 */
import { execFile } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createMyBotClient } from "@mybot/core";
import { DEMO_CREDENTIAL } from "@mybot/test-kit";
import { startTestSandbox, type TestSandbox } from "@mybot/test-kit/sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exportCohort } from "../src/export.ts";
import { main } from "../src/main.ts";

let server: TestSandbox;
let sandbox: TestSandbox["sandbox"];
let env: Record<string, string>;
beforeAll(async () => {
  server = await startTestSandbox();
  sandbox = server.sandbox;
  env = server.env;
});
afterAll(() => server.close());
beforeEach(() => sandbox.faults.clear());

async function run(argv: string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: options.env ?? env,
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), "mybot-cli-")),
  });
  return { code, stdout, stderr };
}

describe("mybot users", () => {
  it("prints a table, JSON, NDJSON and CSV", async () => {
    const table = await run(["users", "--attribute", "c1=straberry"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^USER\s+CHANNEL\s+NAME\s+ATTRIBUTES\n919812345678\s+whatsapp\s+Asha\s+.*c1=straberry/,
    );
    const json = JSON.parse(
      (await run(["users", "--attribute", "c1=straberry", "--format", "json"])).stdout,
    );
    expect(json[0].channelUserId).toBe("919812345678");
    const csv = (await run(["users", "--attribute", "c1=straberry", "--format", "csv"])).stdout
      .trim()
      .split("\n");
    expect(csv[0]).toBe("channelUserId,channel,name,c1,email,feedback,plan");
    expect(csv[1]).toBe("919812345678,whatsapp,Asha,straberry,asha@example.com,5,gold");
  });

  it("reads its settings from .env when the environment has none, and flags win over both", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "mybot-cli-env-"));
    writeFileSync(
      join(cwd, ".env"),
      Object.entries(env)
        .map(([k, v]) => `${k}="${v}"`)
        .join("\n"),
    );
    expect((await run(["users", "--attribute", "c1=straberry"], { env: {}, cwd })).code).toBe(0);
    const wrongKey = await run(
      ["users", "--attribute", "c1=straberry", "--api-key", "wrong-key-1234"],
      { env: {}, cwd },
    );
    expect(wrongKey.code).toBe(3);
  });
});

const parseLinesOf = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

describe("mybot history", () => {
  it("streams the whole history in each format, filtered by --since", async () => {
    const ndjson = (await run(["history", "919812345678", "--format", "ndjson"])).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // The observed shape has no message ids: the core gives each a stable content fingerprint.
    expect(ndjson.map((m) => m.text)).toEqual(["hi", "Hello! How can I help you today?"]);
    expect(ndjson.map((m) => m.id)).toEqual([
      expect.stringMatching(/^fp-[0-9a-f]{16}$/),
      expect.stringMatching(/^fp-[0-9a-f]{16}$/),
    ]);
    const again = (await run(["history", "919812345678", "--format", "ndjson"])).stdout;
    expect(parseLinesOf(again).map((m) => m.id)).toEqual(ndjson.map((m) => m.id));
    const csv = (await run(["history", "919812345678", "--format", "csv"])).stdout.split("\n");
    expect(csv[0]).toBe("id,timestamp,time,sender,type,text,file_url");
    expect(csv[2]).toMatch(
      /^fp-[0-9a-f]{16},\d+,[\d-]+T[\d:.]+Z,bot,TEXT,Hello! How can I help you today\?,$/,
    );
    expect(
      JSON.parse(
        (await run(["history", "919812345678", "--format", "json", "--since", "2000-01-01"]))
          .stdout,
      ),
    ).toHaveLength(2);
    expect((await run(["history", "919812345678", "--since", "2099-01-01"])).stdout).toBe(
      "no messages\n",
    );
    expect((await run(["history", "919812345678"])).stdout).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z {2}user {3}hi\n/,
    );
  });
});

describe("mistakes and failures", () => {
  it.each([
    [["frobnicate"], '"frobnicate" is not a command'],
    [["users"], "--attribute needs <name>=<value>"],
    [
      ["users", "--attribute", "plan"],
      '--attribute needs <name>=<value>, such as plan=gold, not "plan"',
    ],
    [
      ["users", "--attribute", "a=b", "--format", "xml"],
      '--format "xml": use one of table, json, ndjson, csv',
    ],
    [["users", "--attribute", "a=b", "--colour"], "Unknown option '--colour'"],
    [["history"], "history needs a user id"],
    [["history", "u", "--since", "yesterday"], '--since "yesterday": give a duration like 7d'],
    [
      ["history", "u", "--since", "2024-02-01", "--until", "2024-01-01"],
      "--since must be before --until",
    ],
    [["export", "--attribute", "a=b"], "export needs --out <file.ndjson>"],
    [["history", "u", "--page-size", "0"], '--page-size "0": give a whole number from 1 to 1000'],
    [
      ["export", "--attribute", "a=b", "--out", "x", "--page-size", "1001"],
      '--page-size "1001": give a whole number from 1 to 1000',
    ],
  ])("%j exits 2 and names the mistake", async (argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(`mybot: ${message}`);
    expect(stderr).toContain("usage: mybot <command>");
  });

  it("names the missing settings", async () => {
    const { code, stderr } = await run(["users", "--attribute", "a=b"], { env: {} });
    expect(code).toBe(2);
    expect(stderr).toContain(
      "missing MYBOT_API_KEY (or --api-key), MYBOT_CUSTOMER_ID (or --customer-id), MYBOT_BOT_KEY (or --bot-key)",
    );
  });

  it("exits by error kind, in a sentence, with a stack only under --debug", async () => {
    const auth = await run(["users", "--attribute", "a=b"], {
      env: { ...env, MYBOT_API_KEY: "revoked-or-wrong" },
    });
    expect(auth.code).toBe(3);
    expect(auth.stderr).toMatch(/^mybot: getMatchingUsers: MyBOT rejected the API key/);
    const unknown = await run(["history", "nobody-here"]);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain("INVALID_BOT_OR_CUSTOMER_ID");
    sandbox.faults.set([{ endpoint: "all", type: "status", status: 503 }]);
    const down = await run(["users", "--attribute", "a=b", "--base-url", server.url]);
    expect(down.code).toBe(5);
    for (const r of [auth, unknown, down]) expect(r.stderr).not.toMatch(/\n\s+at /);
    const debug = await run(["history", "nobody-here", "--debug"]);
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(JSON.stringify([auth, unknown, down, debug])).not.toContain(DEMO_CREDENTIAL.apiKey);
  });
});

describe("mybot export", () => {
  const gold = { attributeName: "plan", attributeValue: "gold" };
  const lines = (path: string) =>
    readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));

  async function groundTruth() {
    const client = createMyBotClient({
      baseUrl: server.url,
      apiKey: env.MYBOT_API_KEY as string,
      customerId: DEMO_CREDENTIAL.customerId,
      botKey: DEMO_CREDENTIAL.botKey,
    });
    const users = await client.getMatchingUsers(gold);
    let messages = 0;
    for (const u of users)
      for await (const _ of client.iterateChatHistory(u.channelUserId)) messages++;
    return { users: users.length, messages };
  }

  it("writes every user of the cohort with their history", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "mybot-export-")), "gold.ndjson");
    const { code, stderr } = await run(["export", "--attribute", "plan=gold", "--out", out]);
    expect(code).toBe(0);
    const records = lines(out);
    const truth = await groundTruth();
    expect(records.filter((r) => r.type === "user")).toHaveLength(truth.users);
    expect(records.filter((r) => r.type === "message")).toHaveLength(truth.messages);
    expect(stderr).toBe(`exported ${truth.users} users, ${truth.messages} messages to ${out}\n`);
    expect((await run(["export", "--attribute", "plan=gold", "--out", out])).stderr).toContain(
      "exists; add --force",
    );
  });

  it("lists the cohort once per run, not once per user", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "mybot-export-")), "gold.ndjson");
    const listings: string[] = [];
    const counting = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes("/users?")) listings.push(String(input));
      return fetch(input, init);
    }) as typeof fetch;
    const client = createMyBotClient({
      baseUrl: server.url,
      apiKey: env.MYBOT_API_KEY as string,
      customerId: DEMO_CREDENTIAL.customerId,
      botKey: DEMO_CREDENTIAL.botKey,
      fetch: counting,
    });
    const result = await exportCohort(client, { ...gold, out });
    expect(result.users).toBeGreaterThan(1);
    expect(listings).toHaveLength(1);
  });

  it("resumes after an interruption without losing or duplicating a record", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "mybot-export-")), "gold.ndjson");
    const client = createMyBotClient({
      baseUrl: server.url,
      apiKey: env.MYBOT_API_KEY as string,
      customerId: DEMO_CREDENTIAL.customerId,
      botKey: DEMO_CREDENTIAL.botKey,
      maxRetries: 0,
    });
    let pages = 0;
    // MyBOT goes down after a dozen pages.
    const first = exportCohort(client, {
      ...gold,
      out,
      pageSize: 5,
      onProgress: () => {
        if (++pages === 12) sandbox.faults.set([{ endpoint: "all", type: "status", status: 503 }]);
      },
    });
    await expect(first).rejects.toMatchObject({ name: "MyBotServerError" });
    const checkpoint = JSON.parse(readFileSync(`${out}.checkpoint.json`, "utf8"));
    expect(checkpoint.messages).toBeGreaterThan(0);
    // A page written but not yet recorded in the checkpoint, as a crash would leave it.
    appendFileSync(
      out,
      `${JSON.stringify({ type: "message", channelUserId: "x", id: "half-written" })}\n`,
    );

    sandbox.faults.clear();
    const resumed = await run(["export", "--attribute", "plan=gold", "--out", out]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/^resumed and finished \d+ users, \d+ messages/);
    const records = lines(out);
    const messageKeys = records
      .filter((r) => r.type === "message")
      .map((r) => `${r.channelUserId}/${r.id}`);
    expect(new Set(messageKeys).size).toBe(messageKeys.length);
    expect(messageKeys).not.toContain("x/half-written");
    const truth = await groundTruth();
    expect(messageKeys).toHaveLength(truth.messages);
    expect(records.filter((r) => r.type === "user")).toHaveLength(truth.users);
  });
});

describe("an export checkpoint from an older mybot", () => {
  it("is refused, not misread: exit 2 and what to do", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mybot-export-"));
    const out = join(dir, "gold.ndjson");
    writeFileSync(out, "");
    writeFileSync(
      `${out}.checkpoint.json`,
      JSON.stringify({ version: 1, attributeName: "plan", attributeValue: "gold", nextPage: 2 }),
    );
    const { code, stderr } = await run(["export", "--attribute", "plan=gold", "--out", out]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `mybot: ${out}.checkpoint.json was written by another version of mybot (format 1); delete it and the output, then export again`,
    );
  });
});

describe("the installed bin", () => {
  const bin = fileURLToPath(new URL("../bin/mybot.js", import.meta.url));
  const exec = promisify(execFile);

  it("runs a command and exits with its code", async () => {
    const { stdout } = await exec(
      process.execPath,
      [bin, "users", "--attribute", "c1=straberry", "--format", "ndjson"],
      { env: { ...process.env, ...env } },
    );
    expect(JSON.parse(stdout).channelUserId).toBe("919812345678");
    const failed = await exec(process.execPath, [bin, "nope"], {
      env: { ...process.env, ...env },
    }).catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('mybot: "nope" is not a command');
  });
});
