import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DEMO_CREDENTIAL } from "./demo-credential.ts";
import { sessionUserId } from "./derived-ids.ts";
import { DEFAULT_END_TIME, generateSeed, generateUsers } from "./generator.ts";
import { parseSeed } from "./seed.ts";

const options = { users: 300, messagesPerUser: 30, seed: 7, endTime: DEFAULT_END_TIME };

describe("the data generator", () => {
  it("is deterministic: same options, same data; another seed, other data", () => {
    expect(JSON.stringify(generateSeed(options, "k"))).toBe(
      JSON.stringify(generateSeed(options, "k")),
    );
    expect(JSON.stringify(generateSeed({ ...options, seed: 8 }, "k"))).not.toBe(
      JSON.stringify(generateSeed(options, "k")),
    );
  });

  it("makes realistic data that follows the seed format", () => {
    const seed = parseSeed(generateSeed(options, "k"));
    const users = seed.customers[0]?.bots[0]?.users ?? [];
    expect(users).toHaveLength(300);
    expect(new Set(users.map((u) => u.channelUserId)).size).toBe(300);
    expect(new Set(users.map((u) => u.channel)).size).toBeGreaterThanOrEqual(4);
    for (const u of users)
      expect(Object.keys(u.attributes ?? {})).toEqual(
        expect.arrayContaining(["email", "phone", "plan", "feedback"]),
      );
    const messages = users.flatMap((u) => u.messages ?? []);
    const mean = messages.length / users.length;
    expect(mean).toBeGreaterThan(20);
    expect(mean).toBeLessThan(40);
    expect(new Set(messages.map((m) => m.sender))).toEqual(new Set(["user", "bot", "agent"]));
    for (const u of users) {
      const ts = (u.messages ?? []).map((m) => m.timestamp);
      expect(ts).toEqual([...ts].sort((a, b) => a - b));
      expect(Math.max(...ts)).toBeLessThanOrEqual(DEFAULT_END_TIME);
    }
    // Bot answers follow the user within seconds, as a bot's would.
    const gaps = users.flatMap((u) =>
      (u.messages ?? []).flatMap((m, i, all) =>
        m.sender === "bot" && all[i - 1]?.sender === "user"
          ? [m.timestamp - (all[i - 1]?.timestamp ?? 0)]
          : [],
      ),
    );
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3000);
  });

  it("writes messages the way the vendor does: types, options, agents joining, uploads", () => {
    const users = [...generateUsers(options)];
    const messages = users.flatMap((u) => u.messages);
    const byType = (type: string) => messages.filter((m) => m.message_type === type);
    expect(byType("TEXT").length / messages.length).toBeGreaterThan(0.75);
    for (const type of ["OPTIONS", "AGENT_PARTICIPATION_STATUS", "FILE_RECEIVED"])
      expect(byType(type).length, type).toBeGreaterThan(10);
    expect(new Set(messages.map((m) => m.message_type))).toEqual(
      new Set(["TEXT", "OPTIONS", "AGENT_PARTICIPATION_STATUS", "FILE_RECEIVED"]),
    );

    for (const m of byType("OPTIONS")) {
      expect(m.sender).toBe("bot");
      expect(m.response).toMatch(/^\[⭐(, ⭐+)+\]$/);
    }
    for (const m of byType("AGENT_PARTICIPATION_STATUS")) {
      expect(m.sender).toBe("agent");
      const notice = JSON.parse(m.response);
      expect(Object.keys(notice)).toEqual(["agentId", "PARTICIPATION_MESSAGE"]);
      expect(notice.agentId).toEqual(expect.any(Number));
      expect(notice.PARTICIPATION_MESSAGE).toMatch(
        /^<strong>[A-Z][a-z]+ [A-Z][a-z]+<\/strong> joined the conversation$/,
      );
    }
    for (const m of byType("FILE_RECEIVED")) {
      expect(m.sender).toBe("user");
      expect(m.attachments).toBeNull();
      const file = m.file as { url: string; mimeType: string; uploadType: string };
      expect(file.uploadType).toBe("FILE");
      const name = file.url.split("/").at(-1);
      expect(m.response).toBe(`User uploaded ${name} - [${file.mimeType}]`);
    }
    for (const m of [
      ...byType("TEXT"),
      ...byType("OPTIONS"),
      ...byType("AGENT_PARTICIPATION_STATUS"),
    ]) {
      expect(m.file).toBeNull();
      expect(m.attachments).toBeNull();
    }

    for (const { user, messages: own } of users) {
      // One web-widget session id per user, UUID-shaped, the same the seed loader would derive.
      expect(new Set(own.map((m) => m.user_id))).toEqual(
        new Set([
          sessionUserId(DEMO_CREDENTIAL.customerId, DEMO_CREDENTIAL.botKey, user.channelUserId),
        ]),
      );
      expect(new Set(own.map((m) => m.id)).size).toBe(own.length);
      // An agent's first message in a session is the notice that they joined.
      let joined = false;
      for (const [i, m] of own.entries()) {
        const gap = m.timestamp - (own[i - 1]?.timestamp ?? m.timestamp);
        if (gap >= 3_600_000) joined = false;
        if (m.message_type === "AGENT_PARTICIPATION_STATUS") joined = true;
        else if (m.sender === "agent") expect(joined).toBe(true);
      }
    }
  });

  it("is fast enough for a million messages", () => {
    const started = performance.now();
    let n = 0;
    for (const { messages } of generateUsers({ ...options, users: 2000 })) n += messages.length;
    const perMessage = (performance.now() - started) / n;
    // About 60k messages; a million must stay a matter of seconds in bulk-load and the benchmark.
    expect(perMessage * 1_000_000).toBeLessThan(15_000);
  });

  it("streams users one at a time", () => {
    const iterator = generateUsers({ ...options, users: 1_000_000 });
    expect(iterator.next().value?.user.channelUserId).toBeTruthy();
  });
});

describe("seed:generate", () => {
  const cli = fileURLToPath(new URL("./generator-cli.ts", import.meta.url));
  const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
  const run = promisify(execFile);

  it("writes a seed file", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "mybot-gen-")), "seed.json");
    const { stderr } = await run(tsx, [
      cli,
      "--users",
      "5",
      "--messages-per-user",
      "4",
      "--seed",
      "1",
      "--out",
      out,
    ]);
    expect(stderr).toMatch(/wrote .*seed\.json: 5 users, \d+ messages/);
    expect(
      parseSeed(JSON.parse(readFileSync(out, "utf8"))).customers[0]?.bots[0]?.users,
    ).toHaveLength(5);
  });

  it("names the mistake and exits 2 on bad flags", async () => {
    const error = await run(tsx, [
      cli,
      "--users",
      "many",
      "--messages-per-user",
      "4",
      "--seed",
      "1",
    ]).catch((e) => e);
    expect(error.code).toBe(2);
    expect(error.stderr).toContain('--users must be a whole number of at least 1, not "many"');
    expect(error.stderr).toContain("usage:");
    expect(error.stderr).not.toMatch(/\n\s+at \S+ \(/);
  });
});
