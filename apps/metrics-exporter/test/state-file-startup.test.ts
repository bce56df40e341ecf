/**
 * A state file the exporter cannot resume from (a truncated write, a damaged disk) stops the
 * start with one sentence naming the file and what to do, and exit status 2, which the systemd
 * unit does not restart: not a stack trace in a crash loop. So does a port in use. A JSON state of an earlier version
 * is taken over: the upgraded exporter's first scrape shows its counters.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { expect, it } from "vitest";
import { startExporterProcess } from "./exporter-process.ts";
import { sample, writeConfig } from "./harness.ts";

/** What the exporter prints when it refuses to start, or a failure if it started. */
async function refusal(configPath: string): Promise<string> {
  // Nothing listens on port 9: MyBOT must not be needed to refuse the state.
  const error = await startExporterProcess("http://127.0.0.1:9", configPath).then(
    async (service) => {
      await service.stop();
      return new Error("the exporter started");
    },
    (rejection: Error) => rejection,
  );
  expect(error.message).toMatch(/exited with 2:\n/);
  return error.message.slice(error.message.indexOf("\n") + 1).trim();
}

it("refuses to start from a truncated state file, in one sentence, with exit status 2", async () => {
  const { path, statePath } = writeConfig();
  mkdirSync(statePath, { recursive: true });
  const file = join(statePath, "state.json");
  writeFileSync(file, '{"version":1,"cohorts":{"gold":{"users":{"9198');
  // Nothing listens on port 9: MyBOT must not be needed to refuse the state.
  const started = startExporterProcess("http://127.0.0.1:9", path);
  const error = await started.then(
    async (service) => {
      await service.stop();
      return new Error("the exporter started");
    },
    (rejection: Error) => rejection,
  );
  expect(error.message).toMatch(/exited with 2:\n/);
  const output = error.message.slice(error.message.indexOf("\n") + 1).trim();
  expect(output).toBe(
    `metrics-exporter: cannot resume from the state file ${file}: it is not valid JSON (a truncated or damaged file); restore it from a backup, or move it aside to start afresh (every history is then read again from the backfill, and the counters start over)`,
  );
});

it("refuses to start from a damaged state database, in one sentence, with exit status 2", async () => {
  const { path, statePath } = writeConfig();
  mkdirSync(statePath, { recursive: true });
  const file = join(statePath, "state.db");
  writeFileSync(file, Buffer.alloc(8192, 0x5a));
  expect(await refusal(path)).toBe(
    `metrics-exporter: cannot resume from the state file ${file}: it is not a SQLite database (a damaged file, or another kind of file); restore it from a backup, or move it aside to start afresh (every history is then read again from the backfill, and the counters start over)`,
  );
});

it("refuses a port in use, in one sentence naming PORT, with exit status 2", async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  const taken = (busy.address() as { port: number }).port;
  try {
    const { path } = writeConfig();
    const error = await startExporterProcess("http://127.0.0.1:9", path, {
      PORT: String(taken),
    }).then(
      async (service) => {
        await service.stop();
        return new Error("the exporter started");
      },
      (rejection: Error) => rejection,
    );
    expect(error.message).toMatch(/exited with 2:\n/);
    expect(error.message.slice(error.message.indexOf("\n") + 1)).toBe(
      `metrics-exporter: port ${taken} (PORT) is in use\n`,
    );
  } finally {
    busy.close();
  }
});

it("takes over the JSON state of an earlier version: an upgrade does not reset the counters", async () => {
  const { path, statePath } = writeConfig();
  mkdirSync(statePath, { recursive: true });
  const gold = {
    users: {
      "919812345678": {
        cursor: 1,
        idsAtCursor: ["m-1"],
        lastAt: 1,
        pendingUserAt: null,
        lastUserMessageAt: 1,
      },
    },
    userCount: 1,
    messages: { user: 40, bot: 30, agent: 2 },
    lastMessageAt: { user: 1 },
    conversations: 5,
    latency: { buckets: [0, 0, 0, 0, 0, 0, 0, 0, 0], sum: 0, count: 0 },
  };
  const requests = { "history\u0000200": 77 };
  writeFileSync(
    join(statePath, "state.json"),
    JSON.stringify({ version: 1, cohorts: { gold }, api: { requests, durations: {} } }),
  );
  const exporter = await startExporterProcess("http://127.0.0.1:9", path);
  try {
    const text = await (await fetch(`${exporter.url}/metrics`)).text();
    expect(sample(text, "mybot_messages_total", { cohort: "gold", sender: "user" })).toBe(40);
    expect(sample(text, "mybot_conversations_total", { cohort: "gold" })).toBe(5);
    expect(
      sample(text, "mybot_api_requests_total", { endpoint: "history", status: "200" }),
    ).toBeGreaterThanOrEqual(77);
    expect(existsSync(join(statePath, "state.json.migrated"))).toBe(true);
    expect(existsSync(join(statePath, "state.json"))).toBe(false);
  } finally {
    await exporter.stop();
  }
});
