/**
 * The collector's two loops on a fake clock, against the sandbox in process: every request the
 * sandbox sees is stamped with virtual time, so the budget is judged where the vendor would
 * judge it. Idle users are read within max_staleness, users who write are read more often, a
 * 429 pauses and slows every request, a restart picks the schedule up from the state file
 * instead of reading everyone again, and every message is counted once.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createExporter } from "../src/exporter.ts";
import { FakeClock } from "../src/fake-clock.ts";
import { CREDS, sample, sumOf } from "./harness.ts";
import { maxInAnySecond, virtualMyBot } from "./virtual-mybot.ts";

const START = Date.parse("2026-03-02T09:00:00Z");
const MINUTE = 60_000;
const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, "0")}`);
const GOLD = ids("91900", 100);
const SILVER = ids("91901", 100);
/** Five gold users who write every minute; the others wrote once, two days ago. */
const ACTIVE = GOLD.slice(0, 5);

function configFile(statePath: string) {
  const dir = mkdtempSync(join(tmpdir(), "mybot-schedule-"));
  const path = join(dir, "config.yaml");
  writeFileSync(
    path,
    [
      "cohorts:",
      ...["gold", "silver"].flatMap((plan) => [
        `  - name: ${plan}`,
        "    attribute_name: plan",
        `    attribute_value: ${plan}`,
      ]),
      `state_path: ${statePath}`,
      "backfill: all",
      "poll_interval_seconds: 60",
      "max_requests_per_second: 2",
      "max_staleness: 10m",
      "min_read_interval: 30s",
      "concurrency: 4",
    ].join("\n"),
  );
  return path;
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup(statePath = mkdtempSync(join(tmpdir(), "mybot-schedule-state-"))) {
  const clock = new FakeClock(START);
  const mybot = await virtualMyBot(clock, { gold: GOLD, silver: SILVER });
  for (const id of [...GOLD, ...SILVER])
    mybot.say(id, [{ sender: "user", response: "hello" }], START - 2 * 24 * 60 * MINUTE);
  const start = () => {
    const config = loadConfig({
      ...CREDS,
      MYBOT_BASE_URL: mybot.settings.baseUrl,
      MYBOT_EXPORTER_CONFIG: configFile(statePath),
    });
    const exporter = createExporter(config, {
      fetch: mybot.fetch,
      clock,
      log: () => {},
      // The core's retry waits run on real timers; the budget's pause is what is under test.
      client: { maxRetries: 0 },
    });
    exporter.collector.start();
    cleanup.push(() => exporter.collector.stop());
    return exporter;
  };
  cleanup.push(async () => mybot.close());
  const scrape = async (exporter: ReturnType<typeof start>) =>
    (await exporter.app.fetch(new Request("http://exporter/metrics"))).text();
  const ready = async (exporter: ReturnType<typeof start>) =>
    (await exporter.app.fetch(new Request("http://exporter/readyz"))).status;
  return { clock, mybot, start, scrape, ready, statePath };
}

const historyReads = (requests: { at: number; endpoint: string; userId?: string }[], id: string) =>
  requests.filter((r) => r.endpoint === "history" && r.userId === id).map((r) => r.at);

describe("the scheduled collector", () => {
  it("keeps to the budget at the server, reads idle users within max_staleness and active ones more often, and counts each message once", async () => {
    const { clock, mybot, start, scrape, ready } = await setup();
    const exporter = start();
    await clock.advance(10_000);
    // Listed, but 200 users at 2 a second are not all read yet: not ready.
    expect(await ready(exporter)).toBe(503);
    for (let minute = 1; minute <= 40; minute++) {
      for (const [i, id] of ACTIVE.entries())
        mybot.say(id, [{ sender: "user", response: `minute ${minute} from ${i}` }]);
      await clock.advance(MINUTE);
      if (minute === 2) expect(await ready(exporter)).toBe(200);
    }
    const end = clock.now();
    const times = mybot.requests.map((r) => r.at);
    expect(maxInAnySecond(times)).toBeLessThanOrEqual(2);

    for (const id of [...GOLD, ...SILVER]) {
      const reads = historyReads(mybot.requests, id);
      const gaps = reads.slice(1).map((t, i) => t - (reads[i] as number));
      expect(Math.max(...gaps, end - (reads.at(-1) as number))).toBeLessThanOrEqual(10 * MINUTE);
    }
    const active = historyReads(mybot.requests, ACTIVE[0] as string).length;
    const idle = historyReads(mybot.requests, SILVER[0] as string).length;
    expect(active).toBeGreaterThanOrEqual(3 * idle);

    // Quiet now: within max_staleness every message is counted, once.
    await clock.advance(11 * MINUTE);
    const text = await scrape(exporter);
    const truth = mybot.stats("gold");
    expect(sumOf(text, "mybot_messages_total", { cohort: "gold" })).toBe(truth);
    expect(sumOf(text, "mybot_messages_total", { cohort: "silver" })).toBe(SILVER.length);
    expect(sample(text, "mybot_request_budget_requests_per_second")).toBe(2);
    expect(sample(text, "mybot_cohort_users_overdue", { cohort: "gold" })).toBe(0);
    expect(sample(text, "mybot_cohort_users_unread", { cohort: "gold" })).toBe(0);
    expect(
      sample(text, "mybot_cohort_staleness_seconds", { cohort: "silver", quantile: "1" }),
    ).toBeLessThanOrEqual(600);
  });

  it("stops every request for a 429's Retry-After, then goes on at half the pace", async () => {
    const { clock, mybot, start, scrape } = await setup();
    const exporter = start();
    await clock.advance(20_000);
    const before = mybot.requests.filter((r) => r.at >= START + 10_000).length;
    mybot.faults.set([
      { endpoint: "history", type: "status", status: 429, retryAfterSeconds: 20, count: 1 },
    ]);
    await clock.advance(1_000);
    const throttledAt = (mybot.requests.at(-1) as { at: number }).at;
    await clock.advance(60_000);
    const after = (from: number, to: number) =>
      mybot.requests.filter((r) => r.at > from && r.at < to).length;
    // 200 users due at once: the budget is the only limit, 2 a second before.
    expect(before).toBeGreaterThanOrEqual(19);
    expect(after(throttledAt, throttledAt + 20_000)).toBe(0);
    const slowed = after(throttledAt + 20_000, throttledAt + 30_000);
    expect(slowed).toBeGreaterThan(0);
    expect(slowed).toBeLessThanOrEqual(11);
    const text = await scrape(exporter);
    expect(sample(text, "mybot_request_budget_throttled_total")).toBe(1);
    expect(sample(text, "mybot_request_budget_effective_requests_per_second")).toBeLessThan(2);
  });

  it("picks the schedule up from the state after a restart: no burst of re-reads", async () => {
    const { clock, mybot, start, ready } = await setup();
    const first = start();
    // Short of its listing round at 180 s, so that every request after is the second's.
    await clock.advance(3 * MINUTE - 5_000);
    expect(await ready(first)).toBe(200);
    await first.collector.stop();

    const restartedAt = clock.now();
    const second = start();
    // Two listing rounds (at 0 and 60 s), not the third at 120 s.
    await clock.advance(110_000);
    const reads = mybot.requests.filter((r) => r.at >= restartedAt && r.endpoint === "history");
    // Everyone was read in the last 3 minutes and is idle: due 9 minutes after, not now.
    // (Without the state, all 200 would be read at once: see the first test's readiness.)
    expect(reads.length).toBe(0);
    expect(mybot.requests.filter((r) => r.at >= restartedAt).length).toBe(4);
    expect(await ready(second)).toBe(200);
  });
});
