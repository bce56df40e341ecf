/**
 * The exporter in process against the sandbox: counts equal the sandbox's ground truth, polls are
 * incremental (one request per user when nothing is new), a restart resumes from the saved state
 * without re-reading, shards add up, and MyBOT failures leave the last values with mybot_up 0.
 */
import { botPath } from "@mybot/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createExporter } from "../src/exporter.ts";
import { COHORTS, CREDS, sample, startMyBot, sumOf, writeConfig } from "./harness.ts";

let mybot: Awaited<ReturnType<typeof startMyBot>>;
beforeAll(async () => {
  mybot = await startMyBot();
});
afterAll(() => mybot.close());

const configFor = (path: string, argv: string[] = []) =>
  loadConfig({ ...CREDS, MYBOT_BASE_URL: mybot.url, MYBOT_EXPORTER_CONFIG: path }, argv);
const scrape = async (app: ReturnType<typeof createExporter>["app"], accept = "text/plain") =>
  (await app.fetch(new Request("http://exporter/metrics", { headers: { accept } }))).text();

describe("the collector", () => {
  it("counts every message of every cohort, as the sandbox's ground truth has them", async () => {
    const { path } = writeConfig();
    const { app, collector } = createExporter(configFor(path), { log: () => {} });
    expect((await app.fetch(new Request("http://exporter/readyz"))).status).toBe(503);
    await collector.poll();
    expect((await app.fetch(new Request("http://exporter/readyz"))).status).toBe(200);
    const text = await scrape(app);
    for (const cohort of COHORTS) {
      const truth = await mybot.truth(cohort);
      expect(sample(text, "mybot_users", { cohort: cohort.name })).toBe(truth.users);
      for (const sender of ["user", "bot", "agent"]) {
        expect(sample(text, "mybot_messages_total", { cohort: cohort.name, sender })).toBe(
          truth.messages[sender],
        );
      }
    }
    expect(sample(text, "mybot_up")).toBe(1);
    expect(sample(text, "mybot_conversations_total", { cohort: "gold" })).toBeGreaterThan(0);
    expect(
      sample(text, "mybot_bot_response_latency_seconds_count", { cohort: "gold" }),
    ).toBeGreaterThan(0);
    expect(sample(text, "mybot_active_users", { cohort: "gold", window: "7d" })).toBeGreaterThan(0);
    expect(text).toContain(
      "# HELP mybot_messages_total Messages by sender in the cohort's users' chat histories. Values come from a background poll",
    );
    await collector.stop();
  });

  it("reads only what is new: one request per user when nothing changed, and new messages once", async () => {
    const { path } = writeConfig();
    const { app, collector } = createExporter(configFor(path), { log: () => {} });
    await collector.poll();
    const requests = () => sumOf(awaitedText, "mybot_api_requests_total");
    let awaitedText = await scrape(app);
    const before = requests();
    await collector.poll();
    awaitedText = await scrape(app);
    const users =
      (await mybot.truth(COHORTS[0] as never)).users +
      (await mybot.truth(COHORTS[1] as never)).users;
    expect(requests() - before).toBe(users + COHORTS.length);

    const goldMessages = sample(awaitedText, "mybot_messages_total", {
      cohort: "gold",
      sender: "bot",
    }) as number;
    const goldUsers = (
      await (
        await fetch(`${mybot.url}${botPath()}/users?attribute_name=plan&attribute_value=gold`, {
          headers: { authorization: `Basic ${CREDS.MYBOT_API_KEY}` },
        })
      ).json()
    ).users;
    await mybot.admin.appendMessages(goldUsers[0].channelUserId, [
      { id: `new-${Date.now()}`, timestamp: Date.now() - 10, sender: "bot", response: "a new one" },
    ]);
    await collector.poll();
    expect(
      sample(await scrape(app), "mybot_messages_total", { cohort: "gold", sender: "bot" }),
    ).toBe(goldMessages + 1);
    await collector.stop();
  });

  it("resumes from its saved state after a restart, without a full re-read", async () => {
    const { path } = writeConfig();
    const first = createExporter(configFor(path), { log: () => {} });
    await first.collector.poll();
    const before = await scrape(first.app);
    await first.collector.stop();

    const second = createExporter(configFor(path), { log: () => {} });
    const restored = await scrape(second.app);
    expect(sample(restored, "mybot_messages_total", { cohort: "gold", sender: "user" })).toBe(
      sample(before, "mybot_messages_total", { cohort: "gold", sender: "user" }),
    );
    await second.collector.poll();
    const after = await scrape(second.app);
    expect(sample(after, "mybot_messages_total", { cohort: "gold", sender: "user" })).toBe(
      sample(before, "mybot_messages_total", { cohort: "gold", sender: "user" }),
    );
    // One history request per user: nothing was read twice. The request counter carries on from
    // the saved state (counters never go back across a restart), so the restart's share is the
    // difference.
    const users =
      (await mybot.truth(COHORTS[0] as never)).users +
      (await mybot.truth(COHORTS[1] as never)).users;
    expect(
      sumOf(after, "mybot_api_requests_total", { endpoint: "history" }) -
        sumOf(restored, "mybot_api_requests_total", { endpoint: "history" }),
    ).toBe(users);
    expect(sumOf(restored, "mybot_api_requests_total", { endpoint: "history" })).toBe(
      sumOf(before, "mybot_api_requests_total", { endpoint: "history" }),
    );
    await second.collector.stop();
  });

  it("splits users across shards so that the shards add up to the whole", async () => {
    const { path } = writeConfig();
    const totals = [];
    for (const shard of [0, 1, 2]) {
      const { app, collector } = createExporter(
        configFor(path, ["--shard", String(shard), "--total-shards", "3"]),
        { log: () => {} },
      );
      await collector.poll();
      const text = await scrape(app);
      totals.push({
        users: sample(text, "mybot_users", { cohort: "gold" }) as number,
        user: sample(text, "mybot_messages_total", { cohort: "gold", sender: "user" }) as number,
      });
      expect(sample(text, "mybot_exporter_shard")).toBe(shard);
      await collector.stop();
    }
    const truth = await mybot.truth(COHORTS[0] as never);
    expect(totals.reduce((n, t) => n + t.users, 0)).toBe(truth.users);
    expect(totals.reduce((n, t) => n + t.user, 0)).toBe(truth.messages.user);
    for (const t of totals) expect(t.users).toBeLessThan(truth.users);
  });

  it("keeps the last values with mybot_up 0 while MyBOT fails, and recovers by itself", async () => {
    const { path } = writeConfig();
    const { app, collector } = createExporter({ ...configFor(path) }, { log: () => {} });
    await collector.poll();
    const good = sample(await scrape(app), "mybot_messages_total", {
      cohort: "gold",
      sender: "user",
    });
    mybot.sandbox.faults.set([{ endpoint: "all", type: "status", status: 500 }]);
    await collector.poll();
    const failing = await scrape(app);
    expect(sample(failing, "mybot_up")).toBe(0);
    expect(sample(failing, "mybot_messages_total", { cohort: "gold", sender: "user" })).toBe(good);
    expect(
      sample(failing, "mybot_api_requests_total", { endpoint: "users", status: "500" }),
    ).toBeGreaterThan(0);
    mybot.sandbox.faults.clear();
    await collector.poll();
    expect(sample(await scrape(app), "mybot_up")).toBe(1);
    await collector.stop();
  });

  it("keeps the last values with mybot_up 0 while MyBOT is too slow", async () => {
    const { path } = writeConfig({ request_timeout_seconds: 1 });
    const { app, collector } = createExporter(configFor(path), { log: () => {} });
    await collector.poll();
    const good = sample(await scrape(app), "mybot_messages_total", {
      cohort: "gold",
      sender: "bot",
    });
    mybot.sandbox.faults.set([{ endpoint: "users", type: "latency", latencyMs: 4000 }]);
    try {
      await collector.poll();
      const slow = await scrape(app);
      expect(sample(slow, "mybot_up")).toBe(0);
      expect(sample(slow, "mybot_messages_total", { cohort: "gold", sender: "bot" })).toBe(good);
    } finally {
      mybot.sandbox.faults.clear();
    }
    await collector.stop();
  });

  it("serves /metrics from memory, and no label carries a user id, email or phone", async () => {
    const { path } = writeConfig();
    const { app, collector } = createExporter(configFor(path), { log: () => {} });
    await collector.poll();
    const first = await scrape(app);
    mybot.sandbox.faults.set([{ endpoint: "all", type: "hang" }]);
    try {
      const started = Date.now();
      for (let i = 0; i < 5; i++) await scrape(app);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(sumOf(await scrape(app), "mybot_api_requests_total")).toBe(
        sumOf(first, "mybot_api_requests_total"),
      );
    } finally {
      mybot.sandbox.faults.clear();
    }
    const users = (
      await (
        await fetch(
          `${mybot.url}${botPath()}/users?attribute_name=channel&attribute_value=whatsapp`,
          { headers: { authorization: `Basic ${CREDS.MYBOT_API_KEY}` } },
        )
      ).json()
    ).users;
    for (const u of users) {
      expect(first).not.toContain(u.channelUserId);
      expect(first).not.toContain(u.attributes.email);
    }
    expect(first).not.toMatch(/@example\.com|\+91\d{6}/);
    await collector.stop();
  });

  it("offers OpenMetrics to scrapers that ask for it", async () => {
    const { path } = writeConfig();
    const { app, collector } = createExporter(configFor(path), { log: () => {} });
    const res = await app.fetch(
      new Request("http://exporter/metrics", {
        headers: { accept: "application/openmetrics-text; version=1.0.0" },
      }),
    );
    expect(res.headers.get("content-type")).toContain("application/openmetrics-text");
    const text = await res.text();
    expect(text.trimEnd().endsWith("# EOF")).toBe(true);
    expect(text).toContain("# TYPE mybot_messages counter");
    expect(await scrape(app)).toContain("# TYPE mybot_messages_total counter");
    await collector.stop();
  });
});
