/**
 * `mybot export` against the sandbox (issue 12): cohorts of 20,000 and 100,000 users with 2
 * messages each. Prints, measured in the same run and never asserted:
 *
 * - time ÷ the raw sequential loop (list, then one plain `fetch` per user per page, NDJSON to a
 *   file): goal ≤ 1.05 at concurrency 1, ≤ 0.5 at the default concurrency;
 * - bytes written ÷ output bytes (goal ≤ 2), counted at the file system the export is given
 *   (every `writeSync` to the output, the user list and each checkpoint): what the export asks
 *   the system to write, not the file system's own journal;
 * - time(100k) ÷ time(20k) (goal ≤ 5.5) at concurrency 1 and at the default.
 *
 * The sandbox serves HTTP from a thread of its own, as the vendor would from its machine; the
 * loops run on the main thread. The export is the code the `mybot` command runs (bundled by the
 * app's build, export-built.ts), not its sources through tsx, whose renaming helper costs every
 * function the export and the core create.
 * `--quick` (or BENCH_QUICK=1) uses 2,000 and 10,000 users, for a smoke run.
 */
import { mkdtempSync, openSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { DEMO_CREDENTIAL } from "@mybot/sandbox";
import { build } from "tsup";
import { appBuild } from "../../../tsup.base.ts";
import { createAppender, NODE_FS } from "../src/durable-file.ts";
import { bytesWritten, countingFs } from "../test/export-harness.ts";
import { seedCohorts } from "./export-seed.ts";

// The export as the `mybot` command runs it: bundled with the production settings (see
// export-built.ts), in node_modules/.cache so that its third-party imports resolve as the app's.
const bundleDir = new URL("../node_modules/.cache/export-bench/", import.meta.url);
await build({
  ...appBuild(
    { "export-built": new URL("./export-built.ts", import.meta.url).pathname },
    new URL("..", import.meta.url).pathname,
  ),
  outDir: bundleDir.pathname,
  sourcemap: false,
  silent: true,
});
const { createMyBotClient, DEFAULT_CONCURRENCY, exportCohort } = (await import(
  new URL("export-built.js", bundleDir).href
)) as typeof import("./export-built.ts");

const quick = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
const [SMALL, LARGE] = quick ? [2_000, 10_000] : [20_000, 100_000];
const dir = mkdtempSync(join(tmpdir(), "mybot-export-bench-"));
const { customerId, botKey, apiKey } = DEMO_CREDENTIAL;

const t = performance.now();
const db = join(dir, "sandbox.db");
await seedCohorts(db, LARGE, SMALL);
console.log(
  `export benchmark: ${LARGE.toLocaleString("en")} users x 2 messages seeded in ${((performance.now() - t) / 1000).toFixed(1)}s, ${process.version}`,
);
/** A sandbox on a thread of its own (export-sandbox-worker.ts), and its URL. */
async function sandboxThread(faults?: unknown[]) {
  const worker = new Worker(new URL("./export-sandbox-thread.mjs", import.meta.url), {
    workerData: { db, faults },
  });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return { worker, url };
}
const local = await sandboxThread();
const headers = { authorization: `Basic ${apiKey}` };
const clientOf = (baseUrl: string) => createMyBotClient({ baseUrl, apiKey, customerId, botKey });

/** The loop a person would write first: list, then each user's pages in turn, plain fetch. */
async function rawLoop(baseUrl: string, cohort: string, out: string) {
  const prefix = `${baseUrl}/bot-api/v1.0/customer/${customerId}/bot/${botKey}`;
  const query = `attribute_name=${cohort}&attribute_value=yes`;
  const { users } = await (await fetch(`${prefix}/users?${query}`, { headers })).json();
  const until = Date.now();
  const file = createAppender(NODE_FS, openSync(out, "w", 0o600), 0);
  for (const user of users) {
    let lines = `${JSON.stringify({ type: "user", ...user })}\n`;
    for (let page = 1; ; page++) {
      const url = `${prefix}/channel-user/${encodeURIComponent(user.channelUserId)}/conversations?page_number=${page}&page_size=500&end_date=${until}`;
      const { conversations } = await (await fetch(url, { headers })).json();
      for (const m of conversations)
        lines += `${JSON.stringify({ type: "message", channelUserId: user.channelUserId, ...m })}\n`;
      if (conversations.length < 500) break;
    }
    file.write(Buffer.from(lines));
  }
  file.flush();
  return users.length as number;
}

async function timed<T>(run: () => Promise<T>) {
  const start = performance.now();
  const busy = performance.eventLoopUtilization();
  const result = await run();
  const { utilization } = performance.eventLoopUtilization(busy);
  return { ms: performance.now() - start, result, busy: utilization };
}

async function exportAt(baseUrl: string, cohort: string, concurrency: number) {
  const out = join(dir, `${cohort}-c${concurrency}-${baseUrl.split(":").at(-1)}.ndjson`);
  const client = clientOf(baseUrl);
  const { fs, log } = countingFs();
  const { ms, result, busy } = await timed(() =>
    exportCohort(client, {
      attributeName: cohort,
      attributeValue: "yes",
      out,
      fs,
      concurrency,
      force: true,
    }),
  );
  return { ms, busy, users: result.users, ratio: bytesWritten(log) / statSync(out).size };
}

// Unmeasured: the JIT, the sandbox's caches and the connections warm.
for (const concurrency of [1, DEFAULT_CONCURRENCY]) {
  await rawLoop(local.url, "warm", join(dir, "warm-raw.ndjson"));
  await exportAt(local.url, "warm", concurrency);
}

type Run = { ms: number; busy: number; ratio?: number };
const ok = (good: boolean) => (good ? "ok" : "MISSED");
const seconds = (run: Run) =>
  `${(run.ms / 1000).toFixed(2)}s (client thread ${(run.busy * 100).toFixed(0)}% busy)`;
const best = (a: Run | undefined, b: Run) => (a && a.ms <= b.ms ? a : b);

/** Raw loop, c=1 and the default, in turns, `rounds` times; the best of each. */
async function measure(baseUrl: string, cohort: string, size: number, rounds: number) {
  let raw: Run | undefined;
  let c1: Run | undefined;
  let cd: Run | undefined;
  for (let round = 0; round < rounds; round++) {
    const r = await timed(() => rawLoop(baseUrl, cohort, join(dir, `${cohort}-raw.ndjson`)));
    const one = await exportAt(baseUrl, cohort, 1);
    const many = await exportAt(baseUrl, cohort, DEFAULT_CONCURRENCY);
    if (r.result !== size || one.users !== size || many.users !== size)
      throw new Error(
        `the ${cohort} cohort has ${r.result}/${one.users}/${many.users} users, not ${size}`,
      );
    raw = best(raw, r);
    c1 = best(c1, one);
    cd = best(cd, many);
  }
  return { raw, c1, cd } as { raw: Run; c1: Run; cd: Run };
}

function report(label: string, { raw, c1, cd }: { raw: Run; c1: Run; cd: Run }) {
  console.log(
    `  ${label}: raw loop ${seconds(raw)}, export c=1 ${seconds(c1)}, c=${DEFAULT_CONCURRENCY} ${seconds(cd)}`,
  );
  console.log(
    `  ${label}: export c=1 / raw loop ${(c1.ms / raw.ms).toFixed(2)} (goal <= 1.05, ${ok(c1.ms / raw.ms <= 1.05)})`,
  );
  console.log(
    `  ${label}: export c=${DEFAULT_CONCURRENCY} (default) / raw loop ${(cd.ms / raw.ms).toFixed(2)} (goal <= 0.5, ${ok(cd.ms / raw.ms <= 0.5)})`,
  );
  for (const [name, run] of [
    ["c=1", c1],
    [`c=${DEFAULT_CONCURRENCY}`, cd],
  ] as const)
    if (run.ratio !== undefined)
      console.log(
        `  ${label}: bytes written / output bytes, ${name} ${run.ratio.toFixed(3)} (goal <= 2, ${ok(run.ratio <= 2)})`,
      );
}

const n = (size: number) => size.toLocaleString("en");
// One round each: the full run stays within a few minutes (100,000 users, three ways).
const small = await measure(local.url, "small", SMALL, 1);
report(`${n(SMALL)} users`, small);
const large = await measure(local.url, "large", LARGE, 1);
report(`${n(LARGE)} users`, large);
const scale = `${LARGE / 1000}k / ${SMALL / 1000}k`;
for (const [label, key] of [
  ["raw loop", "raw"],
  ["export c=1", "c1"],
  [`export c=${DEFAULT_CONCURRENCY}`, "cd"],
] as const) {
  const ratio = large[key].ms / small[key].ms;
  const goal = key === "raw" ? "reference" : `goal <= 5.5, ${ok(ratio <= 5.5)}`;
  console.log(`  time(${scale}) ${label} ${ratio.toFixed(2)} (${goal})`);
}
await local.worker.terminate();

// MyBOT is across a network: with 5 ms added per history answer, the wait that several users
// at once hide is there, as it is with the real vendor.
const LATENCY_MS = 5;
const remote = await sandboxThread([
  { endpoint: "history", type: "latency", latencyMs: LATENCY_MS },
]);
report(`1,000 users, ${LATENCY_MS} ms latency`, await measure(remote.url, "warm", 1000, 1));
await remote.worker.terminate();
process.exit(0);
