/**
 * The exporter's schedule as a simulation (a benchmark: it prints figures, never fails on them).
 * 10,000 users in 3 cohorts, 5 % of them active (each writes at random, Poisson, one message
 * every 3 minutes on average), a budget of 10 requests a second, `max_staleness` 1h,
 * `min_read_interval` 30s, listings every 30 s. The real exporter (createExporter: budget,
 * schedule, read loop, SQLite state) runs against the sandbox in process on a fake clock, the
 * sandbox answering each request after 150 virtual ms, so hours pass in a minute or two.
 *
 * Warm-up: the first start reads every user once (10,000 at 10 a second, about 17 minutes), then
 * the idle users' second reads, bunched by the first pass, come due; figures are taken over the 3
 * virtual hours after one hour of warm-up. For each message: the time from its timestamp to the
 * first commit that holds it (checked each virtual second, so up to 1 s late). For each user: the
 * longest time between two reads (or from the last read to the end). At the server: the most
 * requests in any one-second window. `--quick` (or BENCH_QUICK=1): 1,000 users at 1 a second,
 * one hour measured.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.ts";
import { createExporter } from "../src/exporter.ts";
import { FakeClock } from "../src/fake-clock.ts";
import { CREDS } from "../test/harness.ts";
import { maxInAnySecond, virtualMyBot } from "../test/virtual-mybot.ts";
import { Arrivals } from "./arrivals.ts";
import { quick } from "./quick.ts";

const USERS = quick ? 1_000 : 10_000;
const BUDGET = quick ? 1 : 10;
const HOUR = 3_600_000;
const WARM_UP = HOUR;
const MEASURED = quick ? HOUR : 3 * HOUR;
const MAX_STALENESS = HOUR;
const COHORTS = ["gold", "silver", "bronze"];
const START = Date.parse("2026-03-02T00:00:00Z");

const clock = new FakeClock(START);
const byCohort: Record<string, string[]> = Object.fromEntries(COHORTS.map((c) => [c, []]));
const cohortOf = new Map<string, string>();
for (let i = 0; i < USERS; i++) {
  const id = `9190${String(i).padStart(8, "0")}`;
  const cohort = COHORTS[i % COHORTS.length] as string;
  byCohort[cohort]?.push(id);
  cohortOf.set(id, cohort);
}
const mybot = await virtualMyBot(clock, byCohort, 150);
for (const id of cohortOf.keys())
  mybot.say(id, [{ sender: "user", response: "hello" }], START - 2 * 24 * HOUR);

const dir = mkdtempSync(join(tmpdir(), "mybot-exporter-simulation-"));
const configPath = join(dir, "config.yaml");
const cohortLines = COHORTS.flatMap((c) => [
  `  - name: ${c}`,
  "    attribute_name: plan",
  `    attribute_value: ${c}`,
]);
writeFileSync(
  configPath,
  `cohorts:\n${cohortLines.join("\n")}\nstate_path: ${join(dir, "state")}\nbackfill: all\npoll_interval_seconds: 30\nmax_requests_per_second: ${BUDGET}\nmax_staleness: 1h\nmin_read_interval: 30s\nconcurrency: 4\n`,
);
const config = loadConfig({
  ...CREDS,
  MYBOT_BASE_URL: mybot.settings.baseUrl,
  MYBOT_EXPORTER_CONFIG: configPath,
});
const { collector, store } = createExporter(config, {
  fetch: mybot.fetch,
  clock,
  log: () => {},
  // The core's retry waits are real timers; nothing fails here, so none are needed.
  client: { maxRetries: 0 },
});

const active = [...cohortOf.keys()].filter((_, i) => i % 20 === 0);
const arrivals = new Arrivals(active, 3 * 60_000, START, 42);
const delays: number[] = [];
const started = performance.now();
collector.start();
const measureFrom = START + WARM_UP;
const end = measureFrom + MEASURED;
while (clock.now() < end) {
  await clock.advance(1_000);
  const now = clock.now();
  for (const id of arrivals.due(now)) {
    mybot.say(id, [{ sender: "user", response: `at ${now}` }]);
    arrivals.sent(id, now);
  }
  // A message is counted once the committed newest message of its user has reached it.
  for (const id of arrivals.waiting()) {
    const committed = store.index.get(cohortOf.get(id) as string)?.get(id)?.lastMessageAt ?? 0;
    for (const at of arrivals.countUpTo(id, committed))
      if (at >= measureFrom) delays.push(now - at);
  }
}
await collector.stop();
const seconds = (performance.now() - started) / 1000;

const readTimes = new Map<string, number[]>();
for (const r of mybot.requests)
  if (r.endpoint === "history")
    readTimes.get(r.userId as string)?.push(r.at) ?? readTimes.set(r.userId as string, [r.at]);
let longestGap = 0;
for (const id of cohortOf.keys()) {
  const times = readTimes.get(id) ?? [];
  let previous = times.at(0) ?? START;
  for (const t of [...times.slice(1), end]) {
    if (t >= measureFrom) longestGap = Math.max(longestGap, t - previous);
    previous = t;
  }
}
delays.sort((a, b) => a - b);
const at = (q: number) =>
  ((delays[Math.floor(q * (delays.length - 1))] ?? Number.NaN) / 1000).toFixed(1);
const busiest = maxInAnySecond(
  mybot.requests.map((r) => r.at),
  measureFrom,
);
const measured = mybot.requests.filter((r) => r.at >= measureFrom).length;
console.log(
  `exporter simulation${quick ? " (quick)" : ""}: ${USERS} users in ${COHORTS.length} cohorts, ${active.length} active (a message every 3 min on average), budget ${BUDGET} req/s; ${MEASURED / HOUR} virtual h measured after ${WARM_UP / HOUR} h of warm-up, in ${seconds.toFixed(0)} s`,
);
console.log(
  `  delay from a new message to its count: median ${at(0.5)} s (goal <= 60 s), p95 ${at(0.95)} s, over ${delays.length} messages`,
);
console.log(
  `  longest time between two reads of a user: ${(longestGap / 60_000).toFixed(1)} min (goal <= max_staleness ${MAX_STALENESS / 60_000} min)`,
);
console.log(
  `  requests at the server: at most ${busiest} in any one second (goal <= budget ${BUDGET}); ${(measured / (MEASURED / 1000)).toFixed(2)} a second on average`,
);
mybot.close();
process.exit(0);
