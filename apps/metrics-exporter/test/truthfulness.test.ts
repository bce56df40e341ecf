/**
 * The exposition says what is true, not more: one failing user is a poll error and a failing
 * user, not MyBOT down; a cohort dropped from the configuration is no longer exported; users who
 * left a cohort are not its active users; many users read at once raise no listener warning.
 */
import { rmSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createExporter, type ExporterOptions } from "../src/exporter.ts";
import { loadState } from "../src/state-db.ts";
import { COHORTS, CREDS, sample, startMyBot, writeConfig } from "./harness.ts";

let mybot: Awaited<ReturnType<typeof startMyBot>>;
beforeAll(async () => {
  mybot = await startMyBot();
});
afterAll(() => mybot.close());

const [GOLD, WHATSAPP] = COHORTS as [(typeof COHORTS)[0], (typeof COHORTS)[0]];
const configFor = (path: string) =>
  loadConfig({ ...CREDS, MYBOT_BASE_URL: mybot.url, MYBOT_EXPORTER_CONFIG: path }, []);
type Exporter = ReturnType<typeof createExporter>;
const scrape = async (exporter: Exporter) =>
  (
    await exporter.app.fetch(
      new Request("http://exporter/metrics", { headers: { accept: "text/plain" } }),
    )
  ).text();
const readyz = async (exporter: Exporter) =>
  (await exporter.app.fetch(new Request("http://exporter/readyz"))).status;

/** Runs `body` with a quiet exporter on the configuration at `path`, and stops it however it ends. */
async function withExporter(
  path: string,
  options: ExporterOptions,
  body: (exporter: Exporter) => Promise<void>,
): Promise<void> {
  const exporter = createExporter(configFor(path), { log: () => {}, ...options });
  try {
    await body(exporter);
  } finally {
    await exporter.collector.stop();
  }
}

/** Expects the exposition's count of gold messages from `sender` to be the sandbox's. */
async function expectGoldMessagesAsStored(text: string, sender: "user" | "bot"): Promise<void> {
  expect(sample(text, "mybot_messages_total", { cohort: "gold", sender })).toBe(
    (await mybot.truth(GOLD)).messages[sender],
  );
}

/** A gold user who is not also a whatsapp user, so that only the gold cohort sees them. */
async function goldOnlyUser(): Promise<string> {
  const whatsapp = new Set(await mybot.cohortUsers(WHATSAPP));
  const id = (await mybot.cohortUsers(GOLD)).find((u) => !whatsapp.has(u));
  if (!id) throw new Error("the sandbox's seed has no gold-only user");
  return id;
}

describe("truthfulness", () => {
  it("reports a user whose history always fails as a poll error, not as MyBOT down", async () => {
    const broken = await goldOnlyUser();
    const lying: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes(`/channel-user/${broken}/conversations`))
        return new Response("<html>upstream hiccup</html>", {
          status: 200,
          headers: { "content-type": "application/json" },
        });
      return fetch(input, init);
    };
    const { path } = writeConfig();
    await withExporter(path, { fetch: lying }, async (exporter) => {
      await exporter.collector.poll();
      let text = await scrape(exporter);
      expect(await readyz(exporter)).toBe(200);
      expect(sample(text, "mybot_up")).toBe(1);
      expect(sample(text, "mybot_last_successful_poll_timestamp_seconds")).toBeGreaterThan(0);
      expect(sample(text, "mybot_poll_errors_total", { reason: "invalid_response" })).toBe(1);
      expect(sample(text, "mybot_poll_errors_total", { reason: "server_error" })).toBe(0);
      expect(sample(text, "mybot_failing_users", { cohort: "gold" })).toBe(1);
      expect(sample(text, "mybot_failing_users", { cohort: "whatsapp" })).toBe(0);
      expect(text).not.toContain(broken);

      await exporter.collector.poll();
      text = await scrape(exporter);
      expect(sample(text, "mybot_up")).toBe(1);
      expect(sample(text, "mybot_poll_errors_total", { reason: "invalid_response" })).toBe(2);
      expect(sample(text, "mybot_failing_users", { cohort: "gold" })).toBe(1);
    });
  });

  it("clears the failing users once their histories read again", async () => {
    let failing = true;
    const flaky: typeof fetch = async (input, init) =>
      failing && String(input instanceof Request ? input.url : input).includes("/conversations")
        ? new Response("not json", { status: 200 })
        : fetch(input, init);
    const { path } = writeConfig();
    await withExporter(path, { fetch: flaky }, async (exporter) => {
      await exporter.collector.poll();
      const users = (await mybot.truth(GOLD)).users;
      expect(sample(await scrape(exporter), "mybot_failing_users", { cohort: "gold" })).toBe(users);
      expect(sample(await scrape(exporter), "mybot_up")).toBe(1);
      failing = false;
      await exporter.collector.poll();
      const text = await scrape(exporter);
      expect(sample(text, "mybot_failing_users", { cohort: "gold" })).toBe(0);
      await expectGoldMessagesAsStored(text, "user");
    });
  });

  it("stops exporting a cohort removed from the configuration, and drops its state", async () => {
    const { path, statePath } = writeConfig();
    const both = createExporter(configFor(path), { log: () => {} });
    await both.collector.poll();
    await both.collector.stop();
    expect(await scrape(both)).toContain('cohort="whatsapp"');

    writeFileSync(
      path,
      `cohorts:\n  - name: gold\n    attribute_name: plan\n    attribute_value: gold\nbackfill: all\nstate_path: ${statePath}\n`,
    );
    await withExporter(path, {}, async (goldOnly) => {
      expect(await scrape(goldOnly)).not.toContain('cohort="whatsapp"');
      await goldOnly.collector.poll();
      const text = await scrape(goldOnly);
      expect(text).not.toContain('cohort="whatsapp"');
      await expectGoldMessagesAsStored(text, "bot");
    });
    expect(Object.keys(loadState(statePath).cohorts)).toEqual(["gold"]);
  });

  it("does not count users who left a cohort as its active users, nor twice when they return", async () => {
    const leaver = await goldOnlyUser();
    await mybot.append(leaver, [
      { timestamp: Date.now() - 60_000, sender: "user", response: "still here?" },
    ]);
    let hidden = false;
    // MyBOT's listing stops returning the user, as when their plan attribute changes.
    const listing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = String(input instanceof Request ? input.url : input);
      if (!hidden || !url.includes("/users?")) return response;
      const body = (await response.json()) as { users: { channelUserId: string }[] };
      body.users = body.users.filter((u) => u.channelUserId !== leaver);
      return Response.json(body, { status: response.status });
    };
    const { path } = writeConfig();
    await withExporter(path, { fetch: listing }, async (exporter) => {
      await exporter.collector.poll();
      const before = await scrape(exporter);
      const active = sample(before, "mybot_active_users", { cohort: "gold", window: "1h" });
      expect(active).toBeGreaterThanOrEqual(1);

      hidden = true;
      await exporter.collector.poll();
      const after = await scrape(exporter);
      expect(sample(after, "mybot_users", { cohort: "gold" })).toBe(
        (sample(before, "mybot_users", { cohort: "gold" }) as number) - 1,
      );
      expect(sample(after, "mybot_active_users", { cohort: "gold", window: "1h" })).toBe(
        (active as number) - 1,
      );

      hidden = false;
      await exporter.collector.poll();
      const back = await scrape(exporter);
      expect(sample(back, "mybot_active_users", { cohort: "gold", window: "1h" })).toBe(active);
      await expectGoldMessagesAsStored(back, "user");
    });
  });

  it("shows only saved counts, and keeps polling, while the state cannot be saved", async () => {
    const { path, statePath } = writeConfig();
    // A file where the state directory should be: every save fails.
    writeFileSync(statePath, "not a directory");
    const lines: string[] = [];
    await withExporter(path, { log: (line) => lines.push(line) }, async (exporter) => {
      await exporter.collector.poll();
      const text = await scrape(exporter);
      expect(sample(text, "mybot_up")).toBe(1);
      expect(sample(text, "mybot_failing_users", { cohort: "gold" })).toBe(0);
      expect(sample(text, "mybot_messages_total", { cohort: "gold", sender: "user" })).toBe(
        undefined,
      );
      expect(lines.some((l) => l.startsWith(`state: cannot save to ${statePath}`))).toBe(true);
      // The frozen exposition says so: failed saves count, and no save has succeeded yet.
      const failedSaves = sample(text, "mybot_state_save_errors_total") as number;
      expect(failedSaves).toBeGreaterThanOrEqual(1);
      expect(sample(text, "mybot_state_last_save_timestamp_seconds")).toBe(0);

      await exporter.collector.poll();
      expect(sample(await scrape(exporter), "mybot_state_save_errors_total")).toBeGreaterThan(
        failedSaves,
      );

      // Once the directory can be written again, the next save carries the lead over.
      rmSync(statePath);
      const before = Date.now() / 1000;
      await exporter.collector.poll();
      const healed = await scrape(exporter);
      expect(sample(healed, "mybot_state_last_save_timestamp_seconds")).toBeGreaterThanOrEqual(
        Math.floor(before),
      );
      await expectGoldMessagesAsStored(healed, "user");
    });
  });

  it("reads 50 users at once without a MaxListenersExceededWarning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    // Slow answers keep every worker's request in flight at the same time.
    mybot.sandbox.faults.set([{ endpoint: "history", type: "latency", latencyMs: 200 }]);
    const { path } = writeConfig({ concurrency: 50 });
    try {
      await withExporter(path, {}, async (exporter) => {
        await exporter.collector.poll();
        // Warnings are emitted on the next tick.
        await new Promise((r) => setTimeout(r, 50));
        const text = await scrape(exporter);
        expect(sample(text, "mybot_users", { cohort: "gold" })).toBeGreaterThan(10);
        expect(warnings.filter((w) => w.includes("MaxListenersExceeded"))).toEqual([]);
      });
    } finally {
      mybot.sandbox.faults.clear();
      process.off("warning", onWarning);
    }
  });
});
