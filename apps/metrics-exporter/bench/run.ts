/**
 * `pnpm bench` for the exporter. A benchmark, not a test: it prints figures and never fails on
 * them. With 10k users, once with about 10k messages and once with about 1M:
 * - the scrape p99 (goal <= 20 ms) and the ratio of scrape times, 1M / 10k (goal <= 1.5);
 * - the requests of a steady-state poll with no new messages, per user (goal: one);
 * - the exporter's RSS at 10k users.
 * The sandbox runs in a child process; the exporter in this one, serving over HTTP.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@mybot/runtime";
import { bulkLoad, DEMO_CREDENTIAL } from "@mybot/sandbox";
import { startService } from "@mybot/test-kit";
import { loadConfig } from "../src/config.ts";
import { createExporter } from "../src/exporter.ts";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const USERS = 10_000;
const SCRAPES = 300;
const dir = mkdtempSync(join(tmpdir(), "mybot-exporter-bench-"));
const CHANNELS = ["whatsapp", "web", "messenger", "telegram", "instagram"];

async function measure(messagesPerUser: number) {
  const db = join(dir, `mybot-${messagesPerUser}.db`);
  const { messages } = await bulkLoad(db, USERS, messagesPerUser);
  const sandbox = await startService(
    process.execPath,
    ["--import", "tsx", here("../../sandbox/src/main.node.ts")],
    { SANDBOX_DB: db, SANDBOX_LOG: "off", PORT: "0" },
    /listening on (http:\/\/\S+)/,
    { cwd: here("../../sandbox") },
  );
  const configPath = join(dir, `config-${messagesPerUser}.yaml`);
  const cohorts = CHANNELS.map(
    (c) => `  - name: ${c}\n    attribute_name: channel\n    attribute_value: ${c}`,
  ).join("\n");
  writeFileSync(
    configPath,
    // The highest budget: this measures scrapes and a full pass, not the schedule (simulation.ts).
    `cohorts:\n${cohorts}\nbackfill: all\nconcurrency: 8\nmax_requests_per_second: 1000\nstate_path: ${join(dir, `state-${messagesPerUser}`)}\n`,
  );
  const config = loadConfig({
    MYBOT_EXPORTER_CONFIG: configPath,
    MYBOT_BASE_URL: sandbox.url,
    MYBOT_API_KEY: DEMO_CREDENTIAL.apiKey,
    MYBOT_CUSTOMER_ID: DEMO_CREDENTIAL.customerId,
    MYBOT_BOT_KEY: DEMO_CREDENTIAL.botKey,
  });
  const { app, collector } = createExporter(config, { log: () => {} });
  const started = Date.now();
  await collector.poll();
  const firstPollSeconds = (Date.now() - started) / 1000;
  const requests = (text: string) =>
    text
      .split("\n")
      .filter((l) => l.startsWith("mybot_api_requests_total{"))
      .reduce((n, l) => n + Number(l.split(" ").pop()), 0);
  const server = await serve({ fetch: app.fetch, port: 0 });
  const before = requests(await (await fetch(`${server.url}/metrics`)).text());
  await collector.poll();
  const steadyRequests = requests(await (await fetch(`${server.url}/metrics`)).text()) - before;
  const users = Object.values(collector.published.cohorts).reduce((n, c) => n + c.userCount, 0);

  for (let i = 0; i < 30; i++) await (await fetch(`${server.url}/metrics`)).text();
  const times: number[] = [];
  for (let i = 0; i < SCRAPES; i++) {
    const t = performance.now();
    await (await fetch(`${server.url}/metrics`)).text();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const rss = process.memoryUsage().rss;
  await collector.stop();
  await server.close();
  await sandbox.stop();
  return {
    messages,
    users,
    firstPollSeconds,
    steadyRequests,
    p50: times[Math.floor(SCRAPES / 2)] as number,
    p99: times[Math.floor(SCRAPES * 0.99)] as number,
    rss,
  };
}

const small = await measure(1);
const large = await measure(100);
const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
console.log(
  `metrics exporter benchmark (${process.version}), ${USERS} users in ${CHANNELS.length} cohorts, ${SCRAPES} scrapes over HTTP`,
);
for (const [label, r] of [
  ["~10k messages", small],
  ["~1M messages", large],
] as const) {
  console.log(
    `  ${label.padEnd(14)} ${r.messages} messages: first poll ${r.firstPollSeconds.toFixed(1)} s; scrape p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (goal <= 20 ms)`,
  );
}
console.log(
  `  scrape time ratio 1M / 10k messages (p50): ${(large.p50 / small.p50).toFixed(2)} (goal <= 1.5)`,
);
console.log(
  `  steady-state poll, no new messages: ${large.steadyRequests} requests for ${large.users} users = ${(large.steadyRequests / large.users).toFixed(3)} per user (goal: one; plus one listing per cohort)`,
);
console.log(`  RSS at ${large.users} users: ${mb(large.rss)} MB`);
process.exit(0);
