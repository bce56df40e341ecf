/**
 * `pnpm bench` for @mybot/core. Prints, from one run against a local server:
 * - the median time of getChatHistory for a 500-message page divided by that of a raw
 *   fetch + JSON.parse of the same URL (goal <= 1.05);
 * - the peak RSS growth while iterating 1,000,000 messages (2,000 pages) (goal < 64 MB).
 * A benchmark, not a test: it reports figures and never fails on them.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import createClient from "openapi-fetch";
import type { paths } from "../src/generated/openapi.d.ts";
import { createMyBotClient } from "../src/index.ts";
import { PlainRequest, plainFetch } from "../src/plain-request.ts";

const KEY = "bench-key-0000";
const PAGES = 2000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1500);

const server = spawn(
  process.execPath,
  [new URL("./page-server.mjs", import.meta.url).pathname, String(PAGES)],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
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
const url = `${baseUrl}/bot-api/v1.0/customer/10294/bot/1a1c9bfa5e0f41ed/channel-user/919812345678/conversations?page_number=1`;
const headers = { Authorization: `Basic ${KEY}`, Accept: "application/json" };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
const raw = async () => JSON.parse(await (await fetch(url, { headers })).text());
const viaClient = () => client.getChatHistory("919812345678", { pageNumber: 1 });
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
        path: { customerId: "10294", botKey: "1a1c9bfa5e0f41ed", channelUserId: "919812345678" },
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

globalThis.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
let messages = 0;
for await (const page of client.iterateChatHistory("919812345678").pages()) {
  messages += page.messages.length;
  peak = Math.max(peak, process.memoryUsage().rss);
}
server.kill();

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
console.log(`@mybot/core benchmark (${process.version}, ${ROUNDS} rounds, 500-message pages)`);
console.log(`  raw fetch+JSON.parse median   ${median(rawTimes).toFixed(3)} ms`);
console.log(`  getChatHistory median         ${median(clientTimes).toFixed(3)} ms`);
console.log(`  ratio client/raw              ${ratio.toFixed(3)}   (goal <= 1.05)`);
console.log(
  `  for reference: openapi-fetch alone/raw ${(median(bareTimes) / median(rawTimes)).toFixed(3)} (no timeout signal, checks or mapping)`,
);
console.log(`  iterateChatHistory            ${messages} messages in ${PAGES} pages`);
console.log(
  `  peak RSS growth               ${mb(peak - before)} MB   (goal < 64 MB; before ${mb(before)} MB, peak ${mb(peak)} MB)`,
);
