/**
 * The client's cost per request where the request itself is cheap: 2-message pages, as most
 * users of an export have (issue 12), from a local server in a child process (page-server.mjs).
 * Prints, as ratios to a raw `fetch` + `.json()` of the same URL timed in the same run (median of
 * alternating batches), the CPU and wall time per request of `getChatHistory` and of a one-page
 * `iterateChatHistory` walk with `prefetch: 1` (what `mybot export` does per user), and the
 * CPU each adds in µs. A benchmark, not a test: it reports figures and never fails on them.
 * `--quick` (or BENCH_QUICK=1) runs a tenth of the requests.
 */
import { createMyBotClient } from "../src/index.ts";
import { startPageServer } from "./page-server-client.ts";

const quick = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
const BATCH = quick ? 300 : 2000;
const BATCHES = 8;

const server = await startPageServer();
const { credentials, headers } = server;
const client = createMyBotClient(credentials);
const USER = "oldest-2";
const url = `${server.historyUrl(USER)}?page_number=1&page_size=500`;
const stop = new AbortController();

const contenders: Record<string, () => Promise<unknown>> = {
  raw: async () => (await fetch(url, { headers })).json(),
  getChatHistory: () => client.getChatHistory(USER, { pageNumber: 1, pageSize: 500 }),
  iterate: async () => {
    const walk = client.iterateChatHistory(USER, {
      pageSize: 500,
      prefetch: 1,
      signal: stop.signal,
    });
    let n = 0;
    for await (const chunk of walk.pages()) for (const m of chunk.messages) n += m.text.length;
    return n;
  },
};
const names = Object.keys(contenders);
const cpu: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
const wall: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
for (const name of names) for (let i = 0; i < 200; i++) await contenders[name]?.();
for (let b = 0; b < BATCHES; b++) {
  // Alternating order, so that drift in the machine's load hits every side alike.
  for (const name of b % 2 ? names : [...names].reverse()) {
    const run = contenders[name] as () => Promise<unknown>;
    const used = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < BATCH; i++) await run();
    const { user, system } = process.cpuUsage(used);
    cpu[name]?.push((user + system) / BATCH);
    wall[name]?.push(((performance.now() - started) * 1000) / BATCH);
  }
}
server.stop();

const median = (xs: number[] = []) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
console.log(
  `@mybot/core overhead per request (${process.version}, 2-message pages, ${BATCHES} x ${BATCH} requests each, medians)`,
);
for (const name of names.slice(1)) {
  const extra = median(cpu[name]) - median(cpu.raw);
  console.log(
    `  ${name.padEnd(15)} cpu/raw ${(median(cpu[name]) / median(cpu.raw)).toFixed(3)} (+${extra.toFixed(0)} µs of ${median(cpu.raw).toFixed(0)})   wall/raw ${(median(wall[name]) / median(wall.raw)).toFixed(3)}`,
  );
}
