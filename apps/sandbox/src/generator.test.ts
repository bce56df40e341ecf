import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
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
