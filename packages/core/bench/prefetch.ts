/**
 * `pnpm bench` for @mybot/core, part 2: `iterateChatHistory` with `prefetch` over a slow link
 * (issue 12: with prefetch <= 0.6 x the sequential raw loop). A local server (page-server.mjs,
 * in a child process) serves a history of 1,000,000 messages in the vendor's observed shape
 * (newest first, string timestamps, no metadata), pages made on the fly, 1000 a page (the spec's
 * largest), and answers every request 20 ms late. Timed in the same run against the same server:
 * - raw: page 1, 2, … fetched one after another, each body JSON-parsed, until a short page;
 * - the iterator without prefetch, then with prefetch 1 and 4, each on a fresh client (so that
 *   it finds the order and the last page as a first walk does), every message read oldest first.
 * `--quick` (or BENCH_QUICK=1) reads 100,000 messages instead. A benchmark, not a test: it
 * prints figures and never fails on them.
 */
import { createMyBotClient } from "../src/index.ts";
import { startPageServer } from "./page-server-client.ts";

const QUICK = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
const MESSAGES = QUICK ? 100_000 : 1_000_000;
const PAGE_SIZE = 1000;
const LATENCY_MS = 20;
const USER = `newest-${MESSAGES}`;

const server = await startPageServer(LATENCY_MS);
const { credentials, headers, requestsSince } = server;

interface Run {
  ms: number;
  messages: number;
  requests: number;
  outOfOrder: number;
}

/** What a caller without the client writes: one page after another, parsed, until a short one. */
async function rawLoop(): Promise<Run> {
  const path = server.historyUrl(USER);
  const started = performance.now();
  let messages = 0;
  for (let page = 1; ; page++) {
    const response = await fetch(`${path}?page_number=${page}&page_size=${PAGE_SIZE}`, { headers });
    const { conversations } = JSON.parse(await response.text()) as { conversations: unknown[] };
    messages += conversations.length;
    if (conversations.length < PAGE_SIZE) break;
  }
  const ms = performance.now() - started;
  return { ms, messages, requests: await requestsSince(), outOfOrder: 0 };
}

/** Every message through the iterator, oldest first, on a client that knows nothing yet. */
async function iterator(prefetch: number): Promise<Run> {
  const client = createMyBotClient(credentials);
  const started = performance.now();
  let messages = 0;
  let outOfOrder = 0;
  let previous = Number.NEGATIVE_INFINITY;
  for await (const m of client.iterateChatHistory(USER, { pageSize: PAGE_SIZE, prefetch })) {
    if (m.timestamp < previous) outOfOrder++;
    previous = m.timestamp;
    messages++;
  }
  const ms = performance.now() - started;
  return { ms, messages, requests: await requestsSince(), outOfOrder };
}

await requestsSince();
// Warm-up: the JIT and the connection pool, on a short history, not timed.
for await (const _ of createMyBotClient(credentials).iterateChatHistory("newest-5000", {
  pageSize: PAGE_SIZE,
  prefetch: 4,
}));
await rawLoop().catch(() => undefined);
await requestsSince();

const raw = await rawLoop();
const plain = await iterator(0);
const one = await iterator(1);
const four = await iterator(4);
server.stop();

const seconds = (run: Run) => `${(run.ms / 1000).toFixed(1)} s`;
const ratio = (run: Run) => `${(run.ms / raw.ms).toFixed(2)}×`;
const label = QUICK ? "100k" : "1M";
console.log(
  `@mybot/core prefetch benchmark (${process.version}${QUICK ? ", --quick" : ""}): ${MESSAGES} messages, newest-first server without metadata, ${PAGE_SIZE}-message pages, ${LATENCY_MS} ms added per request`,
);
console.log(
  `  history ${label} msgs, ${LATENCY_MS} ms link: raw ${seconds(raw)}, iterator ${seconds(plain)} (${ratio(plain)}), prefetch=1 ${seconds(one)} (${ratio(one)}), prefetch=4 ${seconds(four)} (${ratio(four)})   (goal: prefetch <= 0.6×)`,
);
for (const [name, run] of [
  ["raw", raw],
  ["iterator", plain],
  ["prefetch=1", one],
  ["prefetch=4", four],
] as const) {
  console.log(
    `  ${name.padEnd(11)} ${String(run.messages).padStart(7)} messages, ${run.requests} requests, ${run.outOfOrder} out of order`,
  );
}
