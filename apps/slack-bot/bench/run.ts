/**
 * `pnpm bench` for the Slack app. A benchmark, not a test: it prints figures and never fails on
 * them. First the text transforms against 1 MB of hostile text (bench/transforms.ts, goal < 50 ms
 * each); then 1,000 signed slash commands while the sandbox adds 2.5 s of latency to every MyBOT call:
 * the acknowledgement latency p50 and p99, and the p99 as a share of Slack's 3000 ms limit
 * (goal: p99 <= 100 ms). The app and the sandbox run as child processes, as in production. Last,
 * button presses to their replaced pages, in process (bench/buttons.ts, goal p99 <= 300 ms).
 */
import { slashCommand, startCapture } from "../test/harness.ts";
import { benchButtons } from "./buttons.ts";
import { LOAD_TEXTS, MYBOT_LATENCY_MS, percentiles, startLoadStack } from "./load.ts";
import { benchTransforms } from "./transforms.ts";

benchTransforms();

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const CONCURRENCY = 20;

const capture = await startCapture();
const { sandbox, app } = await startLoadStack(
  capture.host,
  { PORT: "0" },
  /listening on (http:\/\/[\d.:]+)/,
);

const url = `${app.url}/slack/events`;
const latencies: number[] = [];
let next = 0;
let notAcked = 0;
async function worker() {
  while (next < REQUESTS) {
    const i = next++;
    const { request } = await slashCommand(url, LOAD_TEXTS[i % LOAD_TEXTS.length] as string, {
      captureHost: capture.host,
    });
    const started = performance.now();
    const response = await fetch(request);
    const body = await response.json();
    latencies.push(performance.now() - started);
    if (response.status !== 200 || body.text !== "Looking up…") notAcked++;
  }
}
// Unmeasured warm-up, so that JIT compilation and the first connections do not count as tail.
const WARMUP = 50;
for (let i = 0; i < WARMUP; i += CONCURRENCY) {
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const { request } = await slashCommand(url, "users c1=straberry", {
        captureHost: capture.host,
      });
      await (await fetch(request)).text();
    }),
  );
}
const warmupPosts = Math.ceil(WARMUP / CONCURRENCY) * CONCURRENCY;
const started = Date.now();
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const sendSeconds = (Date.now() - started) / 1000;
// Let the lookups finish, so that the figures are taken while they were all in flight.
const deadline = Date.now() + 30_000;
while (capture.posts.length < REQUESTS + warmupPosts && Date.now() < deadline)
  await new Promise((r) => setTimeout(r, 200));

const pct = percentiles(latencies);
console.log(
  `Slack app benchmark (${process.version}): ${REQUESTS} signed commands, ${CONCURRENCY} at a time, MyBOT latency ${MYBOT_LATENCY_MS} ms`,
);
console.log(
  `  sent in ${sendSeconds.toFixed(1)} s; ${notAcked} not acknowledged with "Looking up…"`,
);
console.log(
  `  ack latency p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms (goal p99 <= 100 ms)`,
);
console.log(`  p99 as a share of Slack's 3000 ms limit: ${((pct(99) / 3000) * 100).toFixed(1)} %`);
console.log(
  `  results posted to response_url: ${capture.posts.length - warmupPosts} of ${REQUESTS} (after ${warmupPosts} unmeasured warm-up commands)`,
);
await Promise.all([app.stop(), sandbox.stop(), capture.close()]);
await benchButtons(Number(process.env.BENCH_PRESSES ?? 200));
await benchButtons(Number(process.env.BENCH_PRESSES ?? 200), true);
await (await import("./socket-mode.ts")).benchSocketMode(REQUESTS);
process.exit(0);
