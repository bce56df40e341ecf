/**
 * `pnpm bench` for @mybot/core. Prints, from one run against a local server that answers in the
 * vendor's observed shape (bench/page-server.mjs):
 * - the median time of getChatHistory for a 500-message page divided by that of a raw
 *   fetch + JSON.parse of the same URL (goal <= 1.10), and openapi-fetch's own ratio;
 * - reading 1,000,000 messages oldest first from a newest-first server without page metadata:
 *   the peak RSS growth (goal < 64 MB) and the requests against the pages (goal: pages plus a
 *   logarithmic number of probes);
 * - the requests for the newest 20 messages of a 100,000-message history, per server kind
 *   (goal <= 3 for newest first or with page metadata; otherwise logarithmic).
 * A benchmark, not a test: it reports figures and never fails on them.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import createClient from "openapi-fetch";
import type { paths } from "../src/generated/openapi.d.ts";
import { createMyBotClient } from "../src/index.ts";
import { PlainRequest, plainFetch } from "../src/plain-request.ts";

const KEY = "bench-key-0000";
const MESSAGES = 1_000_000;
const PAGES = MESSAGES / 500;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1500);

const server = spawn(process.execPath, [new URL("./page-server.mjs", import.meta.url).pathname], {
  stdio: ["ignore", "pipe", "inherit"],
});
const port = await new Promise<string>((resolve) =>
  createInterface({ input: server.stdout }).once("line", resolve),
);
const baseUrl = `http://127.0.0.1:${port}`;
const client = createMyBotClient({
  baseUrl,
  apiKey: KEY,
  customerId: "10294",
  botKey: "1a1c9bfa5e0f41ed",
});
const USER = `newest-${MESSAGES}`;
const url = `${baseUrl}/bot-api/v1.0/customer/10294/bot/1a1c9bfa5e0f41ed/channel-user/${USER}/conversations?page_number=1`;
const headers = { Authorization: `Basic ${KEY}`, Accept: "application/json" };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
const raw = async () => JSON.parse(await (await fetch(url, { headers })).text());
const viaClient = () => client.getChatHistory(USER, { pageNumber: 1 });
// For reference: openapi-fetch alone, as the client configures it but with no timeout signal,
// no retries, no checks and no mapping: the floor the client is built on.
const bare = createClient<paths>({
  baseUrl,
  headers,
  Request: PlainRequest as unknown as typeof Request,
  fetch: plainFetch(() => fetch),
});
const viaOpenapiFetch = () =>
  bare.GET(
    "/bot-api/v1.0/customer/{customerId}/bot/{botKey}/channel-user/{channelUserId}/conversations",
    {
      params: {
        path: { customerId: "10294", botKey: "1a1c9bfa5e0f41ed", channelUserId: USER },
        query: { page_number: 1 },
      },
    },
  );

for (let i = 0; i < 50; i++) await Promise.all([raw(), viaClient(), viaOpenapiFetch()]);
const rawTimes: number[] = [];
const clientTimes: number[] = [];
const bareTimes: number[] = [];
// Interleaved, in alternating order, so that drift in the machine's load and the garbage one
// side leaves for the other hit both sides alike.
for (let i = 0; i < ROUNDS; i++) {
  if (i % 2) {
    rawTimes.push(await time(raw));
    bareTimes.push(await time(viaOpenapiFetch));
    clientTimes.push(await time(viaClient));
  } else {
    clientTimes.push(await time(viaClient));
    bareTimes.push(await time(viaOpenapiFetch));
    rawTimes.push(await time(raw));
  }
}
const ratio = median(clientTimes) / median(rawTimes);

const requestsSince = async () => Number(await (await fetch(`${baseUrl}/__requests`)).text());
await requestsSince();

globalThis.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
let messages = 0;
let outOfOrder = 0;
let previous = Number.NEGATIVE_INFINITY;
for await (const page of client.iterateChatHistory(USER).pages()) {
  for (const m of page.messages) {
    if (m.timestamp < previous) outOfOrder++;
    previous = m.timestamp;
  }
  messages += page.messages.length;
  peak = Math.max(peak, process.memoryUsage().rss);
}
const walkRequests = await requestsSince();

const latest: string[] = [];
for (const kind of ["newest", "oldest+meta", "oldest"]) {
  // A fresh client each time, so that no order learnt before helps.
  const fresh = createMyBotClient({
    baseUrl,
    apiKey: KEY,
    customerId: "10294",
    botKey: "1a1c9bfa5e0f41ed",
  });
  const read = await fresh.getLatestMessages(`${kind}-100000`, { count: 20 });
  const served = await requestsSince();
  const right = read.messages[19]?.text.startsWith("Message number 99999 ") ? "right" : "WRONG";
  latest.push(`${kind.padEnd(12)} ${served} requests (${right} messages)`);
}
server.kill();

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
console.log(
  `@mybot/core benchmark (${process.version}, ${ROUNDS} rounds, 500-message pages, observed shape)`,
);
console.log(`  raw fetch+JSON.parse median   ${median(rawTimes).toFixed(3)} ms`);
console.log(`  getChatHistory median         ${median(clientTimes).toFixed(3)} ms`);
console.log(`  ratio client/raw              ${ratio.toFixed(3)}   (goal <= 1.10)`);
console.log(
  `  for reference: openapi-fetch alone/raw ${(median(bareTimes) / median(rawTimes)).toFixed(3)} (no timeout signal, checks or mapping)`,
);
console.log(
  `  iterateChatHistory, newest-first server: ${messages} messages oldest first (${outOfOrder} out of order)`,
);
console.log(
  `  requests                      ${walkRequests} for ${PAGES} pages: ${walkRequests - PAGES} probes (goal: logarithmic, 2*log2(${PAGES}) = ${Math.ceil(2 * Math.log2(PAGES))})`,
);
console.log(
  `  peak RSS growth               ${mb(peak - before)} MB   (goal < 64 MB; before ${mb(before)} MB, peak ${mb(peak)} MB)`,
);
console.log(
  "  newest 20 of 100,000 messages (goal <= 3 newest-first or with metadata, else logarithmic):",
);
for (const line of latest) console.log(`    ${line}`);
